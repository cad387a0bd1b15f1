import FlyingFox
import FlyingSocks
import Foundation

/// Serves a built site over HTTP for `hysite serve`: files as they are on disk (each written whole by a rename,
/// so never half a page), `index.html` for folders, the site's `404.html` for misses, the live-reload script
/// added to HTML, and the `/__hysite/live` WebSocket.
public struct SiteHTTPHandler: HTTPHandler {
    /// How request paths map to files.
    public let paths: SitePath
    /// What open pages follow.
    public let live: LiveState
    private let socket: WebSocketHTTPHandler

    /// Serves `root` under `basePath`.
    public init(root: String, basePath: String, live: LiveState) {
        self.paths = SitePath(root: root, basePath: basePath)
        self.live = live
        self.socket = .webSocket(LiveReloadHandler(state: live))
    }

    /// Answers one request.
    public func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let raw = request.target.path(percentEncoded: true)
        if raw == LiveReloadScript.endpoint { return try await socket.handleRequest(request) }
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([.init("Allow"): "GET, HEAD"]))
        }
        switch paths.resolve(raw) {
        case .file(let path): return file(path, status: .ok, head: request.method == .HEAD)
        case .redirect(let location): return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: location]))
        case .notFound, .rejected: return notFound(head: request.method == .HEAD)
        }
    }

    func file(_ path: String, status: HTTPStatusCode, head: Bool) -> HTTPResponse {
        guard var data = FileManager.default.contents(atPath: path) else { return plain404() }
        let type = MediaType.of(path)
        if type.hasPrefix("text/html") { data = LiveReloadScript.inject(into: data, generation: live.currentGeneration) }
        let headers: [HTTPHeader: String] = [.contentType: type, .cacheControl: "no-store", .contentLength: "\(data.count)"]
        return HTTPResponse(statusCode: status, headers: HTTPHeaders(headers), body: head ? Data() : data)
    }

    func notFound(head: Bool) -> HTTPResponse {
        guard case .file(let page) = paths.resolve(paths.basePath + "404.html") else { return plain404() }
        return file(page, status: .notFound, head: head)
    }

    func plain404() -> HTTPResponse {
        HTTPResponse(statusCode: .notFound, headers: HTTPHeaders([.contentType: "text/plain; charset=utf-8"]), body: Data("not found\n".utf8))
    }
}

/// The HTTP server of `hysite serve`, on FlyingFox (plain sockets and Swift concurrency, no SwiftNIO).
public enum DevServer {
    /// A server for `handler` on `host:port` (an IPv4 or IPv6 literal; loopback by default).
    public static func make(host: String, port: UInt16, handler: SiteHTTPHandler) throws -> HTTPServer {
        let address: any SocketAddress = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: port)
                                                            : try sockaddr_in.inet(ip4: host, port: port)
        return HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)
    }
}

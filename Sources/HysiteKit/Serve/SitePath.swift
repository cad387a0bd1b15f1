import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Maps a request path to a file of the served site, refusing every way out of it: `..` and `.` segments
/// (plain or percent-encoded), NUL and backslashes, hidden files (the manifest), and symbolic links that
/// resolve outside the site's folder. Folders give their `index.html`; there are no listings.
public struct SitePath: Sendable {
    /// What a request path leads to.
    public enum Resolution: Sendable, Equatable {
        /// A regular file inside the site (its resolved path).
        case file(String)
        /// A folder asked for without its trailing slash, or the base path without it: go here instead.
        case redirect(String)
        case notFound
        /// An attempt to leave the site (`..`, an encoded one, a link pointing outside); answered as not found.
        case rejected
    }

    /// The site folder, fully resolved (links followed).
    public let root: String
    /// Where the site is mounted in the URL space: `/` or `/archive/`.
    public let basePath: String

    /// `root` is resolved here; `basePath` is normalised to start and end with `/`.
    public init(root: String, basePath: String = "/") {
        self.root = SitePath.realPath(root) ?? root
        let trimmed = basePath.split(separator: "/").joined(separator: "/")
        self.basePath = trimmed.isEmpty ? "/" : "/\(trimmed)/"
    }

    /// Resolves a raw (still percent-encoded) request path, without its query.
    public func resolve(_ rawPath: String) -> Resolution {
        if rawPath + "/" == basePath { return .redirect(basePath) }
        guard rawPath.hasPrefix(basePath) else { return rawPath == "/" ? .redirect(basePath) : .notFound }
        let remainder = String(rawPath.dropFirst(basePath.count))
        guard let decoded = remainder.removingPercentEncoding else { return .rejected }
        if decoded.contains("\0") || decoded.contains("\\") { return .rejected }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains(where: { $0 == ".." || $0 == "." }) { return .rejected }
        if parts.contains(where: { $0.hasPrefix(".") }) { return .notFound }
        let candidate = ([root] + parts.map(String.init)).joined(separator: "/")
        guard let real = inside(candidate) else { return exists(candidate) ? .rejected : .notFound }
        guard isDirectory(real) else { return .file(real) }
        if !rawPath.hasSuffix("/") { return .redirect(rawPath + "/") }
        guard let index = inside(real + "/index.html"), !isDirectory(index) else {
            return exists(real + "/index.html") ? .rejected : .notFound
        }
        return .file(index)
    }

    /// The resolved path when `path` exists and resolves inside the root.
    func inside(_ path: String) -> String? {
        guard let real = SitePath.realPath(path) else { return nil }
        return real == root || real.hasPrefix(root == "/" ? "/" : root + "/") ? real : nil
    }

    func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// `realpath(3)`: links followed, `.`/`..` removed; nil when the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// Media types (`Content-Type`) by file extension, as the site's files need them.
public enum MediaType {
    /// The `Content-Type` for a file name.
    public static func of(_ name: String) -> String {
        let ext = (name as NSString).pathExtension.lowercased()
        if ext.hasPrefix("pf_") { return "application/octet-stream" }  // Pagefind's index fragments
        return types[ext] ?? "application/octet-stream"
    }

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "svg": "image/svg+xml", "wasm": "application/wasm", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2", "pdf": "application/pdf", "webmanifest": "application/manifest+json",
        "jsonl": "application/jsonl; charset=utf-8", "csv": "text/csv; charset=utf-8",
    ]
}

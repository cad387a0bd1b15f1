import FlyingFox
import Foundation

/// The state open pages follow: which build they show (`generation`) and the last rebuild's errors. Pages
/// connect over a WebSocket (`/__hysite/live`) and get a message on every change.
public final class LiveState: @unchecked Sendable {
    private let lock = NSLock()
    private var generation = 1
    private var errors: [String] = []
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    /// A fresh state at generation 1 with no errors.
    public init() {}

    /// The build the server is serving now.
    public var currentGeneration: Int { lock.withLock { generation } }

    /// Open WebSocket connections.
    public var clientCount: Int { lock.withLock { clients.count } }

    /// A rebuild succeeded: pages reload.
    public func published() {
        let message = lock.withLock { () -> String in
            generation += 1
            errors = []
            return LiveState.message(generation: generation, errors: [])
        }
        broadcast(message)
    }

    /// A rebuild failed: the last good site stays; pages show these errors over their content.
    public func failed(_ messages: [String]) {
        let message = lock.withLock { () -> String in
            errors = messages
            return LiveState.message(generation: generation, errors: messages)
        }
        broadcast(message)
    }

    /// A new page's stream: the current state at once, then every change, until the page goes away.
    func subscribe(_ incoming: AsyncStream<WSMessage>) -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        let first = lock.withLock { () -> String in
            clients[id] = continuation
            return LiveState.message(generation: generation, errors: errors)
        }
        continuation.yield(.text(first))
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        Task { [weak self] in
            for await _ in incoming {}
            continuation.finish()
            self?.remove(id)
        }
        return stream
    }

    private func remove(_ id: UUID) { lock.withLock { _ = clients.removeValue(forKey: id) } }

    private func broadcast(_ text: String) {
        for c in lock.withLock({ Array(clients.values) }) { c.yield(.text(text)) }
    }

    /// `{"generation":N,"errors":[…]}`.
    static func message(generation: Int, errors: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: ["generation": generation, "errors": errors], options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Answers `/__hysite/live` WebSocket connections from `LiveState`.
struct LiveReloadHandler: WSMessageHandler {
    let state: LiveState
    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        state.subscribe(client)
    }
}

/// The script the server adds to every HTML page it serves (never to the site's files).
public enum LiveReloadScript {
    /// The WebSocket's path, outside any base path.
    public static let endpoint = "/__hysite/live"

    /// `html` with the script inserted before its last `</body>` (or at the end).
    public static func inject(into html: Data, generation: Int) -> Data {
        let tag = Data(script(generation: generation).utf8)
        guard let range = html.range(of: Data("</body>".utf8), options: .backwards) else { return html + tag }
        var out = html
        out.replaceSubrange(range.lowerBound..<range.lowerBound, with: tag)
        return out
    }

    /// The script: reload when the served build differs from the page's; show or clear the errors overlay.
    static func script(generation: Int) -> String {
        """
        <script data-hysite-live>(function(){var shown=\(generation);
        function overlay(errs){var o=document.getElementById('hysite-overlay');
        if(!errs.length){if(o)o.remove();return;}
        if(!o){o=document.createElement('div');o.id='hysite-overlay';o.setAttribute('role','alert');
        o.style.cssText='position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.93);color:#fdd;font:14px/1.5 monospace;padding:2em;white-space:pre-wrap';
        document.body.appendChild(o);}
        o.textContent='hysite: the last rebuild failed; this page shows the last good build.\\n\\n'+errs.join('\\n');}
        function connect(){var ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'\(endpoint)');
        ws.onmessage=function(e){var m=JSON.parse(e.data);if(m.generation!==shown){location.reload();return;}overlay(m.errors||[]);};
        ws.onclose=function(){setTimeout(connect,1000);};}
        connect();})();</script>
        """
    }
}

import Mustache

/// The same escaping as swift-mustache's HTML content type (`<>&"'`), without walking grapheme clusters:
/// text with none of those bytes (most of the paper's text) is returned as it is. Templates opt in with
/// `{{% CONTENT_TYPE: HTML }}`; a template without it is escaped by swift-mustache's own, slower code.
struct FastHTMLEscaping: MustacheContentType {
    static let installOnce: Void = { MustacheContentTypes.register(FastHTMLEscaping(), named: "HTML") }()
    static func install() { _ = installOnce }

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { buf -> String in
            guard buf.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
                return String(decoding: buf, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(buf.count + 32)
            for b in buf {
                switch b {
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
                default: out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}


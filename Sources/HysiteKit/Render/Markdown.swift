import Foundation
import CCmark

/// The body's way to HTML: the paper's text becomes Markdown with every special character escaped
/// (a `*` or `<` in the paper stays a `*` or `<`), then cmark renders it in its default safe mode.
public enum Markdown {
    /// Markdown source for paragraphs: each ASCII punctuation character backslash-escaped, paragraphs
    /// separated by blank lines, control characters dropped.
    public static func source(paragraphs: [String]) -> String {
        String(decoding: sourceBytes(paragraphs), as: UTF8.self)
    }

    /// The Markdown source as UTF-8 bytes, built byte by byte (the paper's text is valid UTF-8, so a scalar's
    /// bytes are copied as they come; only ASCII and the C1 controls, `C2 80`…`C2 9F`, are looked at).
    static func sourceBytes(_ paragraphs: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(paragraphs.reduce(0) { $0 + $1.utf8.count + 8 })
        for (i, p) in paragraphs.enumerated() {
            if i > 0 { out.append(0x0A); out.append(0x0A) }
            var p = p
            p.withUTF8 { appendEscaped($0, to: &out) }
        }
        return out
    }

    /// Appends one paragraph's escaped bytes; runs of bytes kept as they are (letters, digits, inner spaces,
    /// everything beyond ASCII) are copied in one go.
    static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let start = out.count
        var i = 0, run = 0
        func flush() {
            if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i])) }
        }
        while i < text.count {
            let b = text[i]
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
                i += 1
            case 0x80...:
                if b == 0xC2, i + 1 < text.count, (0x80...0x9F).contains(text[i + 1]) {  // a C1 control character
                    flush()
                    i += 2
                    run = i
                } else {
                    i += 1
                }
            case 0x20:
                i += 1
                // Spaces a dropped control character left at the start (`\u{1}    …`) would indent a code block.
                if out.count == start && run == i - 1 { run = i }
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                flush()
                out.append(0x5C)
                out.append(b)
                i += 1
                run = i
            default:  // 0x00...0x1F, 0x7F
                flush()
                if b == 0x09, out.count > start { out.append(0x20) }  // never a code block, never a control character
                i += 1
                run = i
            }
        }
        flush()
    }

    /// CommonMark to HTML through Debian's libcmark (safe mode: raw HTML and unsafe links are suppressed).
    public static func html(_ markdown: String) -> String { html(bytes: Array(markdown.utf8)) }

    /// CommonMark (UTF-8 bytes) to HTML through libcmark.
    static func html(bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buf -> String in
            guard let base = buf.baseAddress,
                  let out = base.withMemoryRebound(to: CChar.self, capacity: buf.count, { cmark_markdown_to_html($0, buf.count, CMARK_OPT_DEFAULT) })
            else { return "" }
            defer { free(out) }
            return String(cString: out)
        }
    }

    /// One cmark call per body.
    public static func body(_ paragraphs: [String]) -> String { html(bytes: sourceBytes(paragraphs)) }
}

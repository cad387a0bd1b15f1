import Foundation
import CCmark

/// The body's way to HTML: the paper's text becomes Markdown with every special character escaped
/// (a `*` or `<` in the paper stays a `*` or `<`), then cmark renders it in its default safe mode.
public enum Markdown {
    /// Markdown source for paragraphs: each ASCII punctuation character backslash-escaped, paragraphs
    /// separated by blank lines, control characters dropped.
    public static func source(paragraphs: [String]) -> String {
        var out = ""
        out.reserveCapacity(paragraphs.reduce(0) { $0 + $1.utf8.count + 8 })
        for (i, p) in paragraphs.enumerated() {
            if i > 0 { out += "\n\n" }
            out.unicodeScalars.append(contentsOf: escaped(p))
        }
        return out
    }

    static func escaped(_ text: String) -> String.UnicodeScalarView {
        var v = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                v.append("\\"); v.append(s)
            case 0x00...0x1F, 0x7F:
                if s == "\t", !v.isEmpty { v.append(" ") }  // never a code block, never a control character
            case 0x80...0x9F:
                continue
            case 0x20 where v.isEmpty:
                // Spaces a dropped control character left at the start (`\u{1}    …`) would indent a code block.
                continue
            default:
                v.append(s)
            }
        }
        return v
    }

    /// CommonMark to HTML through Debian's libcmark (safe mode: raw HTML and unsafe links are suppressed).
    public static func html(_ markdown: String) -> String {
        var md = markdown
        return md.withUTF8 { buf -> String in
            guard let base = buf.baseAddress,
                  let out = base.withMemoryRebound(to: CChar.self, capacity: buf.count, { cmark_markdown_to_html($0, buf.count, CMARK_OPT_DEFAULT) })
            else { return "" }
            defer { free(out) }
            return String(cString: out)
        }
    }

    /// One cmark call per body.
    public static func body(_ paragraphs: [String]) -> String { html(source(paragraphs: paragraphs)) }
}

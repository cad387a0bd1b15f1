@testable import HysiteKit

/// The scalar-by-scalar text functions the byte-level ones replaced (hysite 9571b93), kept as their oracle.
enum LegacyText {
    /// Every ASCII punctuation character escaped (the site's source escapes only what cmark could read as markup;
    /// through cmark both give the same HTML). A subheading's paragraph starts `## `.
    static func markdownSource(_ paragraphs: [String], subheadings: Set<Int> = []) -> String {
        var out = ""
        for (i, p) in paragraphs.enumerated() {
            if i > 0 { out += "\n\n" }
            if subheadings.contains(i) { out += "## " }
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
                if s == "\t", !v.isEmpty { v.append(" ") }
            case 0x80...0x9F:
                continue
            case 0x20 where v.isEmpty:
                continue
            default:
                v.append(s)
            }
        }
        return v
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if c.value < 0x20 {
                    let h = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    static func excerpt(_ p: String) -> String {
        let u = p.unicodeScalars
        return u.count <= 90 ? p : String(String.UnicodeScalarView(u.prefix(90))) + "…"
    }
}

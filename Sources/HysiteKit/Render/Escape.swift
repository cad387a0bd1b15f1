/// Escaping for the few places the renderer writes text itself (JSON-LD, XML); templates escape through `ByteEscaper`.
public enum Escape {
    /// HTML/XML text and attribute escaping (`<>&"'`), control characters dropped.
    public static func html(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            switch c {
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default:
                if c.value < 0x20 && c != "\n" && c != "\t" || (0x7F...0x9F).contains(c.value) || c.value == 0xFFFE || c.value == 0xFFFF { continue }
                out.append(c)
            }
        }
        return String(out)
    }

    /// A JSON string literal safe inside `<script>`: `<`, `>`, `&`, U+2028/9 are `\u` escaped.
    public static func jsonString(_ s: String) -> String {
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
}

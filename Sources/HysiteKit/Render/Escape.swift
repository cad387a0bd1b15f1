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
        var out: [UInt8] = []
        appendJSONString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal (quoted, escaped as `jsonString` does).
    static func appendJSONString(_ s: String, to out: inout some ByteSink) {
        out.append(0x22)
        var s = s
        s.withUTF8 { appendJSON($0, to: &out) }
        out.append(0x22)
    }

    static let hex = Array("0123456789abcdef".utf8)

    /// The index of the first byte at or after `start` that `appendJSON` looks at (`"` `\` `<` `>` `&`, a control
    /// character, or E2, which may start U+2028/9), or `n`: sixteen bytes at a time, the last sixteen read again
    /// from the end; a text shorter than sixteen bytes byte by byte.
    @inline(__always)
    static func nextJSONSpecial(_ base: UnsafePointer<UInt8>, _ n: Int, from start: Int) -> Int {
        // Each constant made here as a whole vector: comparing lanes with a scalar went through generic code.
        let quote = SIMD16<UInt8>(repeating: 0x22), backslash = SIMD16<UInt8>(repeating: 0x5C), lt = SIMD16<UInt8>(repeating: 0x3C)
        let gt = SIMD16<UInt8>(repeating: 0x3E), amp = SIMD16<UInt8>(repeating: 0x26), e2 = SIMD16<UInt8>(repeating: 0xE2)
        let control = SIMD16<UInt8>(repeating: 0x1F)
        func lanes(_ p: UnsafePointer<UInt8>) -> (low: UInt64, high: UInt64) {
            let v = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt8>.self)
            let m = (v .== quote)._storage | (v .== backslash)._storage | (v .== lt)._storage | (v .== gt)._storage
                | (v .== amp)._storage | (v .== e2)._storage | (pointwiseMin(v, control) .== v)._storage
            return SpecialLanes.words(m)
        }
        var i = start
        while n - i >= 16 {
            if let k = SpecialLanes.first(lanes(base + i), from: 0) { return i + k }
            i += 16
        }
        if i == n { return n }
        if n >= 16 { return SpecialLanes.first(lanes(base + (n - 16)), from: i - (n - 16)).map { n - 16 + $0 } ?? n }
        while i < n {
            let b = base[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 || b == 0xE2 { return i }
            i += 1
        }
        return n
    }

    /// The body of a JSON string literal, byte by byte (U+2028/9 are `E2 80 A8`/`A9` in UTF-8); runs of bytes
    /// that need nothing are copied at once.
    static func appendJSON(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout some ByteSink) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0, run = 0
        func flush() { if run < i { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run)) } }
        func escape(_ s: StaticString, skip: Int = 1) {
            flush()
            out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
            i += skip
            run = i
        }
        while i < n {
            i = nextJSONSpecial(base, n, from: i)  // the bytes before it need nothing: they stay in the run
            guard i < n else { break }
            let b = base[i]
            switch b {
            case 0x22: escape("\\\"")
            case 0x5C: escape("\\\\")
            case 0x0A: escape("\\n")
            case 0x0D: escape("\\r")
            case 0x09: escape("\\t")
            case 0x3C: escape("\\u003c")
            case 0x3E: escape("\\u003e")
            case 0x26: escape("\\u0026")
            case 0x00..<0x20:
                flush()
                out.append("\\u00")
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
                i += 1
                run = i
            case 0xE2 where i + 2 < n && base[i + 1] == 0x80 && (base[i + 2] == 0xA8 || base[i + 2] == 0xA9):
                escape(base[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", skip: 3)
            default:
                i += 1
            }
        }
        flush()
    }
}

extension ByteSink {
    /// Appends `s` as a JSON string literal (`Escape.appendJSONString`).
    mutating func appendJSONString(_ s: String) { Escape.appendJSONString(s, to: &self) }
}

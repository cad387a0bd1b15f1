/// The templates' HTML escaping, byte by byte over UTF-8: `<` `>` `&` `"` `'` become `&lt;` `&gt;` `&amp;`
/// `&quot;` `&#39;` (the same five, with the same entities, as swift-mustache's HTML content type);
/// every other byte is copied. Runs without those bytes are appended in one copy.
enum ByteEscaper {
    /// Appends `text` to `out`, escaped.
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { append($0, to: &out) }
    }

    /// Appends UTF-8 bytes to `out`, escaped.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var start = 0, i = 0
        while i < n {
            // Eight bytes at a time while none of them is one of the five.
            if i + 8 <= n, !hasSpecial(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let b = base[i]
            if needsEscape(b) {
                if start < i { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start)) }
                out.append(contentsOf: entity(b))
                start = i + 1
            }
            i += 1
        }
        if start < n { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: n - start)) }
    }

    /// Whether any of the eight bytes is `"`, `&`, `'`, `<` or `>` (a byte equal to c is a zero byte of `w ^ c…c`).
    @inline(__always)
    static func hasSpecial(_ w: UInt64) -> Bool {
        func hasZero(_ x: UInt64) -> Bool { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0 }
        return hasZero(w ^ 0x2222_2222_2222_2222) || hasZero(w ^ 0x2626_2626_2626_2626) || hasZero(w ^ 0x2727_2727_2727_2727)
            || hasZero(w ^ 0x3C3C_3C3C_3C3C_3C3C) || hasZero(w ^ 0x3E3E_3E3E_3E3E_3E3E)
    }

    @inline(__always)
    static func needsEscape(_ b: UInt8) -> Bool {
        b == 0x3C || b == 0x3E || b == 0x26 || b == 0x22 || b == 0x27
    }

    static let lt: [UInt8] = Array("&lt;".utf8), gt: [UInt8] = Array("&gt;".utf8), amp: [UInt8] = Array("&amp;".utf8)
    static let quot: [UInt8] = Array("&quot;".utf8), apos: [UInt8] = Array("&#39;".utf8)

    static func entity(_ b: UInt8) -> [UInt8] {
        switch b {
        case 0x3C: return lt
        case 0x3E: return gt
        case 0x26: return amp
        case 0x22: return quot
        default: return apos
        }
    }

    /// Appends `text` as it is.
    static func appendRaw(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends a number in decimal, as `String(describing:)` writes it.
    static func append(_ n: Int, to out: inout [UInt8]) {
        if n < 0 {
            out.append(contentsOf: Array(String(n).utf8))
            return
        }
        if n < 10 { out.append(0x30 + UInt8(n)); return }
        var digits: (low: UInt64, high: UInt64) = (0, 0)  // up to 16 digits, stored in reverse
        var count = 0
        var v = n
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0, count < 16 {
                buf[count] = 0x30 + UInt8(v % 10)
                v /= 10
                count += 1
            }
        }
        if v > 0 { out.append(contentsOf: Array(String(n).utf8)); return }
        withUnsafeBytes(of: &digits) { buf in
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }
}

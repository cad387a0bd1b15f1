/// Strings made from Unicode scalars. `String(scalars: slice)` appends one scalar at a
/// time through the generic view and showed as 18% of a parse in `perf`; this encodes UTF-8 straight
/// into the new string's storage.
extension String {
    /// The string of these scalars, in order.
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        let capacity = scalars.count * 4
        guard capacity > 0 else { self = ""; return }
        self = String(unsafeUninitializedCapacity: capacity) { buf in
            var n = 0
            for s in scalars {
                let v = s.value
                if v < 0x80 {
                    buf[n] = UInt8(v); n += 1
                } else if v < 0x800 {
                    buf[n] = UInt8(0xC0 | (v >> 6)); buf[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2
                } else if v < 0x10000 {
                    buf[n] = UInt8(0xE0 | (v >> 12)); buf[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buf[n + 2] = UInt8(0x80 | (v & 0x3F)); n += 3
                } else {
                    buf[n] = UInt8(0xF0 | (v >> 18)); buf[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buf[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buf[n + 3] = UInt8(0x80 | (v & 0x3F)); n += 4
                }
            }
            return n
        }
    }
}

/// Prefix and suffix tests by UTF-8 bytes, used throughout the parser. `String.hasPrefix` compares Characters (grapheme breaking at every one)
/// for any non-ASCII text: the dating's relative-word test alone was 2 % of a parse. The parser's words are whole
/// Han or punctuation characters, and the page's text is NFC, so bytes give the same answers.
extension StringProtocol {
    /// Whether the text's bytes start with `prefix`'s bytes.
    @inline(__always) func startsWithBytes<P: StringProtocol>(_ prefix: P) -> Bool { utf8.starts(with: prefix.utf8) }

    /// Whether the text's bytes end with `suffix`'s bytes.
    func endsWithBytes<P: StringProtocol>(_ suffix: P) -> Bool {
        let a = utf8, b = suffix.utf8
        guard a.count >= b.count else { return false }
        return a[a.index(a.endIndex, offsetBy: -b.count)...].elementsEqual(b)
    }
}

/// The number of Unicode scalars in valid UTF-8 `bytes`: the bytes that are not continuation bytes (`10xxxxxx`),
/// counted eight at a time (byte by byte it was 2.6 % of a page's parse, in every line's length).
func utf8ScalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base), n = bytes.count
    var continuation = 0, i = 0
    while i + 8 <= n {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        // A byte's top bit set and the bit below it clear (`w << 1` moves each byte's bit 6 to bit 7); the eight 0/1
        // bytes are summed by one multiply (`nonzeroBitCount` has no instruction on baseline x86-64).
        let ones = (w & ~(w << 1) & 0x8080_8080_8080_8080) >> 7
        continuation += Int(truncatingIfNeeded: (ones &* 0x0101_0101_0101_0101) >> 56)
        i += 8
    }
    while i < n {
        if bytes[i] & 0xC0 == 0x80 { continuation += 1 }
        i += 1
    }
    return n - continuation
}

extension String {
    /// Writes the text's scalars into `buffer` from `n` on, advancing `n`; the buffer must have room for one scalar per
    /// byte. Decodes the UTF-8 bytes straight (a String's bytes are valid UTF-8): iterating `unicodeScalars` was 4 % of
    /// a parse in the people finder's search text.
    func decodeScalars(into buffer: UnsafeMutableBufferPointer<Unicode.Scalar>, at n: inout Int) {
        var text = self
        text.withUTF8 { b in
            var i = 0
            while i < b.count {
                let c0 = UInt32(b[i])
                var v: UInt32
                if c0 < 0x80 {
                    v = c0; i += 1
                } else if c0 < 0xE0 {
                    v = (c0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F); i += 2
                } else if c0 < 0xF0 {
                    v = (c0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F); i += 3
                } else {
                    v = (c0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                    i += 4
                }
                buffer[n] = unsafeBitCast(v, to: Unicode.Scalar.self)
                n += 1
            }
        }
    }
}

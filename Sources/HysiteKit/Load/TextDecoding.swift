import Foundation

/// A page file's bytes turned into text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.
/// Line ends (CRLF, CR) become LF and control characters are dropped; nothing else in the text is changed.
/// A stray undecodable byte in an otherwise good file becomes U+FFFD with a warning naming its line,
/// so one bad byte never loses a page.
public enum TextDecoding {
    /// Foundation on Linux decodes GB18030 with this CFStringEncoding-derived value; there is no named constant.
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Why a page file could not be made text.
    public enum Failure: Error, Equatable {
        case binary(offset: Int)
        case undecodable
    }

    /// The decoded text with what decoding had to do to it: the encoding found, lines repaired, controls dropped.
    public struct Decoded: Equatable {
        /// The text, line ends made LF and control characters dropped.
        public var text: String
        /// The encoding found, as named in warnings: `UTF-8`, `UTF-8 with BOM`, `UTF-16` or `GB18030`.
        public var encoding: String
        /// Lines (1-based) where bytes could not be decoded and became U+FFFD.
        public var repairedLines: [Int] = []
        /// How many control characters (not tab or line ends) were dropped from the text.
        public var droppedControls = 0
    }

    /// The page file's text, when only the text is wanted (see `decodeReporting(_:)`).
    public static func decode(_ data: Data) -> Result<String, Failure> {
        decodeReporting(data).map(\.text)
    }

    /// The page file's text with its encoding, repaired lines and dropped controls; a failure for binary or undecodable bytes.
    public static func decodeReporting(_ data: Data) -> Result<Decoded, Failure> {
        decodeBytes(data).flatMap(cleanUp)
    }

    /// The bytes as text in the encoding they turn out to be in (UTF-16 with BOM, UTF-8, else GB18030), untouched.
    static func decodeBytes(_ data: Data) -> Result<Decoded, Failure> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let t = String(data: Data(bytes), encoding: .utf16) else { return .failure(.undecodable) }
            return .success(Decoded(text: t, encoding: "UTF-16"))
        }
        var bom = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3); bom = true }
        if let nul = bytes.withUnsafeBufferPointer({ $0.index(of: 0) }) { return .failure(.binary(offset: nul + (bom ? 3 : 0))) }
        if let t = String(validating: bytes, as: UTF8.self) {
            return .success(Decoded(text: t, encoding: bom ? "UTF-8 with BOM" : "UTF-8"))
        }
        return decodeInvalidUTF8(bytes, bom: bom)
    }

    /// Bytes that are not valid UTF-8 (BOM removed): UTF-8 with a few stray bytes, else GB18030 (a few bad lines repaired).
    static func decodeInvalidUTF8(_ bytes: [UInt8], bom: Bool) -> Result<Decoded, Failure> {
        let lines = lineStarts(bytes).count
        let lossy = String(decoding: bytes, as: UTF8.self)
        let replaced = lossy.unicodeScalars.lazy.filter { $0 == "\u{FFFD}" }.count
        let nonASCII = lossy.unicodeScalars.lazy.filter { !$0.isASCII }.count
        if bom || replaced <= 2 || replaced * 100 <= nonASCII {
            let utf8Bad = invalidUTF8Lines(bytes)
            // UTF-8 with a few stray bytes.
            return .success(Decoded(text: lossy, encoding: "UTF-8", repairedLines: utf8Bad))
        }
        if let t = String(data: Data(bytes), encoding: gb18030), !t.unicodeScalars.contains("\u{FFFD}") {
            return .success(Decoded(text: t, encoding: "GB18030"))
        }
        // GB18030 with a few stray bytes.
        let (clean, bad) = repairGB18030(bytes)
        guard let t = String(data: Data(clean), encoding: gb18030), bad.count <= max(2, lines / 5) else {
            return .failure(.undecodable)
        }
        return .success(Decoded(text: t, encoding: "GB18030", repairedLines: bad))
    }

    /// The decoded text with line ends made LF and control characters dropped and counted; binary when they abound.
    static func cleanUp(_ decoded: Decoded) -> Result<Decoded, Failure> {
        var decoded = decoded
        let (t, dropped) = droppingControls(lineEndsMadeLF(decoded.text))
        if dropped > 8 && dropped * 10 > t.unicodeScalars.count { return .failure(.binary(offset: 0)) }
        decoded.text = t
        decoded.droppedControls = dropped
        return .success(decoded)
    }

    /// The text with CRLF and lone CR made LF.
    static func lineEndsMadeLF(_ t: String) -> String {
        guard t.utf8.withContiguousStorageIfAvailable({ $0.index(of: 13) != nil }) ?? t.utf8.contains(13) else { return t }
        // Scalar by scalar (string search would compare grapheme clusters, and a CR before a
        // combining mark would survive): CRLF → LF, lone CR → LF.
        var v = String.UnicodeScalarView()
        var previousCR = false
        for c in t.unicodeScalars {
            if c == "\n" && previousCR { previousCR = false; continue }
            previousCR = c == "\r"
            v.append(previousCR ? "\n" : c)
        }
        return String(v)
    }

    /// The text without control characters (other than tab and line end), which are not text; and how many there were.
    static func droppingControls(_ t: String) -> (text: String, dropped: Int) {
        guard t.utf8.withContiguousStorageIfAvailable(mayHoldControl) ?? true, t.unicodeScalars.contains(where: isControl) else {
            return (text: t, dropped: 0)
        }
        var dropped = 0
        var v = String.UnicodeScalarView()
        for s in t.unicodeScalars { if isControl(s) { dropped += 1 } else { v.append(s) } }
        return (text: String(v), dropped: dropped)
    }

    /// A byte scan that rules control characters out for almost every page without decoding scalars: C0 controls
    /// but tab and line ends, DEL, C1 controls (`C2 80`…`C2 9F`) and U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`).
    /// Sixteen bytes at a time (with the byte after each, for the two-byte leads); a block that may hold one is
    /// looked at byte by byte.
    static func mayHoldControl(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let n = utf8.count
        var i = 0
        while n - i >= 17 {
            if ControlLanes.mayHold(base + i) {
                for k in i..<(i + 16) where holdsControl(utf8, at: k) { return true }
            }
            i += 16
        }
        while i < n {
            if holdsControl(utf8, at: i) { return true }
            i += 1
        }
        return false
    }

    /// Whether a control character starts at byte `i` (see `mayHoldControl`).
    @inline(__always)
    static func holdsControl(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = utf8[i], n = utf8.count
        if b < 0x20 && b != 0x0A && b != 0x09 && b != 0x0D || b == 0x7F { return true }
        if b == 0xC2, i + 1 < n, utf8[i + 1] >= 0x80 && utf8[i + 1] <= 0x9F { return true }
        if b == 0xEF, i + 2 < n, utf8[i + 1] == 0xBF, utf8[i + 2] >= 0xBE { return true }
        return false
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\n" && s != "\t" && s != "\r") || (0x7F...0x9F).contains(s.value)
            || s.value == 0xFFFE || s.value == 0xFFFF
    }

    /// Offsets where lines start; LF, CR and CRLF each end a line.
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) { starts.append(i + 1) }
            i += 1
        }
        return starts
    }

    static func line(of offset: Int, in starts: [Int]) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// 1-based lines holding bytes that are not valid UTF-8.
    static func invalidUTF8Lines(_ bytes: [UInt8]) -> [Int] {
        let starts = lineStarts(bytes)
        var bad: [Int] = []
        for (k, s) in starts.enumerated() {
            let e = k + 1 < starts.count ? starts[k + 1] : bytes.count
            if String(validating: bytes[s..<e], as: UTF8.self) == nil { bad.append(k + 1) }
        }
        return bad
    }

    /// Replaces byte sequences that are not GB18030 with the GB18030 code of U+FFFD
    /// (0x84 0x31 0xA4 0x37), returning the cleaned bytes and the lines that held them.
    static func repairGB18030(_ bytes: [UInt8]) -> (bytes: [UInt8], repairedLines: [Int]) {
        let replacement: [UInt8] = [0x84, 0x31, 0xA4, 0x37]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var bad = Set<Int>()
        let starts = lineStarts(bytes)
        var i = 0
        func lead(_ b: UInt8) -> Bool { (0x81...0xFE).contains(b) }
        func digit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b); i += 1
            } else if lead(b), i + 1 < bytes.count, (0x40...0x7E).contains(bytes[i + 1]) || (0x80...0xFE).contains(bytes[i + 1]) {
                out.append(b); out.append(bytes[i + 1]); i += 2
            } else if lead(b), i + 3 < bytes.count, digit(bytes[i + 1]), lead(bytes[i + 2]), digit(bytes[i + 3]) {
                out.append(contentsOf: bytes[i...(i + 3)]); i += 4
            } else {
                out.append(contentsOf: replacement); bad.insert(line(of: i, in: starts)); i += 1
            }
        }
        return (out, bad.sorted())
    }
}

/// Sixteen bytes at a time for `TextDecoding.mayHoldControl`.
enum ControlLanes {
    typealias Lanes = SIMD16<UInt8>

    /// Whether the sixteen bytes at `p` (with the byte after them readable) may start a control character: a byte
    /// below 0x20 but tab, LF and CR; DEL; `C2` before `80`…`9F`; `EF` before `BF` (its third byte is looked at then).
    @inline(__always)
    static func mayHold(_ p: UnsafePointer<UInt8>) -> Bool {
        // Each constant made as a whole vector: comparing lanes with a scalar went through generic code.
        let space = Lanes(repeating: 0x20), tab = Lanes(repeating: 0x09), lf = Lanes(repeating: 0x0A), cr = Lanes(repeating: 0x0D)
        let del = Lanes(repeating: 0x7F), c2 = Lanes(repeating: 0xC2), ef = Lanes(repeating: 0xEF), bf = Lanes(repeating: 0xBF)
        let c1Low = Lanes(repeating: 0x80), c1High = Lanes(repeating: 0x9F)
        let v = UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
        let next = UnsafeRawPointer(p + 1).loadUnaligned(as: Lanes.self)
        let low = (v .< space)._storage & (v .!= tab)._storage & (v .!= lf)._storage & (v .!= cr)._storage
        let c1 = (v .== c2)._storage & (next .>= c1Low)._storage & (next .<= c1High)._storage
        let m = low | (v .== del)._storage | c1 | ((v .== ef)._storage & (next .== bf)._storage)
        let w = SpecialLanes.words(m)
        return w.low | w.high != 0
    }
}

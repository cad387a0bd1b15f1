import Foundation

/// The templates' HTML escaping, byte by byte over UTF-8: `<` `>` `&` `"` `'` become `&lt;` `&gt;` `&amp;`
/// `&quot;` `&#39;` (the same five, with the same entities, as swift-mustache's HTML content type);
/// every other byte is copied. Runs without those bytes are appended in one copy.
enum ByteEscaper {
    /// Appends `text` to `out`, escaped.
    static func append(_ text: String, to out: inout some ByteSink) {
        var text = text
        text.withUTF8 { append($0, to: &out) }
    }

    /// Appends UTF-8 bytes to `out`, escaped: each run up to the next of the five (`nextSpecial`) in one copy.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout some ByteSink) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var start = 0
        while true {
            let i = nextSpecial(base, n, from: start)
            if start < i { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start)) }
            guard i < n else { return }
            out.append(entity(base[i]))
            start = i + 1
        }
    }

    /// The index of the first of the five at or after `start` in the `n` bytes at `base`, or `n`: sixteen bytes at a
    /// time, the last sixteen (or eight, for a shorter text) read again from the end instead of byte by byte (most
    /// texts are short, and their tails cost more than the rest).
    @inline(__always)
    static func nextSpecial(_ base: UnsafePointer<UInt8>, _ n: Int, from start: Int) -> Int {
        var i = start
        while n - i >= 16 {
            if let k = SpecialLanes.first(SpecialLanes.html(base + i), from: 0) { return i + k }
            i += 16
        }
        if i == n { return n }
        if n >= 16 {
            let k = SpecialLanes.first(SpecialLanes.html(base + (n - 16)), from: i - (n - 16))
            return k.map { n - 16 + $0 } ?? n
        }
        if n - i >= 8 {
            if let k = firstSpecial(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), from: 0) { return i + k }
            let k = firstSpecial(UnsafeRawPointer(base + (n - 8)).loadUnaligned(as: UInt64.self), from: i + 8 - (n - 8))
            return k.map { n - 8 + $0 } ?? n
        }
        while i < n, !needsEscape(base[i]) { i += 1 }
        return i
    }

    /// The first of the eight bytes of `w` (in memory order), from byte `skip` on, that is one of the five; the
    /// bytes before `skip` must be none of them. (A byte equal to c is a zero byte of `w ^ c…c`; the lowest zero
    /// byte a test marks is exact, a mark above one may be false.)
    @inline(__always)
    static func firstSpecial(_ w: UInt64, from skip: Int) -> Int? {
        func zeros(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
        let w = UInt64(littleEndian: w)
        let marks = zeros(w ^ 0x2222_2222_2222_2222) | zeros(w ^ 0x2626_2626_2626_2626) | zeros(w ^ 0x2727_2727_2727_2727)
            | zeros(w ^ 0x3C3C_3C3C_3C3C_3C3C) | zeros(w ^ 0x3E3E_3E3E_3E3E_3E3E)
        let left = marks & (~0 << UInt64(skip << 3))
        return left == 0 ? nil : left.trailingZeroBitCount >> 3
    }

    @inline(__always)
    static func needsEscape(_ b: UInt8) -> Bool {
        b == 0x3C || b == 0x3E || b == 0x26 || b == 0x22 || b == 0x27
    }

    /// The entity of one of the five.
    static func entity(_ b: UInt8) -> StaticString {
        switch b {
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x26: return "&amp;"
        case 0x22: return "&quot;"
        default: return "&#39;"
        }
    }

    /// Appends `text` as it is.
    static func appendRaw(_ text: String, to out: inout some ByteSink) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends a number in decimal, as `String(describing:)` writes it.
    static func append(_ n: Int, to out: inout some ByteSink) {
        if n < 0 {
            Array(String(n).utf8).withUnsafeBufferPointer { out.append(contentsOf: $0) }
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
        if v > 0 { Array(String(n).utf8).withUnsafeBufferPointer { out.append(contentsOf: $0) }; return }
        withUnsafeBytes(of: &digits) { buf in
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }
}

/// Sixteen bytes at a time: which of them are special, as 0xFF bytes in two words (bytes 0–7, then 8–15).
enum SpecialLanes {
    typealias Lanes = SIMD16<UInt8>

    /// Which of the sixteen bytes at `p` are `"`, `&`, `'`, `<` or `>`.
    @inline(__always)
    static func html(_ p: UnsafePointer<UInt8>) -> (low: UInt64, high: UInt64) {
        // Each constant made here as a whole vector: comparing lanes with a scalar went through generic code.
        let quot = Lanes(repeating: 0x22), amp = Lanes(repeating: 0x26), apos = Lanes(repeating: 0x27)
        let lt = Lanes(repeating: 0x3C), gt = Lanes(repeating: 0x3E)
        let v = UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
        let m = (v .== quot)._storage | (v .== amp)._storage | (v .== apos)._storage | (v .== lt)._storage | (v .== gt)._storage
        return words(m)
    }

    /// A lane mask as two words, in memory order.
    @inline(__always)
    static func words(_ m: SIMD16<Int8>) -> (low: UInt64, high: UInt64) {
        let w = unsafeBitCast(m, to: (UInt64, UInt64).self)
        return (low: UInt64(littleEndian: w.0), high: UInt64(littleEndian: w.1))
    }

    /// The first marked byte from byte `skip` on (0…15), if any.
    @inline(__always)
    static func first(_ m: (low: UInt64, high: UInt64), from skip: Int) -> Int? {
        let low = skip >= 8 ? 0 : m.low & (~0 << UInt64(skip << 3))
        let high = skip <= 8 ? m.high : m.high & (~0 << UInt64((skip - 8) << 3))
        if low != 0 { return low.trailingZeroBitCount >> 3 }
        if high != 0 { return 8 + high.trailingZeroBitCount >> 3 }
        return nil
    }
}

/// Where escaped or copied bytes go: a byte array, or the page a compiled template writes (`PageBuffer`).
protocol ByteSink {
    /// Appends bytes.
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Makes room for `minimumCapacity` bytes in all.
    mutating func reserveCapacity(_ minimumCapacity: Int)
    /// How many bytes were written.
    var count: Int { get }
}

extension ByteSink {
    /// Appends a literal's UTF-8.
    mutating func append(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8.
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends an array's bytes.
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }
}

extension Array: ByteSink where Element == UInt8 {}

/// A page being written: one buffer that doubles when full, so an append is a capacity check and a copy (an
/// array's append also checks that its storage is not shared, a tenth of a page's time over its 500 appends).
/// Owned by whoever made it, who must `free` it.
struct PageBuffer: ByteSink {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// The bytes written so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Byte `i` of what was written.
    subscript(_ i: Int) -> UInt8 { base[i] }

    /// Appends bytes: up to sixteen (most appends: a field, an entity, a short literal) by two overlapping loads and
    /// stores of eight or four bytes each, reading and writing only those bytes; more by `memcpy`.
    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let n = bytes.count
        if count + n > capacity { grow(to: count + n) }
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(base + count)
        switch n {
        case 8...16: Self.copy(UInt64.self, from, to, n)
        case 4..<8: Self.copy(UInt32.self, from, to, n)
        case 0..<4: for i in 0..<n { base[count + i] = source[i] }
        default: memcpy(to, from, n)
        }
        count += n
    }

    /// Copies `n` bytes (one to two `T`s' worth) as the first and the last `T` of them, which overlap.
    @inline(__always)
    static func copy<T: FixedWidthInteger>(_: T.Type, _ from: UnsafeRawPointer, _ to: UnsafeMutableRawPointer, _ n: Int) {
        let size = MemoryLayout<T>.size
        let head = from.loadUnaligned(as: T.self), tail = from.loadUnaligned(fromByteOffset: n - size, as: T.self)
        to.storeBytes(of: head, as: T.self)
        to.storeBytes(of: tail, toByteOffset: n - size, as: T.self)
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Makes room for `minimumCapacity` bytes in all.
    mutating func reserveCapacity(_ minimumCapacity: Int) {
        if minimumCapacity > capacity { grow(to: minimumCapacity) }
    }

    /// Inserts bytes at `index`, moving what follows.
    mutating func insert(contentsOf bytes: UnsafeBufferPointer<UInt8>, at index: Int) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        memmove(base + index + bytes.count, base + index, count - index)
        memcpy(base + index, source, bytes.count)
        count += bytes.count
    }

    /// Room for at least `needed` bytes: twice the capacity, or more.
    mutating func grow(to needed: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(needed, 2 * capacity))
        memcpy(bigger, base, count)
        base.deallocate()
        base = bigger
        capacity = max(needed, 2 * capacity)
    }

    /// Gives the memory back.
    func free() { base.deallocate() }
}

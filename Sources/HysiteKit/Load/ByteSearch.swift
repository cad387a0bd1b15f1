import Foundation

extension UnsafeBufferPointer where Element == UInt8 {
    /// The index of the first `byte` at or after `start`, or nil (`memchr`: a page's bytes are scanned many times
    /// while it is decoded and split, and a body's HTML while its names are linked; byte-by-byte loops cost more).
    func index(of byte: UInt8, from start: Int = 0) -> Int? {
        guard start < count, let base = baseAddress, let p = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }
}

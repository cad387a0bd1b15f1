/// A set of Unicode scalars looked up by bit: the parser asks "is this scalar one of …" at nearly every scalar of
/// every page, and hashing each scalar into a `Set` was a tenth of parsing. Scalars past U+FFFF (rare) go to a `Set`.
struct ScalarSet: Sendable, ExpressibleByArrayLiteral {
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    private var astral: Set<Unicode.Scalar> = []

    /// The set of `scalars`.
    init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        for s in scalars { insert(s) }
    }

    /// The set of the listed scalars.
    init(arrayLiteral scalars: Unicode.Scalar...) { self.init(scalars) }

    /// Adds `s`.
    mutating func insert(_ s: Unicode.Scalar) {
        if s.value < 0x10000 { bits[Int(s.value >> 6)] |= 1 << UInt64(s.value & 63) } else { astral.insert(s) }
    }

    /// Whether `s` is in the set.
    @inline(__always) func contains(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x10000 ? bits[Int(s.value >> 6)] & (1 << UInt64(s.value & 63)) != 0 : astral.contains(s)
    }
}

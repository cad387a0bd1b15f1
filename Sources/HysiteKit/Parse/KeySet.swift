/// A set of non-zero packed keys (`NameModel.key`) in an open-addressed table with a multiplicative hash. The name
/// model asks for words at nearly every candidate name, and `Set<UInt64>` hashed each key with SipHash (1.4 % of a
/// parse); these keys are built from the program's own word lists, so no flooding defence is needed.
struct KeySet: Sendable {
    private var slots: [UInt64]
    private let shift: UInt64
    private let mask: Int

    /// The set of `keys`; a zero key (an empty word) is left out and never found.
    init<S: Sequence>(_ keys: S) where S.Element == UInt64 {
        let list = Array(keys)
        var bits: UInt64 = 4
        while (1 << bits) < list.count * 2 { bits += 1 }
        slots = [UInt64](repeating: 0, count: 1 << bits)
        shift = 64 - bits
        mask = (1 << Int(bits)) - 1
        for k in list where k != 0 {
            var i = slot(k)
            while slots[i] != 0 && slots[i] != k { i = (i + 1) & mask }
            slots[i] = k
        }
    }

    @inline(__always) private func slot(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Whether `k` is in the set.
    @inline(__always) func contains(_ k: UInt64) -> Bool {
        guard k != 0 else { return false }
        var i = slot(k)
        while true {
            let s = slots[i]
            if s == k { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }
}

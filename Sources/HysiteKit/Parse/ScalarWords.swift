/// Words kept as arrays of scalars, so that matching them against a line's scalars allocates nothing.
struct ScalarWords: Sendable {
    /// The words, in the order given.
    let words: [[Unicode.Scalar]]
    /// The words' first scalars, for a quick test before comparing.
    let firsts: ScalarSet

    init(_ words: [String]) {
        self.words = words.map { Array($0.unicodeScalars) }
        self.firsts = ScalarSet(self.words.compactMap(\.first))
    }

    /// The first word (in the order given) that `s` starts with at `from`.
    func prefix<C: Collection>(of s: C, from: C.Index? = nil) -> [Unicode.Scalar]? where C.Element == Unicode.Scalar {
        let start = from ?? s.startIndex
        guard start < s.endIndex, firsts.contains(s[start]) else { return nil }
        return words.first { s[start...].starts(with: $0) }
    }

    /// The longest word that `s` starts with at `from`.
    func longestPrefix(of s: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar]? {
        guard let f = s.first, firsts.contains(f) else { return nil }
        return words.filter { s.starts(with: $0) }.max { $0.count < $1.count }
    }

    /// Whether any word occurs anywhere in `s`.
    func occurs(in s: [Unicode.Scalar]) -> Bool {
        for i in s.indices where firsts.contains(s[i]) {
            if words.contains(where: { s[i...].starts(with: $0) }) { return true }
        }
        return false
    }

    /// Whether `s` is exactly one of the words.
    func contains(_ s: [Unicode.Scalar]) -> Bool {
        guard let f = s.first, firsts.contains(f) else { return false }
        return words.contains(s)
    }
}

/// Where `needle` first occurs in `hay`, as an offset from `hay`'s start, comparing scalar by scalar (Foundation's
/// `range(of:)` did this for the parser through NSString, 4% of a clean build's time).
func firstOffset(of needle: [Unicode.Scalar], in hay: ArraySlice<Unicode.Scalar>) -> Int? {
    guard let first = needle.first, needle.count <= hay.count else { return needle.isEmpty ? 0 : nil }
    var i = hay.startIndex
    while i + needle.count <= hay.endIndex {
        if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i - hay.startIndex }
        i += 1
    }
    return nil
}

/// An article's paragraphs: the strings the parser made, or the parse cache's bytes for them, decoded only when
/// read. A rebuild reads every cached article and renders a few dozen; making Strings of all their paragraphs
/// (checking 300 MB of UTF-8 at 100,000 articles) was three quarters of reading the cache.
public enum ParagraphText: Sendable {
    /// The paragraphs as strings.
    case strings([String])
    /// The paragraphs in the cache's form (`CacheWriter.strings`: a count, then each one's byte count and UTF-8),
    /// checked whole when read from the cache.
    case encoded([UInt8])

    /// The paragraphs (decoded from the cache's bytes each time they are asked for, when that is what is held).
    public var strings: [String] {
        switch self {
        case .strings(let list): return list
        case .encoded(let bytes):
            return bytes.withUnsafeBufferPointer { buf in
                var r = CacheReader(buf)
                return (try? r.strings()) ?? []  // the bytes were checked when they were read
            }
        }
    }
}

extension ParagraphText: Hashable {
    public static func == (a: ParagraphText, b: ParagraphText) -> Bool {
        if case .encoded(let x) = a, case .encoded(let y) = b { return x == y }
        return a.strings == b.strings
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(strings) }
}

extension ParagraphText: Codable {
    public init(from decoder: Decoder) throws { self = .strings(try decoder.singleValueContainer().decode([String].self)) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(strings)
    }
}

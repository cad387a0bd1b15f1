/// An article's paragraphs: the strings the parser made, or the parse cache's bytes for them, decoded only when
/// read. A rebuild reads every cached article and renders a few dozen; making Strings of all their paragraphs
/// (checking 300 MB of UTF-8 at 100,000 articles) was three quarters of reading the cache.
public enum ParagraphText: Sendable {
    /// The paragraphs as strings.
    case strings([String])
    /// The paragraphs in the cache's form (`CacheWriter.strings`: a count, then each one's byte count and UTF-8),
    /// checked whole when read from the cache.
    case encoded([UInt8])
    /// The same, as a slice of the cache file they were read from (kept while any article points into it).
    case kept(KeptSlice)

    /// The paragraphs (decoded from the cache's bytes each time they are asked for, when that is what is held).
    public var strings: [String] {
        switch self {
        case .strings(let list): return list
        case .encoded(let bytes): return bytes.withUnsafeBufferPointer(Self.decode)
        case .kept(let slice):
            // Checked when read; bytes that no longer read were changed in place by another program since.
            guard let list = withExtendedLifetime(slice.owner, { Self.decodeChecked(slice.bytes) }) else { KeptBytes.changedUnderneath() }
            return list
        }
    }

    /// The first paragraph (nil when there is none), decoding only it when the cache's bytes are held: a teaser's
    /// excerpt needs no more (decoding all paragraphs for it was a tenth of a rebuild from the parse cache).
    public var first: String? {
        switch self {
        case .strings(let list): return list.first
        case .encoded(let bytes): return bytes.withUnsafeBufferPointer { Self.decodeFirst($0) ?? nil }
        case .kept(let slice):
            // Bytes that no longer read were changed in place by another program since (as `strings` tells).
            guard let first = withExtendedLifetime(slice.owner, { Self.decodeFirst(slice.bytes) }) else { KeptBytes.changedUnderneath() }
            return first
        }
    }

    /// The first of the paragraphs in `bytes` (nil inside when there are none), or nil when its count or its
    /// length does not read; the paragraphs after it are not looked at.
    static func decodeFirst(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        var r = CacheReader(bytes)
        guard let n = try? r.count() else { return nil }
        guard n > 0 else { return .some(nil) }
        guard let first = try? r.string() else { return nil }
        return .some(first)
    }

    /// The paragraphs in the cache's bytes, which were checked when they were read.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] { decodeChecked(bytes) ?? [] }

    /// The paragraphs in `bytes`, or nil when they are not one list of strings.
    static func decodeChecked(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var r = CacheReader(bytes)
        guard let list = try? r.strings(), (try? r.finish()) != nil else { return nil }
        return list
    }

    /// The cache's bytes, when that is what is held.
    func withEncodedBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        switch self {
        case .strings: return nil
        case .encoded(let bytes): return bytes.withUnsafeBufferPointer(body)
        case .kept(let slice): return withExtendedLifetime(slice.owner) { body(slice.bytes) }
        }
    }
}

extension ParagraphText: Hashable {
    /// Compares the cache's bytes when both hold them, else the paragraphs as strings.
    public static func == (a: ParagraphText, b: ParagraphText) -> Bool {
        let same = a.withEncodedBytes { x in b.withEncodedBytes { y in x.elementsEqual(y) } }
        if let same = same, let same { return same }
        return a.strings == b.strings
    }

    /// Hashes the paragraphs as strings, so equal values hash alike whichever form they hold.
    public func hash(into hasher: inout Hasher) { hasher.combine(strings) }
}

extension ParagraphText: Codable {
    /// Reads the paragraphs from a JSON array of strings, held as `.strings`.
    public init(from decoder: Decoder) throws { self = .strings(try decoder.singleValueContainer().decode([String].self)) }

    /// Writes the paragraphs as an array of strings, decoding the cache's bytes first when those are held.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(strings)
    }
}

import Foundation

/// The parse cache's binary form, written and read field by field for the few types it holds: through Swift's
/// `Codable` (the generic `OrderedBinaryCoder` it replaces) reading the cache of 100,000 articles cost 6 s of CPU
/// and writing it 9 s. Integers are LEB128 varints (zigzag), strings a byte count then UTF-8, lists a count then
/// their elements, optionals a 0/1 tag. Anything truncated, overlong or trailing is refused.
protocol CacheCodable {
    /// Appends the value.
    func write(to w: inout CacheWriter)
    /// Reads a value written by `write(to:)`.
    init(from r: inout CacheReader) throws
}

/// Bytes being written in the cache's form.
struct CacheWriter {
    var bytes: [UInt8] = []

    mutating func int(_ v: Int) {
        var u = UInt64(bitPattern: Int64(v << 1) ^ Int64(v >> 63))
        while u >= 0x80 {
            bytes.append(UInt8(u & 0x7F) | 0x80)
            u >>= 7
        }
        bytes.append(UInt8(u))
    }

    /// Appends a string: its byte count, then its UTF-8 copied whole (appending the UTF-8 view went byte by byte).
    mutating func string(_ s: String) {
        int(s.utf8.count)
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes += s.utf8 }
    }

    mutating func strings(_ list: [String]) {
        int(list.count)
        for s in list { string(s) }
    }

    mutating func optional<T>(_ v: T?, _ body: (inout CacheWriter, T) -> Void) {
        guard let v else { bytes.append(0); return }
        bytes.append(1)
        body(&self, v)
    }

    mutating func list<T: CacheCodable>(_ list: [T]) {
        int(list.count)
        for x in list { x.write(to: &self) }
    }
}

/// Bytes being read in the cache's form.
struct CacheReader {
    /// Why bytes were refused.
    enum Malformed: Error { case truncated, overlong, badTag, badValue, trailing }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0
    /// What `bytes` lie in when they are kept (paragraphs are then read as slices of them, not copied).
    private let owner: KeptBytes?

    /// Reads `bytes`, which must outlive the reader; `owner`, when given, holds them.
    init(_ bytes: UnsafeBufferPointer<UInt8>, owner: KeptBytes? = nil) {
        self.bytes = bytes
        self.owner = owner
    }

    /// Throws unless every byte was read.
    func finish() throws { if at != bytes.count { throw Malformed.trailing } }

    mutating func int() throws -> Int {
        var u: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard at < bytes.count else { throw Malformed.truncated }
            let b = bytes[at]
            at += 1
            guard shift < 64 else { throw Malformed.overlong }
            u |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }

    /// A count: an int that is not negative and not more than the bytes left could hold.
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - at else { throw Malformed.badValue }
        return n
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self)
    }

    /// A string's UTF-8 bytes where they lie, not decoded (nor checked as UTF-8).
    mutating func stringBytes() throws -> UnsafeBufferPointer<UInt8> {
        let n = try count()
        defer { at += n }
        return UnsafeBufferPointer(rebasing: bytes[at..<at + n])
    }

    mutating func strings() throws -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    /// A list of strings as its bytes (as `strings()` would read them), checked but not decoded: a slice of the
    /// kept bytes, or a copy when they are not kept.
    mutating func encodedStrings() throws -> ParagraphText {
        let start = at
        let n = try count()
        for _ in 0..<n { at += try count() }
        let run = UnsafeBufferPointer(rebasing: bytes[start..<at])
        guard let owner else { return .encoded(Array(run)) }
        return .kept(KeptSlice(owner: owner, bytes: run))
    }

    mutating func optional<T>(_ body: (inout CacheReader) throws -> T) throws -> T? {
        guard at < bytes.count else { throw Malformed.truncated }
        let tag = bytes[at]
        at += 1
        switch tag {
        case 0: return nil
        case 1: return try body(&self)
        default: throw Malformed.badTag
        }
    }

    mutating func list<T: CacheCodable>(_ type: T.Type) throws -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try T(from: &self)) }
        return out
    }
}

extension Int: CacheCodable {
    func write(to w: inout CacheWriter) { w.int(self) }
    init(from r: inout CacheReader) throws { self = try r.int() }
}

extension Day: CacheCodable {
    func write(to w: inout CacheWriter) { w.int(year); w.int(month); w.int(day) }
    init(from r: inout CacheReader) throws { self.init(year: try r.int(), month: try r.int(), day: try r.int()) }
}

extension Reporter: CacheCodable {
    func write(to w: inout CacheWriter) { w.string(name); w.string(role) }
    init(from r: inout CacheReader) throws { self.init(name: try r.string(), role: try r.string()) }
}

extension TitleMention: CacheCodable {
    func write(to w: inout CacheWriter) { w.string(name); w.string(title) }
    init(from r: inout CacheReader) throws { self.init(name: try r.string(), title: try r.string()) }
}

extension PeopleFinder.Hit: CacheCodable {
    func write(to w: inout CacheWriter) { w.string(name); w.int(offset); w.strings(titles) }
    init(from r: inout CacheReader) throws { self.init(name: try r.string(), offset: try r.int(), titles: try r.strings()) }
}

extension Diagnostic: CacheCodable {
    func write(to w: inout CacheWriter) {
        w.string(code.rawValue); w.string(file); w.optional(line) { $0.int($1) }; w.string(severity.rawValue); w.string(message)
    }
    init(from r: inout CacheReader) throws {
        guard let code = Code(rawValue: try r.string()) else { throw CacheReader.Malformed.badValue }
        let file = try r.string(), line = try r.optional { try $0.int() }
        guard let severity = Severity(rawValue: try r.string()) else { throw CacheReader.Malformed.badValue }
        self.init(code: code, file: file, line: line, severity: severity, message: try r.string())
    }
}

extension Article: CacheCodable {
    /// How many stored properties `write(to:)` writes: a test compares it with `Article`'s own, so a field added
    /// to `Article` and not to the cache fails there instead of vanishing on a rebuild.
    static let cachedFieldCount = 18

    func write(to w: inout CacheWriter) {
        w.string(id); w.string(file); w.int(position); w.int(line); w.optional(kicker) { $0.string($1) }; w.string(title)
        w.strings(subtitles); w.optional(byline.source) { $0.string($1) }; w.list(byline.reporters)
        w.optional(date) { $1.write(to: &$0) }; w.string(datePrecision.rawValue); w.optional(timeOfDay) { $0.string($1) }
        switch paragraphText {
        case .strings(let list): w.strings(list)
        case .encoded(let bytes): w.bytes += bytes
        case .kept(let slice): w.bytes += slice.bytes
        }
        w.strings(people); w.list(titles); w.strings(furniture)
        w.list(subheadings)
        w.optional(continuesOn) { $0.int($1) }; w.optional(continuedFrom) { $0.int($1) }
    }

    init(from r: inout CacheReader) throws {
        let id = try r.string(), file = try r.string(), position = try r.int(), line = try r.int()
        let kicker = try r.optional { try $0.string() }, title = try r.string(), subtitles = try r.strings()
        let byline = Byline(source: try r.optional { try $0.string() }, reporters: try r.list(Reporter.self))
        let date = try r.optional { try Day(from: &$0) }
        guard let precision = DatePrecision(rawValue: try r.string()) else { throw CacheReader.Malformed.badValue }
        let timeOfDay = try r.optional { try $0.string() }, paragraphs = try r.encodedStrings()
        self.init(id: id, file: file, position: position, line: line, kicker: kicker, title: title, subtitles: subtitles,
                  byline: byline, date: date, timeOfDay: timeOfDay, paragraphs: [], people: try r.strings(),
                  titles: try r.list(TitleMention.self))
        paragraphText = paragraphs
        datePrecision = precision
        furniture = try r.strings()
        subheadings = try r.list(Int.self)
        continuesOn = try r.optional { try $0.int() }
        continuedFrom = try r.optional { try $0.int() }
    }
}

extension ParseCache.Entry: CacheCodable {
    func write(to w: inout CacheWriter) {
        w.string(key); w.string(file); w.string(hash); w.list(articles); w.list(diagnostics)
        w.int(evidence.count); for e in evidence { w.list(e) }
    }
    init(from r: inout CacheReader) throws {
        let key = try r.string(), file = try r.string(), hash = try r.string()
        let articles = try r.list(Article.self), diagnostics = try r.list(Diagnostic.self)
        let n = try r.count()
        let evidence = try (0..<n).map { _ in try r.list(PeopleFinder.Hit.self) }
        self.init(key: key, file: file, hash: hash, articles: articles, diagnostics: diagnostics, evidence: evidence)
    }
}

extension ParseCache.Shard: CacheCodable {
    func write(to w: inout CacheWriter) { w.string(format); w.string(version); w.string(options); w.list(entries) }
    init(from r: inout CacheReader) throws {
        self.init(format: try r.string(), version: try r.string(), options: try r.string(), entries: try r.list(ParseCache.Entry.self))
    }
}

extension CacheCodable {
    /// The value in the cache's form.
    func cacheBytes() -> [UInt8] {
        var w = CacheWriter()
        write(to: &w)
        return w.bytes
    }

    /// The value in `bytes`, all of them; throws when they are not one whole value.
    init(cacheBytes bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBufferPointer { try Self(cacheBytes: $0) }
    }

    /// The value in `bytes`, all of them; throws when they are not one whole value.
    init(cacheBytes bytes: UnsafeBufferPointer<UInt8>) throws {
        var r = CacheReader(bytes)
        try self.init(from: &r)
        try r.finish()
    }
}

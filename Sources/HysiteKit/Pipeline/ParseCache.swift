import Foundation

/// Parse results of page files from earlier builds, kept beside the output (`.site.hysite-cache/parse-NN`),
/// keyed by each file's path and a hash of its bytes: a rebuild parses only the files that changed. The
/// files are split into shards by path, and only shards holding a changed file are rewritten. A shard that is
/// truncated, garbled, or from another hysite version, cache format or parse setting is ignored (its files are
/// parsed again), never trusted.
public struct ParseCache: Sendable {
    /// Bump when the cached form changes.
    static let format = "hysite-parse-cache 5"
    /// How many shard files the cache is split into.
    static let shardCount = 64

    /// One page file's parse result with what it was parsed from.
    struct Entry: Sendable {
        var key: String
        var file: String
        var hash: String
        var articles: [Article]
        var diagnostics: [Diagnostic]
        /// Per article, the names its text proves.
        var evidence: [[PeopleFinder.Hit]]
    }

    /// One shard file's content: what made it, and its entries.
    struct Shard: Sendable {
        var format: String
        var version: String
        var options: String
        var entries: [Entry]
    }

    /// The cache folder (`.site.hysite-cache` beside `site`).
    let folder: String
    /// What the parse depends on besides the text: hysite's version and the parse options.
    let options: String
    /// Valid shards as read, by shard number; nil for a missing or rejected shard.
    var shards: [[String: Entry]?]

    /// The cache folder beside `output`.
    public static func folder(for output: String) -> String { SiteWriter.sibling(output, "cache") }

    /// Reads and checks every shard (in parallel); rejected shards count as empty.
    static func load(folder: String, options: ParseOptions, fs: FileSystem) -> ParseCache {
        let key = "\(options)"
        var shards = [[String: Entry]?](repeating: nil, count: shardCount)
        shards.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            DispatchQueue.concurrentPerform(iterations: shardCount) { i in
                out.value[i] = readShard(path(folder, i), options: key, fs: fs)
            }
        }
        return ParseCache(folder: folder, options: key, shards: shards)
    }

    static func path(_ folder: String, _ shard: Int) -> String { "\(folder)/parse-\(shard < 10 ? "0" : "")\(shard)" }

    /// A shard file: a line with the hash of the rest, then the shard in `CacheCodec`'s form. Nil unless whole and made by this build's kind.
    static func readShard(_ path: String, options: String, fs: FileSystem) -> [String: Entry]? {
        // Kept, not read and let go: the articles' paragraphs stay slices of the file (`ParagraphText.kept`).
        guard let kept = try? fs.keptBytes(of: path),
              let shard = hashedBody(kept.bytes, { body in
                  var r = CacheReader(body, owner: kept)
                  let shard = try Shard(from: &r)
                  try r.finish()
                  return shard
              }).map({ shard in kept.dropReadPages(); return shard }),
              shard.format == format, shard.version == HysiteInfo.build, shard.options == options else { return nil }
        var entries: [String: Entry] = [:]
        for e in shard.entries { entries[e.key] = e }
        return entries
    }

    /// `body` applied to the body of a cache file written by `writeHashed` (a line with the hash of the rest, then
    /// the rest), read in place; nil when the file is missing, truncated or garbled, or `body` gives nil.
    static func withHashedBody<T>(_ path: String, fs: FileSystem, _ body: (UnsafeBufferPointer<UInt8>) throws -> T?) -> T? {
        try? fs.withBytes(of: path) { bytes -> T? in hashedBody(bytes, body) }
    }

    /// `body` applied to the body of a cache file's `bytes` (`withHashedBody`), or nil.
    static func hashedBody<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> T?) -> T? {
        guard bytes.count > hashLineLength, bytes[hashLineLength - 1] == UInt8(ascii: "\n") else { return nil }
        let rest = UnsafeBufferPointer(rebasing: bytes[hashLineLength...])
        let stated = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<(hashLineLength - 1)]), as: UTF8.self)
        guard stated == CacheChecksum.hex(UnsafeRawBufferPointer(rest)) else { return nil }
        return try? body(rest)
    }

    /// The length of a cache file's first line: the hash of the rest in 16 hex digits, and a line end.
    static let hashLineLength = 17

    /// Empties `file` (keeping its room) and leaves its first `hashLineLength` bytes for the hash line that
    /// `writeHashed(room:to:fs:)` writes there once the rest is made.
    static func leaveHashLineRoom(in file: inout [UInt8]) {
        file.removeAll(keepingCapacity: true)
        file.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: hashLineLength))
    }

    /// Writes `file` atomically, whose first `hashLineLength` bytes were left for its hash line
    /// (`leaveHashLineRoom`), with that line made from the rest; errors are ignored (a missing cache only costs work).
    static func writeHashed(room file: inout [UInt8], to path: String, fs: FileSystem) {
        let line = file.withUnsafeBytes { CacheChecksum.hex(UnsafeRawBufferPointer(rebasing: $0[hashLineLength...])) + "\n" }
        file.replaceSubrange(0..<hashLineLength, with: line.utf8)
        try? fs.writeAtomically(bytes: file, to: path)
    }

    /// Writes `body` atomically after a line with its hash; errors are ignored (a missing cache only costs work).
    static func writeHashed(_ body: [UInt8], to path: String, fs: FileSystem) {
        // One copy of the body (through `Data` it was copied twice: 740 MB for the parse cache of 100,000 articles).
        var file: [UInt8] = []
        file.reserveCapacity(hashLineLength + body.count)
        leaveHashLineRoom(in: &file)
        file += body
        writeHashed(room: &file, to: path, fs: fs)
    }

    /// Which shard a page file belongs to.
    static func shard(of key: String) -> Int { Int(UInt(bitPattern: fnv(key)) % UInt(shardCount)) }

    static func fnv(_ s: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: h)
    }

    /// The cached parse of the page file at `key` (listed as `file`) whose bytes hash to `hash`, when there is one
    /// for these very bytes and path.
    func lookup(key: String, file: String, hash: String) -> ParsedPage? {
        guard let e = shards[Self.shard(of: key)]?[key], e.hash == hash, e.file == file else { return nil }
        guard e.evidence.count == e.articles.count else { return nil }
        return ParsedPage(file: e.file, articles: e.articles, diagnostics: e.diagnostics, evidence: e.evidence)
    }

    /// The cached entry of the page file at `key` (listed as `file`), whatever bytes it was parsed from.
    func entry(key: String, file: String) -> Entry? {
        guard let e = shards[Self.shard(of: key)]?[key], e.file == file else { return nil }
        return e
    }

    /// Writes the shards whose entries differ from what was read (each atomically); errors are ignored, since
    /// a missing cache only costs a parse. Shards are told changed by their pages' paths and hashes alone; entries
    /// are made only for the shards written (making all 25,000 to compare them took 0.7 s at 100,000 articles).
    func save(pages: [PageSource], hashes: [String], parsed: [ParsedPage], fs: FileSystem) {
        var fresh = [[String: (file: String, hash: String, page: Int)]](repeating: [:], count: Self.shardCount)
        for (i, p) in pages.enumerated() { fresh[Self.shard(of: p.key)][p.key] = (file: p.file, hash: hashes[i], page: i) }
        try? fs.createDirectory(folder)
        let changed = (0..<Self.shardCount).filter { i in
            guard let old = shards[i] else { return true }
            return old.count != fresh[i].count || fresh[i].contains { old[$0.key]?.hash != $0.value.hash || old[$0.key]?.file != $0.value.file }
        }
        let made = fresh
        // Each half of the shards is made in one buffer, kept from shard to shard: a new buffer a shard (grown by
        // doubling, then copied behind its hash line) touched about 1 GB of fresh memory for the 370 MB at 100,000
        // articles.
        _ = Parallel.halves(changed.count) { range in
            var writer = CacheWriter()
            for k in range {
                var entries: [String: Entry] = [:]
                for (key, e) in made[changed[k]] {
                    entries[key] = Entry(key: key, file: e.file, hash: e.hash, articles: parsed[e.page].articles,
                                         diagnostics: parsed[e.page].diagnostics, evidence: parsed[e.page].evidence)
                }
                Self.writeShard(changed[k], entries, folder: folder, options: options, fs: fs, in: &writer)
            }
        }
    }

    /// Puts these entries into their shards on disk (each shard read, changed and written atomically); errors are
    /// ignored, since a missing entry only costs a parse.
    static func replace(_ entries: [Entry], folder: String, options: ParseOptions, fs: FileSystem) {
        let key = "\(options)"
        try? fs.createDirectory(folder)
        var writer = CacheWriter()
        for shard in Set(entries.map { shard(of: $0.key) }).sorted() {
            var kept = readShard(path(folder, shard), options: key, fs: fs) ?? [:]
            for e in entries where Self.shard(of: e.key) == shard { kept[e.key] = e }
            writeShard(shard, kept, folder: folder, options: key, fs: fs, in: &writer)
        }
    }

    /// Writes shard `number` with `entries` (in key order), atomically after a line with its hash, made in `writer`'s
    /// buffer (emptied first; its room is kept for the next shard).
    static func writeShard(_ number: Int, _ entries: [String: Entry], folder: String, options: String, fs: FileSystem,
                           in writer: inout CacheWriter) {
        let shard = Shard(format: format, version: HysiteInfo.build, options: options, entries: entries.values.sorted { $0.key < $1.key })
        leaveHashLineRoom(in: &writer.bytes)
        shard.write(to: &writer)
        writeHashed(room: &writer.bytes, to: path(folder, number), fs: fs)
    }
}

/// People's pinyin from the last build (`.site.hysite-cache/pinyin`: a header line, then `name<TAB>pinyin` lines):
/// transliteration cost 7% of a one-file rebuild at 10,000 articles. Read only when made by this very hysite;
/// a damaged file costs a transliteration, never a wrong name (each line is checked, the whole file hashed).
enum PinyinCache {
    static func path(_ folder: String) -> String { "\(folder)/pinyin" }
    static var header: String { "hysite-pinyin 1 \(HysiteInfo.build)" }

    /// The cached names and their pinyin; empty when missing, damaged or from another hysite.
    static func load(folder: String, fs: FileSystem) -> [String: String] {
        guard let text = ParseCache.withHashedBody(path(folder), fs: fs, { String(decoding: $0, as: UTF8.self) }) else { return [:] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == header else { return [:] }
        var out: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return [:] }
            out[String(parts[0])] = String(parts[1])
        }
        return out
    }

    /// Writes `pinyin` when it differs from what was loaded; names holding a tab or line break are left out.
    static func save(_ pinyin: [String: String], loaded: [String: String], folder: String, fs: FileSystem) {
        let kept = pinyin.filter { !$0.key.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) && !$0.value.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) }
        guard kept != loaded else { return }
        var text = header + "\n"
        for (name, p) in kept.sorted(by: { $0.key.bytesPrecede($1.key) }) { text += "\(name)\t\(p)\n" }
        try? fs.createDirectory(folder)
        ParseCache.writeHashed(Array(text.utf8), to: path(folder), fs: fs)
    }
}

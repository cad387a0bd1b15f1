import Foundation
import Testing
@testable import HysiteKit

/// The parse cache's binary form must give back exactly what it was given, and refuse damaged bytes.
@Suite struct CacheCodecTests {
    /// Every article of the labelled set and the seeds, with its evidence, survives a round trip unchanged.
    @Test func parseCacheEntriesRoundTrip() throws {
        let seeds = BuildBehaviourTests.seedPages.sorted { $0.key < $1.key }.map { PageSource(file: $0.key, key: $0.key, text: $0.value) }
        let labelled = Pipeline.loadPages([LabelledSetTests.folder], fs: LocalFileSystem()).pages
        #expect(labelled.count >= 25)
        for page in seeds + labelled {
            let parsed = PageParser.parse(page)
            let entry = ParseCache.Entry(key: page.key, file: page.file, hash: "h", articles: parsed.articles,
                                         diagnostics: parsed.diagnostics, evidence: parsed.articles.map(PeopleFinder.evidence(in:)))
            let back = try ParseCache.Entry(cacheBytes: entry.cacheBytes())
            #expect(back.articles == entry.articles, "\(page.key)")
            #expect(back.diagnostics == entry.diagnostics)
            #expect(back.evidence == entry.evidence)
        }
    }

    /// Optionals both present and absent, every field of an article set.
    @Test func everyArticleFieldRoundTrips() throws {
        let a = KeySourceTests.fullArticle()
        let b = Article(id: "", file: "", position: 0, line: 0, kicker: nil, title: "", subtitles: [], byline: Byline(source: nil, reporters: []),
                        date: nil, timeOfDay: nil, paragraphs: [])
        for article in [a, b] {
            #expect(try Article(cacheBytes: article.cacheBytes()) == article)
        }
    }

    /// An article read from the cache keeps its paragraphs as the cache's bytes until they are read: they read as
    /// the paragraphs written, compare and hash as the parsed article does, and are written back byte for byte.
    @Test func cachedParagraphsReadAsWritten() throws {
        let seeds = BuildBehaviourTests.seedPages.sorted { $0.key < $1.key }.map { PageSource(file: $0.key, key: $0.key, text: $0.value) }
        var checked = 0
        for article in seeds.flatMap({ PageParser.parse($0).articles }) {
            let bytes = article.cacheBytes()
            var back = try Article(cacheBytes: bytes)
            guard case .encoded = back.paragraphText else { Issue.record("\(article.id): paragraphs decoded on reading"); continue }
            #expect(back.paragraphs == article.paragraphs, "\(article.id)")
            #expect(back == article && article == back && back.hashValue == article.hashValue, "\(article.id)")
            #expect(back.cacheBytes() == bytes, "\(article.id)")
            var edited = article
            edited.paragraphs.append("又一句。")
            #expect(back != edited, "\(article.id)")
            back.paragraphs.append("新段。")
            #expect(back.paragraphs == article.paragraphs + ["新段。"], "\(article.id)")
            checked += 1
        }
        #expect(checked >= 7)
    }

    /// On the local disk a shard's articles keep their paragraphs as slices of the mapped shard file: they read as
    /// the parser's paragraphs and write back byte for byte, also after the cache folder is deleted (as the next
    /// build's save replaces its files: the mapping keeps the old file's bytes).
    @Test func keptParagraphsOutliveTheirShardFiles() throws {
        let root = NSTemporaryDirectory() + "hysite-kept-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let disk = LocalFileSystem(), input = repoRoot + "/seeds"
        var options = BuildOptions(input: input, output: root + "/site", templates: repoRoot + "/Templates")
        options.search = false
        #expect(Pipeline.build(options, fs: disk, clock: FixedClock()).succeeded)
        let folder = ParseCache.folder(for: root + "/site")
        let entries = ParseCache.load(folder: folder, options: ParseOptions(), fs: disk).shards.compactMap { $0 }.flatMap(\.values)
        try FileManager.default.removeItem(atPath: folder)
        let (pages, _) = Pipeline.loadPages([input], fs: disk)
        var parsed: [String: [Article]] = [:]
        for page in pages { parsed[page.file] = PageParser.parse(page).articles }
        var checked = 0
        for entry in entries {
            for (k, article) in entry.articles.enumerated() {
                guard case .kept = article.paragraphText else { Issue.record("\(article.id): paragraphs not kept in place"); continue }
                let fresh = try #require(parsed[entry.file]?[k])
                #expect(article.paragraphs == fresh.paragraphs && !fresh.paragraphs.isEmpty, "\(article.id)")
                var decoded = article
                decoded.paragraphs = article.paragraphs
                #expect(article.cacheBytes() == decoded.cacheBytes() && article == decoded, "\(article.id)")
                checked += 1
            }
        }
        #expect(checked >= 7)
    }

    /// The checksum cache files carry changes with any one byte changed (in a 32-byte block, in the word tail, in the
    /// byte tail) and with a zero byte added.
    @Test func theChecksumSeesEveryChangedByte() {
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 7, 8, 31, 32, 33, 100, 1_000] {
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let sum = CacheChecksum.hex(bytes)
            #expect(sum.count == 16)
            #expect(CacheChecksum.hex(bytes + [0]) != sum, "\(n) bytes and a zero")
            for at in 0..<n {
                var changed = bytes
                changed[at] ^= UInt8.random(in: 1...255, using: &rng)
                #expect(CacheChecksum.hex(changed) != sum, "\(n) bytes, byte \(at)")
            }
        }
    }

    /// The cache writes every stored property of an article: one added to `Article` must be added to the cache.
    @Test func theCacheKnowsEveryArticleField() {
        let a = Article(id: "", file: "", position: 0, line: 0, kicker: nil, title: "", subtitles: [], byline: Byline(source: nil, reporters: []),
                        date: nil, timeOfDay: nil, paragraphs: [])
        #expect(Mirror(reflecting: a).children.count == Article.cachedFieldCount)
    }

    /// Negative and large numbers, empty and long strings survive; truncated, trailing or overlong bytes are refused.
    @Test func numbersStringsAndDamage() throws {
        var w = CacheWriter()
        for n in [0, 1, -1, 63, -64, 64, 1 << 40, Int.max, Int.min] { w.int(n) }
        w.strings(["", "甲", String(repeating: "乙", count: 1000)])
        try w.bytes.withUnsafeBufferPointer { bytes in
            var r = CacheReader(bytes)
            for n in [0, 1, -1, 63, -64, 64, 1 << 40, Int.max, Int.min] { #expect(try r.int() == n) }
            #expect(try r.strings() == ["", "甲", String(repeating: "乙", count: 1000)])
            try r.finish()
        }
        let entry = ParseCache.Entry(key: "k", file: "f", hash: "h", articles: [], diagnostics: [], evidence: [[]])
        let bytes = entry.cacheBytes()
        #expect(throws: (any Error).self) { try ParseCache.Entry(cacheBytes: Array(bytes.dropLast())) }
        #expect(throws: (any Error).self) { try ParseCache.Entry(cacheBytes: bytes + [0]) }
        #expect(throws: (any Error).self) { try ParseCache.Entry(cacheBytes: [UInt8](repeating: 0xff, count: 12)) }
        #expect(throws: (any Error).self) { try ParseCache.Entry(cacheBytes: [0x7e] + Array(bytes.dropFirst())) }
    }
}

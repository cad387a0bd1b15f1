import Foundation
import Testing
@testable import HysiteKit

/// The parse cache's binary form must give back exactly what it was given, and refuse what it cannot hold.
@Suite struct OrderedBinaryCoderTests {
    /// Every article of the labelled set and the seeds, with its evidence, survives a round trip unchanged.
    @Test func parseCacheEntriesRoundTrip() throws {
        let seeds = BuildBehaviourTests.seedPages.sorted { $0.key < $1.key }.map { PageSource(file: $0.key, key: $0.key, text: $0.value) }
        let labelled = Pipeline.loadPages([LabelledSetTests.folder], fs: LocalFileSystem()).pages
        #expect(labelled.count >= 25)
        for page in seeds + labelled {
            let parsed = PageParser.parse(page)
            let entry = ParseCache.Entry(key: page.key, file: page.file, hash: "h", articles: parsed.articles,
                                         diagnostics: parsed.diagnostics, evidence: parsed.articles.map(PeopleFinder.evidence(in:)))
            let back = try OrderedBinaryCoder.decode(ParseCache.Entry.self, from: OrderedBinaryCoder.encode(entry))
            #expect(back.articles == entry.articles, "\(page.key)")
            #expect(back.diagnostics == entry.diagnostics)
            #expect(back.evidence == entry.evidence)
        }
    }

    /// Optionals both present and absent, every field of an article set.
    @Test func everyArticleFieldRoundTrips() throws {
        var a = Article(id: "x-1", file: "x.txt", position: 1, line: 3, kicker: "引题", title: "标题", subtitles: ["副题"],
                        byline: Byline(source: "本报讯", reporters: [Reporter(name: "王小明", role: "记者")]),
                        date: Day(year: 2023, month: 5, day: 19), timeOfDay: "上午", paragraphs: ["一段。", "二段。"],
                        people: ["王小明"], titles: [TitleMention(name: "王小明", title: "市长")])
        a.datePrecision = .approximate
        a.furniture = ["（下转第二版）"]
        a.subheadings = [1]
        a.continuesOn = 2
        a.continuedFrom = 1
        let b = Article(id: "", file: "", position: 0, line: 0, kicker: nil, title: "", subtitles: [], byline: Byline(source: nil, reporters: []),
                        date: nil, timeOfDay: nil, paragraphs: [])
        for article in [a, b] {
            #expect(try OrderedBinaryCoder.decode(Article.self, from: OrderedBinaryCoder.encode(article)) == article)
        }
    }

    @Test func truncatedOrTrailingBytesAreRefused() throws {
        let bytes = try OrderedBinaryCoder.encode(["甲", "乙"])
        #expect(throws: (any Error).self) { try OrderedBinaryCoder.decode([String].self, from: Array(bytes.dropLast())) }
        #expect(throws: (any Error).self) { try OrderedBinaryCoder.decode([String].self, from: bytes + [0]) }
        #expect(throws: (any Error).self) { try OrderedBinaryCoder.decode([String].self, from: [0xff, 0xff, 0xff, 0x7f]) }
    }

    @Test func dictionariesAreRefusedNotEmptied() {
        #expect(throws: (any Error).self) { try OrderedBinaryCoder.encode(["甲": 1]) }
    }
}

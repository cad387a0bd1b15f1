import Foundation
import Testing
@testable import HysiteKit

/// Keys made from what a page is made of, not from a second drawing of it: a year's data file is made once and its
/// key is its bytes' hash; a person's pages' digest hashes their articles per month, not their drawn timeline;
/// a teaser's excerpt reads only an article's first paragraph from the parse cache's bytes.
@Suite struct KeySourceTests {
    /// The seeds' renderer (`ChartTests.renderer`).
    static func seeds() throws -> Renderer { try ChartTests.renderer(repoRoot + "/seeds") }

    /// A data file's key is the hash of the very bytes it writes, and the same hash skips it.
    @Test func dataFileKeyIsTheHashOfItsBytes() throws {
        let r = try Self.seeds()
        let jobs = r.jobs().filter { if case .articlesData = $0 { return true } else { return false } }
        #expect(!jobs.isEmpty)
        for job in jobs {
            let made = r.render(job, unlessModelHash: nil)
            let file = try #require(made.file)
            #expect(file.bytes == r.render(job).bytes)
            #expect(made.modelHash == ContentHash.hex(file.bytes) && made.contentHash == made.modelHash && made.rendered)
            let again = r.render(job, unlessModelHash: made.modelHash)
            #expect(again.file == nil && !again.rendered && again.modelHash == made.modelHash)
        }
    }

    /// A person's digest changes when one of their articles moves to another month, and not for people who do not
    /// name it; their page's timeline is the one `drawTimeline` draws.
    @Test func personDigestFollowsTheirArticlesPerMonth() throws {
        let r = try Self.seeds()
        let k = try #require(r.archive.articles.indices.first { i in r.archive.articles[i].date != nil && r.archive.people.contains { $0.articles.contains(i) } })
        var archive = r.archive
        let d = archive.articles[k].date!
        archive.articles[k].date = Day(year: d.year - 3, month: d.month, day: d.day)
        let moved = Renderer(archive: archive, templates: r.templates)
        var named = 0
        for i in r.archive.people.indices {
            let names = r.archive.people[i].articles.contains(k)
            if names { named += 1 }
            #expect((r.personDigest(i) != moved.personDigest(i)) == names, "\(r.archive.people[i].name)")
            let page = String(decoding: r.render(.person(i, page: 1)).bytes, as: UTF8.self)
            let drawn = r.drawTimeline(i, page: 1).svg
            #expect(drawn.isEmpty || page.contains(String(decoding: drawn, as: UTF8.self)))
        }
        #expect(named > 0)
    }

    /// `ParagraphText.first` is the first of `strings`, whichever form the paragraphs are held in.
    @Test func firstParagraphReadsOnlyTheFirst() {
        for list in [[], [""], ["一段。"], ["第一段。", "第二段，长一些。", String(repeating: "长", count: 300)]] {
            var w = CacheWriter()
            w.strings(list)
            for text in [ParagraphText.strings(list), .encoded(w.bytes)] {
                #expect(text.first == text.strings.first, "\(list)")
            }
        }
    }

    /// An article with every stored field set, none to its default.
    static func fullArticle() -> Article {
        var a = Article(id: "000_1-1", file: "000_1.txt", position: 2, line: 7, kicker: "引题", title: "标题", subtitles: ["副题"],
                        byline: Byline(source: "本报讯", reporters: [Reporter(name: "陈润", role: "记者")]),
                        date: Day(year: 2023, month: 7, day: 25), timeOfDay: "上午", paragraphs: ["第一段。", "第二段。"],
                        people: ["陈润"], titles: [TitleMention(name: "陈润", title: "记者")])
        a.datePrecision = .approximate
        a.furniture = ["（上接第一版）"]
        a.subheadings = [1]
        a.continuesOn = 3
        a.continuedFrom = 1
        return a
    }

    /// One change per stored field of an article (and per field of what it holds), by the field's name.
    static let fieldChanges: [(field: String, change: @Sendable (inout Article) -> Void)] = [
        (field: "id", change: { $0.id += "x" }), (field: "file", change: { $0.file += "x" }),
        (field: "position", change: { $0.position += 1 }), (field: "line", change: { $0.line += 1 }),
        (field: "kicker", change: { $0.kicker = nil }), (field: "title", change: { $0.title += "x" }),
        (field: "subtitles", change: { $0.subtitles[0] += "x" }),
        (field: "byline", change: { $0.byline.source = "新华社" }), (field: "byline", change: { $0.byline.reporters[0].name += "x" }),
        (field: "byline", change: { $0.byline.reporters[0].role = "" }),
        (field: "date", change: { $0.date?.day += 1 }), (field: "date", change: { $0.date?.month += 1 }),
        (field: "date", change: { $0.date?.year += 1 }), (field: "date", change: { $0.date = nil }),
        (field: "datePrecision", change: { $0.datePrecision = .day }), (field: "timeOfDay", change: { $0.timeOfDay = "晚上" }),
        (field: "paragraphText", change: { $0.paragraphs[1] += "x" }), (field: "paragraphText", change: { $0.paragraphs = ["第一段。第二段。"] }),
        (field: "people", change: { $0.people.append("刘越高") }), (field: "titles", change: { $0.titles[0].title = "市委书记" }),
        (field: "titles", change: { $0.titles[0].name = "刘越高" }), (field: "furniture", change: { $0.furniture = [] }),
        (field: "subheadings", change: { $0.subheadings = [0] }), (field: "continuesOn", change: { $0.continuesOn = nil }),
        (field: "continuedFrom", change: { $0.continuedFrom = 2 }),
    ]

    /// Changing any one stored field of an article changes its digest; every stored field is changed here.
    @Test func articleDigestSeesEveryField() {
        let a = Self.fullArticle()
        let digest = Renderer.digest(of: a)
        for (field, change) in Self.fieldChanges {
            var b = a
            change(&b)
            #expect(Renderer.digest(of: b) != digest, "\(field)")
        }
        let names = Set(Mirror(reflecting: a).children.compactMap(\.label))
        #expect(Set(Self.fieldChanges.map(\.field)) == names)
    }

    /// An article's digest is the same whether its paragraphs are held as strings or as the parse cache's bytes
    /// (a rebuild's keys are compared with a clean build's).
    @Test func articleDigestIsTheSameFromTheCache() throws {
        for paragraphs in [[], [""], ["一段。"], ["第一段。", String(repeating: "长", count: 300)]] {
            var a = Self.fullArticle()
            a.paragraphs = paragraphs
            let cached = try Article(cacheBytes: a.cacheBytes())
            guard case .encoded = cached.paragraphText else { Issue.record("paragraphs not held as bytes"); continue }
            #expect(Renderer.digest(of: cached) == Renderer.digest(of: a), "\(paragraphs)")
        }
    }
}

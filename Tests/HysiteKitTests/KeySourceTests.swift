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
}

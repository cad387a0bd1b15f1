import Foundation
import Testing
@testable import HysiteKit

/// The labelled set (Tests/HysiteKitTests/Fixtures/labelled): 30 pages written for the tests, in every form
/// the archive holds, each with the parse a careful editor expects. Parsed together as one archive (bare
/// mentions may name people proven on other pages), every field of every article must match exactly.
@Suite struct LabelledSetTests {
    static let folder = fixtures + "/labelled"

    static let parsed: ParsedArchive = {
        let (pages, _) = Pipeline.loadPages([folder], fs: LocalFileSystem())
        return Pipeline.parse(pages)
    }()

    static var pageNames: [String] {
        (try? LocalFileSystem().files(under: folder))?.filter { $0.hasSuffix(".txt") }.sorted() ?? []
    }

    @Test func atLeastTwentyFivePages() {
        #expect(Self.pageNames.count >= 25)
    }

    @Test(arguments: pageNames)
    func page(_ name: String) throws {
        let expectedURL = URL(fileURLWithPath: Self.folder + "/" + name.replacingOccurrences(of: ".txt", with: ".expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any])
        let want = try #require(expected["articles"] as? [[String: Any]])
        let got = Self.parsed.articles.filter { $0.file.hasSuffix("/" + name) }.sorted { $0.position < $1.position }
        let gotJSON = try #require(try JSONSerialization.jsonObject(with: ParseJSON(articles: got, diagnostics: []).encoded()) as? [String: Any])
        let have = try #require(gotJSON["articles"] as? [[String: Any]])
        #expect(have.count == want.count, "\(name): \(have.count) articles, expected \(want.count)")
        for (i, (g, w)) in zip(have, want).enumerated() {
            for key in ["kicker", "title", "subtitles", "source", "reporters", "date", "time_of_day", "paragraphs", "people"] {
                #expect(try canonical(g[key]) == canonical(w[key]), "\(name) #\(i + 1) \(key)")
            }
        }
    }

    @Test func undatedPagesWarnNamingTheFile() {
        let undated = Self.parsed.articles.filter { $0.date == nil }
        #expect(!undated.isEmpty)
        for a in undated {
            #expect(Self.parsed.diagnostics.contains { $0.file == a.file && $0.line == a.line && $0.severity == .warning }, "\(a.file):\(a.line)")
        }
    }

    /// Every form builds into the site with nothing lost: each article has its page, and every paragraph,
    /// the title and each reporter appear on it.
    @Test func everyFormBuildsWithNothingLost() throws {
        var pages: [String: String] = [:]
        for name in Self.pageNames {
            let data = try LocalFileSystem().read(Self.folder + "/" + name)
            pages[name] = try TextDecoding.decode(data).get()
        }
        let (report, site) = try buildInMemory(pages: pages)
        #expect(report.succeeded)
        #expect(report.articles == Self.parsed.articles.count)
        for a in Self.parsed.articles {
            // People's names in the body are links: the text is the page's without them.
            let html = try #require(site[Routes.article(a)], "\(a.id)")
                .replacingOccurrences(of: #"<a class="person" href="[^"]*">([^<]*)</a>"#, with: "$1", options: .regularExpression)
            #expect(html.contains(Escape.html(a.title)), "\(a.id) title")
            for p in a.paragraphs { #expect(html.contains(Escape.html(p)), "\(a.id) paragraph") }
            for r in a.reporters { #expect(html.contains(Escape.html(r.name)), "\(a.id) reporter") }
        }
    }
}

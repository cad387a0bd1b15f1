import Foundation
import Testing
@testable import HysiteKit

/// `hysite check`: the seeds' site passes; each kind of damage gives exactly its one problem, naming the file.
@Suite struct CheckTests {
    static let seedsSite: [String: String] = {
        let disk = LocalFileSystem()
        var pages: [String: String] = [:]
        for f in try! disk.files(under: repoRoot + "/seeds") {
            pages[f] = String(decoding: try! disk.read(repoRoot + "/seeds/" + f), as: UTF8.self)
        }
        let (report, site) = try! buildInMemory(pages: pages)
        precondition(report.succeeded)
        return site
    }()

    static let article = "articles/2023/07/000_7ef2a64ad5261223-1.html"
    static let mainTag = "<main id=\"main\" class=\"wrap\">"

    /// Checks the seeds' site under `out/` after `edit`.
    func check(_ edit: (inout [String: String]) -> Void = { _ in }) -> CheckReport {
        var site = Self.seedsSite
        edit(&site)
        var files: [String: Data] = [:]
        for (k, v) in site { files["out/\(k)"] = Data(v.utf8) }
        return SiteChecker.check(site: "out", fs: MemoryFileSystem(files))
    }

    /// Puts `html` at the start of `page`'s `<main>`.
    func inject(_ html: String, into page: String = article) -> (inout [String: String]) -> Void {
        { site in
            #expect(site[page]?.contains(Self.mainTag) == true)
            site[page] = site[page]!.replacingOccurrences(of: Self.mainTag, with: Self.mainTag + html)
        }
    }

    /// Exactly one problem, of `kind`, in `file`.
    func expectOne(_ report: CheckReport, _ kind: CheckProblem.Kind, in file: String, containing text: String? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.problems.count == 1, "\(report.problems)", sourceLocation: sourceLocation)
        guard let p = report.problems.first else { return }
        #expect(p.kind == kind, "\(p)", sourceLocation: sourceLocation)
        #expect(p.file == file, "\(p)", sourceLocation: sourceLocation)
        #expect(p.description.hasPrefix(file), sourceLocation: sourceLocation)
        if let t = text { #expect(p.message.contains(t), "\(p)", sourceLocation: sourceLocation) }
        #expect(!report.passed, sourceLocation: sourceLocation)
        #expect(report.summary.contains("1 problem"), "\(report.summary)", sourceLocation: sourceLocation)
    }

    // MARK: The seeds' site

    @Test func seedsSitePasses() {
        let r = check()
        #expect(r.problems.isEmpty, "\(r.problems.map(\.description))")
        #expect(r.passed)
        #expect(r.pages == Self.seedsSite.keys.filter { $0.hasSuffix(".html") }.count)
        #expect(r.articles == 7)
        #expect(r.links > 500)
        #expect(r.searchPages == nil)
        #expect(r.searchLinksSkipped == 2, "the search page's two links into pagefind/")
        #expect(r.summary.contains("search index: none"), "\(r.summary)")
        #expect(r.summary.hasSuffix("no problems"), "\(r.summary)")
    }

    @Test func folderWithMoreThanTenThousandEntriesIsAProblem() {
        let r = check { site in for i in 0..<10_001 { site["assets/f\(i).txt"] = "" } }
        expectOne(r, .crowdedFolder, in: "out/assets", containing: "10003 entries")
    }

    // MARK: Links and anchors

    @Test func brokenLink() {
        let r = check(inject("<a href=\"../../../people/nobody/index.html\">x</a>"))
        expectOne(r, .brokenLink, in: Self.article, containing: "people/nobody/index.html does not exist")
        #expect(r.problems.first?.line != nil)
    }

    @Test func removedPageBreaksEveryLinkToIt() {
        let r = check { $0["people/chen/chen-run/index.html"] = nil }
        #expect(!r.problems.isEmpty && r.problems.allSatisfy { $0.kind == .brokenLink && $0.message.contains("people/chen/chen-run/index.html") })
        #expect(Set(r.problems.map(\.file)).count == r.problems.count, "one line per page, repeats counted")
    }

    @Test func missingFragmentInAnotherPage() {
        let r = check(inject("<a href=\"../../../people/index.html#nobody\">x</a>"))
        expectOne(r, .missingAnchor, in: Self.article, containing: "no id=\"nobody\" in people/index.html")
    }

    @Test func missingFragmentOnTheSamePage() {
        expectOne(check(inject("<a href=\"#nothing\">x</a>")), .missingAnchor, in: Self.article, containing: "nothing")
    }

    @Test func fragmentsThatExistPass() {
        let r = check(inject("<a href=\"#main\">a</a><a href=\"../../../index.html#main\">b</a><a href=\"#later\">c</a><span id=\"later\"></span>"
            + "<a name=\"old-style\"></a><a href=\"#old-style\">d</a><a href=\"#top\">e</a><a href=\"#\">f</a><a href=\"#%E4%BA%BA\">g</a><i id=\"人\"></i>"))
        #expect(r.problems.isEmpty, "\(r.problems.map(\.description))")
    }

    @Test func javascriptHref() {
        expectOne(check(inject("<a href=\" JavaScript:void(0)\">x</a>")), .javascriptURL, in: Self.article)
        expectOne(check(inject("<form action=\"java\nscript:go()\"></form>")), .javascriptURL, in: Self.article)
    }

    @Test func rootAbsoluteLinksOnlyIn404() {
        expectOne(check(inject("<a href=\"/index.html\">x</a>")), .rootAbsoluteLink, in: Self.article)
        // 404.html resolves them from the site root.
        #expect(Self.seedsSite["404.html"]!.contains("href=\"/index.html\""))
        let notFound = Self.seedsSite["404.html"]!
        let r = check { $0["404.html"] = notFound.replacingOccurrences(of: "</main>", with: "<a href=\"/gone/index.html\">x</a></main>") }
        expectOne(r, .brokenLink, in: "404.html", containing: "gone/index.html")
    }

    @Test func foldersQueriesAndEncodedPaths() {
        let ok = check(inject("<a href=\"../../../people/\">a</a><a href=\"../../../people/index.html?x=1#main\">b</a><a href=\"../../..\">c</a>"
            + "<a href=\"../../../people/liu/%6Ciu-yue-gao/index.html\">d</a><a href=\"https://example.com/x\">e</a><a href=\"//cdn.example.com/y\">f</a>"
            + "<a href=\"mailto:a@b.cn\">g</a><a href=\"tel:123\">h</a><img src=\"data:image/png;base64,AAAA\" alt=\"\">"
            + "<img srcset=\"../../../assets/site.css 1x, ../../../assets/search.js 2x\" alt=\"\">"))
        #expect(ok.problems.isEmpty, "\(ok.problems.map(\.description))")
        expectOne(check(inject("<a href=\"../../../people\">a</a>")), .brokenLink, in: Self.article, containing: "it is a folder")
        expectOne(check(inject("<a href=\"../../../../../x.html\">a</a>")), .brokenLink, in: Self.article, containing: "above the site's root")
        expectOne(check(inject("<img srcset=\"../../../assets/site.css 1x, ../../../assets/missing.png 2x\" alt=\"\">")), .brokenLink,
                  in: Self.article, containing: "assets/missing.png")
    }

    @Test func linksInCommentsAndScriptsAreNotLinks() {
        let r = check(inject("<!-- <a href=\"gone.html\">x</a> --><script>var s = '<a href=\"gone.html\">';</script><style>a[href=\"gone.html\"]{}</style>"))
        #expect(r.problems.isEmpty, "\(r.problems.map(\.description))")
    }

    // MARK: Pages

    @Test func pageWithoutTitle() {
        let r = check { site in
            let html = site["people/index.html"]!
            let start = html.range(of: "<title>")!.lowerBound, end = html.range(of: "</title>")!.upperBound
            site["people/index.html"] = String(html[..<start] + html[end...])
        }
        expectOne(r, .missingTitle, in: "people/index.html", containing: "no <title>")
    }

    @Test func blankTitle() {
        let r = check { site in
            let html = site["people/index.html"]!
            let start = html.range(of: "<title>")!.upperBound, end = html.range(of: "</title>")!.lowerBound
            site["people/index.html"] = String(html[..<start] + " &nbsp; " + html[end...])
        }
        expectOne(r, .missingTitle, in: "people/index.html", containing: "empty")
    }

    @Test func pageWithTwoH1() {
        let r = check(inject("<h1>又一个标题</h1>", into: "dates/index.html"))
        expectOne(r, .h1Count, in: "dates/index.html", containing: "2 <h1>")
    }

    @Test func pageWithoutH1() {
        let r = check { $0["dates/index.html"] = $0["dates/index.html"]!.replacingOccurrences(of: "<h1", with: "<h2").replacingOccurrences(of: "</h1>", with: "</h2>") }
        expectOne(r, .h1Count, in: "dates/index.html", containing: "no <h1>")
    }

    @Test func pageWithoutLang() {
        let r = check { $0[Self.article] = $0[Self.article]!.replacingOccurrences(of: "<html lang=\"zh-CN\">", with: "<html>") }
        expectOne(r, .missingLang, in: Self.article)
        let empty = check { $0[Self.article] = $0[Self.article]!.replacingOccurrences(of: "<html lang=\"zh-CN\">", with: "<html lang=''>") }
        expectOne(empty, .missingLang, in: Self.article, containing: "empty")
    }

    @Test func emptyPage() {
        expectOne(check { $0["dates/2023/index.html"] = "" }, .emptyPage, in: "dates/2023/index.html", containing: "0 bytes")
        let noText = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><title>空</title></head><body>\n<h1> </h1><p>&nbsp;</p><script>document.write('x')</script></body></html>\n"
        expectOne(check { $0["dates/2023/index.html"] = noText }, .emptyPage, in: "dates/2023/index.html", containing: "no text")
    }

    // MARK: Search index

    /// The seeds' site (7 articles, all from 2023) with a search index for 2023 counting `counts` pages per language.
    static func pagefind(_ counts: [Int], year: String = "2023") -> (inout [String: String]) -> Void {
        { site in
            let langs = counts.enumerated().map { "\"l\($0.offset)\":{\"hash\":\"x\",\"wasm\":null,\"page_count\":\($0.element)}" }
            site["pagefind/\(year)/pagefind-entry.json"] = "{\"version\":\"1.5.2\",\"languages\":{\(langs.joined(separator: ","))}}"
            site["pagefind/\(year)/pagefind-ui.js"] = "/* ui */"
            site["pagefind/\(year)/pagefind-ui.css"] = "/* ui */"
        }
    }

    @Test func searchIndexCoveringEveryArticlePasses() {
        let r = check(Self.pagefind([7]))
        #expect(r.problems.isEmpty, "\(r.problems.map(\.description))")
        #expect(r.searchPages == 7)
        #expect(r.summary.contains("search index: 7 pages"), "\(r.summary)")
        #expect(check(Self.pagefind([4, 3])).passed, "page counts are summed over languages")
    }

    @Test func searchIndexWithFewerPagesThanArticles() {
        let r = check(Self.pagefind([6]))
        expectOne(r, .searchIndex, in: "pagefind/2023/pagefind-entry.json", containing: "6 pages but the site has 7 articles from 2023")
        #expect(r.searchPages == 6)
    }

    @Test func searchIndexWithoutItsUIIsABrokenLink() {
        let r = check { site in
            Self.pagefind([7])(&site)
            site["pagefind/2023/pagefind-ui.js"] = nil
        }
        expectOne(r, .brokenLink, in: "search/index.html", containing: "pagefind/2023/pagefind-ui.js")
    }

    @Test func yearWithoutEntry() {
        expectOne(check { $0["pagefind/2023/pagefind-ui.js"] = ""; $0["pagefind/2023/pagefind-ui.css"] = "" }, .searchIndex,
                  in: "pagefind/2023/pagefind-entry.json", containing: "7 articles from 2023 but no search index")
    }

    /// A year whose articles are gone (or the single index of older builds) must not linger in pagefind/.
    @Test func indexOfAYearWithoutArticles() {
        let r = check { site in
            Self.pagefind([7])(&site)
            Self.pagefind([3], year: "2019")(&site)
        }
        expectOne(r, .searchIndex, in: "pagefind/2019", containing: "not the search index of a year with articles")
        let old = check { site in
            Self.pagefind([7])(&site)
            site["pagefind/pagefind-entry.json"] = "{}"
        }
        expectOne(old, .searchIndex, in: "pagefind/pagefind-entry.json")
    }

    /// The search page lists each year's index, newest first, and loads Pagefind's UI from the newest.
    @Test func searchPageListsTheYears() throws {
        let page = try #require(Self.seedsSite["search/index.html"])
        #expect(page.contains("<option value=\"2023\" data-bundle=\"../pagefind/2023/\">2023年</option>"), "\(page)")
        #expect(page.contains("<script src=\"../pagefind/2023/pagefind-ui.js\"></script>"))
    }

    @Test func missingSiteFolder() {
        let r = SiteChecker.check(site: "nowhere", fs: MemoryFileSystem())
        #expect(r.problems.count == 1 && r.problems[0].kind == .unreadable)
    }

    // MARK: The tokenizer

    @Test func scannerReadsAttributesEveryWay() {
        let html = Array("<A HREF=\"a&amp;b\" data-x='it&#39;s' id=plain title=&quot;q&quot; class=\"&lt;&gt;&#x4E2D;&#20013;\" checked/><br/>".utf8)
        let tags = HTMLScanner.tags(html)
        #expect(tags.map(\.name) == ["a", "br"])
        #expect(tags[0].attribute("href") == "a&b")
        #expect(tags[0].attribute("data-x") == "it's")
        #expect(tags[0].attribute("id") == "plain")
        #expect(tags[0].attribute("title") == "\"q\"")
        #expect(tags[0].attribute("class") == "<>中中")
        #expect(tags[0].attribute("checked") == "")
        #expect(tags[1].selfClosing)
        #expect(HTMLScanner.tags(Array("<a href=\"x?a=1&copy=2\">".utf8))[0].attribute("href") == "x?a=1&copy=2")
        #expect(HTMLScanner.tags(Array("<a href=x/y/>".utf8))[0].attribute("href") == "x/y/")
        #expect(HTMLScanner.tags(Array("<a id=\"1\" id=\"2\">".utf8))[0].attribute("id") == "1", "the first of a repeated attribute")
    }

    @Test func scannerSkipsCommentsScriptsAndBrokenTags() {
        let html = Array("""
            <!DOCTYPE html><!-- <a href="c"> --><!--> <a href="after-empty-comment"><script>if (a<b) { x = "</scriptx><a href='s'>" }</script >
            <style>a[href="st"]{}</style><title>a <b> c</title><? pi ?><![CDATA[ <a href="cd"> ]]> 1 < 2 <a href="last
            """.utf8)
        var hrefs: [String] = []
        var texts: [String] = []
        HTMLScanner.scan(html) { t in
            switch t {
            case .startTag(let tag): if let h = tag.attribute("href") { hrefs.append(h) }
            case .text(let s, _): texts.append(HTMLScanner.decodeEntities(s))
            default: break
            }
        }
        #expect(hrefs == ["after-empty-comment"], "cut-off last tag dropped")
        #expect(texts.contains("a <b> c"), "title is one text token")
        #expect(texts.contains { $0.contains("1 < 2") })
    }

    /// Byte soup made of HTML pieces: the tokenizer always ends, and every token lies inside the input.
    @Test func scannerSurvivesSoup() {
        let pieces = ["<", ">", "</", "<!--", "-->", "<!", "<?", "<a", " href=", "\"", "'", "=", "/", "&", "&amp;", "&#x", "&#", ";",
                      "<script>", "</script>", "<title>", "</title", "<style", "x", " ", "\n", "中", "<plaintext>", "\u{0}", "#"]
        var state: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<2000 {
            var soup = ""
            for _ in 0..<40 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                soup += pieces[Int(state >> 33) % pieces.count]
            }
            let bytes = Array(soup.utf8)
            var tokens = 0
            HTMLScanner.scan(bytes) { t in
                tokens += 1
                switch t {
                case .startTag(let tag): #expect(tag.offset < bytes.count)
                case .text(let s, let offset): #expect(s.startIndex == offset && s.endIndex <= bytes.count && !s.isEmpty)
                default: break
                }
            }
            #expect(tokens <= bytes.count)
        }
    }

    @Test func srcsetAndPaths() {
        #expect(SiteChecker.srcsetURLs("a.png 1x, b,c.png 2x,d.png,  e.png (w) 100w") == ["a.png", "b,c.png", "d.png", "e.png"])
        #expect(SiteChecker.resolve("../x/./y/", from: ["a", "b"])! == ("a/x/y", true))
        #expect(SiteChecker.resolve("%E4%BA%BA.html", from: [])! == ("人.html", false))
        #expect(SiteChecker.resolve("../..", from: ["a"]) == nil)
        #expect(SiteChecker.isJavaScript("\u{1}jaVa\tscript:x"))
        #expect(!SiteChecker.isJavaScript("javascript.html"))
        #expect(HTMLScanner.hasVisibleText(Array("  中 ".utf8)))
        #expect(!HTMLScanner.hasVisibleText(Array(" \u{3000}&nbsp;&#x20; \n".utf8)))
    }
}

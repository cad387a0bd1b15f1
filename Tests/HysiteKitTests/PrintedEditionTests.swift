import Foundation
import Testing
@testable import HysiteKit

/// What a newspaper archive has beyond dates and people: printed pages (版面), names linked in the text,
/// GB/T 7714 citations, open data and 历史上的今天 — on the seeds, on pages named like a real edition's files, and on
/// a generated multi-year corpus.
@Suite struct PrintedEditionTests {
    static let seed0 = BuildBehaviourTests.seedPages["000_7ef2a64ad5261223.txt"]!

    /// A short page of one article: a byline, a dateline paragraph naming 朱健.
    static func page(_ title: String, day: String, reporter: String = "张三") -> String {
        "# \(title)\n\n衡阳晚报讯（记者 \(reporter)）\n\n\(day)，市长朱健在会上强调，要把工作做实做细。\n"
    }

    /// One day's edition as three numbered page files in the three naming styles, the next day's first page and
    /// an undated page.
    static let edition: [String: String] = [
        "2023-07-25_01.txt": seed0,
        "2023-07-25_p02.txt": page("第二版的报道", day: "7月25日上午"),
        "2023-07-25-A03.txt": page("第三版的报道", day: "7月25日下午"),
        "2023-07-26_01.txt": page("次日头版的报道", day: "7月26日"),
        "notes.txt": "# 一篇没有日期的报道\n\n衡阳晚报讯（记者 张三）\n\n市委书记刘越高在会上强调，要把工作做实做细。\n",
    ]

    static let editionSite: [String: String] = try! buildInMemory(pages: edition, config: "publisher: 衡阳晚报\n").1

    // MARK: Printed pages

    @Test func eachPageFileIsAPrintedPageNamedByDayAndNumber() throws {
        let site = Self.editionSite
        let p1 = try #require(site["dates/2023/07/25/p01.html"])
        #expect(p1.contains("<title>2023年7月25日 第1版 · "))
        #expect(p1.contains("<time datetime=\"2023-07-25\">2023年7月25日</time></a> 第1版</h1>"))
        // Its articles in print order, with kicker and subtitle.
        let order = ["市委常委会召开会议", "学习贯彻习近平总书记重要讲话", "会议还听取了有关情况汇报", "珍惜机遇 加压奋进", "以最坚决态度最果断举措"]
        let offsets = order.map { p1.range(of: $0)?.lowerBound }
        #expect(offsets.allSatisfy { $0 != nil }, "\(offsets)")
        #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted())
        #expect(site["dates/2023/07/25/p02.html"]?.contains("2023年7月25日</time></a> 第2版</h1>") == true)
        #expect(site["dates/2023/07/25/p03.html"]?.contains("2023年7月25日</time></a> 第3版</h1>") == true)
        #expect(site["dates/2023/07/26/p01.html"] != nil)
    }

    @Test func pagesLinkThePreviousAndNextPageOfTheSameDayOnly() throws {
        let site = Self.editionSite
        let p1 = try #require(site["dates/2023/07/25/p01.html"])
        let p2 = try #require(site["dates/2023/07/25/p02.html"])
        let p3 = try #require(site["dates/2023/07/25/p03.html"])
        #expect(!p1.contains("rel=\"prev\""))
        #expect(p1.contains("<a class=\"next\" href=\"../../../../dates/2023/07/25/p02.html\" rel=\"next\"><small>下一版</small>第2版</a>"))
        #expect(p2.contains("href=\"../../../../dates/2023/07/25/p01.html\" rel=\"prev\""))
        #expect(p2.contains("href=\"../../../../dates/2023/07/25/p03.html\" rel=\"next\""))
        // The 26th's first page is not the 25th's next.
        #expect(!p3.contains("rel=\"next\""))
        #expect(!p3.contains("2023/07/26"))
        // The page strip names every page of the day, the current one unlinked.
        #expect(p2.contains("<span aria-current=\"page\">第2版</span>"))
    }

    @Test func articleShowsAndLinksItsPageAndTheDayGroupsByPage() throws {
        let site = Self.editionSite
        let a = try #require(site["articles/2023/07/2023-07-25_01-1.html"])
        #expect(a.contains("<a class=\"printed-page\" href=\"../../../dates/2023/07/25/p01.html\">2023年7月25日 第1版</a>"))
        let day = try #require(site["dates/2023/07/25/index.html"])
        let heads = ["p01.html\">第1版</a></h2>", "p02.html\">第2版</a></h2>", "p03.html\">第3版</a></h2>"]
        let at = heads.map { day.range(of: $0)?.lowerBound }
        #expect(at.allSatisfy { $0 != nil } && at.compactMap { $0 } == at.compactMap { $0 }.sorted(), "\(at)")
        // Each group holds its own page's articles.
        let second = try #require(day.range(of: heads[1]))
        let third = try #require(day.range(of: heads[2]))
        #expect(day[second.upperBound..<third.lowerBound].contains("第二版的报道"))
    }

    @Test func undatedPageFilesLiveUnderTheUndatedSectionByStem() throws {
        let site = Self.editionSite
        let page = try #require(site["dates/undated/pages/notes.html"])
        #expect(page.contains("未注明日期 notes"))
        #expect(page.contains("一篇没有日期的报道"))
        let article = try #require(site["articles/undated/notes-1.html"])
        #expect(article.contains("href=\"../../dates/undated/pages/notes.html\">未注明日期 notes</a>"))
    }

    @Test func seedPagesWithoutANumberAreNamedByTheirStem() throws {
        let (_, site) = try buildInMemory(pages: BuildBehaviourTests.seedPages)
        let p = try #require(site["dates/2023/07/25/000_7ef2a64ad5261223.html"])
        #expect(p.contains("<title>2023年7月25日 000_7ef2a64ad5261223 · "))
        // The second file's articles are dated the 12th and 13th: the page is the later day's.
        #expect(site["dates/2023/12/13/002_9162d9dbe36b24a1.html"] != nil)
        let day12 = try #require(site["dates/2023/12/12/index.html"])
        #expect(day12.contains("002_9162d9dbe36b24a1.html\">2023年12月13日 002_9162d9dbe36b24a1</a></h2>"))
    }

    /// A printed page is a file beside its day's `index.html`: a page file named `index` (in any case) must not
    /// take the day page's place (nor, on a disk that ignores case, its file).
    @Test func aPageFileNamedIndexDoesNotReplaceItsDaysPage() throws {
        let pages = ["index.txt": Self.seed0, "Index.txt": BuildBehaviourTests.seedPages["002_9162d9dbe36b24a1.txt"]!]
        let (_, site) = try buildInMemory(pages: pages)
        let day = try #require(site["dates/2023/07/25/index.html"])
        #expect(day.contains("<h1><time datetime=\"2023-07-25\">2023年7月25日</time>"), "the day's page")
        #expect(day.contains("<a href=\"../../../../dates/2023/07/25/index-2.html\">index</a></h2>"))
        #expect(site["dates/2023/07/25/index-2.html"]?.contains("<h1 class=\"printed-heading\">") == true)
        #expect(site["dates/2023/12/13/Index-2.html"]?.contains("<h1 class=\"printed-heading\">") == true)
        #expect(site["dates/2023/12/13/Index.html"] == nil)
    }

    // MARK: People linked in the text

    static let targets: [PeopleLinks.Target] = [(name: "刘越高", href: "../p/liu/index.html"), (name: "方智", href: "../p/fang/index.html")]

    func linked(_ html: String) -> String {
        String(decoding: PeopleLinks.apply(Array(html.utf8), targets: Self.targets), as: UTF8.self)
    }

    @Test func onlyTheFirstMentionIsLinked() {
        #expect(linked("<p>市委书记刘越高主持会议。刘越高强调</p>")
            == "<p>市委书记<a class=\"person\" href=\"../p/liu/index.html\">刘越高</a>主持会议。刘越高强调</p>")
    }

    @Test func neverInsideATagAnAttributeOrALink() {
        #expect(linked("<p title=\"刘越高\">无</p>") == "<p title=\"刘越高\">无</p>")
        #expect(linked("<p data-x='a>刘越高'>无</p>") == "<p data-x='a>刘越高'>无</p>")
        #expect(linked("<p><a href=\"x\">刘越高</a>说，刘越高</p>")
            == "<p><a href=\"x\">刘越高</a>说，<a class=\"person\" href=\"../p/liu/index.html\">刘越高</a></p>")
    }

    @Test func neverInsideALongerWord() {
        // 方智 in 各方智慧 is no mention (the people finder's rule); the later bare 方智 is.
        #expect(linked("<p>汇聚各方智慧。</p>") == "<p>汇聚各方智慧。</p>")
        #expect(linked("<p>汇聚各方智慧。方智说</p>") == "<p>汇聚各方智慧。<a class=\"person\" href=\"../p/fang/index.html\">方智</a>说</p>")
    }

    @Test func escapedTextStaysEscaped() {
        #expect(linked("<p>&lt;刘越高&gt; &amp; &quot;</p>")
            == "<p>&lt;<a class=\"person\" href=\"../p/liu/index.html\">刘越高</a>&gt; &amp; &quot;</p>")
    }

    @Test func neverInsideACharacterReference() {
        let targets: [PeopleLinks.Target] = [(name: "amp", href: "../p/amp/index.html"), (name: "lt", href: "../p/lt/index.html")]
        let html = "<p>&amp; &lt; amp</p>"
        #expect(String(decoding: PeopleLinks.apply(Array(html.utf8), targets: targets), as: UTF8.self)
            == "<p>&amp; &lt; <a class=\"person\" href=\"../p/amp/index.html\">amp</a></p>")
    }

    @Test func bodiesLinkEachPersonOnceInABuiltSite() throws {
        let a = try #require(Self.editionSite["articles/2023/07/2023-07-25_01-2.html"])
        let body = try #require(a.components(separatedBy: "<div class=\"body\">").last?.components(separatedBy: "</div>").first)
        #expect(body.components(separatedBy: "<a class=\"person\" href=\"../../../people/liu/liu-yue-gao/index.html\">刘越高</a>").count == 2)
        #expect(body.components(separatedBy: "刘越高").count > 2, "刘越高 is named again, unlinked")
    }

    // MARK: Citation

    @Test func citationFollowsGBT7714WithPaperDateAndPage() throws {
        let a = try #require(Self.editionSite["articles/2023/07/2023-07-25_01-1.html"])
        #expect(a.contains("<p class=\"cite-text\" id=\"cite-text\">陈润. 学习贯彻习近平总书记重要讲话 和重要指示批示精神[N]. 衡阳晚报, 2023-07-25(1).</p>"))
        #expect(a.contains("<p class=\"cite-text\" id=\"cite-url\">articles/2023/07/2023-07-25_01-1.html</p>"))
        let (_, renamed) = try buildInMemory(pages: ["2023-07-25_p02.txt": Self.page("第二版的报道", day: "7月25日上午")],
                                             config: "publisher: 湘南日报\nbase_url: https://archive.example.cn/\n")
        let b = try #require(renamed["articles/2023/07/2023-07-25_p02-1.html"])
        #expect(b.contains("张三. 第二版的报道[N]. 湘南日报, 2023-07-25(2).</p>"))
        #expect(b.contains("id=\"cite-url\">https://archive.example.cn/articles/2023/07/2023-07-25_p02-1.html</p>"))
    }

    @Test func citationListsThreeAuthorsThenDeng() throws {
        let text = "# 四人合写\n\n衡阳晚报讯（记者 张三 李四 王五 赵六）\n\n7月25日，会议召开。\n"
        let (_, site) = try buildInMemory(pages: ["2023-07-25_04.txt": text])
        let a = try #require(site["articles/2023/07/2023-07-25_04-1.html"])
        #expect(a.contains("张三, 李四, 王五, 等. 四人合写[N]. 衡阳晚报, 2023-07-25(4)."))
    }

    @Test func jsonLDCarriesTheCitationFields() throws {
        let a = try #require(Self.editionSite["articles/2023/07/2023-07-25_01-1.html"])
        let start = try #require(a.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(a.range(of: "</script>", range: start.upperBound..<a.endIndex))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(a[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        #expect((json["author"] as? [[String: Any]])?.first?["name"] as? String == "陈润")
        #expect(json["datePublished"] as? String == "2023-07-25")
        #expect(json["pageStart"] as? String == "1")
        #expect(json["printPage"] as? String == "1")
        #expect(json["citation"] as? String == "陈润. 学习贯彻习近平总书记重要讲话 和重要指示批示精神[N]. 衡阳晚报, 2023-07-25(1).")
        let issue = try #require(json["isPartOf"] as? [String: Any])
        #expect(issue["@type"] as? String == "PublicationIssue" && issue["datePublished"] as? String == "2023-07-25")
        #expect((issue["isPartOf"] as? [String: Any])?["name"] as? String == "衡阳晚报")
    }

    // MARK: Open data

    /// Fields per RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func articlesJSONLHasOneParseSchemaObjectPerArticleWithItsURL() throws {
        let (_, site) = try buildInMemory(pages: BuildBehaviourTests.seedPages)
        #expect(site.keys.filter { $0.hasPrefix("data/articles/") } == ["data/articles/2023.jsonl"])
        let text = try #require(site["data/articles/2023.jsonl"])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 7 && text.hasSuffix("\n"))
        let parsed = Pipeline.parse(Pipeline.loadPages([repoRoot + "/seeds"], fs: LocalFileSystem()).pages)
        let schema = try #require(try JSONSerialization.jsonObject(with: ParseJSON(articles: parsed.articles, diagnostics: []).encoded()) as? [String: Any])
        let parseKeys = Set(try #require((schema["articles"] as? [[String: Any]])?.first).keys)
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(o.keys) == parseKeys.union(["printed_page", "printed_page_url"]))
            let url = try #require(o["url"] as? String)
            #expect(url.hasSuffix(".html") && site[url] != nil, "\(url)")
            #expect(site[o["printed_page_url"] as? String ?? ""] != nil)
        }
        #expect(lines.first?.contains("\"id\":\"000_7ef2a64ad5261223-1\"") == true)
    }

    /// The article data files are written byte by byte for speed; each line must mean exactly what `JSONEncoder` makes of
    /// the same article (hostile text included), with no line break inside a line.
    @Test func jsonlLinesEqualWhatJSONEncoderMakes() throws {
        var articles = Pipeline.parse(Pipeline.loadPages([LabelledSetTests.folder], fs: LocalFileSystem()).pages).articles
        var hostile = articles[0]
        hostile.title = "引号\"反斜杠\\ </script> <!-- & \u{2028}行\u{2029} \u{1}\t\n 😀"
        hostile.kicker = nil
        hostile.paragraphs = ["第一段\r\n", "/斜杠/", ""]
        hostile.subheadings = [1]
        articles.append(hostile)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (k, a) in articles.enumerated() {
            for printed in [nil, Optional(Int?.none), Optional(Int?.some(3))] {
                let row = ParseJSON.ArticleJSON(a: a, url: "https://e.cn/a/\(k)/", printedPage: printed,
                                                printedPageURL: printed == nil ? nil : "https://e.cn/p/")
                var line: [UInt8] = []
                row.appendLine(to: &line)
                #expect(line.last == 0x0A && line.dropLast().allSatisfy { $0 != 0x0A && $0 != 0x0D })
                let mine = try JSONSerialization.jsonObject(with: Data(line)) as? NSDictionary
                let theirs = try JSONSerialization.jsonObject(with: encoder.encode(row)) as? NSDictionary
                #expect(mine != nil && mine == theirs, "\(a.id)")
            }
        }
    }

    @Test func peopleCSVListsEveryPersonWithProperQuoting() throws {
        let (_, site) = try buildInMemory(pages: BuildBehaviourTests.seedPages)
        let rows = Self.parseCSV(try #require(site["data/people.csv"]))
        #expect(rows.first == ["name", "pinyin", "url", "articles", "first_date", "last_date", "titles"])
        #expect(rows.count == 29 && rows.dropFirst().allSatisfy { $0.count == 7 })
        let liu = try #require(rows.first { $0.first == "刘越高" })
        #expect(liu[1] == "liu yue gao" && liu[2] == "people/liu/liu-yue-gao/")
        #expect(site[liu[2] + "index.html"] != nil)
        #expect(Int(liu[3]) ?? 0 >= 3 && liu[4] == "2023-07-25" && liu[5] == "2023-12-13")
        #expect(liu[6].contains("市委书记"))
        #expect(Renderer.csvField("a,b") == "\"a,b\"" && Renderer.csvField("说\"好\"") == "\"说\"\"好\"\"\"")
        #expect(Renderer.csvField("一\n二") == "\"一\n二\"" && Renderer.csvField("平常") == "平常")
        // A field a spreadsheet would run as a formula is made text.
        #expect(Renderer.csvField("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(Renderer.csvField("+1") == "'+1" && Renderer.csvField("@a") == "'@a" && Renderer.csvField("-2") == "'-2")
        #expect(Renderer.csvField("2023-07-25") == "2023-07-25" && Renderer.csvField("a=b") == "a=b")
        #expect(Self.parseCSV("x," + Renderer.csvField("a,\"b\"\r\nc") + "\r\n") == [["x", "a,\"b\"\r\nc"]])
        // The file is written field by field as bytes; a field is copied as it is only when csvField leaves it so.
        for field in ["", "平常", "a,b", "说\"好\"", "一\n二", "=1", "+1", "@a", "-2", "\tx", "\rx", " 前", "后 ", "a=b", "a\r", "2023-07-25"] {
            var bytes: [UInt8] = []
            Renderer.appendCSVField(field, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Renderer.csvField(field), "\(field.debugDescription)")
        }
    }

    @Test func dataFilesAndAboutPageAreLinkedAndInTheSitemap() throws {
        let (_, site) = try buildInMemory(pages: BuildBehaviourTests.seedPages, config: "base_url: https://archive.example.cn/\n")
        let about = try #require(site["about/index.html"])
        #expect(about.contains("收录衡阳晚报 7 篇报道，来自 2 个版面文件，涉及 28 位人物、3 个日期（2023年7月25日至2023年12月13日，跨 1 年）"))
        for link in localLinks(in: about) { #expect(site[resolve(link, from: "about/index.html")] != nil, "\(link)") }
        #expect(about.contains("href=\"../data/articles/2023.jsonl\">2023.jsonl</a>（7 篇）") && about.contains("href=\"../data/people.csv\""))
        #expect(site["index.html"]?.contains("href=\"about/index.html\">关于本档案 / 数据</a>") == true)
        let sitemap = try #require(site["sitemaps/site.xml"])
        for u in ["data/articles/2023.jsonl", "data/people.csv", "about/"] {
            #expect(sitemap.contains("<loc>https://archive.example.cn/\(u)</loc>"), "\(u)")
        }
        let jsonl = try #require(site["data/articles/2023.jsonl"])
        #expect(jsonl.contains("\"url\":\"https://archive.example.cn/articles/2023/07/000_7ef2a64ad5261223-1.html\""))
    }

    /// An edit that changes an article's text but no person rewrites its year's article data and leaves `people.csv` alone.
    @Test func unchangedDataFilesAreNotRewritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hysite-data-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        for (k, v) in BuildBehaviourTests.seedPages { try v.write(toFile: "\(dir)/in/\(k)", atomically: true, encoding: .utf8) }
        var o = BuildOptions(input: dir + "/in", output: dir + "/out", templates: repoRoot + "/Templates")
        o.search = false
        o.configFile = dir + "/none.yml"
        #expect(Pipeline.build(o, clock: FixedClock()).succeeded)
        func inode(_ p: String) throws -> Int { try #require(try FileManager.default.attributesOfItem(atPath: "\(dir)/out/\(p)")[.systemFileNumber] as? Int) }
        let before = (jsonl: try inode("data/articles/2023.jsonl"), csv: try inode("data/people.csv"))
        let edited = IncrementalRenderTests.editedPages[IncrementalRenderTests.edited]!
        try edited.write(toFile: "\(dir)/in/\(IncrementalRenderTests.edited)", atomically: true, encoding: .utf8)
        let second = Pipeline.build(o, clock: FixedClock())
        #expect(second.succeeded && second.incremental)
        #expect(try inode("data/people.csv") == before.csv)
        #expect(try inode("data/articles/2023.jsonl") != before.jsonl)
        let jsonl = try String(contentsOfFile: dir + "/out/data/articles/2023.jsonl", encoding: .utf8)
        #expect(jsonl.contains("会议还研究了其他重要事项。"))
    }

    // MARK: A generated multi-year corpus

    /// `gen_corpus.py 1000` (two numbered pages a day through 2000-05-04) plus the pages of 2000-03-15 printed again
    /// as 2001-03-15 and 2002-03-15, so the archive spans three years.
    static let generated: [String: String] = {
        let dir = try! generateCorpus(1000)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var pages: [String: String] = [:]
        for f in try! FileManager.default.contentsOfDirectory(atPath: dir + "/pages") {
            pages[f] = try! String(contentsOfFile: "\(dir)/pages/\(f)", encoding: .utf8)
        }
        for year in ["2001", "2002"] {
            for n in ["01", "02"] { pages["\(year)-03-15_\(n).txt"] = pages["2000-03-15_\(n).txt"] }
        }
        return try! buildInMemory(pages: pages).1
    }()

    @Test func generatedCorpusHasNumberedPagesAndCitations() throws {
        let site = Self.generated
        let p1 = try #require(site["dates/2000/01/01/p01.html"])
        #expect(p1.contains("2000年1月1日</time></a> 第1版</h1>"))
        #expect(p1.contains("href=\"../../../../dates/2000/01/01/p02.html\" rel=\"next\""))
        let p2 = try #require(site["dates/2000/01/01/p02.html"])
        #expect(!p2.contains("rel=\"next\""))
        let article = try #require(site["articles/2000/01/2000-01-01_02-1.html"])
        #expect(article.contains("[N]. 衡阳晚报, 2000-01-01(2).</p>"))
        let articles = site.keys.filter { $0.hasPrefix("articles/") && $0.hasSuffix(".html") }.count
        // A data file per year, each holding that year's articles only, every article in one of them.
        let files = site.keys.filter { $0.hasPrefix("data/articles/") }.sorted()
        #expect(files == ["data/articles/2000.jsonl", "data/articles/2001.jsonl", "data/articles/2002.jsonl"])
        var lines = 0
        for f in files {
            let year = f.dropFirst("data/articles/".count).prefix(4)
            for line in site[f]!.split(separator: "\n") {
                lines += 1
                #expect(line.contains("\"date\":\"\(year)-"), "\(f)")
            }
        }
        #expect(articles > 1000 && lines == articles)
    }

    @Test func onThisDayListsTheLatestDayInEarlierYears() throws {
        let home = try #require(Self.generated["index.html"])
        #expect(home.contains("历史上的今天"))
        #expect(home.contains("“今天”取本档案最新的日期 2002年3月15日"))
        let y2001 = try #require(home.range(of: "<h3><a href=\"dates/2001/03/15/index.html\">2001年3月15日</a></h3>"))
        let y2000 = try #require(home.range(of: "<h3><a href=\"dates/2000/03/15/index.html\">2000年3月15日</a></h3>"))
        #expect(y2001.lowerBound < y2000.lowerBound)
        #expect(home[y2000.upperBound...].contains("articles/2000/03/2000-03-15_01-1.html"))
        // One year only: no such section.
        let (_, seeds) = try buildInMemory(pages: BuildBehaviourTests.seedPages)
        #expect(seeds["index.html"]?.contains("历史上的今天") == false)
    }
}

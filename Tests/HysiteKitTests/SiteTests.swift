import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import HysiteKit

/// The seeds built into a whole site (in memory), checked the way a reader would browse it.
@Suite struct SiteTests {
    static let built: (BuildReport, [String: String]) = {
        let disk = LocalFileSystem()
        var pages: [String: String] = [:]
        for f in try! disk.files(under: repoRoot + "/seeds") {
            pages[f] = String(decoding: try! disk.read(repoRoot + "/seeds/" + f), as: UTF8.self)
        }
        return try! buildInMemory(pages: pages)
    }()

    var site: [String: String] { Self.built.1 }

    @Test func buildSucceeds() {
        let r = Self.built.0
        #expect(r.succeeded)
        #expect(r.articles == 7 && r.people == 28 && r.dates == 3 && r.files == 2)
        #expect(r.diagnostics.isEmpty)
    }

    @Test func everyArticlePersonAndDatePageExists() throws {
        for id in (1...3).map({ "000_7ef2a64ad5261223-\($0)" }) + (1...4).map({ "002_9162d9dbe36b24a1-\($0)" }) {
            #expect(site.keys.contains { $0.hasPrefix("articles/2023/") && $0.hasSuffix("/\(id).html") }, "article \(id)")
        }
        for slug in ["liu-yue-gao", "zhu-jian", "xi-jin-ping", "chen-run", "luo-wen-peng", "ou-xing", "chen-miao"] {
            #expect(site[Routes.person(slug)] != nil, "person \(slug)")
        }
        #expect(site.keys.filter { $0.hasPrefix("people/") && $0 != "people/index.html" }.count == 28)
        for d in ["2023/07/25", "2023/12/12", "2023/12/13"] { #expect(site["dates/\(d)/index.html"] != nil) }
        for p in ["index.html", "people/index.html", "dates/index.html", "dates/2023/index.html", "dates/2023/07/index.html",
                  "dates/2023/12/index.html", "feed.xml", "404.html", "robots.txt", "assets/site.css"] {
            #expect(site[p] != nil, "\(p)")
        }
        #expect(site["dates/undated/index.html"] == nil, "no undated page when every article is dated")
    }

    @Test func everyLocalLinkResolves() {
        var broken: [String] = []
        for (path, html) in site where path.hasSuffix(".html") && path != "404.html" {
            for link in localLinks(in: html) where site[resolve(link, from: path)] == nil && !link.hasPrefix("../pagefind") && !link.hasPrefix("pagefind") {
                if !(path == "search/index.html" && link.contains("pagefind/")) { broken.append("\(path) → \(link)") }
            }
        }
        #expect(broken.isEmpty, "\(broken.prefix(10))")
    }

    @Test func everyPageHasLangTitleAndOneH1() {
        for (path, html) in site where path.hasSuffix(".html") {
            #expect(html.contains("<html lang=\"zh-CN\">"), "\(path)")
            #expect(html.contains("<title>") && !html.contains("<title></title>"), "\(path)")
            #expect(html.components(separatedBy: "<h1").count == 2, "\(path) has one h1")
        }
    }

    @Test func articlePageLinksDateReportersAndPeople() throws {
        let html = try #require(site["articles/2023/07/000_7ef2a64ad5261223-3.html"])
        #expect(html.contains("<p class=\"kicker\">") == false)
        #expect(html.contains("<h1 data-pagefind-meta=\"title\">以最坚决态度最果断举措最有力保障 打好打赢安全生产“翻身仗”</h1>"))
        #expect(html.contains("衡阳市安全生产委员会 2023年第三次全体会议召开 朱健出席并讲话"))
        #expect(html.contains("href=\"../../../dates/2023/07/25/index.html\""))
        #expect(html.contains("全媒体记者 <a href=\"../../../people/luo/luo-wen-peng/index.html\" rel=\"author\">罗文鹏</a>"))
        for slug in ["zhu-jian", "xi-jin-ping", "yu-xin-fan", "huang-li", "liao-yi-zhi"] {
            #expect(html.contains("href=\"../../../\(Routes.person(slug))\""), "\(slug)")
        }
        // Previous and next article.
        #expect(html.contains("rel=\"prev\"") && html.contains("href=\"../../../articles/2023/07/000_7ef2a64ad5261223-2.html\""))
        // Each person's first mention in the body links to their page (all of these are first named here).
        func person(_ name: String, _ slug: String) -> String { "<a class=\"person\" href=\"../../../\(Routes.person(slug))\">\(name)</a>" }
        #expect(html.contains("<p>市领导" + person("于新凡", "yu-xin-fan") + "主持会议。市领导" + person("黄立", "huang-li") + "、"
            + person("朱春光", "zhu-chun-guang") + "、" + person("谢宏", "xie-hong") + "、" + person("黄艳娥", "huang-yan-e") + "、"
            + person("曾建华", "zeng-jian-hua") + "，市政府秘书长" + person("廖义智", "liao-yi-zhi") + "参加。</p>"))
    }

    @Test func personPageListsTitlesAndArticlesNewestFirst() throws {
        let html = try #require(site["people/liu/liu-yue-gao/index.html"])
        #expect(html.contains("<h1>刘越高</h1>"))
        #expect(html.contains("市委书记"))
        let dec = try #require(html.range(of: "加快推进“夜游湘江”项目建设"))
        let jul = try #require(html.range(of: "珍惜机遇 加压奋进"))
        #expect(dec.lowerBound < jul.lowerBound, "newest first")
        let reporter = try #require(site["people/chen/chen-run/index.html"])
        #expect(reporter.contains("全媒体记者"))
        #expect(reporter.components(separatedBy: "class=\"badge\">撰稿").count == 4, "marks the three articles 陈润 wrote")
    }

    @Test func dayPageListsArticlesInPageOrder() throws {
        let html = try #require(site["dates/2023/07/25/index.html"])
        let titles = ["学习贯彻习近平总书记重要讲话", "珍惜机遇 加压奋进", "以最坚决态度最果断举措"]
        let positions = try titles.map { try #require(html.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        let dec13 = try #require(site["dates/2023/12/13/index.html"])
        #expect(dec13.components(separatedBy: "class=\"teaser\"").count == 4)
    }

    @Test func monthCalendarLinksDaysWithArticles() throws {
        let html = try #require(site["dates/2023/12/index.html"])
        #expect(html.contains("href=\"../../../dates/2023/12/12/index.html\">12"))
        #expect(html.contains("href=\"../../../dates/2023/12/13/index.html\">13"))
        #expect(html.contains("<span>14</span>"))
    }

    @Test func feedIsAtomWithLatestArticles() throws {
        let feed = try #require(site["feed.xml"])
        #expect(feed.hasPrefix("<?xml"))
        #expect(feed.components(separatedBy: "<entry>").count == 8)
        let doc = try XMLDocument(data: Data(feed.utf8))
        #expect(doc.rootElement()?.name == "feed")
    }
}

import Foundation
import Testing
@testable import HysiteKit

/// Whole builds in memory: configuration, people file, pagination, rebuilds and failure handling.
@Suite struct BuildBehaviourTests {
    static func page(_ title: String, _ body: String, reporter: String = "陈润") -> String {
        "# \(title)\n\n衡阳晚报讯（全媒体记者 \(reporter)）\n\n\(body)\n"
    }

    static var seedPages: [String: String] {
        let disk = LocalFileSystem()
        var pages: [String: String] = [:]
        for f in try! disk.files(under: repoRoot + "/seeds") {
            pages[f] = String(decoding: try! disk.read(repoRoot + "/seeds/" + f), as: UTF8.self)
        }
        return pages
    }

    func build(_ fs: MemoryFileSystem, output: String = "out", strict: Bool = false, keepGoing: Bool = false) -> BuildReport {
        var o = BuildOptions(input: "in", output: output, templates: "tpl")
        o.search = false
        o.strict = strict
        o.keepGoing = keepGoing
        return Pipeline.build(o, fs: fs, clock: FixedClock())
    }

    func site(_ fs: MemoryFileSystem, _ output: String = "out") -> [String: Data] {
        var s: [String: Data] = [:]
        for (k, v) in fs.allFiles where k.hasPrefix(output + "/") { s[String(k.dropFirst(output.count + 1))] = v }
        return s
    }

    func fs(_ pages: [String: String], extra: [String: String] = [:]) throws -> MemoryFileSystem {
        var files: [String: Data] = [:]
        for (k, v) in pages { files["in/\(k)"] = Data(v.utf8) }
        for (k, v) in extra { files[k] = Data(v.utf8) }
        return try memoryFS(copying: [(repoRoot + "/Templates", "tpl")], extra: files)
    }

    /// `--timings` lines: with the system's clock each step shows its CPU seconds beside its wall-clock seconds (the
    /// process's CPU between steps, never negative); a clock that measures no CPU (tests') shows wall-clock seconds alone.
    @Test func timingLinesShowEachStepsCPUWhenTheClockMeasuresIt() throws {
        var o = BuildOptions(input: "in", output: "out", templates: "tpl")
        o.search = false
        let measured = Pipeline.build(o, fs: try fs(Self.seedPages), clock: SystemClock())
        #expect(measured.succeeded && measured.steps.count >= 5)
        for s in measured.steps { #expect((s.cpu ?? -1) >= 0, "\(s.step)") }
        #expect(measured.timingLines.allSatisfy { $0.contains(" cpu s  ") })
        #expect(measured.timingLines.contains { $0.hasSuffix("cpu s  render and write") })
        let unmeasured = Pipeline.build(o, fs: try fs(Self.seedPages), clock: FixedClock())
        #expect(unmeasured.steps.allSatisfy { $0.cpu == nil })
        #expect(unmeasured.timingLines.contains("   0.000 s  render and write"))
    }

    @Test func configChangesTitleBaseURLAndDefaultYear() throws {
        let f = try fs(["p.txt": Self.page("无日期的文章", "7月2日上午，市委书记刘越高出席。")],
                       extra: ["hysite.yml": "title: 测试档案\nbase_url: https://example.cn/archive\ndefault_year: 2021\npublisher: 衡阳日报\n"])
        let r = build(f)
        #expect(r.succeeded)
        let s = site(f)
        let article = String(decoding: try #require(s["articles/2021/07/p-1.html"]), as: UTF8.self)
        #expect(article.contains("<title>无日期的文章 · 测试档案</title>"))
        #expect(article.contains("<link rel=\"canonical\" href=\"https://example.cn/archive/articles/2021/07/p-1.html\">"))
        #expect(s["dates/2021/07/02/index.html"] != nil)
        let index = String(decoding: try #require(s["sitemap.xml"]), as: UTF8.self)
        #expect(index.contains("<sitemapindex") && index.contains("<loc>https://example.cn/archive/sitemaps/2021.xml</loc>"))
        let sitemap = String(decoding: try #require(s["sitemaps/2021.xml"]), as: UTF8.self)
        #expect(sitemap.contains("<loc>https://example.cn/archive/articles/2021/07/p-1.html</loc>"))
        #expect(String(decoding: try #require(s["robots.txt"]), as: UTF8.self).contains("Sitemap: https://example.cn/archive/sitemap.xml"))
        // The paper named on person pages and the people index is the configured publisher, not a built-in name.
        let pages = s.filter { $0.key.hasPrefix("people/") && $0.key.hasSuffix("index.html") }.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(pages.count >= 2 && pages.allSatisfy { $0.contains("衡阳日报报道中出现") && !$0.contains("衡阳晚报") })
    }

    @Test func badConfigIsAnErrorNamingKeyAndLineAndWritesNothing() throws {
        let f = try fs(["p.txt": Self.page("标题", "7月2日上午，会议召开。")], extra: ["hysite.yml": "title: 好\npage_sise: 20\ndefault_year: abc\n"])
        let r = build(f)
        #expect(!r.succeeded)
        #expect(r.diagnostics.contains { $0.file == "hysite.yml" && $0.line == 2 && $0.message.contains("page_sise") })
        #expect(r.diagnostics.contains { $0.file == "hysite.yml" && $0.line == 3 && $0.message.contains("default_year") })
        #expect(site(f).isEmpty)
    }

    @Test func peopleFileMergesDropsAddsAndShowsProfiles() throws {
        let pages = [
            "2023-07-01_01.txt": Self.page("第一篇", "7月1日上午，市委书记刘越高出席。华侨城表示支持。"),
            "2023-07-02_01.txt": Self.page("第二篇", "7月2日上午，市委书记刘悦高出席。王小明参加。"),
        ]
        let yml = "people:\n  刘越高:\n    profile: 中共衡阳市委书记。\n    aliases: [刘悦高]\nadd: [王小明]\ndrop: [陈润]\n"
        let f = try fs(pages, extra: ["in/people.yml": yml])
        let r = build(f)
        #expect(r.succeeded, "\(r.diagnostics)")
        let s = site(f)
        let person = String(decoding: try #require(s["people/liu/liu-yue-gao/index.html"]), as: UTF8.self)
        #expect(person.contains("中共衡阳市委书记。"))
        #expect(person.contains("第一篇") && person.contains("第二篇"), "the alias is merged")
        #expect(s["people/liu/liu-yue-gao-2/index.html"] == nil)
        #expect(s.keys.contains { $0.hasPrefix("people/wang/wang-xiao-ming/") })
        #expect(!s.keys.contains { $0.hasPrefix("people/chen/chen-run/") }, "dropped")
    }

    @Test func malformedPeopleFileIsAnErrorNamingTheLine() throws {
        let f = try fs(["p.txt": Self.page("标题", "7月2日上午，会议召开。")], extra: ["in/people.yml": "people:\n  刘越高:\n    profil: 书记\n"])
        let r = build(f)
        #expect(!r.succeeded)
        #expect(r.diagnostics.contains { $0.file == "in/people.yml" && $0.line == 3 && $0.severity == .error })
    }

    @Test func longListsPaginateBothWays() throws {
        var pages: [String: String] = [:]
        for d in 1...7 { pages[String(format: "2023-08-%02d_01.txt", d)] = Self.page("第\(d)篇", "8月\(d)日上午，市委书记刘越高出席。") }
        let f = try fs(pages, extra: ["hysite.yml": "page_size: 3\n"])
        #expect(build(f).succeeded)
        let s = site(f)
        let p1 = String(decoding: try #require(s["people/liu/liu-yue-gao/index.html"]), as: UTF8.self)
        let p2 = String(decoding: try #require(s["people/liu/liu-yue-gao/page/2.html"]), as: UTF8.self)
        let p3 = String(decoding: try #require(s["people/liu/liu-yue-gao/page/3.html"]), as: UTF8.self)
        #expect(s["people/liu/liu-yue-gao/page/4.html"] == nil)
        #expect(p1.contains("href=\"../../../people/liu/liu-yue-gao/page/2.html\" rel=\"next\""))
        #expect(p2.contains("href=\"../../../../people/liu/liu-yue-gao/index.html\" rel=\"prev\""))
        #expect(p2.contains("rel=\"next\""))
        #expect(p3.contains("第1篇") && !p3.contains("rel=\"next\""), "oldest on the last page")
        #expect(p1.contains("第7篇"), "newest first")
    }

    @Test func paginationShowsAWindowOfPageNumbers() throws {
        var pages: [String: String] = [:]
        for d in 1...20 { pages[String(format: "2023-08-%02d_01.txt", d)] = Self.page("第\(d)篇", "8月\(d)日上午，市委书记刘越高出席。") }
        let f = try fs(pages, extra: ["hysite.yml": "page_size: 1\n"])
        #expect(build(f).succeeded)
        let p10 = String(decoding: try #require(site(f)["people/liu/liu-yue-gao/page/10.html"]), as: UTF8.self)
        let numbers = p10.components(separatedBy: "page/").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(Set(numbers) == [9, 11, 7, 8, 12, 13, 20], "links to the first, last and nearby pages only: \(Set(numbers))")
        #expect(p10.contains("people/liu/liu-yue-gao/index.html\">1</a>"))
        #expect(p10.components(separatedBy: "class=\"gap\"").count == 3)
    }

    @Test func homonymsGetDistinctStableURLs() throws {
        let f = try fs(["2023-07-01_01.txt": Self.page("同音", "7月1日上午，市委书记刘越高出席。市长柳越高参加。")])
        #expect(build(f).succeeded)
        let people = site(f).keys.filter { $0.hasPrefix("people/liu/liu-yue-gao") }.sorted()
        #expect(people.count == 2)
        #expect(people.allSatisfy { $0.hasPrefix("people/liu/liu-yue-gao-") })
    }

    /// Page files are `.txt` in any case, outside hidden folders and not hidden themselves.
    @Test func pageFilesAreTxtOutsideHiddenFolders() {
        for (path, page) in [("a.txt", true), ("b/A.TXT", true), ("c/d.Txt", true), ("x.txt.bak", false), ("txt", false), (".txt", false),
                             (".git/a.txt", false), ("a/.hidden/b.txt", false), ("a/.b.txt", false), ("a.b/c.txt", true), ("新闻/第1版.txt", true)] {
            #expect((Pipeline.isPageFile(path) && !Pipeline.isHidden(path)) == page, "\(path)")
        }
    }

    @Test func rebuildWithNothingChangedWritesNothing() throws {
        let f = try fs(Self.seedPages)
        #expect(build(f).pagesWritten > 40)
        let again = build(f)
        #expect(again.succeeded && again.unchanged && again.pagesWritten == 0)
    }

    /// Edits, additions and deletions rebuilt incrementally give exactly the bytes of a clean build.
    @Test func incrementalEqualsClean() throws {
        var pages = Self.seedPages
        let f = try fs(pages)
        #expect(build(f).succeeded)
        // Edit one page, add one, delete one.
        pages["000_7ef2a64ad5261223.txt"] = pages["000_7ef2a64ad5261223.txt"]!.replacingOccurrences(of: "会议还研究了其他事项。", with: "会议还研究了其他重要事项。")
        pages["2024-01-02_01.txt"] = Self.page("新年第一篇", "1月2日上午，市委书记刘越高出席。", reporter: "罗文鹏")
        pages["002_9162d9dbe36b24a1.txt"] = nil
        for (k, v) in f.allFiles where k.hasPrefix("in/") { _ = v; try f.removeItem(k) }
        for (k, v) in pages { try f.write(Data(v.utf8), to: "in/\(k)") }
        let inc = build(f)
        #expect(inc.succeeded && inc.incremental)
        #expect(inc.pagesRemoved > 0)
        #expect(inc.pagesWritten > 0 && inc.pagesWritten < 40, "only changed pages: \(inc.pagesWritten)")
        let clean = try fs(pages)
        #expect(build(clean).succeeded)
        let a = site(f), b = site(clean)
        #expect(Set(a.keys) == Set(b.keys))
        for (k, v) in b { #expect(a[k] == v, "\(k)") }
    }

    @Test func templateErrorNamesTemplateAndLineAndKeepsTheOldSite() throws {
        let f = try fs(Self.seedPages)
        #expect(build(f).succeeded)
        let before = site(f)
        try f.write(Data("{{% CONTENT_TYPE: HTML }}\n<p>\n{{#broken}}\n</p>\n".utf8), to: "tpl/day.mustache")
        let r = build(f)
        #expect(!r.succeeded)
        #expect(r.diagnostics.contains { $0.file == "tpl/day.mustache" && $0.line != nil && $0.severity == .error })
        #expect(site(f) == before)
    }

    @Test func strictTurnsWarningsIntoErrorsAndKeepGoingStillFails() throws {
        let f = try fs(["undated.txt": Self.page("无年份", "7月2日上午，会议召开。"), "empty.txt": ""])
        let normal = build(f)
        #expect(normal.succeeded && normal.diagnostics.count >= 2)
        let strict = try fs(["undated.txt": Self.page("无年份", "7月2日上午，会议召开。")])
        let s = build(strict, strict: true)
        #expect(!s.succeeded && site(strict).isEmpty)
        let kg = build(strict, strict: true, keepGoing: true)
        #expect(!kg.succeeded && !site(strict).isEmpty, "--keep-going builds the rest and still fails")
    }

    @Test func nonTextFileIsAnErrorAndNothingIsLostSilently() throws {
        var files: [String: Data] = ["in/good.txt": Data(Self.page("好", "7月2日上午，会议召开。").utf8),
                                     "in/bad.txt": Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1])]
        files["hysite.yml"] = Data("default_year: 2023\n".utf8)
        let f = try memoryFS(copying: [(repoRoot + "/Templates", "tpl")], extra: files)
        let r = build(f)
        #expect(!r.succeeded)
        #expect(r.diagnostics.contains { $0.file == "in/bad.txt" && $0.severity == .error && $0.message.contains("not a text page") })
        #expect(site(f).isEmpty, "site untouched on error")
        let kg = build(f, keepGoing: true)
        #expect(!kg.succeeded && site(f)["articles/2023/07/good-1.html"] != nil)
    }
}

import Foundation
import Testing
@testable import HysiteKit

/// Every output path comes from the build's own slugs: hostile names stay inside the site and distinct,
/// and links in or at the output folder are never followed.
@Suite struct PathSafetyTests {
    @Test(arguments: ["../../etc/passwd", "a/b", "..", ".", "/", "名字" + String(repeating: "很长", count: 200), "刘越高", "<script>"])
    func slugsAreSafe(_ name: String) {
        let s = Slug.ascii(name)
        #expect(!s.isEmpty && s.count <= 80)
        #expect(!s.contains("/") && s != "." && s != "..")
        #expect(s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
    }

    /// People's pinyin is made in one batch for speed; it must equal each name's own transliteration.
    @Test func pinyinInABatchEqualsOneByOne() {
        let names = ["刘越高", "曾小明", "单雄信", "尉迟恭", "区志强", "欧阳娜娜", "王小明", "李华", "Zoë 王", "乐", "覃",
                     "重庆", "长孙无忌", "阿卜杜拉·买买提", "李 华", "<b>", "", "张\n三", "朴槿惠", "华罗庚"]
        #expect(Slug.pinyin(batch: names) == names.map(Slug.pinyin))
        #expect(Slug.pinyin(batch: names).map { Slug.ascii(latin: $0) } == names.map { Slug.ascii($0) })
        #expect(Slug.pinyin(batch: ["刘越高", "曾小明"]) == ["liu yue gao", "zeng xiao ming"])
    }

    @Test func hostilePeopleNamesStayInsideAndDistinct() throws {
        let weird = ["../../逃逸", "a/b", "..", String(repeating: "长", count: 300), String(repeating: "长", count: 301)]
        let body = "7月2日上午，会议召开。" + weird.map { "\($0)参加。" }.joined()
        let page = "# 标题\n\n本报讯（记者 张三）\n\n\(body)\n"
        let yml = "add:\n" + weird.map { "  - \"\($0)\"\n" }.joined()
        let (r, site) = try buildInMemory(pages: ["2023-07-02_01.txt": page], extra: ["in/people.yml": Data(yml.utf8)])
        #expect(r.succeeded, "\(r.diagnostics)")
        let personPages = site.keys.filter { $0.hasPrefix("people/") && $0.hasSuffix("/index.html") && $0 != "people/index.html" }
        #expect(personPages.count == weird.count + 1, "\(personPages.sorted())")
        for p in site.keys {
            #expect(!p.split(separator: "/").contains("..") && !p.hasPrefix("/"), "\(p)")
        }
    }

    @Test func pageFilesWhoseStemsCollideKeepBothArticles() throws {
        let page = { (t: String) in "# \(t)\n\n本报讯（记者 张三）\n\n7月2日上午，会议召开。\n" }
        let (r, site) = try buildInMemory(pages: ["a/b.txt": page("甲"), "a-b.txt": page("乙")], config: "default_year: 2023\n")
        #expect(r.articles == 2)
        let articles = site.keys.filter { $0.hasPrefix("articles/") }
        #expect(articles.count == 2)
        #expect(articles.contains { site[$0]!.contains("<h1 data-pagefind-meta=\"title\">甲</h1>") || site[$0]!.contains(">甲</h1>") })
        #expect(articles.contains { site[$0]!.contains(">乙</h1>") })
    }

    @Test func outputSymlinksAreNotFollowed() throws {
        let tmp = NSTemporaryDirectory() + "hysite-links-\(getpid())"
        let fm = FileManager.default
        defer { try? fm.removeItem(atPath: tmp) }
        try fm.createDirectory(atPath: "\(tmp)/elsewhere", withIntermediateDirectories: true)
        try "keep".write(toFile: "\(tmp)/elsewhere/keep.txt", atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: "\(tmp)/site", withDestinationPath: "\(tmp)/elsewhere")
        var o = BuildOptions(input: repoRoot + "/seeds", output: "\(tmp)/site", templates: repoRoot + "/Templates")
        o.search = false
        o.configFile = "\(tmp)/none.yml"
        let disk = LocalFileSystem()
        #expect(Pipeline.build(o, fs: disk, clock: FixedClock()).succeeded)
        #expect(!disk.isSymbolicLink("\(tmp)/site"), "the link was replaced by a real folder")
        #expect(try fm.contentsOfDirectory(atPath: "\(tmp)/elsewhere") == ["keep.txt"], "nothing written through the link")
        // A link planted inside the site: an incremental rebuild must not write through it.
        try fm.removeItem(atPath: "\(tmp)/site/dates")
        try fm.createSymbolicLink(atPath: "\(tmp)/site/dates", withDestinationPath: "\(tmp)/elsewhere")
        try fm.createDirectory(atPath: "\(tmp)/in", withIntermediateDirectories: true)
        for f in try disk.files(under: repoRoot + "/seeds") { try fm.copyItem(atPath: repoRoot + "/seeds/" + f, toPath: "\(tmp)/in/" + f) }
        try ("\n" + "会议还研究了其他事项。\n").appendLine(to: "\(tmp)/in/000_7ef2a64ad5261223.txt")
        o.input = "\(tmp)/in"
        #expect(Pipeline.build(o, fs: disk, clock: FixedClock()).succeeded)
        #expect(try fm.contentsOfDirectory(atPath: "\(tmp)/elsewhere") == ["keep.txt"], "nothing written through the planted link")
        #expect(!disk.isSymbolicLink("\(tmp)/site/dates") && fm.fileExists(atPath: "\(tmp)/site/dates/2023/07/25/index.html"))
    }
}

extension String {
    func appendLine(to path: String) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        h.seekToEndOfFile()
        h.write(Data(utf8))
        h.closeFile()
    }
}

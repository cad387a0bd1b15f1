import Foundation
import Testing
@testable import HysiteKit

/// The search index on disk, built by the real Pagefind: one index per year, rebuilt only for the years whose
/// article pages changed; the other years' index files are not touched.
@Suite(.serialized, .enabled(if: SearchIndex.locate() != nil, "Pagefind is not installed (pip install 'pagefind[extended]==1.5.2')"))
struct SearchIndexTests {
    /// Three dated years (the seeds' articles under other dates) and one undated article.
    static var pages: [String: String] {
        let seeds = BuildBehaviourTests.seedPages
        return [
            "2019-07-26_01.txt": seeds["000_7ef2a64ad5261223.txt"]!,
            "2021-07-26_01.txt": seeds["000_7ef2a64ad5261223.txt"]!,
            "2022-12-14_01.txt": seeds["002_9162d9dbe36b24a1.txt"]!,
            "undated.txt": BuildBehaviourTests.page("没有日期的报道", "市委书记刘越高出席会议并讲话。"),
        ]
    }

    /// A temporary folder with `in/` holding `pages`; removed by the caller.
    func folder(_ pages: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hysite-search-\(UUID().uuidString)").path
        for (name, text) in pages { try LocalFileSystem().write(Data(text.utf8), to: "\(dir)/in/\(name)") }
        return dir
    }

    func build(_ dir: String) -> BuildReport {
        var o = BuildOptions(input: "\(dir)/in", output: "\(dir)/site", templates: repoRoot + "/Templates")
        o.search = true
        return Pipeline.build(o, fs: LocalFileSystem(), clock: FixedClock())
    }

    /// Every file of `site/pagefind/<year>/` with its modification time and bytes.
    func snapshot(_ dir: String, _ year: String) throws -> [String: (Date, Data)] {
        let root = "\(dir)/site/pagefind/\(year)"
        var out: [String: (Date, Data)] = [:]
        for f in try LocalFileSystem().files(under: root) {
            let attrs = try FileManager.default.attributesOfItem(atPath: "\(root)/\(f)")
            out[f] = (attrs[.modificationDate] as! Date, try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(f)")))
        }
        return out
    }

    func expectUntouched(_ before: [String: (Date, Data)], _ after: [String: (Date, Data)], _ year: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!before.isEmpty && Set(before.keys) == Set(after.keys), "\(year): files differ", sourceLocation: sourceLocation)
        for (f, (time, bytes)) in before {
            #expect(after[f]?.0 == time && after[f]?.1 == bytes, "\(year)/\(f) was rewritten", sourceLocation: sourceLocation)
        }
    }

    @Test func cleanBuildIndexesEachYearApart() throws {
        let dir = try folder(Self.pages)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = build(dir)
        #expect(r.succeeded, "\(r.diagnostics)")
        #expect(r.searchIndexed == ["2022", "2021", "2019", "undated"])
        #expect(LocalFileSystem().entries(in: "\(dir)/site/pagefind") == ["2019", "2021", "2022", "undated"])
        let check = SiteChecker.check(site: "\(dir)/site", fs: LocalFileSystem())
        #expect(check.passed, "\(check.problems)")
        #expect(check.searchPages == r.articles, "\(check.summary)")
        // Each year's index holds exactly that year's article pages (the seed file of 3 articles in 2019 and in 2021).
        for year in ["2019", "2021", "2022", "undated"] {
            let pages = try LocalFileSystem().files(under: "\(dir)/site/articles/\(year)").filter { $0.hasSuffix(".html") }.count
            let entry = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/site/pagefind/\(year)/pagefind-entry.json"))
            #expect(pages >= 1 && String(decoding: entry, as: UTF8.self).contains("\"page_count\":\(pages)}"), "\(year): \(pages) articles")
        }
        #expect(try LocalFileSystem().files(under: "\(dir)/site/articles/2019").filter { $0.hasSuffix(".html") }.count == 3)
    }

    @Test func editingOnePageFileReindexesOnlyItsYear() throws {
        let dir = try folder(Self.pages)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(build(dir).succeeded)
        let before = try ["2019", "2022", "undated", "2021"].map { try snapshot(dir, $0) }
        Thread.sleep(forTimeInterval: 0.02)  // a rewritten file would get a later modification time
        var edited = Self.pages
        edited["2021-07-26_01.txt"] = edited["2021-07-26_01.txt"]!.replacingOccurrences(of: "会议还研究了其他事项。", with: "会议还研究了其他重要事项。")
        #expect(edited != Self.pages)
        try LocalFileSystem().write(Data(edited["2021-07-26_01.txt"]!.utf8), to: "\(dir)/in/2021-07-26_01.txt")
        let r = build(dir)
        #expect(r.succeeded && r.incremental)
        #expect(r.searchIndexed == ["2021"], "Pagefind ran for \(r.searchIndexed)")
        for (k, year) in ["2019", "2022", "undated"].enumerated() { expectUntouched(before[k], try snapshot(dir, year), year) }
        let after2021 = try snapshot(dir, "2021")
        #expect(after2021["pagefind-entry.json"] != nil)
        #expect(after2021.contains { f, v in before[3][f]?.1 != v.1 }, "2021's index did not change")
        #expect(SiteChecker.check(site: "\(dir)/site", fs: LocalFileSystem()).passed)

        // Nothing changed: Pagefind does not run.
        let again = build(dir)
        #expect(again.unchanged && again.searchIndexed.isEmpty)
    }

    @Test func aYearWithoutArticlesLosesItsIndex() throws {
        let dir = try folder(Self.pages)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(build(dir).succeeded)
        let kept = try snapshot(dir, "2022")
        try FileManager.default.removeItem(atPath: "\(dir)/in/2019-07-26_01.txt")
        let r = build(dir)
        #expect(r.succeeded)
        #expect(r.searchRemoved == ["2019"])
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/site/pagefind/2019"))
        #expect(!r.searchIndexed.contains("2022"), "Pagefind ran for \(r.searchIndexed)")
        expectUntouched(kept, try snapshot(dir, "2022"), "2022")
        let search = try String(contentsOfFile: "\(dir)/site/search/index.html", encoding: .utf8)
        #expect(!search.contains("pagefind/2019/") && search.contains("pagefind/2022/"))
        #expect(SiteChecker.check(site: "\(dir)/site", fs: LocalFileSystem()).passed)
    }

    /// A year whose index went missing (a failed run, a hand-deleted folder) is indexed again, even when no page changed.
    @Test func aMissingYearIsIndexedAgain() throws {
        let dir = try folder(Self.pages)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(build(dir).succeeded)
        try FileManager.default.removeItem(atPath: "\(dir)/site/pagefind/2021")
        #expect(!SiteChecker.check(site: "\(dir)/site", fs: LocalFileSystem()).passed)
        let r = build(dir)
        #expect(r.succeeded && r.searchIndexed == ["2021"], "Pagefind ran for \(r.searchIndexed)")
        #expect(SiteChecker.check(site: "\(dir)/site", fs: LocalFileSystem()).passed)
    }
}

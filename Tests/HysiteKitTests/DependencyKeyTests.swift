import Foundation
import Testing
@testable import HysiteKit

/// Article pages skipped by their dependency key (without building their view model) are exactly those a clean
/// build makes the same: edits that reach an article page only through its neighbours, its people or its
/// printed page still re-render it.
@Suite struct DependencyKeyTests {
    let b = BuildBehaviourTests()
    let inc = IncrementalRenderTests()

    /// One edit of the seeds and three labelled pages, and what a reader would see change.
    struct Edit: CustomTestStringConvertible, Sendable {
        var name: String
        var apply: @Sendable (inout [String: String]) -> Void
        var testDescription: String { name }
    }

    static let labelled = ["2023-07-26_01.txt", "2023-07-27_02.txt", "2023-07-29_04.txt"]

    static var pages: [String: String] {
        var pages = BuildBehaviourTests.seedPages
        for name in labelled { pages[name] = try! String(contentsOfFile: fixtures + "/labelled/" + name, encoding: .utf8) }
        return pages
    }

    static let edits: [Edit] = [
        // Its neighbours' pages show its title in their 上一篇/下一篇 links.
        Edit(name: "an article retitled") { $0["2023-07-27_02.txt"] = $0["2023-07-27_02.txt"]!.replacingOccurrences(of: "# 筑牢安全“防护网” 守护孩子平安夏", with: "# 筑牢暑期安全网") },
        // The page's articles move to another day: new neighbours, day pages and printed page.
        Edit(name: "a page file redated") { $0["2023-07-30_04.txt"] = $0.removeValue(forKey: "2023-07-29_04.txt") },
        // Its neighbours lose a neighbour.
        Edit(name: "a page file removed") { $0["2023-07-27_02.txt"] = nil },
        // A reporter's name changes on some articles: their pages link another person page.
        Edit(name: "a reporter renamed") { $0["000_7ef2a64ad5261223.txt"] = $0["000_7ef2a64ad5261223.txt"]!.replacingOccurrences(of: "陈润", with: "陈新润") },
        // 陈闰 reads like 陈润 (chen-run): both people's pages move to distinct slugs, and every article naming
        // 陈润 links the new one though none of them changed.
        Edit(name: "a homonym appears") { $0["2023-07-28_01.txt"] = BuildBehaviourTests.page("新开通的公交线路", "7月28日上午，新线路开通。", reporter: "陈闰") },
        // A new name in an article: the pages of the people it already named list a new companion, though the
        // lines they show for the article itself are as before.
        Edit(name: "a name added to an article") { $0["2023-07-26_01.txt"] = $0["2023-07-26_01.txt"]!.replacingOccurrences(of: "7月25日下午，全市重点项目建设推进会召开。", with: "7月25日下午，市委书记刘越高出席，全市重点项目建设推进会召开。") },
        // Another printed page of the same day: the day's first page gains a tab and a 下一版 link, its articles
        // unchanged.
        Edit(name: "a page of the same day added") { $0["2023-07-27_03.txt"] = BuildBehaviourTests.page("暑期游泳安全提示", "7月27日上午，市教育局发布提示。", reporter: "罗文鹏") },
        // One sentence: only the article's own page (and lists showing its excerpt) change.
        Edit(name: "one sentence edited") { $0["000_7ef2a64ad5261223.txt"] = $0["000_7ef2a64ad5261223.txt"]!.replacingOccurrences(of: "会议还研究了其他事项。", with: "会议还研究了其他重要事项。") },
    ]

    @Test(arguments: edits)
    func aRebuildAfterAnEditIsACleanBuild(_ edit: Edit) throws {
        let f = try b.fs(Self.pages)
        let first = b.build(f)
        #expect(first.succeeded)
        var pages = Self.pages
        edit.apply(&pages)
        try inc.rewrite(f, pages)
        let second = b.build(f)
        #expect(second.succeeded && second.incremental)
        #expect(second.pagesRendered < first.pagesRendered / 2, "rendered \(second.pagesRendered) of \(first.pagesRendered)")
        try inc.expectSameAsCleanBuild(f, pages, edit.name)
    }

    /// The key changes with each thing an article page shows from elsewhere, and not with unrelated articles.
    @Test func articleKeysFollowTheirInputs() throws {
        func keys(_ pages: [String: String]) throws -> [String: String] {
            let f = try b.fs(pages)
            #expect(b.build(f).succeeded)
            let manifest = try #require(Manifest.decode(Array(try f.read("out/\(Manifest.fileName)"))))
            return manifest.models.filter { $0.key.hasPrefix("articles/") }
        }
        let before = try keys(Self.pages)
        #expect(!before.isEmpty && before.values.allSatisfy { $0.utf8.count == 16 })
        var retitled = Self.pages
        Self.edits[0].apply(&retitled)
        let after = try keys(retitled)
        let changed = before.keys.filter { before[$0] != after[$0] }
        // The retitled article and its two neighbours; the other articles keep their keys.
        #expect(changed.count == 3, "\(changed.sorted())")
    }
}

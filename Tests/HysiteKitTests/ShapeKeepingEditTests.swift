import Foundation
import Testing
@testable import HysiteKit

/// `hysite build` (no archive kept in memory) after edits that keep the archive's shape looks only at the pages that
/// show the edited articles and the pages without a dependency key; every other page keeps its manifest entry. The
/// site is a clean build's, byte for byte, and the same pages are rendered as when every page is looked at.
@Suite struct ShapeKeepingEditTests {
    let b = BuildBehaviourTests()
    let inc = IncrementalRenderTests()
    static let cache = ".out.hysite-cache"

    /// Every dependency-key edit, and those whose reach lies in other page files.
    static let edits = DependencyKeyTests.edits + WarmRebuildTests.shapeKeeping

    @Test(arguments: edits)
    func aRebuildLooksOnlyAtThePagesShowingTheEdit(_ edit: DependencyKeyTests.Edit) throws {
        let shapeKept = WarmRebuildTests.shapeKeepingEdits.contains(edit.name) || WarmRebuildTests.shapeKeeping.contains { $0.name == edit.name }
        let f = try b.fs(DependencyKeyTests.pages)
        let first = b.build(f)
        #expect(first.succeeded && !first.shapeKept)
        var pages = DependencyKeyTests.pages
        edit.apply(&pages)
        try inc.rewrite(f, pages)
        let second = b.build(f)
        #expect(second.succeeded && second.shapeKept == shapeKept, "\(edit.name): \(second.summary)")
        // The archive's structure is the last build's exactly when the edit kept its shape.
        #expect(second.archiveKept == shapeKept, "\(edit.name)")
        if shapeKept {
            #expect(second.pagesExamined > 0 && second.pagesExamined < first.pagesExamined / 2,
                    "looked at \(second.pagesExamined) of \(first.pagesExamined)")
            #expect(second.summary.contains("\(second.pagesExamined) pages looked at"), "\(second.summary)")
        }
        try inc.expectSameAsCleanBuild(f, pages, edit.name)
        // The same edit rebuilt with every page looked at (no parse cache to tell the edit's shape by) renders as
        // many pages: none that changed was passed over.
        let g = try b.fs(DependencyKeyTests.pages)
        #expect(b.build(g).succeeded)
        for path in g.allFiles.keys where path.hasPrefix(Self.cache + "/") { try g.removeItem(path) }
        try inc.rewrite(g, pages)
        let everyPage = b.build(g)
        #expect(!everyPage.shapeKept && !everyPage.archiveKept && everyPage.pagesRendered == second.pagesRendered,
                "\(edit.name): rendered \(second.pagesRendered), looking at every page \(everyPage.pagesRendered)")
    }

    /// Several edits one after another (the naming cache is not rewritten after those that keep the shape), then one
    /// that changes a name: each rebuild is a clean build of the text as it then is.
    @Test func successiveEditsStayCleanBuilds() throws {
        let f = try b.fs(DependencyKeyTests.pages)
        #expect(b.build(f).succeeded)
        var pages = DependencyKeyTests.pages
        let file = "000_7ef2a64ad5261223.txt"
        for (k, (from, to)) in [("会议还研究了其他事项。", "会议还研究了其他若干事项。"), ("若干", "多项"), ("陈润", "陈新润"), ("多项", "")].enumerated() {
            pages[file] = pages[file]!.replacingOccurrences(of: from, with: to)
            try inc.rewrite(f, pages)
            let r = b.build(f)
            // Each build keeps the archive's structure under its own inputs, so the next edit can take it.
            #expect(r.succeeded && r.shapeKept == (k != 2) && r.archiveKept == (k != 2), "edit \(k): \(r.summary)")
            try inc.expectSameAsCleanBuild(f, pages, "edit \(k)")
        }
    }

    /// A parse cache that is not what the site was built from (here the site's manifest names other inputs) is not
    /// trusted to tell the edit's shape: every page is looked at, and the site is still a clean build's.
    @Test func aCacheThatDoesNotMatchTheSiteIsNotTrusted() throws {
        let f = try b.fs(DependencyKeyTests.pages)
        #expect(b.build(f).succeeded)
        let manifestPath = "out/\(Manifest.fileName)"
        var manifest = try #require(Manifest.decode([UInt8](try f.read(manifestPath))))
        manifest.inputs = String(repeating: "0", count: manifest.inputs.count)
        try f.write(Data(manifest.encoded()), to: manifestPath)
        var pages = DependencyKeyTests.pages
        pages["000_7ef2a64ad5261223.txt"] = pages["000_7ef2a64ad5261223.txt"]!.replacingOccurrences(of: "会议还研究了其他事项。", with: "会议还研究了其他重要事项。")
        try inc.rewrite(f, pages)
        let r = b.build(f)
        #expect(r.succeeded && !r.shapeKept, "\(r.summary)")
        try inc.expectSameAsCleanBuild(f, pages, "untrusted cache")
    }

    /// How the kept archive structure is damaged: cut short, a byte flipped (its checksum then fails), another
    /// hysite's (with a right checksum), or whole and checksummed but not this archive's: two articles' places
    /// swapped, so an article sits on another file's printed page ("misfit"), or an article left off its printed
    /// page's list and its day's ("unlisted", so its page and day would not show it).
    static let archiveDamage = ["truncate", "garble", "otherHysite", "misfit", "unlisted"]

    /// A damaged archive structure is never taken: the archive is assembled again and the site is a clean build's.
    @Test(arguments: archiveDamage)
    func aDamagedArchiveStructureIsAssembledAgain(_ damage: String) throws {
        let f = try b.fs(DependencyKeyTests.pages)
        #expect(b.build(f).succeeded)
        let path = ArchiveCache.path(Self.cache)
        let saved = [UInt8](try f.read(path))
        var body = Array(saved.dropFirst(17))
        switch damage {
        case "truncate": body.removeLast(body.count / 3)
        case "garble": body[body.count / 2] ^= 0x5A
        case "otherHysite":
            let header = try #require(body.firstRange(of: Array(ArchiveCache.header.utf8)))
            body[header.lowerBound + "hysite-archive ".utf8.count] = UInt8(ascii: "9")  // another format's header
        case "unlisted":
            var kept = try ArchiveCache(cacheBytes: body)
            let page = try #require(kept.printedPages.firstIndex { $0.articles.count > 1 })
            let gone = kept.printedPages[page].articles.removeLast()
            for d in kept.days.indices { kept.days[d].articles.removeAll { $0 == gone } }
            kept.undated.removeAll { $0 == gone }
            body = kept.cacheBytes()
        default:
            var kept = try ArchiveCache(cacheBytes: body)
            kept.order.swapAt(0, kept.order.count - 1)
            body = kept.cacheBytes()
        }
        let hash = damage == "garble" || damage == "truncate" ? Array(saved.prefix(16)) : Array(CacheChecksum.hex(body).utf8)
        try f.write(Data(hash + [UInt8(ascii: "\n")] + body), to: path)
        var pages = DependencyKeyTests.pages
        pages["000_7ef2a64ad5261223.txt"] = pages["000_7ef2a64ad5261223.txt"]!.replacingOccurrences(of: "会议还研究了其他事项。", with: "会议还研究了其他重要事项。")
        try inc.rewrite(f, pages)
        let r = b.build(f)
        #expect(r.succeeded && r.shapeKept && !r.archiveKept, "\(damage): \(r.summary)")
        try inc.expectSameAsCleanBuild(f, pages, damage)
    }

    /// Two files edited at once, one keeping its shape and one adding a name: every page is looked at.
    @Test func oneEditThatChangesTheShapeLooksAtEveryPage() throws {
        let f = try b.fs(DependencyKeyTests.pages)
        let first = b.build(f)
        var pages = DependencyKeyTests.pages
        pages["000_7ef2a64ad5261223.txt"] = pages["000_7ef2a64ad5261223.txt"]!.replacingOccurrences(of: "会议还研究了其他事项。", with: "会议还研究了其他重要事项。")
        pages["2023-07-26_01.txt"] = pages["2023-07-26_01.txt"]!.replacingOccurrences(of: "7月25日下午，全市重点项目建设推进会召开。", with: "7月25日下午，市委书记刘越高出席，全市重点项目建设推进会召开。")
        try inc.rewrite(f, pages)
        let r = b.build(f)
        #expect(r.succeeded && !r.shapeKept && r.pagesExamined == first.pagesExamined, "\(r.summary)")
        try inc.expectSameAsCleanBuild(f, pages, "two edits")
    }
}

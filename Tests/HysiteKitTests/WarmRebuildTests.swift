import Foundation
import Testing
@testable import HysiteKit

/// `hysite serve` keeps the last build in memory (`BuildMemory`): a rebuild after an edit that keeps the archive's
/// shape patches it, any other rebuild assembles everything. Either way the site is a clean build's, byte for byte.
@Suite struct WarmRebuildTests {
    let b = BuildBehaviourTests()
    let inc = IncrementalRenderTests()

    /// A build of `in/` into `out/` that keeps (and reuses) `memory`.
    func build(_ f: MemoryFileSystem, _ memory: BuildMemory) -> BuildReport {
        var o = BuildOptions(input: "in", output: "out", templates: "tpl")
        o.search = false
        return Pipeline.build(o, fs: f, clock: FixedClock(), memory: memory)
    }

    /// The dependency-key edits that keep the archive's shape (text and headlines only); the others change it.
    static let shapeKeepingEdits: Set<String> = ["an article retitled", "one sentence edited"]

    @Test(arguments: DependencyKeyTests.edits)
    func aWarmRebuildIsACleanBuild(_ edit: DependencyKeyTests.Edit) throws {
        let shapeKept = Self.shapeKeepingEdits.contains(edit.name)
        let f = try b.fs(DependencyKeyTests.pages)
        let memory = BuildMemory()
        let first = build(f, memory)
        #expect(first.succeeded && memory.isWarm)
        var pages = DependencyKeyTests.pages
        edit.apply(&pages)
        try inc.rewrite(f, pages)
        let second = build(f, memory)
        #expect(second.succeeded && memory.isWarm)
        #expect(second.patched == shapeKept, "\(edit.name): patched \(second.patched)")
        if shapeKept {
            // No more templates ran than in a rebuild without memory.
            let cold = try b.fs(DependencyKeyTests.pages)
            #expect(b.build(cold).succeeded)
            try inc.rewrite(cold, pages)
            let coldRebuild = b.build(cold)
            #expect(second.pagesParsed == 1 && second.pagesRendered <= coldRebuild.pagesRendered,
                    "rendered \(second.pagesRendered) of \(first.pagesRendered), without memory \(coldRebuild.pagesRendered)")
        }
        try inc.expectSameAsCleanBuild(f, pages, edit.name)
        // A plain build afterwards (no memory) finds the site up to date.
        let plain = b.build(f)
        #expect(plain.succeeded && plain.unchanged, "\(edit.name): \(plain.summary)")
    }

    /// Edits that keep the archive's shape, where the pages they reach lie in other page files: the article before
    /// the first one of a page file is the last of another file, and its page links the retitled one.
    static let shapeKeeping: [DependencyKeyTests.Edit] = [
        DependencyKeyTests.Edit(name: "a page's first article retitled") {
            $0["2023-07-26_01.txt"] = $0["2023-07-26_01.txt"]!.replacingOccurrences(of: "# 传达学习省委全会精神 研究部署下半年重点工作", with: "# 市委常委会传达学习省委全会精神")
        },
        DependencyKeyTests.Edit(name: "a page's last article retitled") {
            $0["2023-07-26_01.txt"] = $0["2023-07-26_01.txt"]!.replacingOccurrences(of: "\n守护一江碧水 共建美丽湘江\n", with: "\n守护湘江一江碧水 共建美丽湘江\n")
        },
    ]

    @Test(arguments: shapeKeeping)
    func editsReachingOtherFilesArePatchedRight(_ edit: DependencyKeyTests.Edit) throws {
        let f = try b.fs(DependencyKeyTests.pages)
        let memory = BuildMemory()
        #expect(build(f, memory).succeeded)
        var pages = DependencyKeyTests.pages
        edit.apply(&pages)
        #expect(pages != DependencyKeyTests.pages, "the edit must change the page")
        try inc.rewrite(f, pages)
        let second = build(f, memory)
        #expect(second.succeeded && second.patched)
        try inc.expectSameAsCleanBuild(f, pages, edit.name)
    }

    /// Several edits one after another, each patched, end as a clean build of the last text; an edit that changes a
    /// name then goes through the full build and leaves the memory warm for the next patch.
    @Test func successiveEditsStayCleanBuilds() throws {
        let f = try b.fs(DependencyKeyTests.pages)
        let memory = BuildMemory()
        #expect(build(f, memory).succeeded)
        var pages = DependencyKeyTests.pages
        let file = "000_7ef2a64ad5261223.txt"
        for (k, (from, to)) in [("会议还研究了其他事项。", "会议还研究了其他若干事项。"), ("若干", "多项"), ("陈润", "陈新润"), ("多项", "")].enumerated() {
            pages[file] = pages[file]!.replacingOccurrences(of: from, with: to)
            try inc.rewrite(f, pages)
            let r = build(f, memory)
            #expect(r.succeeded && r.patched == (k != 2), "edit \(k): \(r.summary)")
            try inc.expectSameAsCleanBuild(f, pages, "edit \(k)")
        }
        let again = build(f, memory)
        #expect(again.unchanged && again.pagesWritten == 0)
    }

    /// A page file that stops being text fails the rebuild with a message naming it (the site stays as it was); once
    /// mended, the next rebuild is a clean build's site again.
    @Test func aFileThatIsNoLongerTextFailsTheRebuild() throws {
        let f = try b.fs(DependencyKeyTests.pages)
        let memory = BuildMemory()
        #expect(build(f, memory).succeeded)
        let before = b.site(f)
        let file = "000_7ef2a64ad5261223.txt"
        try f.write(Data([0x00, 0x01, 0x02, 0xff, 0x00]), to: "in/\(file)")
        let broken = build(f, memory)
        #expect(!broken.succeeded && !broken.patched)
        #expect(broken.diagnostics.contains { $0.code == .binaryFile && $0.file == "in/\(file)" }, "\(broken.diagnostics)")
        #expect(b.site(f) == before, "the last good site stays")
        var pages = DependencyKeyTests.pages
        pages[file] = pages[file]!.replacingOccurrences(of: "会议还研究了其他事项。", with: "会议还研究了其他重要事项。")
        try inc.rewrite(f, pages)
        #expect(build(f, memory).succeeded)
        try inc.expectSameAsCleanBuild(f, pages, "mended")
    }

    /// A warm rebuild reports the edited file's new warnings, and no longer its old ones.
    @Test func warningsFollowTheEditedFile() throws {
        let f = try b.fs(DependencyKeyTests.pages)
        let memory = BuildMemory()
        let first = build(f, memory)
        let file = "000_7ef2a64ad5261223.txt"
        var pages = DependencyKeyTests.pages
        // A byte that is not UTF-8 in the text: a repaired-bytes warning for that line.
        var bytes = Array(pages[file]!.utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
        try f.write(Data(bytes[..<at] + [0xff] + bytes[at...]), to: "in/\(file)")
        let warned = build(f, memory)
        let repaired = warned.diagnostics.filter { $0.code == .undecodableBytes }
        #expect(warned.succeeded && !repaired.isEmpty && repaired.allSatisfy { $0.file == "in/\(file)" })
        #expect(warned.diagnostics.count == first.diagnostics.count + repaired.count)
        bytes = Array(pages[file]!.utf8)
        pages[file] = String(decoding: bytes, as: UTF8.self)
        try inc.rewrite(f, pages)
        let mended = build(f, memory)
        #expect(mended.diagnostics == first.diagnostics, "\(mended.diagnostics)")
    }
}

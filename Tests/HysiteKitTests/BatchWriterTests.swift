import Foundation
import Testing
@testable import HysiteKit

/// A clean build writes its pages on a thread of its own, behind the rendering (`BatchWriter`): a page that
/// cannot be written still fails the build with its path, and leaves no half-written site.
@Suite struct BatchWriterTests {
    func build(_ fs: FileSystem) -> BuildReport {
        var o = BuildOptions(input: "in", output: "out", templates: "tpl")
        o.search = false
        return Pipeline.build(o, fs: fs, clock: FixedClock())
    }

    /// The seeds, or (`copies` > 0) the seed pages copied under that many dates: enough pages for several batches.
    func memory(copies: Int = 0) throws -> MemoryFileSystem {
        var files: [String: Data] = [:]
        let seeds = BuildBehaviourTests.seedPages.sorted { $0.key < $1.key }.map(\.value)
        if copies == 0 {
            for (k, v) in BuildBehaviourTests.seedPages { files["in/\(k)"] = Data(v.utf8) }
        }
        for i in 0..<copies {
            let day = Day(year: 2020 + i / 300, month: 1 + (i / 25) % 12, day: 1 + i % 25)
            files["in/\(day.iso)_\(i % 2 + 1).txt"] = Data(seeds[i % seeds.count].utf8)
        }
        return try memoryFS(copying: [(repoRoot + "/Templates", "tpl")], extra: files)
    }

    func site(_ fs: MemoryFileSystem) -> [String: Data] {
        fs.allFiles.filter { $0.key.hasPrefix("out/") }
    }

    /// The first page file under `people/` of the fresh folder cannot be written.
    static let failsOnAPersonPage: @Sendable (String) -> Bool = { $0.contains("hysite-new/people/") && $0.hasSuffix(".html") }

    @Test func aPageThatCannotBeWrittenFailsTheFirstBuildWithItsPath() throws {
        let mem = try memory()
        let report = build(HookedDisk(mem, failingWrites: Self.failsOnAPersonPage))
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("people/") && error.message.contains("No space left on device"), "\(error.message)")
        #expect(site(mem).isEmpty, "no site is put in place")
        #expect(!mem.allFiles.keys.contains { $0.contains("hysite-new") }, "the fresh folder is removed")
        // With the disk working again the build completes, the same as a build that never failed.
        #expect(build(mem).succeeded)
        let clean = try memory()
        #expect(build(clean).succeeded)
        #expect(site(mem) == site(clean))
    }

    /// Without its manifest the site is written fresh beside the old one; a failed write leaves the old one as it was.
    @Test func aFailedFreshBuildLeavesTheOldSiteAsItWas() throws {
        let mem = try memory()
        #expect(build(mem).succeeded)
        try mem.removeItem("out/\(Manifest.fileName)")
        let before = site(mem)
        #expect(before.count > 40)
        let report = build(HookedDisk(mem, failingWrites: Self.failsOnAPersonPage))
        #expect(!report.succeeded)
        #expect(site(mem) == before)
        #expect(!mem.allFiles.keys.contains { $0.contains("hysite-new") })
    }

    /// A page that cannot be written, among several batches, fails the build with its path and leaves no site.
    @Test func aFailureAmongSeveralBatchesFailsTheBuild() throws {
        let mem = try memory(copies: 250)
        #expect(build(mem).pagesWritten > 2 * 512, "several batches")
        let fresh = try memory(copies: 250)
        let report = build(HookedDisk(fresh) { $0.contains("hysite-new/dates/2020/01/01/") })
        #expect(!report.succeeded)
        #expect(report.diagnostics.contains { $0.severity == .error && $0.message.contains("dates/2020/01/01/") })
        #expect(!fresh.allFiles.keys.contains { $0.hasPrefix("out/") || $0.contains("hysite-new") })
    }

    /// Files added from several threads, small ones held for the writing thread and large ones (or ones past a
    /// batch's room) written at once, all end up written with their bytes; a large file that cannot be written
    /// fails where it is added.
    @Test func heldAndDirectFilesAreAllWritten() throws {
        let mem = MemoryFileSystem()
        let writer = BatchWriter(fs: mem, into: "site", largeFile: 100, heldBytes: 250)
        let sizes = [60, 60, 150, 60, 60, 60, 99, 100, 60, 60, 0, 1]
        DispatchQueue.concurrentPerform(iterations: sizes.count) { k in
            try! writer.add(OutputFile(path: "f\(k).txt", bytes: [UInt8](repeating: UInt8(k), count: sizes[k])))
        }
        try writer.flush()
        try writer.add(OutputFile(path: "late.txt", bytes: Array("after the first batch".utf8)))
        try writer.finish()
        for (k, n) in sizes.enumerated() {
            #expect(try mem.read("site/f\(k).txt") == Data(repeating: UInt8(k), count: n), "f\(k).txt")
        }
        #expect(try mem.read("site/late.txt") == Data("after the first batch".utf8))
        let failing = BatchWriter(fs: HookedDisk(mem) { $0.hasSuffix("big.txt") }, into: "other", largeFile: 100)
        #expect(throws: FileSystemError.self) { try failing.add(OutputFile(path: "big.txt", bytes: Array(repeating: 1, count: 200))) }
    }

    /// With no room for waiting batches, the thread that flushes writes them itself beside the writing thread: every
    /// file is still written once with its bytes, and a file that cannot be written fails `flush` or `finish`.
    @Test func batchesWrittenByTheFlushingThreadAreAllWrittenOnce() throws {
        let mem = MemoryFileSystem()
        let writes = LockedBox<[String: Int]>([:])
        let counting = HookedDisk(mem) { path in
            writes.update { $0[path, default: 0] += 1 }
            return false
        }
        let writer = BatchWriter(fs: counting, into: "site", heldBytes: 1 << 20, queuedBytes: 0)
        for batch in 0..<40 {
            DispatchQueue.concurrentPerform(iterations: 10) { k in
                try! writer.add(OutputFile(path: "b\(batch)/f\(k).txt", bytes: Array("\(batch)-\(k)".utf8)))
            }
            try writer.flush()
        }
        try writer.finish()
        #expect(writes.value.count == 400)
        #expect(writes.value.values.allSatisfy { $0 == 1 })
        for batch in 0..<40 { for k in 0..<10 { #expect(try mem.read("site/b\(batch)/f\(k).txt") == Data("\(batch)-\(k)".utf8)) } }

        let failing = BatchWriter(fs: HookedDisk(mem) { $0.hasSuffix("b7/f3.txt") }, into: "other", queuedBytes: 0)
        #expect(throws: FileSystemError.self) {
            for batch in 0..<40 {
                for k in 0..<10 { try failing.add(OutputFile(path: "b\(batch)/f\(k).txt", bytes: [1])) }
                try failing.flush()
            }
            try failing.finish()
        }
        failing.waitForWrites()
    }

    /// Every file of a clean build is written once, whatever thread writes it.
    @Test func everyPageIsWrittenOnce() throws {
        let mem = try memory()
        let writes = LockedBox<[String: Int]>([:])
        let counting = HookedDisk(mem) { path in
            writes.update { $0[path, default: 0] += 1 }
            return false
        }
        let report = build(counting)
        #expect(report.succeeded)
        let fresh = writes.value.filter { $0.key.contains("hysite-new/") }
        #expect(fresh.count == report.pagesWritten + 1, "each page and the manifest")  // + the manifest
        #expect(fresh.values.allSatisfy { $0 == 1 })
        #expect(Set(site(mem).keys) == Set(fresh.keys.map { "out/" + $0.components(separatedBy: "hysite-new/")[1] }))
    }
}

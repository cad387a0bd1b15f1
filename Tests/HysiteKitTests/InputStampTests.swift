import Foundation
import Testing
@testable import HysiteKit
#if canImport(Glibc)
import Glibc
#endif

/// A rebuild on disk tells unchanged page files by their stamps (size, times, inode) and reads none of them
/// when nothing changed; anything that could hide an edit makes it read the file.
@Suite(.serialized) struct InputStampTests {
    /// A temporary folder holding the seeds as `<name>/`, written more than the settle time ago.
    func seededFolder(_ name: String = "in") throws -> String {
        let root = NSTemporaryDirectory() + "hysite-stamps-\(UUID().uuidString)"
        let disk = LocalFileSystem()
        for f in try disk.files(under: repoRoot + "/seeds") {
            try disk.write(try disk.read(repoRoot + "/seeds/" + f), to: "\(root)/\(name)/\(f)")
        }
        // Stamps younger than a second before a build are not trusted: let them settle.
        Thread.sleep(forTimeInterval: Double(InputStamps.settleNanoseconds) / 1e9 + 0.1)
        return root
    }

    func build(_ root: String, input: String = "in", fs: FileSystem) -> BuildReport {
        var o = BuildOptions(input: "\(root)/\(input)", output: "\(root)/site", templates: repoRoot + "/Templates")
        o.search = false
        return Pipeline.build(o, fs: fs, clock: FixedClock())
    }

    @Test func nothingChangedReadsNoPageFile() throws {
        let root = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(build(root, fs: LocalFileSystem()).succeeded)
        let counting = HookedDisk(LocalFileSystem())
        let again = build(root, fs: counting)
        #expect(again.succeeded && again.unchanged && again.pagesWritten == 0)
        let pageReads = counting.pathsRead.filter { $0.hasPrefix("\(root)/in/") }
        #expect(pageReads.isEmpty, "read \(pageReads)")
    }

    /// The same size and the old modification time put back (as `cp -p` or `touch -d` can): the change time
    /// still tells, and the page is read and rebuilt.
    @Test func sameSizeEditWithOldModificationTimeIsSeen() throws {
        let root = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(build(root, fs: LocalFileSystem()).succeeded)
        let file = "\(root)/in/000_7ef2a64ad5261223.txt"
        var before = stat()
        #expect(stat(file, &before) == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "会议还研究了其他事项。", with: "会议还研究了别的事项。")
        #expect(edited != text && edited.utf8.count == text.utf8.count)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: file))
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        let counting = HookedDisk(LocalFileSystem())
        let again = build(root, fs: counting)
        #expect(again.succeeded && !again.unchanged && again.pagesParsed == 1)
        let site = try LocalFileSystem().files(under: "\(root)/site").filter { $0.hasPrefix("articles/") && $0.hasSuffix(".html") }
        let shown = try site.contains { String(decoding: try LocalFileSystem().read("\(root)/site/\($0)"), as: UTF8.self).contains("会议还研究了别的事项。") }
        #expect(shown)
    }

    /// Pages name their file with the input folder: the same files in a renamed folder are a change.
    @Test func renamedInputFolderRebuildsWithTheNewName() throws {
        let root = try seededFolder("old-name")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(build(root, input: "old-name", fs: LocalFileSystem()).succeeded)
        try FileManager.default.moveItem(atPath: "\(root)/old-name", toPath: "\(root)/new-name")
        let again = build(root, input: "new-name", fs: LocalFileSystem())
        #expect(again.succeeded && !again.unchanged)
        let pages = try LocalFileSystem().files(under: "\(root)/site").filter { $0.hasPrefix("articles/") && $0.hasSuffix(".html") }
        let html = try pages.map { String(decoding: try LocalFileSystem().read("\(root)/site/\($0)"), as: UTF8.self) }.joined()
        #expect(html.contains("new-name/") && !html.contains("old-name/"))
    }

    /// One file edited: only it is read and parsed; a file taken from the cache unread still has its warnings
    /// reported (here: a control character dropped when it was decoded).
    @Test func oneFileEditedReadsOnlyThatFileAndKeepsTheOthersWarnings() throws {
        let root = NSTemporaryDirectory() + "hysite-stamps-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let disk = LocalFileSystem()
        try disk.write(Data(BuildBehaviourTests.page("第一篇", "7月1日上午，会议召开。\u{07}").utf8), to: "\(root)/in/2023-07-01_01.txt")
        try disk.write(Data(BuildBehaviourTests.page("第二篇", "7月2日上午，会议召开。").utf8), to: "\(root)/in/2023-07-02_01.txt")
        Thread.sleep(forTimeInterval: Double(InputStamps.settleNanoseconds) / 1e9 + 0.1)
        let first = build(root, fs: disk)
        #expect(first.succeeded && first.pagesRead == 2)
        #expect(first.diagnostics.contains { $0.code == .controlCharacters && $0.file.hasSuffix("2023-07-01_01.txt") })
        try disk.write(Data(BuildBehaviourTests.page("第二篇", "7月2日上午，会议召开。会议还研究了别的事项。").utf8), to: "\(root)/in/2023-07-02_01.txt")
        let counting = HookedDisk(LocalFileSystem())
        let again = build(root, fs: counting)
        #expect(again.succeeded && !again.unchanged && again.pagesRead == 1 && again.pagesParsed == 1)
        #expect(counting.pathsRead.filter { $0.hasPrefix("\(root)/in/") } == ["\(root)/in/2023-07-02_01.txt"])
        #expect(again.diagnostics.contains { $0.code == .controlCharacters && $0.file.hasSuffix("2023-07-01_01.txt") })
    }

    /// A stamps file that is damaged or from another hysite is ignored: every page is read again.
    @Test(arguments: ["garble", "otherHysite", "truncate"])
    func damagedStampsAreNeverTrusted(_ damage: String) throws {
        let root = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(build(root, fs: LocalFileSystem()).succeeded)
        let path = InputStamps.path(ParseCache.folder(for: "\(root)/site"))
        var bytes = [UInt8](try LocalFileSystem().read(path))
        #expect(!InputStamps.load(folder: ParseCache.folder(for: "\(root)/site"), fs: LocalFileSystem()).isEmpty)
        switch damage {
        case "garble": bytes[bytes.count / 2] ^= 0x55
        case "otherHysite":
            let body = String(decoding: bytes.dropFirst(17), as: UTF8.self).replacingOccurrences(of: InputStamps.header, with: "hysite-inputs 1 other")
            bytes = Array(CacheChecksum.hex(Array(body.utf8)).utf8) + [10] + Array(body.utf8)
        default: bytes = Array(bytes.prefix(bytes.count / 2))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(InputStamps.load(folder: ParseCache.folder(for: "\(root)/site"), fs: LocalFileSystem()).isEmpty)
        let counting = HookedDisk(LocalFileSystem())
        let again = build(root, fs: counting)
        #expect(again.succeeded && again.unchanged)
        #expect(counting.pathsRead.filter { $0.hasPrefix("\(root)/in/") }.count == again.files)
    }

    /// The stamps read back as written, in byte order whatever the order given; a stamp too young to trust and a
    /// path with a tab or line break are left out; the same stamps again leave the file as it was.
    @Test func stampsRoundTripInByteOrder() throws {
        let f = MemoryFileSystem()
        let start: Int64 = 10_000_000_000_000
        let old = start - 2 * InputStamps.settleNanoseconds
        let files = ["b/2.txt", "a/1.txt", "tab\there.txt", "young.txt", "a/10.txt", "版/1.txt"]
        let stamps: [FileStamp?] = files.indices.map { k in
            FileStamp(size: Int64(k), modified: files[k] == "young.txt" ? start : old, changed: old, inode: UInt64.max - UInt64(k))
        }
        let hashes: [String?] = files.indices.map { String(repeating: String(format: "%x", $0), count: 16) }
        InputStamps.save(files, stamps: stamps, hashes: hashes, start: start, loaded: [:], folder: "c", fs: f)
        let text = String(decoding: try f.read(InputStamps.path("c")), as: UTF8.self)
        let listed = text.split(separator: "\n").dropFirst(2).map { String($0.split(separator: "\t")[0]) }
        #expect(listed == ["a/1.txt", "a/10.txt", "b/2.txt", "版/1.txt"])
        let back = InputStamps.load(folder: "c", fs: f)
        #expect(back.isEmpty, "an inode past Int64.max reads as damage, as before: the whole file is unused")
        let small = stamps.map { s in s.map { FileStamp(size: $0.size, modified: $0.modified, changed: $0.changed, inode: $0.inode & 0xffff) } }
        InputStamps.save(files, stamps: small, hashes: hashes, start: start, loaded: [:], folder: "c", fs: f)
        let kept = InputStamps.load(folder: "c", fs: f)
        #expect(kept.keys.sorted() == ["a/1.txt", "a/10.txt", "b/2.txt", "版/1.txt"])
        #expect(kept["a/10.txt"] == InputStamps.Entry(stamp: small[4]!, hash: hashes[4]!))
        try f.removeItem(InputStamps.path("c"))
        InputStamps.save(files, stamps: small, hashes: hashes, start: start, loaded: kept, folder: "c", fs: f)
        #expect(!f.exists(InputStamps.path("c")), "nothing written when the stamps are as loaded")
    }
}

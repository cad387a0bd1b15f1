import Foundation
import Testing
@testable import HysiteKit

@Suite struct DeterminismTests {
    /// Two builds of the same input are byte-identical, whatever order the pages are listed in.
    @Test func sameInputSameBytes() throws {
        let disk = LocalFileSystem()
        var pages: [String: String] = [:]
        for f in try disk.files(under: repoRoot + "/seeds") {
            pages[f] = String(decoding: try disk.read(repoRoot + "/seeds/" + f), as: UTF8.self)
        }
        let a = try buildInMemory(pages: pages).1
        let b = try buildInMemory(pages: pages).1
        #expect(a.count == b.count && a.count > 40)
        for (k, v) in a { #expect(b[k] == v, "\(k)") }
    }
}

/// A file system that lists folders in reverse order, as some real ones do (no sorted listing promised).
final class ReversedListing: FileSystem, @unchecked Sendable {
    let base: MemoryFileSystem
    init(_ base: MemoryFileSystem) { self.base = base }
    func files(under directory: String) throws -> [String] { try base.files(under: directory).reversed() }
    func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
    func isSymbolicLink(_ path: String) -> Bool { false }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func read(_ path: String) throws -> Data { try base.read(path) }
    func write(_ data: Data, to path: String) throws { try base.write(data, to: path) }
    func writeAtomically(_ data: Data, to path: String) throws { try base.writeAtomically(data, to: path) }
    func replaceItem(at path: String, with source: String) throws { try base.replaceItem(at: path, with: source) }
    func createDirectory(parentOf path: String) throws {}
    func removeItem(_ path: String) throws { try base.removeItem(path) }
    func moveItem(_ from: String, to: String) throws { try base.moveItem(from, to: to) }
    func createDirectory(_ path: String) throws {}
}

@Suite struct ListingOrderTests {
    @Test func listingOrderDoesNotChangeOutput() throws {
        var files: [String: Data] = [:]
        for f in try LocalFileSystem().files(under: fixtures + "/labelled") where f.hasSuffix(".txt") {
            files["in/\(f)"] = try LocalFileSystem().read(fixtures + "/labelled/" + f)
        }
        let a = try memoryFS(copying: [(repoRoot + "/Templates", "tpl")], extra: files)
        let b = ReversedListing(try memoryFS(copying: [(repoRoot + "/Templates", "tpl")], extra: files))
        var o = BuildOptions(input: "in", output: "out", templates: "tpl")
        o.configFile = "none.yml"
        #expect(Pipeline.build(o, fs: a, clock: FixedClock()).succeeded)
        #expect(Pipeline.build(o, fs: b, clock: FixedClock()).succeeded)
        let sa = a.allFiles.filter { $0.key.hasPrefix("out/") }, sb = b.base.allFiles.filter { $0.key.hasPrefix("out/") }
        #expect(sa.count == sb.count && sa.count > 100)
        for (k, v) in sa { #expect(sb[k] == v, "\(k)") }
    }
}

@Suite struct InputPathTests {
    /// One way of giving the input folder, and the name the site shows for one of its page files.
    struct ShownCase: CustomTestStringConvertible, Sendable {
        let input: String, file: String, shown: String
        var testDescription: String { "\(input) | \(file)" }
    }

    static let shownCases: [ShownCase] = [
        ShownCase(input: "pages", file: "pages/2023-05-20_01.txt", shown: "pages/2023-05-20_01.txt"),
        ShownCase(input: "/home/editor/archive/pages/", file: "/home/editor/archive/pages/2023/2023-05-20_01.txt", shown: "pages/2023/2023-05-20_01.txt"),
        ShownCase(input: "./pages", file: "./pages/2023-05-20_01.txt", shown: "pages/2023-05-20_01.txt"),
        ShownCase(input: "../archive", file: "../archive/2023-05-20_01.txt", shown: "archive/2023-05-20_01.txt"),
        ShownCase(input: ".", file: "./2023-05-20_01.txt", shown: "2023-05-20_01.txt"),
        ShownCase(input: "/", file: "/2023-05-20_01.txt", shown: "2023-05-20_01.txt"),
        ShownCase(input: "/srv/scans/2023-05-20_01.txt", file: "/srv/scans/2023-05-20_01.txt", shown: "2023-05-20_01.txt"),
        ShownCase(input: "pages", file: "/elsewhere/pages-old/x.txt", shown: "x.txt"),
    ]

    @Test(arguments: shownCases) func shownSourceNamesNoFolderAboveTheInput(_ c: ShownCase) {
        var config = SiteConfig()
        config.input = c.input
        #expect(config.shownSource(c.file) == c.shown)
    }

    /// The same page files built from `in` and from `/srv/papers/in/` give the same site: the article pages, printed
    /// pages and data files name the files under `in/`, never the folders above it.
    @Test func theSiteDoesNotDependOnHowTheInputPathWasGiven() throws {
        var files: [String: Data] = [:]
        for f in try LocalFileSystem().files(under: repoRoot + "/seeds") where f.hasSuffix(".txt") {
            files[f] = try LocalFileSystem().read(repoRoot + "/seeds/" + f)
        }
        func site(_ input: String) throws -> [String: Data] {
            var placed: [String: Data] = [:]
            for (k, v) in files { placed["\(input)/\(k)"] = v }
            let fs = try memoryFS(copying: [(repoRoot + "/Templates", "tpl")], extra: placed)
            var o = BuildOptions(input: input, output: "out", templates: "tpl")
            o.configFile = "none.yml"
            #expect(Pipeline.build(o, fs: fs, clock: FixedClock()).succeeded)
            // The manifest records the inputs as listed, so that a renamed input folder is a changed input.
            return fs.allFiles.filter { $0.key.hasPrefix("out/") && !$0.key.hasSuffix(Manifest.fileName) }
        }
        let relative = try site("in"), absolute = try site("/srv/papers/in/")
        #expect(relative.count == absolute.count && relative.count > 40)
        for (k, v) in relative { #expect(absolute[k] == v, "\(k)") }
        let text = absolute.values.map { String(decoding: $0, as: UTF8.self) }
        #expect(!text.contains { $0.contains("srv/papers") })
        #expect(text.contains { $0.contains("来源：in/") })
        #expect(text.contains { $0.contains("版面文件 in/") })
        #expect(text.contains { $0.contains("\"file\":\"in/") })
    }
}

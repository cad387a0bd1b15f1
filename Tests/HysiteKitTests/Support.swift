import Foundation
@testable import HysiteKit

/// The repository's root folder (tests read `seeds/`, `Templates/` and fixtures from it).
let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let fixtures = repoRoot + "/Tests/HysiteKitTests/Fixtures"

/// Another file system with every call passed through, noting each path read and failing the writes `failsWriting`
/// picks (as a full disk would). Files are read through `read` (no mapping), so every read is noted.
final class HookedDisk: FileSystem, @unchecked Sendable {
    let base: FileSystem
    let failsWriting: @Sendable (String) -> Bool
    private let reads = LockedBox<[String]>([])
    /// Paths read so far.
    var pathsRead: [String] { reads.value }

    init(_ base: FileSystem, failingWrites failsWriting: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.base = base
        self.failsWriting = failsWriting
    }

    func files(under directory: String) throws -> [String] { try base.files(under: directory) }
    func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
    func isSymbolicLink(_ path: String) -> Bool { base.isSymbolicLink(path) }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func read(_ path: String) throws -> Data {
        reads.update { $0.append(path) }
        return try base.read(path)
    }
    func write(_ data: Data, to path: String) throws {
        try checkWrite(path)
        try base.write(data, to: path)
    }
    func writeAtomically(_ data: Data, to path: String) throws {
        try checkWrite(path)
        try base.writeAtomically(data, to: path)
    }
    func removeItem(_ path: String) throws { try base.removeItem(path) }
    func replaceItem(at path: String, with source: String) throws { try base.replaceItem(at: path, with: source) }
    func createDirectory(parentOf path: String) throws { try base.createDirectory(parentOf: path) }
    func moveItem(_ from: String, to: String) throws { try base.moveItem(from, to: to) }
    func createDirectory(_ path: String) throws { try base.createDirectory(path) }
    func entries(in directory: String) -> [String] { base.entries(in: directory) }
    func stamp(_ path: String) -> FileStamp? { base.stamp(path) }

    private func checkWrite(_ path: String) throws {
        if failsWriting(path) { throw FileSystemError(path: path, reason: "No space left on device") }
    }
}

/// Copies real files into an in-memory file system under `prefix`.
func memoryFS(copying folders: [(from: String, to: String)], extra: [String: Data] = [:]) throws -> MemoryFileSystem {
    let disk = LocalFileSystem()
    var files = extra
    for (from, to) in folders {
        for rel in try disk.files(under: from) { files["\(to)/\(rel)"] = try disk.read("\(from)/\(rel)") }
    }
    return MemoryFileSystem(files)
}

/// A site built in memory from `pages` (name → text) with the repository's templates.
func buildInMemory(pages: [String: String], config: String? = nil, extra: [String: Data] = [:]) throws -> (BuildReport, [String: String]) {
    var files = extra
    for (k, v) in pages { files["in/\(k)"] = Data(v.utf8) }
    if let c = config { files["hysite.yml"] = Data(c.utf8) }
    let fs = try memoryFS(copying: [(repoRoot + "/Templates", "tpl")], extra: files)
    var options = BuildOptions(input: "in", output: "out", templates: "tpl")
    options.configFile = "hysite.yml"
    let report = Pipeline.build(options, fs: fs, clock: FixedClock())
    var site: [String: String] = [:]
    for (k, v) in fs.allFiles where k.hasPrefix("out/") { site[String(k.dropFirst(4))] = String(decoding: v, as: UTF8.self) }
    return (report, site)
}

/// Every `href="…"` and `src="…"` value in an HTML page, entities decoded.
func localLinks(in html: String) -> [String] {
    var out: [String] = []
    for attr in ["href=\"", "src=\""] {
        var rest = html[...]
        while let r = rest.range(of: attr) {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            let v = String(after[..<end]).replacingOccurrences(of: "&amp;", with: "&")
            if !v.contains("://") && !v.hasPrefix("#") && !v.hasPrefix("mailto:") && !v.hasPrefix("/") { out.append(v) }
            rest = after[end...]
        }
    }
    return out
}

/// Resolves a relative link from a page to a site path (`../../x/index.html` from `a/b/index.html`).
func resolve(_ link: String, from page: String) -> String {
    var parts = page.split(separator: "/").dropLast().map(String.init)
    let target = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    for p in target.split(separator: "/", omittingEmptySubsequences: false) {
        if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." && !p.isEmpty { parts.append(String(p)) }
    }
    return parts.joined(separator: "/")
}

/// Runs `scripts/bench/gen_corpus.py n` into a fresh temporary folder and returns that folder (page files in
/// `<folder>/pages`); the caller removes it. Throws when the generator fails.
func generateCorpus(_ n: Int, prefix: String = "hysite-gen") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", repoRoot + "/scripts/bench/gen_corpus.py", String(n), dir]
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "gen_corpus.py \(n) failed"]) }
    return dir
}

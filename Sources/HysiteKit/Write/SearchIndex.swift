import Foundation

/// Full-text search through Pagefind's extended build (it segments Chinese). Runs on the freshly written
/// site before it is swapped in, so the index always matches the pages. Optional: without Pagefind the
/// site builds and the search page says how to enable it.
public enum SearchIndex {
    /// What indexing came to: done, Pagefind not installed, or Pagefind failed (with why).
    public enum Outcome: Equatable, Sendable {
        case indexed
        case notInstalled
        case failed(String)
    }

    /// `HYSITE_PAGEFIND`, else `pagefind_extended` on PATH, else the binary inside the `pagefind_bin_extended`
    /// Python package (`pip install 'pagefind[extended]==1.5.2'`).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        if let p = environment["HYSITE_PAGEFIND"], !p.isEmpty { return fm.isExecutableFile(atPath: p) ? p : nil }
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/pagefind_extended"
            if fm.isExecutableFile(atPath: p) { return p }
        }
        let py = Process()
        py.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        py.arguments = ["python3", "-c", "import os, pagefind_bin_extended as p; print(os.path.join(os.path.dirname(p.__file__), 'pagefind_extended'))"]
        let pipe = Pipe()
        py.standardOutput = pipe
        py.standardError = FileHandle.nullDevice
        do { try py.run() } catch { return nil }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        py.waitUntilExit()
        guard py.terminationStatus == 0 else { return nil }
        let path = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return fm.isExecutableFile(atPath: path) ? path : nil
    }

    /// The folder in the site that holds one index per year: `pagefind/2023/`, `pagefind/undated/`.
    public static let folder = "pagefind"

    /// The index an output file belongs to: `2023` for `articles/2023/07/<id>.html`, `undated` for
    /// `articles/undated/<id>.html`; nil for every other file (only article pages are searchable: they
    /// are the only pages whose template marks a `data-pagefind-body`).
    public static func key(ofPage path: String) -> String? {
        guard path.hasPrefix("articles/"), path.hasSuffix(".html") else { return nil }
        let rest = path.utf8.dropFirst("articles/".count)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let key = String(decoding: rest[..<slash], as: UTF8.self)
        return isKey(key) ? key : nil
    }

    /// A year (digits only) or `undated`: safe in a glob and a path.
    public static func isKey(_ key: String) -> Bool {
        key == "undated" || (!key.isEmpty && key.utf8.count <= 6 && key.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
    }

    /// Newest year first, `undated` last: the order the search page lists (and merges) the indexes in.
    public static func ordered(_ keys: some Sequence<String>) -> [String] {
        keys.sorted { a, b in
            if a == "undated" || b == "undated" { return b == "undated" && a != "undated" }
            return a.count != b.count ? a.count > b.count : a > b
        }
    }

    /// Indexes the article pages of one year (`key`) of `site` into `outputPath`: Pagefind reads only
    /// `articles/<key>/**/*.html`, so its memory grows with that year, not with the archive.
    public static func run(site: String, key: String, binary: String?, outputPath: String) -> Outcome {
        guard let bin = binary else { return .notInstalled }
        guard isKey(key) else { return .failed("not a year: \(key)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = ["--site", site, "--glob", "articles/\(key)/**/*.html", "--output-path", URL(fileURLWithPath: outputPath).path, "--quiet"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return .failed("could not start \(bin): \(error)") }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            let why = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failed("\(key): \(why.isEmpty ? "exit status \(p.terminationStatus)" : why)")
        }
        return .indexed
    }

    /// Indexes each of `keys` with `run`, at most `jobs` at a time, into `<into>/<key>`; `ready` is called
    /// (on the caller's thread, in `keys` order) with each finished key and its outcome.
    static func run(site: String, keys: [String], binary: String?, into: String, jobs: Int,
                    ready: (String, Outcome) throws -> Void) rethrows {
        var outcomes = [Outcome?](repeating: nil, count: keys.count)
        let width = max(1, jobs)
        for start in stride(from: 0, to: keys.count, by: width) {
            let slice = Array(keys[start..<min(start + width, keys.count)])
            outcomes.withUnsafeMutableBufferPointer { buf in
                let out = UnsafeSendable(buf)
                DispatchQueue.concurrentPerform(iterations: slice.count) { k in
                    out.value[start + k] = run(site: site, key: slice[k], binary: binary, outputPath: "\(into)/\(slice[k])")
                }
            }
            for (k, key) in slice.enumerated() { try ready(key, outcomes[start + k]!) }
            BuildProgress.report(.indexing, done: start + slice.count, total: keys.count, unit: "years (Pagefind)")
        }
    }

    /// How many years Pagefind indexes at once: `HYSITE_PAGEFIND_JOBS`, else 1 (Pagefind already uses every
    /// core for one year, and two at once double the peak memory).
    static func jobs(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let s = environment["HYSITE_PAGEFIND_JOBS"], let n = Int(s), n >= 1 { return min(n, 8) }
        return 1
    }
}

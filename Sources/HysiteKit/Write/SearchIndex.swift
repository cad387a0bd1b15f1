import Foundation

/// Full-text search through Pagefind's extended build (it segments Chinese). Runs on the freshly written
/// site before it is swapped in, so the index always matches the pages. Optional: without Pagefind the
/// site builds and the search page says how to enable it.
public enum SearchIndex {
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

    /// Indexes `site` into `site/pagefind/`.
    public static func run(site: String, binary: String?, outputPath: String? = nil) -> Outcome {
        BuildProgress.report(.indexing, done: 0, total: nil, unit: "(Pagefind, the whole site)")
        guard let bin = binary else { return .notInstalled }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = ["--site", site, "--quiet"]
        if let o = outputPath { p.arguments! += ["--output-path", URL(fileURLWithPath: o).path] }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return .failed("could not start \(bin): \(error)") }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            return .failed(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return .indexed
    }
}

import Foundation
import Testing
@testable import HysiteKit

/// `hysite build` killed with SIGKILL at several points never leaves a broken site: the previous site
/// stays whole (every file its manifest lists is there with its bytes), and the next build recovers.
@Suite(.serialized) struct CrashSafetyTests {
    static let binary = repoRoot + "/.build/debug/hysite"

    /// A corpus big enough that a debug build takes a while: the seed pages copied under many dates.
    static func makeCorpus(_ dir: String, pages: Int) throws {
        let disk = LocalFileSystem()
        let seeds = try disk.files(under: repoRoot + "/seeds").map { try disk.read(repoRoot + "/seeds/" + $0) }
        for i in 0..<pages {
            let day = Day(year: 2020 + i / 300, month: 1 + (i / 25) % 12, day: 1 + i % 25)
            try disk.write(seeds[i % seeds.count], to: "\(dir)/\(day.iso)_\(i % 2 + 1).txt")
        }
    }

    func run(_ args: [String], killAfter: Double? = nil) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        if let t = killAfter {
            Thread.sleep(forTimeInterval: t)
            kill(p.processIdentifier, SIGKILL)
        }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Every file the site's manifest names exists with exactly the recorded bytes; no temp files inside.
    func assertWhole(_ site: String) throws -> Manifest {
        let disk = LocalFileSystem()
        let manifest = try #require(SiteWriter.currentManifest(site, fs: disk), "manifest present")
        for (path, hash) in manifest.outputs {
            let data = try disk.read("\(site)/\(path)")
            #expect(ContentHash.hex([UInt8](data)) == hash, "\(path) intact")
        }
        #expect(try !disk.files(under: site).contains { $0.hasSuffix(".hysite-tmp") })
        return manifest
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs the debug binary (swift build)"))
    func killedBuildsLeaveThePreviousSite() throws {
        let tmp = NSTemporaryDirectory() + "hysite-kill-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try Self.makeCorpus("\(tmp)/big", pages: 400)
        let site = "\(tmp)/site"
        let base = ["build", "--templates", repoRoot + "/Templates", "--output", site, "--no-search", "--config", "\(tmp)/none.yml"]
        #expect(try run(base + ["--input", repoRoot + "/seeds"]) == 0)
        let first = try assertWhole(site)
        // Full builds (a fresh folder swapped in) and incremental ones (staged, then renamed) killed at several points.
        for delay in [0.05, 0.2, 0.5, 1.0, 2.0] {
            _ = try run(base + ["--input", "\(tmp)/big"], killAfter: delay)
            let now = try assertWhole(site)
            #expect(now == first || now.outputs.count > first.outputs.count, "after a kill at \(delay) s the site is the old one or a finished new one")
            #expect(FileManager.default.fileExists(atPath: "\(site)/index.html"))
        }
        // The next build recovers on its own and finishes.
        #expect(try run(base + ["--input", "\(tmp)/big"]) == 0)
        let done = try assertWhole(site)
        #expect(done.outputs.count > first.outputs.count)
        for leftover in [".site.hysite-new", ".site.hysite-old", ".site.hysite-stage"] {
            #expect(!FileManager.default.fileExists(atPath: "\(tmp)/\(leftover)"))
        }
        // Killing an incremental rebuild (one page edited): changed files are staged, then each renamed over
        // its old version, so every file is whole — the old bytes or the new ones, never a mix within a file.
        let edited = "\(tmp)/big/2020-01-01_1.txt"
        try (String(contentsOfFile: edited, encoding: .utf8) + "\n会议还研究了其他事项。\n").write(toFile: edited, atomically: true, encoding: .utf8)
        // What the finished rebuild writes, from a clean build of the same input elsewhere.
        let reference = "\(tmp)/reference"
        #expect(try run(["build", "--templates", repoRoot + "/Templates", "--output", reference, "--no-search",
                         "--config", "\(tmp)/none.yml", "--input", "\(tmp)/big"]) == 0)
        let after = try #require(SiteWriter.currentManifest(reference, fs: LocalFileSystem()))
        for delay in [0.1, 0.3, 0.6, 1.0] {
            _ = try run(base + ["--input", "\(tmp)/big"], killAfter: delay)
            let disk = LocalFileSystem()
            for (path, hash) in done.outputs {
                guard let data = try? disk.read("\(site)/\(path)") else { continue }
                let h = ContentHash.hex([UInt8](data))
                #expect(h == hash || h == after.outputs[path], "\(path) is whole after a kill at \(delay) s")
            }
            #expect(try !disk.files(under: site).contains { $0.hasSuffix(".hysite-tmp") })
        }
        #expect(try run(base + ["--input", "\(tmp)/big"]) == 0)
        #expect(try assertWhole(site) == after, "the next build recovers: the site is exactly the clean build")
    }
}

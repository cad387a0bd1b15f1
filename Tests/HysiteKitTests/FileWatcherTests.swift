import Foundation
import Testing
@testable import HysiteKit

/// `hysite serve` rebuilds when a watched file changes, and only then: page files (in subfolders too, made before or
/// after it started), and the named files beside the output (not the output itself, nor hidden files).
@Suite struct FileWatcherTests {
    /// A fresh folder with `in/a.txt` and `hysite.yml`, and a watcher over `in` and `hysite.yml`.
    func setUp() throws -> (root: String, watcher: FileWatcher) {
        let root = NSTemporaryDirectory() + "hysite-watch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/in/sub", withIntermediateDirectories: true)
        try "一".write(toFile: root + "/in/a.txt", atomically: false, encoding: .utf8)
        try "title: x\n".write(toFile: root + "/hysite.yml", atomically: false, encoding: .utf8)
        return (root, FileWatcher(paths: [root + "/in", root + "/hysite.yml"], interval: 0.05, settle: 0.1))
    }

    struct Change: CustomTestStringConvertible, Sendable {
        var name: String
        var counts: Bool
        var apply: @Sendable (String) throws -> Void
        var testDescription: String { name }
    }

    static let changes: [Change] = [
        Change(name: "a page file edited", counts: true) { try "二".write(toFile: $0 + "/in/a.txt", atomically: false, encoding: .utf8) },
        Change(name: "a page file replaced by rename", counts: true) { try "二".write(toFile: $0 + "/in/a.txt", atomically: true, encoding: .utf8) },
        Change(name: "a page file added in a subfolder", counts: true) { try "三".write(toFile: $0 + "/in/sub/b.txt", atomically: false, encoding: .utf8) },
        Change(name: "a page file removed", counts: true) { try FileManager.default.removeItem(atPath: $0 + "/in/a.txt") },
        Change(name: "the settings edited", counts: true) { try "title: y\n".write(toFile: $0 + "/hysite.yml", atomically: true, encoding: .utf8) },
        Change(name: "the output written beside the settings", counts: false) { root in
            try FileManager.default.createDirectory(atPath: root + "/site", withIntermediateDirectories: true)
            try "<p>".write(toFile: root + "/site/index.html", atomically: false, encoding: .utf8)
        },
        Change(name: "a hidden file in the input", counts: false) { try "x".write(toFile: $0 + "/in/.a.txt.swp", atomically: false, encoding: .utf8) },
    ]

    @Test(arguments: changes)
    func reportsWhatCounts(_ change: Change) throws {
        let (root, watcher) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(watcher.usesKernel)
        try change.apply(root)
        #expect(watcher.waitForChange(timeout: 1) == change.counts)
    }

    /// A folder made after the watch started is watched too: a file written into it later counts.
    @Test func folderMadeLaterIsWatched() throws {
        let (root, watcher) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/in/2024", withIntermediateDirectories: true)
        #expect(watcher.waitForChange(timeout: 1))
        try "四".write(toFile: root + "/in/2024/c.txt", atomically: false, encoding: .utf8)
        #expect(watcher.waitForChange(timeout: 1))
        #expect(!watcher.waitForChange(timeout: 0.3))
    }
}

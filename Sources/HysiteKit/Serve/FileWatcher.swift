import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches files and folders (recursively) by polling their size and modification time: portable, needs no
/// inotify, and cheap for an archive's folder of page files at a few polls a second.
public final class FileWatcher: @unchecked Sendable {
    /// What is watched, as given.
    public let paths: [String]
    /// Seconds between polls.
    public let interval: Double
    /// Seconds the files must stay unchanged after a change before it is reported (editors write in steps).
    public let settle: Double
    private var last: [String: String]

    /// Starts from the current state of `paths`.
    public init(paths: [String], interval: Double = 0.25, settle: Double = 0.2) {
        self.paths = paths
        self.interval = interval
        self.settle = settle
        self.last = FileWatcher.snapshot(paths)
    }

    /// Blocks until something changed and then stayed still for `settle` seconds.
    public func waitForChange() {
        while true {
            Thread.sleep(forTimeInterval: interval)
            var now = FileWatcher.snapshot(paths)
            guard now != last else { continue }
            while true {
                Thread.sleep(forTimeInterval: settle)
                let again = FileWatcher.snapshot(paths)
                if again == now { break }
                now = again
            }
            last = now
            return
        }
    }

    /// Path → "size mtime" for every file under the paths (hidden ones skipped; missing paths count too).
    static func snapshot(_ paths: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for root in paths {
            out[root] = stamp(root) ?? "missing"
            guard let names = FileManager.default.subpathsOfDirectory(atPathNoThrow: root) else { continue }
            for rel in names where !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                out[root + "/" + rel] = stamp(root + "/" + rel)
            }
        }
        return out
    }

    static func stamp(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return "\(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ino)"
    }
}

extension FileManager {
    /// Every path below a folder, or nil when it is not a folder.
    func subpathsOfDirectory(atPathNoThrow path: String) -> [String]? {
        var isDir: ObjCBool = false
        guard fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return nil }
        return try? subpathsOfDirectory(atPath: path)
    }
}

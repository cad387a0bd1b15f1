import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches files and folders (folders recursively, hidden names skipped) and reports a change once the files stayed
/// still for `settle` seconds (editors write in steps). On Linux the kernel tells (inotify: no work while nothing
/// changes); elsewhere, or when inotify cannot be had, it polls sizes and modification times (at 100,000 articles
/// a poll stat'ed 25,000 files, half a core at four polls a second).
public final class FileWatcher: @unchecked Sendable {
    /// What is watched, as given.
    public let paths: [String]
    /// Seconds between polls (when polling).
    public let interval: Double
    /// Seconds the files must stay unchanged after a change before it is reported.
    public let settle: Double
    private var last: [String: String] = [:]
    #if os(Linux)
    private let kernel: KernelWatch?
    #endif

    /// Starts from the current state of `paths`.
    public init(paths: [String], interval: Double = 0.25, settle: Double = 0.2) {
        self.paths = paths
        self.interval = interval
        self.settle = settle
        #if os(Linux)
        kernel = KernelWatch(paths: paths)
        if kernel != nil { return }
        #endif
        last = FileWatcher.snapshot(paths)
    }

    /// Whether the kernel tells of changes (else the files are polled).
    public var usesKernel: Bool {
        #if os(Linux)
        return kernel != nil
        #else
        return false
        #endif
    }

    /// Blocks until something changed and then stayed still for `settle` seconds.
    public func waitForChange() {
        _ = waitForChange(timeout: nil)
    }

    /// Like `waitForChange()`, but gives up after `timeout` seconds without a change: false then.
    public func waitForChange(timeout: Double?) -> Bool {
        #if os(Linux)
        if let kernel { return kernel.waitForChange(timeout: timeout, settle: settle) }
        #endif
        return poll(timeout: timeout)
    }

    private func poll(timeout: Double?) -> Bool {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while true {
            Thread.sleep(forTimeInterval: interval)
            var now = FileWatcher.snapshot(paths)
            guard now != last else {
                if let deadline, Date() >= deadline { return false }
                continue
            }
            while true {
                Thread.sleep(forTimeInterval: settle)
                let again = FileWatcher.snapshot(paths)
                if again == now { break }
                now = again
            }
            last = now
            return true
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

#if os(Linux)
/// inotify over the watched folders (each of their non-hidden subfolders too, and folders made later) and over the
/// parent folders of watched files (only those files' names count there, so a build writing beside `hysite.yml`
/// is no change).
final class KernelWatch {
    private let fd: Int32
    /// Per watch descriptor: its folder, and the names that count in it (nil: every name not hidden).
    private var folders: [Int32: (path: String, names: Set<String>?)] = [:]
    private static let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
        | IN_DELETE_SELF | IN_MOVE_SELF)

    init?(paths: [String]) {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { return nil }
        for p in paths {
            if LocalFileSystem().isDirectory(p) { addTree(p) } else { addName(p) }
        }
        guard !folders.isEmpty else {
            close(fd)
            return nil
        }
    }

    deinit { close(fd) }

    /// Watches `folder` for any name, and its subfolders (hidden ones skipped).
    private func addTree(_ folder: String) {
        add(folder, names: nil)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in entries.sorted() where !name.hasPrefix(".") && LocalFileSystem().isDirectory("\(folder)/\(name)") { addTree("\(folder)/\(name)") }
    }

    /// Watches the folder holding `path` for that one name (the file may not exist yet).
    private func addName(_ path: String) {
        let ns = path as NSString
        let parent = ns.deletingLastPathComponent
        add(parent.isEmpty ? "." : parent, names: [ns.lastPathComponent])
    }

    private func add(_ folder: String, names: Set<String>?) {
        let wd = inotify_add_watch(fd, folder, Self.mask)
        guard wd >= 0 else { return }
        if let had = folders[wd] {
            // Already watched: the union of what counts (nil, everything, wins).
            let merged: Set<String>? = had.names == nil || names == nil ? nil : had.names!.union(names!)
            folders[wd] = (path: had.path, names: merged)
        } else {
            folders[wd] = (path: folder, names: names)
        }
    }

    /// Blocks until a change that counts, then until `settle` seconds pass without another; false when `timeout`
    /// seconds passed with none.
    func waitForChange(timeout: Double?, settle: Double) -> Bool {
        guard wait(timeout) else { return false }
        while wait(settle) {}
        return true
    }

    /// Waits up to `seconds` (forever when nil) for events, reads them all; true when one of them counts.
    private func wait(_ seconds: Double?) -> Bool {
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        while true {
            let left = deadline.map { max(0, Int32($0.timeIntervalSinceNow * 1000)) } ?? -1
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let n = Glibc.poll(&p, 1, left)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            if readEvents() { return true }
            if let deadline, deadline.timeIntervalSinceNow <= 0 { return false }
        }
    }

    /// Reads the pending events; true when one counts. A folder made inside a watched tree is watched from now on.
    private func readEvents() -> Bool {
        var counts = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return counts }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (wd, eventMask, length) = buffer.withUnsafeBytes { raw -> (wd: Int32, mask: UInt32, nameLength: Int) in
                    let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (e.wd, e.mask, Int(e.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(nameStart + length, n)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset = nameStart + length
                if eventMask & UInt32(IN_Q_OVERFLOW) != 0 { counts = true; continue }
                guard let folder = folders[wd] else { continue }
                if let names = folder.names {
                    if names.contains(name) { counts = true }
                    continue
                }
                if name.hasPrefix(".") { continue }
                counts = true
                if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addTree("\(folder.path)/\(name)") }
            }
        }
    }
}
#endif

extension FileManager {
    /// Every path below a folder, or nil when it is not a folder.
    func subpathsOfDirectory(atPathNoThrow path: String) -> [String]? {
        var isDir: ObjCBool = false
        guard fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return nil }
        return try? subpathsOfDirectory(atPath: path)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build (or `hysite serve`) at a time per output folder: an advisory `flock` on a file beside the output
/// (`.site.hysite-lock`, holding the owner's process id). The kernel drops the lock when its process dies, so a
/// lock left by a killed build is simply taken over; the file itself stays (removing it would race).
public final class BuildLock: @unchecked Sendable {
    /// The lock file's path.
    public let path: String
    /// The process id found in the file when we took it over from a process that is gone, if any.
    public let tookOverFrom: Int32?
    private var fd: Int32

    private init(path: String, fd: Int32, tookOverFrom: Int32?) {
        self.path = path
        self.fd = fd
        self.tookOverFrom = tookOverFrom
    }

    deinit { release() }

    /// What trying to take the lock gave.
    public enum Outcome: Sendable {
        case acquired(BuildLock)
        /// Another process holds it (its id, when the file names one).
        case held(pid: Int32?, path: String)
        case failed(reason: String, path: String)
    }

    /// `site` → `.site.hysite-lock` beside it.
    public static func path(forOutput output: String) -> String { SiteWriter.sibling(output, "lock") }

    /// Takes the lock for `output`; with `wait`, blocks until the holder finishes (calling `waiting` once first).
    public static func acquire(output: String, wait: Bool, waiting: (Int32?) -> Void = { _ in }) -> Outcome {
        let path = path(forOutput: output)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .failed(reason: String(cString: strerror(errno)), path: path) }
        let previous = readPid(fd)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK, wait else {
                close(fd)
                return .held(pid: previous, path: path)
            }
            waiting(previous)
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        let stale = previous.flatMap { $0 != getpid() && !isRunning($0) ? $0 : nil }
        writePid(fd)
        return .acquired(BuildLock(path: path, fd: fd, tookOverFrom: stale))
    }

    /// Gives the lock up (also done when the value is freed or the process ends).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    static func readPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, 31, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func writePid(_ fd: Int32) {
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Whether a process with this id exists.
    static func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }
}

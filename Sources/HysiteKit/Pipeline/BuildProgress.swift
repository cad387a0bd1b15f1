import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a build reports its stages (reading, parsing, rendering, indexing) with counts; nothing by default.
/// The command line installs `TerminalProgress` when standard error is a terminal and --quiet is not given.
public enum BuildProgress {
    /// A build's stages, in order.
    public enum Stage: String, Sendable {
        case reading, parsing, rendering, indexing
    }

    private static let current = LockedBox<(any ProgressSink)?>(nil)

    /// The sink builds report to (nil: none).
    public static var sink: (any ProgressSink)? {
        get { current.value }
        set { current.update { $0 = newValue } }
    }

    /// `done` of `total` items of `stage` are finished (`total` nil when not known in advance).
    public static func report(_ stage: Stage, done: Int, total: Int?, unit: String) {
        current.value?.update(stage: stage, done: done, total: total, unit: unit)
    }

    /// The build is over: close the live line.
    public static func finish() { current.value?.finish() }
}

/// Receives progress updates (from any thread).
public protocol ProgressSink: Sendable {
    /// A stage's count moved.
    func update(stage: BuildProgress.Stage, done: Int, total: Int?, unit: String)
    /// The build ended.
    func finish()
}

/// A live line per stage on standard error: redrawn at most ten times a second, then left with its final count
/// and rate when the next stage starts.
public final class TerminalProgress: ProgressSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stage: BuildProgress.Stage?
    private var started = 0.0
    private var lastDraw = 0.0
    private var line = ""

    /// A sink that writes to standard error.
    public init() {}

    /// Whether standard error is a terminal.
    public static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Redraws the stage's line at most ten times a second (and at its last item); a new stage leaves the old line's final count.
    public func update(stage: BuildProgress.Stage, done: Int, total: Int?, unit: String) {
        lock.withLock {
            let now = Date().timeIntervalSinceReferenceDate
            if stage != self.stage {
                if self.stage != nil { write("\r\u{1B}[K" + line + "\n") }
                self.stage = stage
                started = now
                lastDraw = 0
            }
            line = TerminalProgress.format(stage: stage, done: done, total: total, unit: unit, seconds: now - started)
            if now - lastDraw >= 0.1 || done == total {
                lastDraw = now
                write("\r\u{1B}[K" + line)
            }
        }
    }

    /// Leaves the current stage's line with its final count and ends it with a line feed.
    public func finish() {
        lock.withLock {
            if stage != nil { write("\r\u{1B}[K" + line + "\n") }
            stage = nil
        }
    }

    /// `  rendering  1,536/4,210 pages  2,345/s`.
    static func format(stage: BuildProgress.Stage, done: Int, total: Int?, unit: String, seconds: Double) -> String {
        if done == 0 && total == nil { return "  " + stage.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + " \(unit)" }
        let count = total.map { "\(grouped(done))/\(grouped($0))" } ?? grouped(done)
        let rate = seconds > 0.05 ? "  \(grouped(Int(Double(done) / seconds)))/s" : ""
        return "  " + stage.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + " \(count) \(unit)\(rate)"
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

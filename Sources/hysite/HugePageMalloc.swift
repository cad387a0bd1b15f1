import Foundation
import HysiteKit

#if os(Linux)
import Glibc

/// Starts hysite again, once, with glibc's `malloc` asking the kernel for transparent huge pages (`HugePageStart`).
enum HugePageMalloc {
    /// Restarts the process with the tunable set, or puts the environment back after such a restart, as
    /// `HugePageStart.decide` says. Returns when not restarted (also when the restart fails: hysite goes on as started).
    static func restartIfUseful() {
        // The kernel's setting is read only when it decides (not in the restarted process).
        switch HugePageStart.decide(environment: ProcessInfo.processInfo.environment,
                                    thpMode: try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)) {
        case .goOn:
            return
        case .restore(let variables):
            set(variables)
        case .restart(let variables):
            let before = variables.keys.map { ($0, ProcessInfo.processInfo.environment[$0]) }
            set(variables.mapValues { Optional($0) })
            var argv: [UnsafeMutablePointer<CChar>?] = CommandLine.arguments.map { strdup($0) } + [nil]
            execv("/proc/self/exe", &argv)
            set(Dictionary(uniqueKeysWithValues: before))  // the restart failed (no /proc?): the environment as it was
        }
    }

    /// Sets each variable to its value, or unsets it where the value is nil.
    static func set(_ variables: [String: String?]) {
        for (name, value) in variables {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }
}
#else
/// Elsewhere than Linux with glibc there is nothing to set.
enum HugePageMalloc {
    /// Does nothing.
    static func restartIfUseful() {}
}
#endif

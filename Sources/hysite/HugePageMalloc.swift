import Foundation

#if os(Linux)
import Glibc

/// Starts hysite again with glibc's `malloc` asking the kernel for transparent huge pages (`glibc.malloc.hugetlb=1`).
///
/// A clean build at 100,000 articles touches ~1 GB of fresh memory in ~300,000 page faults; on a virtual machine
/// whose host takes freed memory back (free page reporting) each fault is also the host's, and the faults were a
/// tenth of the build's time. With huge pages there are a third as many: in four alternating clean builds to tmpfs,
/// 18.0–20.9 s became 16.1–19.0 s, with the same peak memory (README, Speed). glibc reads the setting only when a
/// process starts, so hysite sets it and replaces itself (`execv`) once, before doing anything else.
enum HugePageMalloc {
    /// The glibc tunable that makes `malloc` advise huge pages for the memory it maps.
    static let tunable = "glibc.malloc.hugetlb=1"
    /// Set for the restarted process, with the tunables it was started with, so that it can put them back.
    static let marker = "HYSITE_GLIBC_TUNABLES_BEFORE"

    /// Restarts the process with the tunable set, unless it was just restarted (then the environment is put back as
    /// the user had it, so the programs hysite runs, such as Pagefind, get it unchanged), the user set glibc's
    /// `hugetlb` tunable themselves, or the kernel has transparent huge pages turned off. Returns when not restarted.
    static func restartIfUseful() {
        let environment = ProcessInfo.processInfo.environment
        if let before = environment[marker] {
            if before.isEmpty { unsetenv("GLIBC_TUNABLES") } else { setenv("GLIBC_TUNABLES", before, 1) }
            unsetenv(marker)
            return
        }
        let tunables = environment["GLIBC_TUNABLES"] ?? ""
        guard !tunables.contains("glibc.malloc.hugetlb"), hugePagesAvailable() else { return }
        setenv(marker, tunables, 1)
        setenv("GLIBC_TUNABLES", tunables.isEmpty ? tunable : tunables + ":" + tunable, 1)
        var argv: [UnsafeMutablePointer<CChar>?] = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &argv)
        // The restart failed (no /proc?): go on as started, with the environment as it was.
        if tunables.isEmpty { unsetenv("GLIBC_TUNABLES") } else { setenv("GLIBC_TUNABLES", tunables, 1) }
        unsetenv(marker)
    }

    /// Whether the kernel gives transparent huge pages to memory advised for them (`always` or `madvise`).
    static func hugePagesAvailable() -> Bool {
        guard let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8) else { return false }
        return mode.contains("[always]") || mode.contains("[madvise]")
    }
}
#else
/// Elsewhere than Linux with glibc there is nothing to set.
enum HugePageMalloc {
    /// Does nothing.
    static func restartIfUseful() {}
}
#endif

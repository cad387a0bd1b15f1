/// What `hysite` does about glibc's huge-page tunable when it starts (`HugePageMalloc` in the `hysite` target).
///
/// A clean build at 100,000 articles touched ~1 GB of fresh memory in 250,000–335,000 page faults; with glibc's
/// `malloc` asking for transparent huge pages (`glibc.malloc.hugetlb=1`) it took 105,000–190,000 and ran about a
/// tenth faster on a machine whose host takes freed memory back (README, Speed). glibc reads its tunables only when a
/// process starts, so hysite sets the tunable and starts itself again, once.
public enum HugePageStart: Equatable, Sendable {
    /// Start again (`execv`) with these environment variables set.
    case restart(set: [String: String])
    /// Started again just now: set these variables back as the user had them (nil: unset), so that the programs
    /// hysite runs (Pagefind) get the environment unchanged.
    case restore(set: [String: String?])
    /// Go on as started.
    case goOn

    /// glibc's tunables variable.
    public static let tunablesVariable = "GLIBC_TUNABLES"
    /// The tunable that makes `malloc` advise huge pages for the memory it maps.
    public static let tunable = "glibc.malloc.hugetlb=1"
    /// Set for the restarted process to the tunables the user had (empty: none), so that it can put them back.
    public static let marker = "HYSITE_GLIBC_TUNABLES_BEFORE"

    /// The step for a process started with `environment`, on a kernel whose transparent huge pages setting reads
    /// `thpMode` (`/sys/kernel/mm/transparent_hugepage/enabled`, nil when unreadable; read only when needed): restart
    /// unless this is the restarted process, the user set glibc's `hugetlb` tunable themselves, or the kernel gives no
    /// huge pages.
    public static func decide(environment: [String: String], thpMode: @autoclosure () -> String?) -> HugePageStart {
        if let before = environment[marker] {
            return .restore(set: [tunablesVariable: before.isEmpty ? nil : before, marker: nil])
        }
        let tunables = environment[tunablesVariable] ?? ""
        guard !tunables.contains("glibc.malloc.hugetlb"), let thpMode = thpMode(),
              thpMode.contains("[always]") || thpMode.contains("[madvise]") else { return .goOn }
        return .restart(set: [tunablesVariable: tunables.isEmpty ? tunable : tunables + ":" + tunable, marker: tunables])
    }
}

import Foundation

/// Measures elapsed time for the build summary; passed in so tests and reproducible builds need no real clock.
public protocol BuildClock: Sendable {
    func now() -> Double
    /// The CPU seconds (user and system, all threads) the process has used so far; nil when not measured.
    func processorSeconds() -> Double?
}

extension BuildClock {
    /// Not measured: clocks made for tests tell wall time only.
    public func processorSeconds() -> Double? { nil }
}

/// The real clock, for builds run from the command line.
public struct SystemClock: BuildClock {
    /// The system's monotonic clock.
    public init() {}
    /// Seconds on the monotonic clock (`DispatchTime`), meaningful only as differences.
    public func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    /// The process's user and system CPU seconds so far (`getrusage`).
    public func processorSeconds() -> Double? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
        let seconds = { (t: timeval) in Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// A clock that never moves, for tests: every build and step takes 0 seconds.
public struct FixedClock: BuildClock {
    /// A clock stopped at 0.
    public init() {}
    /// Always 0.
    public func now() -> Double { 0 }
}

/// What `hysite build` is asked to do.
public struct BuildOptions: Sendable {
    /// The folder of page files (`--input`); nil takes `input` from `hysite.yml` or its default.
    public var input: String?
    /// The folder to write the site to (`--output`); nil takes `output` from `hysite.yml` or its default.
    public var output: String?
    /// The templates folder (`--templates`); nil takes `hysite.yml`'s, or the built-in templates when the default folder is absent.
    public var templates: String?
    /// `hysite.yml`; read when it exists.
    public var configFile = "hysite.yml"
    /// `--strict`: warnings count as errors, so any diagnostic stops the build.
    public var strict = false
    /// `--keep-going`: the site is built despite errors, and the build still does not succeed.
    public var keepGoing = false
    /// `false` (`--no-search`): no search at all, no index, no search page, no 搜索 link.
    public var search = true
    /// Run Pagefind after writing (when installed and search is on). Builds into a `MemoryFileSystem` never do.
    public var runIndexer = true
    /// The process exits right after this build (`hysite build`): the archive, renderer, caches and manifests are
    /// left for the exit to reclaim instead of being freed value by value (0.9 s at 100,000 articles; clang's
    /// driver does the same with `-disable-free`).
    public var exitsAfter = false

    /// Options with these folders (nil: from `hysite.yml`), the rest at their defaults.
    public init(input: String? = nil, output: String? = nil, templates: String? = nil) {
        self.input = input
        self.output = output
        self.templates = templates
    }
}

/// What a build did, for the one-line summary.
public struct BuildReport: Sendable {
    /// Page files in the input.
    public var files = 0
    /// Articles found on them.
    public var articles = 0
    /// People in the assembled archive.
    public var people = 0
    /// Days that have articles.
    public var dates = 0
    /// Files written into the site: all of them on a fresh build, only the changed ones on an incremental one.
    public var pagesWritten = 0
    /// Page files parsed (the others' parse came from the cache).
    public var pagesParsed = 0
    /// Page files read (the others' stamps showed them as cached).
    public var pagesRead = 0
    /// Pages whose template ran: on a rebuild, only those whose view model changed.
    public var pagesRendered = 0
    /// How long the build took, by the build's clock.
    public var seconds = 0.0
    /// Every warning and error the build found, from the settings to writing the site.
    public var diagnostics: [Diagnostic] = []
    /// Files of the previous site that this build removed (pages that no longer exist).
    public var pagesRemoved = 0
    /// Whether the site was written (or already up to date) with no errors, and no warnings under `--strict`.
    public var succeeded = false
    /// Inputs identical to the last build: nothing was written.
    public var unchanged = false
    /// Only changed files were rewritten.
    public var incremental = false
    /// The edited articles were put into the archive kept from the last build (`BuildMemory`), not assembled again.
    public var patched = false
    /// The edits kept the archive's shape (`ArticleShape`): only the pages showing the edited articles, and those
    /// without a dependency key, were looked at.
    public var shapeKept = false
    /// The archive's structure was taken from the last build's (`ArchiveCache`), not assembled again.
    public var archiveKept = false
    /// Pages whose dependency key or view model was made (the others kept their manifest entries unexamined).
    public var pagesExamined = 0
    /// The output folder the site was written to (or would have been).
    public var output = ""
    /// Years whose search index Pagefind built in this build (`2023`, `undated`), newest first.
    public var searchIndexed: [String] = []
    /// Years whose search index was removed (they have no articles any more).
    public var searchRemoved: [String] = []
    /// Each step of the build that ran, with its wall-clock seconds and the CPU seconds the process used in it (on
    /// all cores; nil when the clock does not measure them) (`hysite build --timings`).
    public var steps: [(step: String, seconds: Double, cpu: Double?)] = []
    /// The process's CPU seconds when the last step ended.
    private var processorMark: Double?

    /// One line per step for `--timings`: seconds, the CPU seconds when measured, then the step's name.
    public var timingLines: [String] {
        steps.map { s in
            String(format: "%8.3f s  %@%@", s.seconds, s.cpu.map { String(format: "%7.2f cpu s  ", $0) } ?? "", s.step)
        }
    }

    /// Ends the step that started at `since` (a clock reading), named `name`; returns the clock now. The step's CPU
    /// seconds are counted from the end of the step before (for the first, from the process's start).
    mutating func step(_ name: String, since: Double, clock: BuildClock) -> Double {
        let now = clock.now()
        let cpu = clock.processorSeconds()
        steps.append((step: name, seconds: now - since, cpu: cpu.map { $0 - (processorMark ?? 0) }))
        processorMark = cpu
        return now
    }

    /// The line `hysite build` prints on success: the counts, how much was rebuilt, and the seconds taken.
    public var summary: String {
        if unchanged { return String(format: "%d files unchanged since the last build; nothing written (%.2f s)", files, seconds) }
        let removed = pagesRemoved > 0 ? ", \(pagesRemoved) removed" : ""
        let mode = patched ? " (only changed pages; archive kept in memory)"
            : shapeKept ? " (only changed pages; \(pagesExamined) pages looked at)"
            : incremental ? " (only changed pages)" : ""
        let indexed = searchIndexed.isEmpty ? "" : "; search index of \(searchIndexed.count == 1 ? searchIndexed[0] : "\(searchIndexed.count) years") rebuilt"
        return String(format: "%d files, %d articles, %d people, %d dates, %d pages written%@%@%@ in %.2f s",
                      files, articles, people, dates, pagesWritten, removed, mode, indexed, seconds)
    }
}

/// Everything parsed from the input pages, people named across the whole archive.
public struct ParsedArchive: Sendable {
    /// Every page's articles, page by page in printed order, with the people and titles they name filled in.
    public var articles: [Article]
    /// The pages' warnings and errors (with loading's, when the pages were loaded too), sorted for display.
    public var diagnostics: [Diagnostic]
    /// How many page files were parsed.
    public var files: Int
}

/// What identifies this hysite.
public enum HysiteInfo {
    /// The release number.
    public static let version = "0.1.0"
    /// The release number and the running binary's size and modification time: caches written by another build
    /// of hysite (a changed parser or renderer with the same release number) are not trusted.
    public static let build: String = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return version }
        return "\(version)+\(st.st_size).\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()
}

/// The pipeline, as named steps: load → parse → assemble → render → write.
/// Only `loadPages`/`loadTemplates` and `write` touch the disk (through a `FileSystem`).
public enum Pipeline {
    // MARK: Load

    /// A page file found in the input: how it is named in messages (as given: `seeds/000.txt`) and its key
    /// (its path inside the input folder, the source of its URLs).
    public struct PageEntry: Sendable, Hashable {
        /// The path as given, for messages (`seeds/000.txt`); also the path it is read from.
        public var display: String
        /// Its path inside the input folder (the file name for a single file): the source of its articles' ids and URLs.
        public var key: String
    }

    /// A page file's bytes, or why they could not be read.
    public struct RawPage: Sendable {
        /// The page file these bytes are of.
        public var entry: PageEntry
        /// The page file's bytes, or nil when it could not be read.
        public var bytes: Data?
        /// Why the file could not be read (the file system's error), or nil when it was.
        public var error: String?
    }

    /// Page files (`.txt`) in folders (recursively, hidden ones skipped) and single files, in a stable order.
    public static func listPages(_ paths: [String], fs: FileSystem) -> (entries: [PageEntry], diagnostics: [Diagnostic]) {
        var entries: [PageEntry] = []
        var diagnostics: [Diagnostic] = []
        var seen = Set<String>()
        for path in paths {
            if fs.isDirectory(path) {
                do {
                    let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                    for rel in try fs.files(under: path) where isPageFile(rel) && !isHidden(rel) {
                        let e = PageEntry(display: base.isEmpty ? rel : "\(base)/\(rel)", key: rel)
                        if seen.insert(e.display).inserted { entries.append(e) }
                    }
                } catch {
                    diagnostics.append(.error(.inputUnreadable, path, "cannot list this folder: \(error)"))
                }
            } else if fs.exists(path) {
                let e = PageEntry(display: path, key: String(path.split(separator: "/").last ?? Substring(path)))
                if seen.insert(e.display).inserted { entries.append(e) }
            } else {
                diagnostics.append(.error(.inputMissing, path, "no such file or folder; give a folder of page files (.txt) or page files"))
            }
        }
        return (entries, diagnostics)
    }

    /// Whether a path names a page file: it ends in `.txt`, in any case.
    static func isPageFile(_ rel: String) -> Bool {
        let tail = Array(rel.utf8.suffix(4))
        return tail.count == 4 && tail[0] == UInt8(ascii: ".") && tail[1] | 0x20 == UInt8(ascii: "t") && tail[2] | 0x20 == UInt8(ascii: "x")
            && tail[3] | 0x20 == UInt8(ascii: "t")
    }

    /// Whether a relative path has a hidden component (one starting with a dot).
    static func isHidden(_ rel: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "/")
        for b in rel.utf8 {
            if b == UInt8(ascii: "."), previous == UInt8(ascii: "/") { return true }
            previous = b
        }
        return false
    }

    /// Reads every page's bytes, in parallel.
    public static func readPages(_ entries: [PageEntry], fs: FileSystem) -> [RawPage] {
        var raw = [RawPage?](repeating: nil, count: entries.count)
        raw.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            DispatchQueue.concurrentPerform(iterations: entries.count) { i in
                do {
                    out.value[i] = RawPage(entry: entries[i], bytes: try fs.read(entries[i].display), error: nil)
                } catch {
                    out.value[i] = RawPage(entry: entries[i], bytes: nil, error: "\(error)")
                }
            }
        }
        return raw.map { $0! }
    }

    /// Decodes pages (in parallel): UTF-8, GB18030, BOMs and line ends; a file that is not text is an error.
    public static func decodePages(_ raw: [RawPage]) -> (pages: [PageSource], diagnostics: [Diagnostic]) {
        var results = [(page: PageSource?, diagnostics: [Diagnostic])](repeating: (nil, []), count: raw.count)
        results.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            DispatchQueue.concurrentPerform(iterations: raw.count) { i in out.value[i] = decodePage(raw[i]) }
        }
        return (results.compactMap(\.page), results.flatMap(\.diagnostics))
    }

    /// One page decoded, with warnings for repaired bytes; nil with an error when it cannot be read or is not text.
    static func decodePage(_ raw: RawPage) -> (page: PageSource?, diagnostics: [Diagnostic]) {
        let e = raw.entry
        guard let data = raw.bytes else {
            return (nil, [.error(.inputUnreadable, e.display, "cannot be read: \(raw.error ?? "unknown error")")])
        }
        var diagnostics: [Diagnostic] = []
        switch TextDecoding.decodeReporting(data) {
        case .success(let d):
            for line in d.repairedLines.prefix(5) {
                diagnostics.append(.warning(.undecodableBytes, e.display, line: line, "bytes that are not \(d.encoding) text were replaced by � (U+FFFD); check this line against the original page"))
            }
            if d.repairedLines.count > 5 {
                diagnostics.append(.warning(.undecodableBytes, e.display, "\(d.repairedLines.count - 5) more lines had undecodable bytes replaced by �"))
            }
            if d.droppedControls > 0 {
                diagnostics.append(.warning(.controlCharacters, e.display, "\(d.droppedControls) control character\(d.droppedControls == 1 ? "" : "s") dropped (not text)"))
            }
            return (PageSource(file: e.display, key: e.key, text: d.text), diagnostics)
        case .failure(.binary(let offset)):
            return (nil, [.error(.binaryFile, e.display, "is not a text page (binary data at byte \(offset)); remove it from the input or convert it to UTF-8 text")])
        case .failure(.undecodable):
            return (nil, [.error(.unknownEncoding, e.display, "is neither UTF-8 nor GB18030 text; convert it (e.g. `iconv -f GBK -t UTF-8`) and build again")])
        }
    }

    /// Lists, reads and decodes page files: folders and single files.
    public static func loadPages(_ paths: [String], fs: FileSystem) -> (pages: [PageSource], diagnostics: [Diagnostic]) {
        let (entries, listDiagnostics) = listPages(paths, fs: fs)
        let (pages, decodeDiagnostics) = decodePages(readPages(entries, fs: fs))
        return (pages, listDiagnostics + decodeDiagnostics)
    }

    /// Reads every file of the templates folder.
    public static func loadTemplates(_ folder: String, fs: FileSystem)
        -> (set: TemplateSet?, diagnostics: [Diagnostic], files: [(path: String, bytes: [UInt8])]) {
        guard fs.isDirectory(folder) else {
            return (nil, [.error(.templatesNotFound, folder, "templates folder not found; pass --templates or run from the repository root")], [])
        }
        do {
            let files = try fs.files(under: folder).map { (path: $0, bytes: [UInt8](try fs.read("\(folder)/\($0)"))) }
            let (set, diagnostics) = TemplateSet.make(files: files, folder: folder)
            return (set, diagnostics, files)
        } catch {
            return (nil, [.error(.templatesNotFound, folder, "cannot read templates: \(error)")], [])
        }
    }

    /// Everything a build's output depends on, hashed: a changed page (by its path as listed, so a renamed input
    /// folder counts), template, setting or hysite itself gives another fingerprint. `pageHashes` are the page
    /// files' content hashes ("unreadable" for a file that could not be read), in `pages`' order.
    static func fingerprint(pages: [PageEntry], pageHashes: [String], templates: [(path: String, bytes: [UInt8])], config: SiteConfig,
                            people: PeopleFile) -> String {
        var parts: [String] = [HysiteInfo.build, Manifest.formatVersion, "\(config)", peopleKey(people)]
        parts += zip(pages, pageHashes).map { $0.display + " " + $1 }.sorted()
        parts += templates.map { $0.path + " " + ContentHash.hex($0.bytes) }.sorted()
        return ContentHash.hex(Array(parts.joined(separator: "\n").utf8))
    }

    /// The people file as the inputs fingerprint reads it.
    static func peopleKey(_ people: PeopleFile) -> String {
        "\(people.added.sorted())\(people.dropped.sorted())\(people.aliases.sorted { $0.key < $1.key })\(people.profiles.sorted { $0.key < $1.key })"
    }

    /// Each read page's content hash ("unreadable" when it could not be read), in parallel.
    static func contentHashes(_ pages: [RawPage]) -> [String] {
        var hashes = [String](repeating: "", count: pages.count)
        hashes.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                out.value[i] = pages[i].bytes.map { d in d.withUnsafeBytes { ContentHash.hex($0.bindMemory(to: UInt8.self)) } } ?? "unreadable"
            }
        }
        return hashes
    }

    /// Each page file's stamp (nil when the file system gives none), in parallel.
    static func stampPages(_ entries: [PageEntry], fs: FileSystem) -> [FileStamp?] {
        var stamps = [FileStamp?](repeating: nil, count: entries.count)
        stamps.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            DispatchQueue.concurrentPerform(iterations: entries.count) { i in out.value[i] = fs.stamp(entries[i].display) }
        }
        return stamps
    }

    /// What turns view models into bytes, hashed: hysite's version, the manifest format, templates and settings.
    static func renderFingerprint(templates: [(path: String, bytes: [UInt8])], config: SiteConfig) -> String {
        let parts = [HysiteInfo.build, Manifest.formatVersion, "\(config)"] + templates.map { $0.path + " " + ContentHash.hex($0.bytes) }.sorted()
        return ContentHash.hex(Array(parts.joined(separator: "\n").utf8))
    }

    // MARK: Parse

    /// `hysite.yml` when it exists (defaults otherwise), as every entry point reads it.
    public static func loadConfig(_ file: String, fs: FileSystem) -> (config: SiteConfig, diagnostics: [Diagnostic]) {
        guard fs.exists(file) else { return (SiteConfig(), []) }
        do {
            return SiteConfig.parse(yaml: String(decoding: try fs.read(file), as: UTF8.self), file: file)
        } catch {
            return (SiteConfig(), [.error(.configUnreadable, file, "cannot be read: \(error)")])
        }
    }

    /// What `hysite parse` prints: the same load and parse steps as a build, with the same settings and people
    /// file (`paths` default to the configured input); `defaultYear` overrides the configured one.
    public static func parseInputs(_ paths: [String], configFile: String, defaultYear: Int? = nil, fs: FileSystem) -> ParsedArchive {
        let (config, configDiagnostics) = loadConfig(configFile, fs: fs)
        let inputs = paths.isEmpty ? [config.input] : paths
        let (pages, loadDiagnostics) = loadPages(inputs, fs: fs)
        let (people, peopleDiagnostics) = PeopleFile.load(config: config, input: inputs[0], fs: fs)
        var archive = parse(pages, options: ParseOptions(defaultYear: defaultYear ?? config.defaultYear), people: people)
        archive.diagnostics = (configDiagnostics + loadDiagnostics + peopleDiagnostics + archive.diagnostics).sortedForDisplay()
        return archive
    }

    /// Parses pages (in parallel), then names people across the whole archive.
    public static func parse(_ pages: [PageSource], options: ParseOptions = ParseOptions(), people: PeopleFile = PeopleFile()) -> ParsedArchive {
        nameAcrossArchive(parsePages(pages, options: options), pages: pages, people: people)
    }

    /// Parses each page (in parallel), with the names each article's own text proves.
    static func parsePages(_ pages: [PageSource], options: ParseOptions) -> [ParsedPage] {
        var parsed = [ParsedPage?](repeating: nil, count: pages.count)
        parsed.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                out.value[i] = parseWithEvidence(pages[i], options: options)
            }
        }
        return parsed.map { $0! }
    }

    /// One page parsed, with the names each article's text proves and the warnings its decoding gave first (kept
    /// with the parse in the cache, so a cached page reports them again).
    static func parseWithEvidence(_ page: PageSource, options: ParseOptions, decodeDiagnostics: [Diagnostic] = []) -> ParsedPage {
        var parsed = PageParser.parse(page, options: options)
        parsed.evidence = parsed.articles.map(PeopleFinder.evidence(in:))
        parsed.diagnostics = decodeDiagnostics + parsed.diagnostics
        return parsed
    }

    /// The archive-wide steps over every page's articles: stems made distinct, continued articles joined,
    /// and people named (a name proven anywhere makes bare mentions everywhere count).
    static func nameAcrossArchive(_ parsed: [ParsedPage], pages: [PageSource], people: PeopleFile) -> ParsedArchive {
        nameAcrossArchive(parsed, pages: pages, people: people, hashes: nil, naming: nil).archive
    }

    /// The same, reusing the last build's pass 2 (`naming`) for articles of unchanged page files (`hashes`: each
    /// page's content hash) where `NamingCache` allows; also returns the naming to keep for the next build and the
    /// finder that named them (a serve session names edited articles with it).
    static func nameAcrossArchive(_ parsed: [ParsedPage], pages: [PageSource], people: PeopleFile, hashes: [String]?, naming: NamingCache?)
        -> (archive: ParsedArchive, naming: Pending<NamingCache>, finder: PeopleFinder) {
        // Room made first: `flatMap` grew the 100,000 articles' array step by step, moving them each time.
        let total = parsed.reduce(0) { $0 + $1.articles.count }
        var articles: [Article] = [], pageEvidence: [[PeopleFinder.Hit]] = []
        articles.reserveCapacity(total)
        pageEvidence.reserveCapacity(total)
        for page in parsed {
            articles.append(contentsOf: page.articles)
            pageEvidence.append(contentsOf: page.evidence.count == page.articles.count ? page.evidence : page.articles.map(PeopleFinder.evidence(in:)))
        }
        var diagnostics = parsed.flatMap(\.diagnostics)
        disambiguateStems(&articles, pages: pages)
        let (kept, joined) = ContinuedArticles.join(&articles, pages: pages, diagnostics: &diagnostics)
        // Pass 1: names with their own evidence, anywhere in the archive (found while parsing each page; a joined
        // article's text is new, so it is scanned again).
        var evidence = kept.map { pageEvidence[$0] }
        for i in joined { evidence[i] = PeopleFinder.evidence(in: articles[i]) }
        var known = distinctNames(evidence)
        for i in articles.indices { known.formUnion(articles[i].reporters.map(\.name)) }
        known.formUnion(people.added)
        let finder = PeopleFinder(known: known, aliases: people.aliases, dropped: people.dropped)
        let context = NamingCache.context(aliases: people.aliases, dropped: people.dropped)
        let keys = namingKeys(parsed, pages: pages, hashes: hashes, kept: kept, joined: joined)
        namePeople(&articles, evidence: evidence, keys: keys, naming: naming, changedNames: naming?.changedNames(known: known, context: context),
                   finder: finder)
        // The naming to keep is put together on another thread while the build goes on (100,000 entries).
        let named = articles.map { NamingCache.Named(people: $0.people, titles: $0.titles) }
        let naming = Pending { [keys, known] in
            var entries: [String: NamingCache.Named] = [:]
            entries.reserveCapacity(keys.count)
            for (i, key) in keys.enumerated() { if let key { entries[key] = named[i] } }
            return NamingCache(context: context, known: known.sorted(), entries: entries)
        }
        diagnostics = diagnostics.sortedForDisplay()
        return (archive: ParsedArchive(articles: articles, diagnostics: diagnostics, files: pages.count), naming: naming, finder: finder)
    }

    /// Pass 2 of naming, in parallel: everyone each article names, taken from the last build's `naming` (by the
    /// article's key) when no name it mentions changed meaning (`changedNames`; nil: nothing can be taken), else found
    /// by `finder` from the article's `evidence`.
    static func namePeople(_ articles: inout [Article], evidence: [[PeopleFinder.Hit]], keys: [String?], naming: NamingCache?,
                           changedNames: [String]?, finder: PeopleFinder) {
        articles.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            DispatchQueue.concurrentPerform(iterations: buf.count) { i in
                if let changedNames, let key = keys[i], let hit = naming?.entries[key],
                   changedNames.isEmpty || !NamingCache.mentionsAny(changedNames, in: out.value[i]) {
                    (out.value[i].people, out.value[i].titles) = (hit.people, hit.titles)
                } else {
                    (out.value[i].people, out.value[i].titles) = finder.people(in: out.value[i], evidence: evidence[i])
                }
            }
        }
    }

    /// The distinct names of all the hits, gathered in halves at once (a million names at 100,000 articles).
    static func distinctNames(_ evidence: [[PeopleFinder.Hit]]) -> Set<String> {
        let sets = Parallel.halves(evidence.count) { range in
            var names = Set<String>()
            for hits in evidence[range] { for h in hits { names.insert(h.name) } }
            return names
        }
        return sets[0].union(sets[1])
    }

    /// Per article (after joining), its naming cache key: nil without page hashes, and for a joined article (its
    /// text comes from two pages).
    static func namingKeys(_ parsed: [ParsedPage], pages: [PageSource], hashes: [String]?, kept: [Int], joined: [Int]) -> [String?] {
        guard let hashes else { return kept.map { _ in nil } }
        var origin: [(page: Int, position: Int)] = []
        for (p, page) in parsed.enumerated() { for k in page.articles.indices { origin.append((page: p, position: k)) } }
        let joinedSet = Set(joined)
        return Parallel.map(kept.count) { i in
            guard !joinedSet.contains(i) else { return nil }
            let o = origin[kept[i]]
            return NamingCache.key(page: pages[o.page].key, hash: hashes[o.page], position: o.position)
        }
    }

    /// Two page files whose stems slug to the same name (`a/b.txt` and `a-b.txt`) would share URLs:
    /// each of them then carries a hash of its own path, so neither article is lost.
    static func disambiguateStems(_ articles: inout [Article], pages: [PageSource]) {
        var keysByStem: [String: Set<String>] = [:]
        for p in pages { keysByStem[Slug.pageStem(p.key), default: []].insert(p.key) }
        let clashing = keysByStem.filter { $0.value.count > 1 }
        guard !clashing.isEmpty else { return }
        var keyOfFile: [String: String] = [:]
        for p in pages { keyOfFile[p.file] = p.key }
        for i in articles.indices {
            guard let key = keyOfFile[articles[i].file] else { continue }
            let stem = Slug.pageStem(key)
            if clashing[stem] != nil { articles[i].id = "\(stem)-\(Slug.hash(key))-\(articles[i].position)" }
        }
    }

    // MARK: Build

    /// The whole build: load everything, then parse, assemble, render and write into a fresh folder that
    /// replaces the output only when complete. With `memory` (a serve session's), an edit that keeps the archive's
    /// shape patches the last build's archive (`patch`); any other build assembles everything and fills `memory`.
    public static func build(_ options: BuildOptions, fs: FileSystem = LocalFileSystem(), clock: BuildClock = SystemClock(),
                             memory: BuildMemory? = nil) -> BuildReport {
        let start = clock.now()
        var report = BuildReport()
        var inputs = gatherInputs(options, fs: fs, report: &report)
        var timer = StepTimer(clock: clock, start: start)
        timer.finish("list and stat inputs", in: &report)
        if let memory, var kept = memory.take(),
           let patched = patch(&kept, options: options, inputs: inputs, fs: fs, report: report, clock: clock, since: start) {
            if !kept.inputsHash.isEmpty { memory.keep(kept) }
            return patched
        }
        // Nothing changed since the last build (same pages, templates, config, people file, hysite)? Write nothing.
        // Pages whose stamps are as at the last build are not even read. (A build that fills `memory` goes on.)
        if memory == nil, unchangedByStamps(inputs, report: report, fs: fs) {
            return report.finishedUnchanged(files: inputs.entries.count, seconds: clock.now() - start)
        }
        if inputs.search { inputs.pagefind = Pending { SearchIndex.locate() } }
        let later = EarlyReads(inputs, fs: fs)
        guard var loaded = readInputs(inputs, later: later, fillsMemory: memory != nil, fs: fs, timer: &timer, report: &report) else {
            return report.finishedUnchanged(files: inputs.entries.count, seconds: clock.now() - start)
        }
        var named = parseAndName(inputs, &loaded, later: later, keepsDiagnostics: memory != nil, timer: &timer, report: &report)
        let hasErrors = report.diagnostics.hasErrors || (options.strict && !report.diagnostics.isEmpty)
        guard let templates = inputs.templates, !hasErrors || options.keepGoing else {
            report.seconds = clock.now() - start
            return report
        }
        let site = assembleAndPrepare(inputs, templates: templates, loaded, &named, later: later, fillsMemory: memory != nil, fs: fs,
                                      timer: &timer, report: &report)
        guard let done = renderAndWrite(inputs, loaded, named, site, fs: fs, timer: &timer, report: &report) else {
            report.seconds = clock.now() - start
            return report
        }
        report.succeeded = !hasErrors
        if options.exitsAfter {
            // Everything the build loaded and made, the early reads and the parse cache's entries too: freeing them
            // piece by piece was a fifth of a one-file build's CPU at 100,000 articles.
            ExitReclaim.keep(site, loaded, named, done.written, done.savingNames, inputs, later)
        }
        if let memory, let facts = site.facts, let manifest = done.written.manifest, report.succeeded {
            memory.keep(WarmState(inputs, parseOptions: loaded.parseOptions, entryHashes: loaded.read.entryHashes, facts: facts,
                                  finder: named.finder, renderer: site.renderer, parseDiagnostics: named.parseDiagnostics,
                                  manifest: manifest, manifestOrder: done.written.manifestOrder))
        }
        report.seconds = clock.now() - start
        return report
    }

    /// The archive of the named articles: with the last build's structure (`kept`, when this build's edits all kept
    /// the archive's shape and it fits them), else assembled.
    static func assemble(_ articles: consuming [Article], inputs: BuildInputs, knownPinyin: [String: String], kept: ArchiveCache?,
                         report: inout BuildReport) -> Archive {
        let archive: Archive
        if let kept, Archive.fits(kept, articles) {
            archive = Archive(articles: consume articles, config: inputs.config, restoring: kept)
            report.archiveKept = true
        } else {
            archive = Archive(articles: consume articles, config: inputs.config, profiles: inputs.peopleFile.profiles, knownPinyin: knownPinyin)
        }
        report.people = archive.people.count
        report.dates = archive.days.count
        return archive
    }

    /// What a build reads before deciding anything: settings, the page files' list and stamps (with the hashes
    /// the last build kept for them), templates, the people file and the current site's manifest.
    struct BuildInputs {
        var config: SiteConfig
        var output: String
        var cacheFolder: String
        var entries: [PageEntry]
        var stamps: [FileStamp?]
        var keptStamps: [String: InputStamps.Entry]
        /// Per page file, its hash when its stamp is as kept (nil: it must be read).
        var knownHashes: [String?]
        /// When the stamps were taken (nanoseconds since 1970).
        var stampStart: Int64
        var templates: TemplateSet?
        var templateBytes: [(path: String, bytes: [UInt8])]
        var peopleFile: PeopleFile
        /// Whether this build indexes for search.
        var search: Bool
        var manifestBytes: [UInt8]?
        /// Where Pagefind is, looked for while the build goes on (finding it through Python took 0.3–0.6 s).
        var pagefind: Pending<String?>?

        /// Pagefind's path when this build indexes and it is installed.
        var pagefindBinary: String? {
            guard search else { return nil }
            if let pagefind { return pagefind.value }
            return SearchIndex.locate()
        }

        /// Keeps the page files' stamps with their hashes for the next build.
        func saveStamps(hashes: [String], fs: FileSystem) {
            InputStamps.save(entries.map(\.display), stamps: stamps, hashes: hashes.map { $0 == "unreadable" ? nil : $0 },
                             start: stampStart, loaded: keptStamps, folder: cacheFolder, fs: fs)
        }
    }

    /// Step 1 of a build: the settings (with `options` applied), page files listed and stat'ed, templates, people file
    /// and manifest read; their problems go into `report`.
    static func gatherInputs(_ options: BuildOptions, fs: FileSystem, report: inout BuildReport) -> BuildInputs {
        var (config, configDiagnostics) = loadConfig(options.configFile, fs: fs)
        report.diagnostics += configDiagnostics
        // `--no-search` means no search at all: no index, no search page, no 搜索 link.
        if !options.search { config.search = false }
        let input = options.input ?? config.input
        config.input = input  // the site names page files under this folder's name (`SiteConfig.shownSource`)
        let output = options.output ?? config.output
        report.output = output
        let (entries, listDiagnostics) = listPages([input], fs: fs)
        report.diagnostics += listDiagnostics
        let stampStart = InputStamps.now()
        let cacheFolder = ParseCache.folder(for: output)
        let stamps = stampPages(entries, fs: fs)
        let keptStamps = InputStamps.load(folder: cacheFolder, fs: fs)
        let (templates, templateDiagnostics, templateBytes) = loadTemplatesOrBuiltIn(options.templates ?? config.templates,
                                                                                      explicit: options.templates != nil, fs: fs)
        report.diagnostics += templateDiagnostics
        let (peopleFile, peopleDiagnostics) = PeopleFile.load(config: config, input: input, fs: fs)
        report.diagnostics += peopleDiagnostics
        return BuildInputs(config: config, output: output, cacheFolder: cacheFolder, entries: entries, stamps: stamps, keptStamps: keptStamps,
                           knownHashes: InputStamps.knownHashes(entries.map(\.display), stamps: stamps, kept: keptStamps),
                           stampStart: stampStart, templates: templates, templateBytes: templateBytes, peopleFile: peopleFile,
                           search: config.search && options.runIndexer && fs is LocalFileSystem,
                           manifestBytes: SiteWriter.currentManifestBytes(output, fs: fs))
    }

    /// The inputs fingerprint with these page hashes.
    static func fingerprint(_ inputs: BuildInputs, pageHashes: [String]) -> String {
        fingerprint(pages: inputs.entries, pageHashes: pageHashes, templates: inputs.templateBytes, config: inputs.config, people: inputs.peopleFile)
    }

    /// Whether the inputs (fingerprinted as `inputsHash`) are those the current site (whose manifest records
    /// `previous`) was built from, and its search index (when this build indexes) is whole. `manifest` is the
    /// current manifest when already decoded (else it is decoded here, only when search needs it).
    static func unchanged(_ inputs: BuildInputs, inputsHash: String, previous: String?, manifest: Manifest?, fs: FileSystem) -> Bool {
        guard let previous, previous == inputsHash else { return false }
        guard inputs.search else { return true }
        // A whole index, or none that could be built (Pagefind missing): Pagefind is looked for only in the second case.
        let complete = (manifest ?? inputs.manifestBytes.flatMap(Manifest.decode)).map { SiteWriter.searchComplete(inputs.output, manifest: $0, fs: fs) } ?? false
        return complete || inputs.pagefindBinary == nil
    }

    /// Step 5: renders and writes the site (and its search index); nil, with an error in `report`, when it could
    /// not be written. With `affected` (edits that keep the archive's shape), keyed pages not in it are not looked at.
    /// `previous`: the site's manifest and its paths in order (`Manifest.decodeWithOrder`).
    static func writeSite(_ renderer: Renderer, _ inputs: BuildInputs, inputsHash: String, previous: (manifest: Manifest, order: [String])?,
                          affected: Set<PageJob>? = nil, fs: FileSystem, report: inout BuildReport) -> SiteWriter.Result? {
        do {
            let result = try SiteWriter.write(renderer, to: inputs.output, fs: fs, inputs: inputsHash,
                                              render: renderFingerprint(templates: inputs.templateBytes, config: inputs.config),
                                              search: inputs.search, searchBinary: inputs.pagefindBinary, previous: previous?.manifest,
                                              affected: affected, previousOrder: previous?.order ?? [])
            report.record(result)
            return result
        } catch {
            report.diagnostics.append(.error(.writeFailed, inputs.output, "could not write the site: \(error); the previous site is left as it was"))
            return nil
        }
    }
}

extension BuildReport {
    /// The report of a build that found nothing changed.
    func finishedUnchanged(files: Int, seconds: Double) -> BuildReport {
        var r = self
        r.files = files
        r.unchanged = true
        r.succeeded = true
        r.seconds = seconds
        return r
    }

    /// What loading and parsing gave: counts and diagnostics.
    mutating func record(_ changed: ChangedPages, _ parsed: ParsedArchive, files: Int) {
        diagnostics += changed.diagnostics
        pagesParsed = changed.parsedCount
        pagesRead = changed.read
        diagnostics += parsed.diagnostics
        self.files = files
        articles = parsed.articles.count
    }

    /// What writing gave: counts, the search index's years, and a warning when search could not be indexed.
    mutating func record(_ result: SiteWriter.Result) {
        pagesWritten = result.written
        pagesRendered = result.rendered
        pagesExamined = result.examined
        shapeKept = result.onlyAffected
        pagesRemoved = result.removed
        searchIndexed = result.searchIndexed
        searchRemoved = result.searchRemoved
        incremental = result.incremental
        switch result.search {
        case .notInstalled?:
            diagnostics.append(.warning(.searchUnavailable, output, "search index not built: Pagefind is not installed (pip install 'pagefind[extended]==1.5.2', or run scripts/setup.sh); the site works without search"))
        case .failed(let why)?:
            diagnostics.append(.warning(.searchFailed, output, "search index not built: Pagefind failed: \(why)"))
        default: break
        }
    }
}

/// Lets concurrentPerform fill disjoint slots of a buffer.
struct UnsafeSendable<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// A value worked out on another thread from the moment it is made, waited for where it is first needed.
final class Pending<T>: @unchecked Sendable {
    private var result: T?
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            let r = work()
            self.lock.withLock { self.result = r }
            self.done.signal()
        }
    }
    var value: T {
        if let r = lock.withLock({ result }) { return r }
        done.wait()
        done.signal()  // later readers do not wait
        return lock.withLock { result! }
    }
}

/// What a build reads that nothing needs until later, read on other threads while the parse cache loads: the
/// site's manifest (decoding it took 0.3 s at 100,000 articles, on one core), the naming cache and the pinyin cache.
struct EarlyReads {
    let manifest: Pending<(manifest: Manifest, order: [String])?>
    let naming: Pending<NamingCache?>
    let pinyin: Pending<[String: String]>

    init(_ inputs: Pipeline.BuildInputs, fs: FileSystem) {
        let (bytes, folder) = (inputs.manifestBytes, inputs.cacheFolder)
        manifest = Pending { bytes.flatMap(Manifest.decodeWithOrder) }
        naming = Pending { NamingCache.load(folder: folder, fs: fs) }
        pinyin = Pending { PinyinCache.load(folder: folder, fs: fs) }
    }
}

/// Values a process that exits right after its build leaves for the exit to reclaim (`BuildOptions.exitsAfter`).
enum ExitReclaim {
    private static let kept = LockedBox<[Any]>([])
    /// Keeps `values` alive until the process exits.
    static func keep(_ values: Any...) { kept.update { $0.append(contentsOf: values) } }
}

/// A value shared between threads behind a lock.
final class LockedBox<T>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    /// What `body` reads from the value, under the lock. (Reading a copy from `value` outside the lock while another
    /// thread inserted made each insert copy the whole collection: a tenth of a clean build's time at 100,000.)
    func read<R>(_ body: (T) -> R) -> R { lock.withLock { body(stored) } }
    func update(_ body: (inout T) -> Void) { lock.withLock { body(&stored) } }
}

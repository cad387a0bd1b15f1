import Foundation

/// Times a build's steps one after another into its report (`hysite build --timings`).
struct StepTimer {
    /// The build's clock.
    let clock: BuildClock
    /// When the last step ended (at first, when the build started).
    private(set) var mark: Double

    /// A timer whose first step began at `start` (a reading of `clock`).
    init(clock: BuildClock, start: Double) {
        self.clock = clock
        mark = start
    }

    /// Ends the step that began when the last one ended, named `step`.
    mutating func finish(_ step: String, in report: inout BuildReport) { mark = report.step(step, since: mark, clock: clock) }
}

/// What a build has read (steps 2–3): the parse cache, the parses it holds for files whose stamps are as kept,
/// the other files' bytes, every file's hash, and the current site's manifest.
struct ReadInputs {
    /// The settings the pages are parsed with.
    var parseOptions: ParseOptions
    /// The parse cache as loaded.
    var cache: ParseCache
    /// Per page file, its cached parse when its stamp gave the hash it was cached under.
    var hits: [ParsedPage?]
    /// The files not found by stamp: their bytes, their indices among the page files, and every file's hash.
    var read: (raw: [Pipeline.RawPage], missIndices: [Int], entryHashes: [String])
    /// The current site's manifest and its paths in order, when there is a site.
    var previousSite: (manifest: Manifest, order: [String])?
    /// The fingerprint of this build's inputs.
    var inputsHash: String
}

/// What parsing and naming gave (steps 4–5): the pages, the archive's articles with people named across it, and
/// what the next build keeps of the naming.
struct NamedPages {
    /// The pages, parsed now or taken from the cache.
    var changed: ChangedPages
    /// The archive's articles, people named.
    var parsed: ParsedArchive
    /// The naming cache the last build left (nil: none, or not usable).
    var naming: NamingCache?
    /// The naming to keep for the next build, put together on another thread.
    var newNaming: Pending<NamingCache>
    /// The finder that named the people (a serve session names edited articles with it).
    var finder: PeopleFinder
    /// The edited page files' changed articles, when every edit kept the archive's shape (`ArticleShape`).
    var edits: [String: [Int]]?
    /// The parse's diagnostics, kept for a serve session (empty otherwise).
    var parseDiagnostics: [Diagnostic]
}

/// The assembled archive ready to render (steps 6–7), with the savings still running on other threads.
struct AssembledSite {
    /// The renderer over the assembled archive.
    var renderer: Renderer
    /// Each page file's facts a serve session keeps (nil when the build fills no `BuildMemory`).
    var facts: (evidence: [String: Set<String>], joinFiles: Set<String>)?
    /// People's pinyin from the last build.
    var knownPinyin: [String: String]
    /// The last build's archive structure, when the edits kept its shape.
    var kept: ArchiveCache?
    /// The archive's structure being saved for the next build.
    var keeping: Pending<Void>
    /// The parse cache being saved.
    var saving: Pending<Void>
}

extension Pipeline {
    /// Step 1's shortcut: every page file's stamp is as at the last build, and the site was built from these very
    /// inputs, so nothing needs to be read or written.
    static func unchangedByStamps(_ inputs: BuildInputs, report: BuildReport, fs: FileSystem) -> Bool {
        guard !report.diagnostics.hasErrors, inputs.knownHashes.allSatisfy({ $0 != nil }) else { return false }
        return unchanged(inputs, inputsHash: fingerprint(inputs, pageHashes: inputs.knownHashes.map { $0! }),
                         previous: inputs.manifestBytes.flatMap(Manifest.header)?.inputs, manifest: nil, fs: fs)
    }

    /// Steps 2–3: the parse cache loaded and the page files it does not hold read and hashed; nil when the site
    /// was built from these very inputs (nothing is written then; the stamps are kept). A build that fills a serve
    /// session's memory (`fillsMemory`) always goes on.
    static func readInputs(_ inputs: BuildInputs, later: EarlyReads, fillsMemory: Bool, fs: FileSystem,
                           timer: inout StepTimer, report: inout BuildReport) -> ReadInputs? {
        let parseOptions = ParseOptions(defaultYear: inputs.config.defaultYear)
        let cache = ParseCache.load(folder: inputs.cacheFolder, options: parseOptions, fs: fs)
        timer.finish("load parse cache", in: &report)
        let hits = cachedParses(inputs.entries, knownHashes: inputs.knownHashes, cache: cache)
        let read = readMisses(inputs.entries, hits: hits, knownHashes: inputs.knownHashes, fs: fs)
        BuildProgress.report(.reading, done: read.raw.count, total: read.raw.count, unit: "files")
        timer.finish("read changed inputs", in: &report)
        let previousSite = later.manifest.value
        let inputsHash = fingerprint(inputs, pageHashes: read.entryHashes)
        if !fillsMemory, !report.diagnostics.hasErrors, read.raw.allSatisfy({ $0.bytes != nil }),
           unchanged(inputs, inputsHash: inputsHash, previous: previousSite?.manifest.inputs, manifest: previousSite?.manifest, fs: fs) {
            inputs.saveStamps(hashes: read.entryHashes, fs: fs)
            return nil
        }
        timer.finish("read the site's manifest", in: &report)
        return ReadInputs(parseOptions: parseOptions, cache: cache, hits: hits, read: read, previousSite: previousSite, inputsHash: inputsHash)
    }

    /// Steps 4–5: the pages read decoded and parsed (their bytes let go), then people named across the archive;
    /// counts and diagnostics go into `report`.
    static func parseAndName(_ inputs: BuildInputs, _ loaded: inout ReadInputs, later: EarlyReads, keepsDiagnostics: Bool,
                             timer: inout StepTimer, report: inout BuildReport) -> NamedPages {
        let changed = parseMisses(inputs.entries, hits: loaded.hits, read: &loaded.read, options: loaded.parseOptions, cache: loaded.cache)
        loaded.read.raw = []  // each page's bytes were let go once decoded (339 MB at 100,000 articles)
        timer.finish("decode and parse", in: &report)
        let naming = later.naming.value
        let (parsed, newNaming, finder) = nameAcrossArchive(changed.parsed, pages: changed.pages, people: inputs.peopleFile,
                                                            hashes: changed.hashes, naming: naming)
        BuildProgress.report(.parsing, done: parsed.articles.count, total: nil, unit: "articles")
        timer.finish("name people across the archive", in: &report)
        report.record(changed, parsed, files: inputs.entries.count)
        let edits = shapeKeepingEdits(inputs, hashes: loaded.read.entryHashes, pages: changed.parsed, cache: loaded.cache, finder: finder,
                                      previous: loaded.previousSite?.manifest)
        let parseDiagnostics = keepsDiagnostics ? (changed.diagnostics + parsed.diagnostics).sortedForDisplay() : []
        return NamedPages(changed: changed, parsed: parsed, naming: naming, newNaming: newNaming, finder: finder, edits: edits,
                          parseDiagnostics: parseDiagnostics)
    }

    /// Steps 6–7: the parse cache saved on another thread (waited for before rendering: the pages' parses are let
    /// go first), the archive assembled (from the last build's structure when the edits kept its shape) and its
    /// structure saved on another thread, and the renderer prepared. The named articles are handed over, not copied.
    static func assembleAndPrepare(_ inputs: BuildInputs, templates: TemplateSet, _ loaded: ReadInputs, _ named: inout NamedPages,
                                   later: EarlyReads, fillsMemory: Bool, fs: FileSystem, timer: inout StepTimer,
                                   report: inout BuildReport) -> AssembledSite {
        // Saved while the archive is assembled (a one-file build's assembling runs on one core), and waited for before
        // rendering: the pages' parses (with the evidence kept for the next build) are then let go before the pages are
        // rendered, and so is the saving's own buffer (the build's peak memory was at its end).
        let saving = Pending { [cache = loaded.cache, pages = named.changed.pages, hashes = named.changed.hashes, parsed = named.changed.parsed] in
            cache.save(pages: pages, hashes: hashes, parsed: parsed, fs: fs)
        }
        let facts = fillsMemory ? WarmState.pageFacts(named.changed.parsed) : nil
        named.changed.parsed = []
        let knownPinyin = later.pinyin.value
        // Handed over (no other reference kept), so the archive sorts the articles in place instead of copying them.
        let articles = named.parsed.articles
        named.parsed.articles = []
        // Read only when it can be taken (5 MB at 100,000 articles; a build that assembles again would hold it for nothing).
        let previousInputs = loaded.previousSite?.manifest.inputs
        let kept = named.edits == nil ? nil
            : ArchiveCache.load(folder: inputs.cacheFolder, fs: fs).flatMap { $0.inputs == previousInputs ? $0 : nil }
        let archive = assemble(consume articles, inputs: inputs, knownPinyin: knownPinyin, kept: kept, report: &report)
        let keeping = Pending { [folder = inputs.cacheFolder, inputsHash = loaded.inputsHash] in
            ArchiveCache(inputs: inputsHash, archive: archive).save(folder: folder, fs: fs)
        }
        timer.finish(report.archiveKept ? "assemble (the last build's structure)" : "assemble", in: &report)
        let renderer = Renderer(archive: archive, templates: templates)
        timer.finish("prepare pages (paths, digests, timelines)", in: &report)
        saving.value
        timer.finish("wait for the parse cache to be saved", in: &report)
        return AssembledSite(renderer: renderer, facts: facts, knownPinyin: knownPinyin, kept: kept, keeping: keeping, saving: saving)
    }

    /// Steps 8–9: the site rendered and written (only the pages showing the edited articles, when the edits kept the
    /// archive's shape) while the naming and pinyin caches are saved; then the page files' stamps. Nil, with an error
    /// in `report`, when the site could not be written; the caches are saved whole either way.
    static func renderAndWrite(_ inputs: BuildInputs, _ loaded: ReadInputs, _ named: NamedPages, _ site: AssembledSite, fs: FileSystem,
                               timer: inout StepTimer, report: inout BuildReport) -> (written: SiteWriter.Result, savingNames: Pending<Void>)? {
        let renderer = site.renderer
        let affected = named.edits.map { pagesShowing($0, in: renderer) }
        // The names each article gave and the people's pinyin hold whatever becomes of the site: saved while it is
        // rendered and written (after it, on one core, they took 0.5 s at 100,000 articles).
        let savingNames = Pending { [folder = inputs.cacheFolder, shapeKept = named.edits != nil, newNaming = named.newNaming,
                                     naming = named.naming, knownPinyin = site.knownPinyin] in
            newNaming.value.save(folder: folder, loaded: naming, fs: fs, afterShapeKeepingEdits: shapeKept)
            PinyinCache.save(Dictionary(renderer.archive.people.map { ($0.name, $0.pinyin) }, uniquingKeysWith: { a, _ in a }),
                             loaded: knownPinyin, folder: folder, fs: fs)
        }
        guard let written = writeSite(renderer, inputs, inputsHash: loaded.inputsHash, previous: loaded.previousSite, affected: affected,
                                      fs: fs, report: &report) else {
            site.keeping.value  // neither is left half-written when the process exits
            savingNames.value
            return nil
        }
        timer.finish("render and write", in: &report)
        inputs.saveStamps(hashes: loaded.read.entryHashes, fs: fs)
        site.keeping.value
        savingNames.value
        timer.finish("save caches", in: &report)
        return (written: written, savingNames: savingNames)
    }
}

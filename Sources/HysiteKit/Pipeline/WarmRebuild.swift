import Foundation

/// A rebuild in a process that kept the last build (`BuildMemory`): when the edited page files keep the archive's
/// shape (`ArticleShape`) and the names it knows, their articles are put into the kept renderer in place and only
/// the pages whose keys read them are looked at again. Anything else (a file added, removed or moved, a date, a
/// name, a template or setting changed, too many files changed) is declined, and the full build runs.
extension Pipeline {
    /// The most page files one patch takes; more go through the full build.
    static let patchLimit = 64

    /// An edited page file, read and parsed: its index in the listing, its bytes' hash, its parse.
    struct EditedPage {
        var index: Int
        var hash: String
        var parsed: ParsedPage
    }

    /// The rebuild through `kept`, or nil when it declines (then nothing was written). `report` holds what gathering
    /// the inputs found.
    static func patch(_ kept: inout WarmState, options: BuildOptions, inputs: BuildInputs, fs: FileSystem, report start: BuildReport,
                      clock: BuildClock, since: Double) -> BuildReport? {
        var report = start
        var inputs = inputs
        guard fits(kept, options: options, inputs: inputs, report: report) else { return nil }
        var mark = clock.now()
        guard let (hashes, readIndices, raw) = readEdited(kept, inputs: inputs, fs: fs) else { return nil }
        mark = report.step("read changed inputs", since: mark, clock: clock)
        let edited = zip(readIndices, raw).filter { hashes[$0.0] != kept.entryHashes[$0.0] }.map { (index: $0.0, raw: $0.1) }
        let inputsHash = fingerprint(inputs, pageHashes: hashes)
        if edited.isEmpty {
            guard unchanged(inputs, inputsHash: inputsHash, previous: kept.inputsHash, manifest: kept.manifest, fs: fs) else { return nil }
            (kept.stamps, kept.stampStart) = (inputs.stamps, inputs.stampStart)
            return report.finishedUnchanged(files: inputs.entries.count, seconds: clock.now() - since)
        }
        guard edited.count <= patchLimit, let pages = parseEdited(edited, hashes: hashes, options: kept.parseOptions),
              let changes = namedInPlace(pages, kept: kept) else { return nil }
        if inputs.search { inputs.pagefind = Pending { SearchIndex.locate() } }
        mark = report.step("decode and parse", since: mark, clock: clock)
        report.diagnostics += reparsedDiagnostics(kept.parseDiagnostics, pages)
        report.recordPatch(kept.renderer.archive, files: inputs.entries.count, parsed: pages.count, read: readIndices.count)
        let hasErrors = report.diagnostics.hasErrors || (options.strict && !report.diagnostics.isEmpty)
        // A build with errors writes nothing unless told to keep going: the full build says so (and writes nothing).
        if hasErrors && !options.keepGoing { return nil }
        kept.renderer.replaceArticles(changes)
        let affected = Set(changes.flatMap { kept.renderer.jobsShowing(article: $0.index) })
        mark = report.step("patch the kept archive", since: mark, clock: clock)
        guard writePatched(&kept, affected: affected, inputs: inputs, inputsHash: inputsHash, fs: fs, report: &report) else {
            report.seconds = clock.now() - since
            return report
        }
        mark = report.step("render and write", since: mark, clock: clock)
        keepPatched(&kept, pages: pages, hashes: hashes, inputs: inputs, inputsHash: inputsHash, fs: fs)
        _ = report.step("save caches", since: mark, clock: clock)
        report.patched = true
        report.succeeded = !hasErrors
        report.seconds = clock.now() - since
        return report
    }

    /// Writes the patched site: only the `affected` keyed pages and the unkeyed ones are looked at. False, with an
    /// error in `report`, when it could not be written (the site on disk is then no longer the kept one).
    static func writePatched(_ kept: inout WarmState, affected: Set<PageJob>, inputs: BuildInputs, inputsHash: String, fs: FileSystem,
                             report: inout BuildReport) -> Bool {
        do {
            let result = try SiteWriter.write(kept.renderer, to: inputs.output, fs: fs, inputs: inputsHash, render: kept.manifest.render,
                                              search: inputs.search, searchBinary: inputs.pagefindBinary, previous: kept.manifest, affected: affected,
                                              previousOrder: kept.manifestOrder)
            report.record(result)
            guard let manifest = result.manifest else { throw FileSystemError(path: inputs.output, reason: "no manifest was written") }
            (kept.manifest, kept.manifestOrder) = (manifest, result.manifestOrder)
            return true
        } catch {
            report.diagnostics.append(.error(.writeFailed, inputs.output, "could not write the site: \(error); the previous site is left as it was"))
            kept.inputsHash = ""  // the next build starts over
            return false
        }
    }

    /// The kept state brought up to this build, and the edited files' parses put into the parse cache. The stamps
    /// file is left as it is (writing 25,000 lines took 0.15 s): a later `hysite build` reads the edited files again,
    /// finds their parses in the cache by their hashes, and then keeps their stamps.
    static func keepPatched(_ kept: inout WarmState, pages: [EditedPage], hashes: [String], inputs: BuildInputs, inputsHash: String, fs: FileSystem) {
        kept.parseDiagnostics = reparsedDiagnostics(kept.parseDiagnostics, pages)
        (kept.stamps, kept.stampStart, kept.entryHashes, kept.inputsHash) = (inputs.stamps, inputs.stampStart, hashes, inputsHash)
        let entries = pages.map { p in
            ParseCache.Entry(key: inputs.entries[p.index].key, file: p.parsed.file, hash: p.hash, articles: p.parsed.articles,
                             diagnostics: p.parsed.diagnostics, evidence: p.parsed.evidence)
        }
        ParseCache.replace(entries, folder: inputs.cacheFolder, options: kept.parseOptions, fs: fs)
    }

    /// Whether the kept build was made from these templates, settings, people file and list of page files, and the
    /// site on disk is still the one it wrote.
    static func fits(_ kept: WarmState, options: BuildOptions, inputs: BuildInputs, report: BuildReport) -> Bool {
        !report.diagnostics.hasErrors && inputs.templates != nil && !kept.inputsHash.isEmpty
            && kept.search == inputs.search && kept.entries == inputs.entries
            && kept.parseOptions == ParseOptions(defaultYear: inputs.config.defaultYear)
            && kept.manifest.render == renderFingerprint(templates: inputs.templateBytes, config: inputs.config)
            && kept.peopleKey == peopleKey(inputs.peopleFile)
            && inputs.manifestBytes.flatMap(Manifest.header)?.inputs == kept.inputsHash
    }

    /// Every page file's content hash: kept for a file whose stamp is as kept and settled before the kept build
    /// stat'ed it, read and hashed for the others (returned as `read`, with their bytes); nil when one cannot be read.
    static func readEdited(_ kept: WarmState, inputs: BuildInputs, fs: FileSystem) -> (hashes: [String], read: [Int], raw: [RawPage])? {
        let settled = kept.stampStart - InputStamps.settleNanoseconds
        let toRead = inputs.entries.indices.filter { i in
            guard let s = inputs.stamps[i], s == kept.stamps[i] else { return true }
            return s.modified >= settled || s.changed >= settled
        }
        let raw = readPages(toRead.map { inputs.entries[$0] }, fs: fs)
        guard raw.allSatisfy({ $0.bytes != nil }) else { return nil }
        var hashes = kept.entryHashes
        for (k, h) in contentHashes(raw).enumerated() { hashes[toRead[k]] = h }
        return (hashes: hashes, read: toRead, raw: raw)
    }

    /// The edited files (as read by `readEdited`) decoded and parsed, with their evidence; nil when one cannot be
    /// decoded.
    static func parseEdited(_ edited: [(index: Int, raw: RawPage)], hashes: [String], options: ParseOptions) -> [EditedPage]? {
        var out: [EditedPage] = []
        for e in edited {
            let (page, decodeDiagnostics) = decodePage(e.raw)
            guard let page else { return nil }
            out.append(EditedPage(index: e.index, hash: hashes[e.index],
                                  parsed: parseWithEvidence(page, options: options, decodeDiagnostics: decodeDiagnostics)))
        }
        return out
    }

    /// The edited pages' articles named with the kept finder, each with the index of the article it replaces; nil
    /// unless every one keeps its article's shape and no page's proven names changed.
    static func namedInPlace(_ pages: [EditedPage], kept: WarmState) -> [(index: Int, article: Article)]? {
        let archive = kept.renderer.archive
        var out: [(index: Int, article: Article)] = []
        for page in pages {
            let file = page.parsed.file
            guard !kept.joinFiles.contains(file), let first = page.parsed.articles.first,
                  let i = kept.articleAt[.init(file: file, position: first.position)] else { return nil }
            let indices = archive.printedPages[archive.printedPageOf[i]].articles  // the file's articles, by position
            guard let named = namedKeepingShape(page.parsed, old: indices.map { archive.articles[$0] },
                                                oldNames: kept.evidenceNames[file], finder: kept.finder) else { return nil }
            out += zip(indices, named).map { (index: $0, article: $1) }
        }
        return out
    }

    /// `new`'s articles named with `finder`, when the page proves the names `oldNames` and each article keeps the
    /// shape (`ArticleShape`) of the one it replaces (`old`: named, in the page's order); nil otherwise. Serve's
    /// patch and a build's check for shape-keeping edits (`keepsShape`) both ask this.
    static func namedKeepingShape(_ new: ParsedPage, old: [Article], oldNames: Set<String>?, finder: PeopleFinder) -> [Article]? {
        guard new.articles.count == old.count, new.evidence.count == new.articles.count,
              oldNames == WarmState.names(new.evidence) else { return nil }
        var out: [Article] = []
        for k in new.articles.indices {
            let named = finder.named(new.articles[k], evidence: new.evidence[k])
            guard ArticleShape.same(old[k], named) else { return nil }
            out.append(named)
        }
        return out
    }

    /// The kept parse diagnostics with the edited files' replaced by their new ones, in display order.
    static func reparsedDiagnostics(_ kept: [Diagnostic], _ pages: [EditedPage]) -> [Diagnostic] {
        let files = Set(pages.map(\.parsed.file))
        return (kept.filter { !files.contains($0.file) } + pages.flatMap(\.parsed.diagnostics)).sortedForDisplay()
    }
}

extension BuildReport {
    /// The counts of a patched rebuild.
    mutating func recordPatch(_ archive: Archive, files: Int, parsed: Int, read: Int) {
        self.files = files
        articles = archive.articles.count
        people = archive.people.count
        dates = archive.days.count
        pagesParsed = parsed
        pagesRead = read
    }
}

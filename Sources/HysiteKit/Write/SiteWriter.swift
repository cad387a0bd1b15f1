import Foundation

/// Writes the rendered site, one of two ways:
/// - **full**: into a fresh folder beside the output (`.site.hysite-new`), swapped in only when every file,
///   the search index and the manifest are written. A failed or killed build leaves the previous site intact.
/// - **incremental** (the output holds a manifest from an earlier build): every page is rendered, but only
///   files whose bytes changed are written (each to a temp file, then renamed over the old one), and files
///   that no longer exist are removed. The result is byte-identical to a full build.
public enum SiteWriter {
    /// What writing the site did, for the build report.
    public struct Result: Sendable {
        /// Files written: all of them on a fresh build, only those whose bytes changed on an incremental one.
        public var written = 0
        /// Files of the previous site removed because this build no longer makes them.
        public var removed = 0
        /// Files left as they were because their bytes did not change (incremental writes only).
        public var unchanged = 0
        /// How the search index went; nil when search is off or no year needed indexing.
        public var search: SearchIndex.Outcome?
        /// Whether the site was updated in place over an earlier build, rather than written fresh and swapped in.
        public var incremental = false
        /// Pages whose template ran (the others' view models were unchanged).
        public var rendered = 0
        /// Pages whose dependency key or view model was made.
        public var examined = 0
        /// Only the `affected` keyed pages (and the unkeyed ones) were looked at.
        public var onlyAffected = false
        /// The years whose search index Pagefind (re)built, in the order the search page lists them.
        public var searchIndexed: [String] = []
        /// The years whose search index was removed because they have no articles any more.
        public var searchRemoved: [String] = []
        /// The manifest written with the site.
        public var manifest: Manifest?
        /// The manifest's paths in the order written (`Manifest.sortedPaths()`).
        public var manifestOrder: [String] = []
    }

    /// `site` → `.site.hysite-new` / `.site.hysite-old`, beside it.
    static func sibling(_ output: String, _ suffix: String) -> String {
        let trimmed = output.hasSuffix("/") ? String(output.dropLast()) : output
        var parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name = parts.removeLast()
        parts.append(".\(name).hysite-\(suffix)")
        return parts.joined(separator: "/")
    }

    /// The manifest of the site currently in `output`, if any.
    public static func currentManifest(_ output: String, fs: FileSystem) -> Manifest? {
        currentManifestBytes(output, fs: fs).flatMap(Manifest.decode)
    }

    /// The bytes of the manifest in `output`, if there is one.
    public static func currentManifestBytes(_ output: String, fs: FileSystem) -> [UInt8]? {
        (try? fs.read("\(output)/\(Manifest.fileName)")).map { [UInt8]($0) }
    }

    /// Writes the site: incrementally over an earlier build's output (`previous`), else fresh and swapped in.
    /// `inputs` and `render` are the hashes the new manifest records (see `Manifest`). With `affected` (a rebuild
    /// that patched a kept renderer, see `ArticleShape`), a keyed page not in it keeps its entry in `previous`
    /// without its key being made again, and the manifest keeps `previous`'s paths, in `previousOrder`.
    public static func write(_ renderer: Renderer, to output: String, fs: FileSystem, inputs: String, render: String = "",
                             search: Bool, searchBinary: String?, previous: Manifest?, affected: Set<PageJob>? = nil,
                             previousOrder: [String] = []) throws -> Result {
        try recover(output, fs: fs)
        let keys = (inputs: inputs, render: render)
        // An output that is a link is replaced by a real folder, never written through.
        if let prev = previous, fs.isDirectory(output), !fs.isSymbolicLink(output) {
            return try incremental(renderer, output: output, fs: fs, keys: keys, search: search, searchBinary: searchBinary, previous: prev,
                                   affected: affected, previousOrder: previousOrder)
        }
        return try full(renderer, output: output, fs: fs, keys: keys, search: search, searchBinary: searchBinary)
    }

    /// What rendering every job gave: each output's content hash and model hash, and how many templates ran.
    struct Rendered: Sendable {
        var outputs: [String: String] = [:]
        var models: [String: String] = [:]
        var pagesRendered = 0
        var examined = 0
        var onlyAffected = false
    }

    /// Renders every job in parallel batches; `sink` gets each file (from several threads at once). With `reuse`
    /// (the manifest of the site in `output`, made with the same templates and settings) a page whose view model
    /// hashes as before and whose file is still there is not rendered: its old hash is kept. With `affected` too (a
    /// patched rebuild, whose pages are those of `reuse`), keyed pages not in it are not looked at: they keep their
    /// entries, and their files were written or found by the build the patched renderer was kept from.
    static func renderAll(_ renderer: Renderer, reuse: Manifest?, affected: Set<PageJob>? = nil, output: String, fs: FileSystem,
                          afterBatch: () throws -> Void = {},
                          _ sink: @Sendable (OutputFile, String) throws -> Void) throws -> Rendered {
        var jobs = renderer.jobs()
        let batch = 512
        var result = Rendered()
        if let affected, let reuse {
            jobs = jobs.filter { !renderer.hasDependencyKey($0) || affected.contains($0) }
            (result.outputs, result.models) = (reuse.outputs, reuse.models)
            result.onlyAffected = true
        }
        result.examined = jobs.count
        // Room made first: grown entry by entry, the two tables of 153,000 paths were rehashed again and again. (A
        // patched rebuild's tables already hold its jobs' paths.)
        result.outputs.reserveCapacity(jobs.count)
        result.models.reserveCapacity(jobs.count)
        let failure = LockedBox<Error?>(nil)
        for start in stride(from: 0, to: jobs.count, by: batch) {
            let slice = Array(jobs[start..<min(start + batch, jobs.count)])
            var local = [(path: String, hash: String, model: String, rendered: Bool)?](repeating: nil, count: slice.count)
            local.withUnsafeMutableBufferPointer { buf in
                let out = UnsafeSendable(buf)
                DispatchQueue.concurrentPerform(iterations: slice.count) { k in
                    do {
                        out.value[k] = try renderOne(renderer, slice[k], reuse: reuse, output: output, fs: fs, sink)
                    } catch { failure.update { $0 = $0 ?? error } }
                }
            }
            if let f = failure.value { throw f }
            try afterBatch()
            for case let x? in local {
                result.outputs[x.path] = x.hash
                result.models[x.path] = x.model
                if x.rendered { result.pagesRendered += 1 }
            }
            BuildProgress.report(.rendering, done: start + slice.count, total: jobs.count, unit: "pages")
        }
        return result
    }

    /// One job: rendered (and handed to `sink`) unless `reuse` shows its model unchanged and its file present.
    static func renderOne(_ renderer: Renderer, _ job: PageJob, reuse: Manifest?, output: String, fs: FileSystem,
                          _ sink: (OutputFile, String) throws -> Void) throws -> (path: String, hash: String, model: String, rendered: Bool) {
        let path = renderer.path(of: job)
        let oldHash = reuse?.outputs[path]
        let oldModel = oldHash == nil ? nil : reuse?.models[path]
        var made = renderer.render(job, unlessModelHash: oldModel)
        if made.file == nil {
            if let h = oldHash, fs.exists("\(output)/\(path)") { return (path: path, hash: h, model: made.modelHash, rendered: false) }
            made = renderer.render(job, unlessModelHash: nil)
        }
        let file = made.file!
        let hash = made.contentHash ?? ContentHash.hex(file.bytes)
        try sink(file, hash)
        return (path: path, hash: hash, model: made.modelHash, rendered: made.rendered)
    }

    static func full(_ renderer: Renderer, output: String, fs: FileSystem, keys: (inputs: String, render: String), search: Bool, searchBinary: String?) throws -> Result {
        let fresh = sibling(output, "new")
        let old = sibling(output, "old")
        try fs.removeItem(fresh)
        try fs.createDirectory(fresh)
        var result = Result()
        let writer = BatchWriter(fs: fs, into: fresh)
        do {
            let made = try renderAll(renderer, reuse: nil, output: output, fs: fs, afterBatch: writer.flush) { file, _ in try writer.add(file) }
            try writer.finish()
            result.written = made.outputs.count
            (result.rendered, result.examined) = (made.pagesRendered, made.examined)
            if search {
                let keys = SearchIndex.ordered(Set(made.outputs.keys.compactMap(SearchIndex.key(ofPage:))))
                result.search = try indexYears(site: fresh, keys: keys, binary: searchBinary, fs: fs, result: &result)
            }
            let manifest = Manifest(inputs: keys.inputs, render: keys.render, outputs: made.outputs, models: made.models)
            result.manifestOrder = manifest.sortedPaths()
            try fs.write(bytes: manifest.encoded(order: result.manifestOrder), to: "\(fresh)/\(Manifest.fileName)")
            result.manifest = manifest
        } catch {
            writer.waitForWrites()  // no file is being made in the folder removed
            try? fs.removeItem(fresh)
            throw error
        }
        // Swap: the old site stays whole until the new one is complete.
        try swapIn(fresh, at: output, keepingOldAt: old, fs: fs)
        return result
    }

    /// Removes the folders of `gone` (paths of removed files) that are now empty, deepest first, up to the site's
    /// own folder: a site rebuilt over an older one holds the same files and folders as a clean build (an article
    /// removed from the input, or a page moved from `x/index.html` to `x.html`, leaves no empty folder behind).
    static func removeEmptiedFolders(_ gone: [String], in output: String, fs: FileSystem) throws {
        var folders = Set<Substring>()
        for path in gone {
            var p = Substring(path)
            while let slash = p.lastIndex(of: "/") {
                p = p[..<slash]
                guard folders.insert(p).inserted else { break }
            }
        }
        let depth = { (f: Substring) in f.utf8.count(where: { $0 == UInt8(ascii: "/") }) }
        let deepestFirst = folders.map { (folder: $0, depth: depth($0)) }
            .sorted { $0.depth != $1.depth ? $0.depth > $1.depth : $0.folder < $1.folder }
        for (folder, _) in deepestFirst {
            let full = "\(output)/\(folder)"
            if fs.isDirectory(full), !fs.isSymbolicLink(full), fs.entries(in: full).isEmpty { try fs.removeItem(full) }
        }
    }

    /// Puts the folder `fresh` at `target`: the old one is moved aside to `old` first and removed last.
    static func swapIn(_ fresh: String, at target: String, keepingOldAt old: String, fs: FileSystem) throws {
        try fs.removeItem(old)
        if fs.exists(target) { try fs.moveItem(target, to: old) }
        try fs.moveItem(fresh, to: target)
        try fs.removeItem(old)
    }

    /// Writes into the existing site only the files whose bytes changed (staged, then renamed into place), removes
    /// the pages no longer made, brings the search index up to date and writes the manifest; a symbolic link inside
    /// the site makes it a full build instead.
    static func incremental(_ renderer: Renderer, output: String, fs: FileSystem, keys: (inputs: String, render: String), search: Bool,
                            searchBinary: String?, previous: Manifest, affected: Set<PageJob>? = nil, previousOrder: [String] = []) throws -> Result {
        // Changed files are staged beside the site first; only when every page is rendered are they renamed
        // into place. A build killed while rendering leaves the site as it was; one killed while renaming
        // leaves whole files, and the next build (whose manifest is still the old one) rewrites the rest.
        let stage = sibling(output, "stage")
        let (made, paths) = try renderChanged(renderer, into: stage, output: output, keys: keys, previous: previous, affected: affected, fs: fs)
        let hashes = made.outputs
        var result = Result()
        result.incremental = true
        (result.rendered, result.examined, result.onlyAffected) = (made.pagesRendered, made.examined, made.onlyAffected)
        // Pages of the last build that this one does not make. None when only the affected pages were looked at:
        // they started from the last build's pages (looking up its 153,000 paths twice cost 0.05 s).
        let gone = made.onlyAffected ? [] : previous.outputs.keys.filter { hashes[$0] == nil }.sorted()
        // A link planted inside the site is never followed: then the whole site is rebuilt fresh instead.
        if linkOnPaths(paths + gone, in: output, fs: fs) {
            try? fs.removeItem(stage)
            return try full(renderer, output: output, fs: fs, keys: keys, search: search, searchBinary: searchBinary)
        }
        try moveIntoPlace(paths, from: stage, output: output, fs: fs)
        result.written = paths.count
        result.unchanged = hashes.count - paths.count
        result.removed = try removePages(gone, from: output, fs: fs)
        if search {
            try updateSearch(output, pages: hashes, changed: paths + gone, binary: searchBinary, fs: fs, result: &result)
        } else {
            try fs.removeItem("\(output)/\(SearchIndex.folder)")  // never leave a stale index behind
        }
        let manifest = Manifest(inputs: keys.inputs, render: keys.render, outputs: hashes, models: made.models)
        // The same paths as before: their order too (sorting 153,000 paths cost 0.2 s). `previousOrder` holds all of
        // the previous manifest's paths, sorted, or nothing.
        let samePaths = !previousOrder.isEmpty && previousOrder.count == hashes.count && hashes.count == previous.outputs.count
            && gone.isEmpty
        result.manifestOrder = samePaths ? previousOrder : manifest.sortedPaths()
        try fs.writeAtomically(bytes: manifest.encoded(order: result.manifestOrder), to: "\(output)/\(Manifest.fileName)")
        result.manifest = manifest
        return result
    }

    /// Renders the site (reusing the last build's pages when its render fingerprint is this one's; with `affected`,
    /// looking only at those of the keyed pages) and writes into `stage` the files whose bytes differ from the site's;
    /// returns what was rendered and the staged paths, sorted. The stage is removed when rendering fails.
    static func renderChanged(_ renderer: Renderer, into stage: String, output: String, keys: (inputs: String, render: String),
                              previous: Manifest, affected: Set<PageJob>?, fs: FileSystem) throws -> (made: Rendered, paths: [String]) {
        try fs.removeItem(stage)
        let changed = LockedBox<[String]>([])
        let reuse = previous.render == keys.render && !keys.render.isEmpty ? previous : nil
        do {
            let made = try renderAll(renderer, reuse: reuse, affected: reuse == nil ? nil : affected, output: output, fs: fs) { file, hash in
                guard previous.outputs[file.path] != hash || !fs.exists("\(output)/\(file.path)") else { return }
                try fs.write(bytes: file.bytes, to: "\(stage)/\(file.path)")
                changed.update { $0.append(file.path) }
            }
            return (made: made, paths: changed.value.sorted())
        } catch {
            try? fs.removeItem(stage)
            throw error
        }
    }

    /// Whether any folder or file on `paths` (relative to `output`) is a symbolic link.
    static func linkOnPaths(_ paths: [String], in output: String, fs: FileSystem) -> Bool {
        var checked = Set<String>()
        for path in paths {
            var prefix = output
            for component in path.split(separator: "/") {
                prefix += "/" + component
                guard checked.insert(prefix).inserted else { continue }
                if fs.isSymbolicLink(prefix) { return true }
            }
        }
        return false
    }

    /// Renames the staged files (`paths`, relative to `stage`) into the site, then removes the stage.
    static func moveIntoPlace(_ paths: [String], from stage: String, output: String, fs: FileSystem) throws {
        for path in paths {
            try fs.createDirectory(parentOf: "\(output)/\(path)")
            try fs.replaceItem(at: "\(output)/\(path)", with: "\(stage)/\(path)")
        }
        try fs.removeItem(stage)
    }

    /// Removes the site's pages this build no longer makes, and the folders they leave empty; returns how many.
    static func removePages(_ gone: [String], from output: String, fs: FileSystem) throws -> Int {
        for path in gone { try fs.removeItem("\(output)/\(path)") }
        try removeEmptiedFolders(gone, in: output, fs: fs)
        return gone.count
    }

    /// Brings `output/pagefind/` up to date after an incremental write: years with no articles left lose their
    /// index, years whose article pages were written or removed (`changed`) or whose index is missing are
    /// indexed again, and every other year's index files are left as they are (not rewritten).
    static func updateSearch(_ output: String, pages: [String: String], changed: [String], binary: String?, fs: FileSystem,
                             result: inout Result) throws {
        let folder = "\(output)/\(SearchIndex.folder)"
        let years = Set(pages.keys.compactMap(SearchIndex.key(ofPage:)))
        for name in fs.entries(in: folder) where !years.contains(name) {
            try fs.removeItem("\(folder)/\(name)")
            if SearchIndex.isKey(name) { result.searchRemoved.append(name) }
        }
        var dirty = Set(changed.compactMap(SearchIndex.key(ofPage:))).intersection(years)
        for year in years where !fs.exists("\(folder)/\(year)/pagefind-entry.json") { dirty.insert(year) }
        result.search = try indexYears(site: output, keys: SearchIndex.ordered(dirty), binary: binary, fs: fs, result: &result)
    }

    /// Whether every year of the site described by `manifest` has its search index in `output`.
    public static func searchComplete(_ output: String, manifest: Manifest, fs: FileSystem) -> Bool {
        let years = Set(manifest.outputs.keys.compactMap(SearchIndex.key(ofPage:)))
        return years.allSatisfy { fs.exists("\(output)/\(SearchIndex.folder)/\($0)/pagefind-entry.json") }
    }

    /// Indexes each year of `keys` into `site/pagefind/<year>/`: Pagefind writes into `site/.pagefind-new/<year>`,
    /// which is swapped in when it succeeded. A year Pagefind could not index loses its old index (never a stale
    /// one), so the next build indexes it again. Returns nil when there was nothing to index, else the first
    /// failure or `.indexed`.
    static func indexYears(site: String, keys: [String], binary: String?, fs: FileSystem, result: inout Result) throws -> SearchIndex.Outcome? {
        guard !keys.isEmpty else { return nil }
        let stage = "\(site)/.pagefind-new"
        try fs.removeItem(stage)
        try fs.createDirectory("\(site)/\(SearchIndex.folder)")
        var outcome = SearchIndex.Outcome.indexed
        var indexed: [String] = []
        try SearchIndex.run(site: site, keys: keys, binary: binary, into: stage, jobs: SearchIndex.jobs()) { key, made in
            let target = "\(site)/\(SearchIndex.folder)/\(key)"
            if made == .indexed {
                try swapIn("\(stage)/\(key)", at: target, keepingOldAt: "\(site)/.pagefind-old-\(key)", fs: fs)
                indexed.append(key)
            } else {
                try fs.removeItem(target)
                if outcome == .indexed { outcome = made }
            }
        }
        try fs.removeItem(stage)
        result.searchIndexed += indexed
        return outcome
    }

    /// A build killed between the two renames leaves `.site.hysite-old` and no `site`: put it back.
    static func recover(_ output: String, fs: FileSystem) throws {
        let old = sibling(output, "old")
        if !fs.exists(output) && fs.exists(old) { try fs.moveItem(old, to: output) }
        try fs.removeItem(sibling(output, "new"))
        try fs.removeItem(sibling(output, "stage"))
        try recoverSearch(output, fs: fs)
    }

    /// A build killed while swapping a year's search index leaves `.pagefind-old-<year>` (put back when the
    /// year has no index) and `.pagefind-new/` (removed).
    static func recoverSearch(_ output: String, fs: FileSystem) throws {
        guard fs.isDirectory(output) else { return }
        try fs.removeItem("\(output)/.pagefind-new")
        for name in fs.entries(in: output) where name.hasPrefix(".pagefind-old-") {
            let target = "\(output)/\(SearchIndex.folder)/\(name.dropFirst(".pagefind-old-".count))"
            if SearchIndex.isKey(String(name.dropFirst(".pagefind-old-".count))) && !fs.exists(target) {
                try fs.createDirectory("\(output)/\(SearchIndex.folder)")
                try fs.moveItem("\(output)/\(name)", to: target)
            } else {
                try fs.removeItem("\(output)/\(name)")
            }
        }
    }
}

import Foundation

/// Writes the rendered site, one of two ways:
/// - **full**: into a fresh folder beside the output (`.site.hysite-new`), swapped in only when every file,
///   the search index and the manifest are written. A failed or killed build leaves the previous site intact.
/// - **incremental** (the output holds a manifest from an earlier build): every page is rendered, but only
///   files whose bytes changed are written (each to a temp file, then renamed over the old one), and files
///   that no longer exist are removed. The result is byte-identical to a full build.
public enum SiteWriter {
    public struct Result: Sendable {
        public var written = 0
        public var removed = 0
        public var unchanged = 0
        public var search: SearchIndex.Outcome?
        public var incremental = false
        /// Pages whose template ran (the others' view models were unchanged).
        public var rendered = 0
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
        guard let data = try? fs.read("\(output)/\(Manifest.fileName)") else { return nil }
        return Manifest.decode([UInt8](data))
    }

    /// Writes the site: incrementally over an earlier build's output (`previous`), else fresh and swapped in.
    /// `inputs` and `render` are the hashes the new manifest records (see `Manifest`).
    public static func write(_ renderer: Renderer, to output: String, fs: FileSystem, inputs: String, render: String = "",
                             search: Bool, searchBinary: String?, previous: Manifest?) throws -> Result {
        try recover(output, fs: fs)
        let keys = (inputs: inputs, render: render)
        // An output that is a link is replaced by a real folder, never written through.
        if let prev = previous, fs.isDirectory(output), !fs.isSymbolicLink(output) {
            return try incremental(renderer, output: output, fs: fs, keys: keys, search: search, searchBinary: searchBinary, previous: prev)
        }
        return try full(renderer, output: output, fs: fs, keys: keys, search: search, searchBinary: searchBinary)
    }

    /// What rendering every job gave: each output's content hash and model hash, and how many templates ran.
    struct Rendered: Sendable {
        var outputs: [String: String] = [:]
        var models: [String: String] = [:]
        var pagesRendered = 0
    }

    /// Renders every job in parallel batches; `sink` gets each file (from several threads at once). With `reuse`
    /// (the manifest of the site in `output`, made with the same templates and settings) a page whose view model
    /// hashes as before and whose file is still there is not rendered: its old hash is kept.
    static func renderAll(_ renderer: Renderer, reuse: Manifest?, output: String, fs: FileSystem,
                          _ sink: @Sendable (OutputFile, String) throws -> Void) throws -> Rendered {
        let jobs = renderer.jobs()
        let batch = 512
        var result = Rendered()
        let failure = LockedBox<Error?>(nil)
        for start in stride(from: 0, to: jobs.count, by: batch) {
            let slice = Array(jobs[start..<min(start + batch, jobs.count)])
            var local = [(path: String, hash: String, model: String, rendered: Bool)?](repeating: nil, count: slice.count)
            local.withUnsafeMutableBufferPointer { buf in
                let out = UnsafeSendable(buf)
                DispatchQueue.concurrentPerform(iterations: slice.count) { k in
                    do { out.value[k] = try renderOne(renderer, slice[k], reuse: reuse, output: output, fs: fs, sink) } catch { failure.update { $0 = $0 ?? error } }
                }
            }
            if let f = failure.value { throw f }
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
        let hash = ContentHash.hex(file.bytes)
        try sink(file, hash)
        return (path: path, hash: hash, model: made.modelHash, rendered: made.rendered)
    }

    static func full(_ renderer: Renderer, output: String, fs: FileSystem, keys: (inputs: String, render: String), search: Bool, searchBinary: String?) throws -> Result {
        let fresh = sibling(output, "new")
        let old = sibling(output, "old")
        try fs.removeItem(fresh)
        try fs.createDirectory(fresh)
        var result = Result()
        do {
            let made = try renderAll(renderer, reuse: nil, output: output, fs: fs) { file, _ in try fs.write(Data(file.bytes), to: "\(fresh)/\(file.path)") }
            result.written = made.outputs.count
            result.rendered = made.pagesRendered
            if search {
                result.search = SearchIndex.run(site: fresh, binary: searchBinary)
            }
            let manifest = Manifest(inputs: keys.inputs, render: keys.render, outputs: made.outputs, models: made.models)
            try fs.write(Data(manifest.encoded()), to: "\(fresh)/\(Manifest.fileName)")
        } catch {
            try? fs.removeItem(fresh)
            throw error
        }
        // Swap: the old site stays whole until the new one is complete.
        try swapIn(fresh, at: output, keepingOldAt: old, fs: fs)
        return result
    }

    /// Puts the folder `fresh` at `target`: the old one is moved aside to `old` first and removed last.
    static func swapIn(_ fresh: String, at target: String, keepingOldAt old: String, fs: FileSystem) throws {
        try fs.removeItem(old)
        if fs.exists(target) { try fs.moveItem(target, to: old) }
        try fs.moveItem(fresh, to: target)
        try fs.removeItem(old)
    }

    static func incremental(_ renderer: Renderer, output: String, fs: FileSystem, keys: (inputs: String, render: String), search: Bool,
                            searchBinary: String?, previous: Manifest) throws -> Result {
        // Changed files are staged beside the site first; only when every page is rendered are they renamed
        // into place. A build killed while rendering leaves the site as it was; one killed while renaming
        // leaves whole files, and the next build (whose manifest is still the old one) rewrites the rest.
        let stage = sibling(output, "stage")
        try fs.removeItem(stage)
        let changed = LockedBox<[String]>([])
        let made: Rendered
        let reuse = previous.render == keys.render && !keys.render.isEmpty ? previous : nil
        do {
            made = try renderAll(renderer, reuse: reuse, output: output, fs: fs) { file, hash in
                guard previous.outputs[file.path] != hash || !fs.exists("\(output)/\(file.path)") else { return }
                try fs.write(Data(file.bytes), to: "\(stage)/\(file.path)")
                changed.update { $0.append(file.path) }
            }
        } catch {
            try? fs.removeItem(stage)
            throw error
        }
        let hashes = made.outputs
        var result = Result()
        result.incremental = true
        result.rendered = made.pagesRendered
        let paths = changed.value.sorted()
        // A link planted inside the site is never followed: then the whole site is rebuilt fresh instead.
        var checked = Set<String>()
        for path in paths + previous.outputs.keys.filter({ hashes[$0] == nil }) {
            var prefix = output
            for component in path.split(separator: "/") {
                prefix += "/" + component
                guard checked.insert(prefix).inserted else { continue }
                if fs.isSymbolicLink(prefix) {
                    try? fs.removeItem(stage)
                    return try full(renderer, output: output, fs: fs, keys: keys, search: search, searchBinary: searchBinary)
                }
            }
        }
        for path in paths {
            try fs.createDirectory(parentOf: "\(output)/\(path)")
            try fs.replaceItem(at: "\(output)/\(path)", with: "\(stage)/\(path)")
        }
        try fs.removeItem(stage)
        result.written = paths.count
        result.unchanged = hashes.count - paths.count
        var removedHTML = false
        for path in previous.outputs.keys.sorted() where hashes[path] == nil {
            try fs.removeItem("\(output)/\(path)")
            result.removed += 1
            if path.hasSuffix(".html") { removedHTML = true }
        }
        let htmlChanged = paths.contains { $0.hasSuffix(".html") }
        if !search { try fs.removeItem("\(output)/pagefind") }  // never leave a stale index behind
        if search && (htmlChanged || removedHTML || !fs.exists("\(output)/pagefind")) {
            // Index into a fresh folder, then swap it for the old index.
            let fresh = "\(output)/.pagefind-new"
            try fs.removeItem(fresh)
            result.search = SearchIndex.run(site: output, binary: searchBinary, outputPath: fresh)
            if result.search == .indexed {
                try swapIn(fresh, at: "\(output)/pagefind", keepingOldAt: "\(output)/.pagefind-old", fs: fs)
            }
        }
        let manifest = Manifest(inputs: keys.inputs, render: keys.render, outputs: hashes, models: made.models)
        try fs.writeAtomically(Data(manifest.encoded()), to: "\(output)/\(Manifest.fileName)")
        return result
    }

    /// A build killed between the two renames leaves `.site.hysite-old` and no `site`: put it back.
    static func recover(_ output: String, fs: FileSystem) throws {
        let old = sibling(output, "old")
        if !fs.exists(output) && fs.exists(old) { try fs.moveItem(old, to: output) }
        try fs.removeItem(sibling(output, "new"))
        try fs.removeItem(sibling(output, "stage"))
    }
}

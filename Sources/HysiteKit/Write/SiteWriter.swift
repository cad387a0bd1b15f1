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

    public static func write(_ renderer: Renderer, to output: String, fs: FileSystem, inputs: String,
                             search: Bool, searchBinary: String?, previous: Manifest?) throws -> Result {
        try recover(output, fs: fs)
        // An output that is a link is replaced by a real folder, never written through.
        if let prev = previous, fs.isDirectory(output), !fs.isSymbolicLink(output) {
            return try incremental(renderer, output: output, fs: fs, inputs: inputs, search: search, searchBinary: searchBinary, previous: prev)
        }
        return try full(renderer, output: output, fs: fs, inputs: inputs, search: search, searchBinary: searchBinary)
    }

    /// Renders every job in parallel batches; `sink` gets each file (from several threads at once).
    static func renderAll(_ renderer: Renderer, _ sink: @Sendable (OutputFile, String) throws -> Void) throws -> [String: String] {
        let jobs = renderer.jobs()
        let batch = 512
        var hashes: [String: String] = [:]
        let failure = LockedBox<Error?>(nil)
        for start in stride(from: 0, to: jobs.count, by: batch) {
            let slice = Array(jobs[start..<min(start + batch, jobs.count)])
            var local = [(String, String)?](repeating: nil, count: slice.count)
            local.withUnsafeMutableBufferPointer { buf in
                let out = UnsafeSendable(buf)
                DispatchQueue.concurrentPerform(iterations: slice.count) { k in
                    let file = renderer.render(slice[k])
                    let hash = ContentHash.hex(file.bytes)
                    do { try sink(file, hash) } catch { failure.update { $0 = $0 ?? error } }
                    out.value[k] = (file.path, hash)
                }
            }
            if let f = failure.value { throw f }
            for case let (p, x)? in local { hashes[p] = x }
        }
        return hashes
    }

    static func full(_ renderer: Renderer, output: String, fs: FileSystem, inputs: String, search: Bool, searchBinary: String?) throws -> Result {
        let fresh = sibling(output, "new")
        let old = sibling(output, "old")
        try fs.removeItem(fresh)
        try fs.createDirectory(fresh)
        var result = Result()
        do {
            let hashes = try renderAll(renderer) { file, _ in try fs.write(Data(file.bytes), to: "\(fresh)/\(file.path)") }
            result.written = hashes.count
            if search {
                result.search = SearchIndex.run(site: fresh, binary: searchBinary)
            }
            try fs.write(Data(Manifest(inputs: inputs, outputs: hashes).encoded()), to: "\(fresh)/\(Manifest.fileName)")
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

    static func incremental(_ renderer: Renderer, output: String, fs: FileSystem, inputs: String, search: Bool, searchBinary: String?,
                            previous: Manifest) throws -> Result {
        // Changed files are staged beside the site first; only when every page is rendered are they renamed
        // into place. A build killed while rendering leaves the site as it was; one killed while renaming
        // leaves whole files, and the next build (whose manifest is still the old one) rewrites the rest.
        let stage = sibling(output, "stage")
        try fs.removeItem(stage)
        let changed = LockedBox<[String]>([])
        let hashes: [String: String]
        do {
            hashes = try renderAll(renderer) { file, hash in
                guard previous.outputs[file.path] != hash || !fs.exists("\(output)/\(file.path)") else { return }
                try fs.write(Data(file.bytes), to: "\(stage)/\(file.path)")
                changed.update { $0.append(file.path) }
            }
        } catch {
            try? fs.removeItem(stage)
            throw error
        }
        var result = Result()
        result.incremental = true
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
                    return try full(renderer, output: output, fs: fs, inputs: inputs, search: search, searchBinary: searchBinary)
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
        try fs.writeAtomically(Data(Manifest(inputs: inputs, outputs: hashes).encoded()), to: "\(output)/\(Manifest.fileName)")
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

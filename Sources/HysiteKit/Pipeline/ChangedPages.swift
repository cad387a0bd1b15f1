import Foundation

/// A build's page files, each either taken whole from the parse cache (its stamp says its bytes are the ones
/// cached: not read, not decoded, not parsed) or read, decoded and parsed (or found in the cache by the hash of
/// the bytes read, for a file touched but not changed).
struct ChangedPages {
    /// Per page file that could be decoded, in listing order: its parse (decoding warnings included).
    var parsed: [ParsedPage] = []
    /// The same pages' paths (`file` and `key`; their text is not kept once parsed, nor loaded for a cached page).
    var pages: [PageSource] = []
    /// The same pages' content hashes (of their bytes).
    var hashes: [String] = []
    /// Per listed file, its content hash ("unreadable" when it could not be read): the inputs fingerprint's.
    var entryHashes: [String] = []
    /// Files that could not be read, or decoded (errors, not cached).
    var diagnostics: [Diagnostic] = []
    /// Whether every listed file could be read.
    var allRead = true
    /// How many files were read, and how many parsed.
    var read = 0
    var parsedCount = 0
}

extension Pipeline {
    /// Step 1 of a build's load: the cached parses of files whose stamp gives the hash they were cached under.
    static func cachedParses(_ entries: [PageEntry], knownHashes: [String?], cache: ParseCache) -> [ParsedPage?] {
        zip(entries, knownHashes).map { e, hash in hash.flatMap { cache.lookup(key: e.key, file: e.display, hash: $0) } }
    }

    /// Step 2: reads the files not cached (`hits` nil) and hashes their bytes; returns what a fingerprint needs.
    static func readMisses(_ entries: [PageEntry], hits: [ParsedPage?], knownHashes: [String?], fs: FileSystem)
        -> (raw: [RawPage], missIndices: [Int], entryHashes: [String]) {
        let misses = entries.indices.filter { hits[$0] == nil }
        let raw = readPages(misses.map { entries[$0] }, fs: fs)
        let missHashes = contentHashes(raw)
        var entryHashes = knownHashes.map { $0 ?? "" }
        for (k, i) in misses.enumerated() { entryHashes[i] = missHashes[k] }
        return (raw: raw, missIndices: misses, entryHashes: entryHashes)
    }

    /// Step 3: decodes and parses the files read (in parallel; one found in the cache by its bytes' hash is taken
    /// from there), and puts every page in listing order.
    static func parseMisses(_ entries: [PageEntry], hits: [ParsedPage?], read: inout (raw: [RawPage], missIndices: [Int], entryHashes: [String]),
                            options: ParseOptions, cache: ParseCache) -> ChangedPages {
        var fresh = [(page: PageSource?, parsed: ParsedPage?, diagnostics: [Diagnostic], parsedNow: Bool)](
            repeating: (page: nil, parsed: nil, diagnostics: [], parsedNow: false), count: read.raw.count)
        let unread = read.raw.map { $0.bytes == nil }
        let hashes = (entries: read.entryHashes, misses: read.missIndices)
        fresh.withUnsafeMutableBufferPointer { buf in
            read.raw.withUnsafeMutableBufferPointer { rawBuf in
                let out = UnsafeSendable(buf), raw = UnsafeSendable(rawBuf)
                DispatchQueue.concurrentPerform(iterations: raw.value.count) { k in
                    let (page, decodeDiagnostics) = decodePage(raw.value[k])
                    // Each file's bytes, and its text once parsed, are let go at once: the whole archive's bytes,
                    // text and parse held together were the peak of a clean build's memory.
                    raw.value[k].bytes = nil
                    guard let page else { out.value[k] = (page: nil, parsed: nil, diagnostics: decodeDiagnostics, parsedNow: false); return }
                    let named = PageSource(file: page.file, key: page.key, text: "")
                    let hash = hashes.entries[hashes.misses[k]]
                    if let hit = cache.lookup(key: page.key, file: page.file, hash: hash) {
                        out.value[k] = (page: named, parsed: hit, diagnostics: [], parsedNow: false)
                        return
                    }
                    let parsed = parseWithEvidence(page, options: options, decodeDiagnostics: decodeDiagnostics)
                    out.value[k] = (page: named, parsed: parsed, diagnostics: [], parsedNow: true)
                }
            }
        }
        var result = ChangedPages(entryHashes: read.entryHashes, read: read.raw.count)
        var slot = [Int: Int]()
        for (k, i) in read.missIndices.enumerated() { slot[i] = k }
        for (i, e) in entries.enumerated() {
            if let hit = hits[i] {
                result.append(hit, page: PageSource(file: e.display, key: e.key, text: ""), hash: read.entryHashes[i])
            } else if let k = slot[i] {
                if unread[k] { result.allRead = false }
                result.diagnostics += fresh[k].diagnostics
                if let parsed = fresh[k].parsed, let page = fresh[k].page {
                    result.append(parsed, page: page, hash: read.entryHashes[i])
                    if fresh[k].parsedNow { result.parsedCount += 1 }
                }
            }
        }
        return result
    }
}

extension ChangedPages {
    mutating func append(_ parsed: ParsedPage, page: PageSource, hash: String) {
        self.parsed.append(parsed)
        pages.append(page)
        hashes.append(hash)
    }
}

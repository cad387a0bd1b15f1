import Foundation

/// Everyone each article named at the last build (pass 2 of naming), with the names known across the archive
/// then (`.site.hysite-cache/naming`): pass 2 over 100,000 articles cost 4.6 s of CPU in a one-file rebuild.
/// An article's result depends only on its text (fixed by its page file's bytes), its own evidence, the people
/// file's aliases and drops, and which known names occur in its text; so it is reused when its page file is
/// unchanged, aliases and drops are the same, and no name that became known (or stopped being known) occurs in
/// it. A damaged file or one from another hysite is ignored.
struct NamingCache: Sendable, Equatable {
    static func path(_ folder: String) -> String { "\(folder)/naming" }
    static var header: String { "hysite-naming 1 \(HysiteInfo.build)" }
    /// More names changed than this: every article is named again (checking each against them would cost more).
    static let deltaLimit = 256

    /// What an article named.
    struct Named: Sendable, Equatable {
        var people: [String]
        var titles: [TitleMention]
    }

    /// Hash of the people file's aliases and drops.
    var context: String
    /// The names known across the archive, sorted.
    var known: [String]
    /// By `key(page:hash:position:)`.
    var entries: [String: Named]

    /// An article's key: its page file's path and content hash, and its place on the page.
    static func key(page: String, hash: String, position: Int) -> String { "\(page)\t\(hash)\t\(position)" }

    /// The aliases and drops, hashed.
    static func context(aliases: [String: String], dropped: Set<String>) -> String {
        let parts = aliases.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + ["--"] + dropped.sorted()
        return ContentHash.hex(Array(parts.joined(separator: "\n").utf8))
    }

    /// The cache as last written; nil when missing, damaged or from another hysite. Read on bytes (splitting
    /// 100,000 lines as Strings cost 3.7 s of CPU).
    static func load(folder: String, fs: FileSystem) -> NamingCache? {
        ParseCache.withHashedBody(path(folder), fs: fs) { buf -> NamingCache? in
            var lines = ByteLines(buf)
            guard let h = lines.next(), String(decoding: h, as: UTF8.self) == header,
                  let c = lines.next(), let context = String(decoding: c, as: UTF8.self).dropPrefix("context "),
                  let k = lines.next() else { return nil }
            let known = ByteLines.split(k, on: 0x09).map { String(decoding: $0, as: UTF8.self) }
            let start = k.baseAddress! + k.count + 1 - buf.baseAddress!
            guard start <= buf.count, let entries = entries(UnsafeBufferPointer(rebasing: buf[start...])) else { return nil }
            return NamingCache(context: context, known: known, entries: entries)
        }
    }

    /// The entry lines of `body`, read in parallel chunks cut at line ends (reading 100,000 lines on one thread
    /// took 0.75 s); nil when one is damaged.
    static func entries(_ body: UnsafeBufferPointer<UInt8>) -> [String: Named]? {
        let chunks = 4
        var cuts = [0]
        for c in 1..<chunks {
            var at = max(cuts[cuts.count - 1], body.count * c / chunks)
            while at < body.count, body[at] != 0x0A { at += 1 }
            cuts.append(min(body.count, at + 1))
        }
        cuts.append(body.count)
        var parts = [[String: Named]?](repeating: nil, count: chunks)
        let (text, bounds) = (UnsafeSendable(body), cuts)
        parts.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var lines = ByteLines(UnsafeBufferPointer(rebasing: text.value[bounds[c]..<bounds[c + 1]]))
                var part: [String: Named] = [:]
                while let line = lines.next() {
                    guard !line.isEmpty else { continue }
                    guard let (key, named) = entry(line) else { return }
                    part[key] = named
                }
                out.value[c] = part
            }
        }
        guard parts.allSatisfy({ $0 != nil }) else { return nil }
        var merged = parts[0]!
        merged.reserveCapacity(parts.reduce(0) { $0 + $1!.count })
        for part in parts.dropFirst() { merged.merge(part!) { _, new in new } }
        return merged
    }

    /// One `page<TAB>hash<TAB>position<TAB>people<TAB>titles` line (people joined by U+001F, titles as
    /// name U+001E title joined by U+001F).
    static func entry(_ line: UnsafeBufferPointer<UInt8>) -> (key: String, named: Named)? {
        // Fields found in place (making lists of them for each of 100,000 lines was a fifth of reading the file).
        guard let t1 = line.index(of: 0x09), let t2 = line.index(of: 0x09, from: t1 + 1), let t3 = line.index(of: 0x09, from: t2 + 1),
              let t4 = line.index(of: 0x09, from: t3 + 1), line.index(of: 0x09, from: t4 + 1) == nil else { return nil }
        let key = String(decoding: UnsafeBufferPointer(rebasing: line[..<t3]), as: UTF8.self)
        var people: [String] = []
        ByteLines.forEachPart(UnsafeBufferPointer(rebasing: line[(t3 + 1)..<t4]), on: 0x1F) { people.append(String(decoding: $0, as: UTF8.self)) }
        var titles: [TitleMention] = [], whole = true
        ByteLines.forEachPart(UnsafeBufferPointer(rebasing: line[(t4 + 1)...]), on: 0x1F) { t in
            guard let mark = t.index(of: 0x1E), t.index(of: 0x1E, from: mark + 1) == nil else { whole = false; return }
            titles.append(TitleMention(name: String(decoding: UnsafeBufferPointer(rebasing: t[..<mark]), as: UTF8.self),
                                       title: String(decoding: UnsafeBufferPointer(rebasing: t[(mark + 1)...]), as: UTF8.self)))
        }
        return whole ? (key: key, named: Named(people: people, titles: titles)) : nil
    }

    /// Writes the cache, unless this build's edits kept the archive's shape and the names known and the people file's
    /// aliases and drops are as `loaded`: then every loaded entry still holds, and the edited files' own entries are
    /// left out (naming their few articles again costs less than writing 100,000 entries: 0.4 s).
    func save(folder: String, loaded: NamingCache?, fs: FileSystem, afterShapeKeepingEdits: Bool) {
        if afterShapeKeepingEdits, let loaded, loaded.known == known, loaded.context == context { return }
        save(folder: folder, loaded: loaded, fs: fs)
    }

    /// Writes the cache (atomically) unless it is `loaded`; entries or names holding a separator are left out
    /// (named again next time).
    func save(folder: String, loaded: NamingCache?, fs: FileSystem) {
        guard self != loaded else { return }
        let bad: (String) -> Bool = { $0.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x1E || $0 == 0x1F } }
        var out = [UInt8]()
        out.reserveCapacity(entries.count * 64)
        out += Array("\(Self.header)\ncontext \(context)\n".utf8)
        for (i, name) in known.enumerated() where !bad(name) && !name.isEmpty {
            if i > 0 { out.append(0x09) }
            out += name.utf8
        }
        out.append(0x0A)
        for k in entries.keys.sorted() {
            let n = entries[k]!
            guard k.utf8.count(where: { $0 == 0x09 }) == 2, !k.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x1E || $0 == 0x1F }),
                  !n.people.contains(where: { bad($0) || $0.isEmpty }), !n.titles.contains(where: { bad($0.name) || bad($0.title) }) else { continue }
            out += k.utf8
            out.append(0x09)
            for (i, p) in n.people.enumerated() {
                if i > 0 { out.append(0x1F) }
                out += p.utf8
            }
            out.append(0x09)
            for (i, t) in n.titles.enumerated() {
                if i > 0 { out.append(0x1F) }
                out += t.name.utf8
                out.append(0x1E)
                out += t.title.utf8
            }
            out.append(0x0A)
        }
        try? fs.createDirectory(folder)
        ParseCache.writeHashed(out, to: Self.path(folder), fs: fs)
    }

    /// Which of the names now known were not known then, or the other way round; nil when the people file's
    /// aliases or drops changed or too many names did (then nothing is reused).
    func changedNames(known now: Set<String>, context now2: String) -> [String]? {
        guard context == now2 else { return nil }
        let then = Set(known)
        let changed = now.symmetricDifference(then)
        return changed.count <= Self.deltaLimit ? changed.sorted() : nil
    }

    /// Whether any of `names` occurs in the article's text (title, kicker, subtitles, paragraphs).
    static func mentionsAny(_ names: [String], in a: Article) -> Bool {
        guard !names.isEmpty else { return false }
        let fields = a.paragraphs + [a.title] + a.subtitles + (a.kicker.map { [$0] } ?? [])
        return fields.contains { f in names.contains { f.contains($0) } }
    }
}

/// Lines of a byte buffer, and fields of a line, without making Strings of them.
struct ByteLines {
    private let buf: UnsafeBufferPointer<UInt8>
    private var at = 0

    init(_ buf: UnsafeBufferPointer<UInt8>) { self.buf = buf }

    /// The next line (without its line feed); nil at the end.
    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        guard at < buf.count else { return nil }
        var end = at
        while end < buf.count, buf[end] != 0x0A { end += 1 }
        defer { at = end + 1 }
        return UnsafeBufferPointer(rebasing: buf[at..<end])
    }

    /// `body` for each part of `line` between `separator`s that is not empty, in order, without making a list of them.
    static func forEachPart(_ line: UnsafeBufferPointer<UInt8>, on separator: UInt8, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        while start < line.count {
            let end = line.index(of: separator, from: start) ?? line.count
            if end > start { body(UnsafeBufferPointer(rebasing: line[start..<end])) }
            start = end + 1
        }
    }

    /// The parts of `line` between `separator`s (empty parts left out unless `keepEmpty`).
    static func split(_ line: UnsafeBufferPointer<UInt8>, on separator: UInt8, keepEmpty: Bool = false) -> [UnsafeBufferPointer<UInt8>] {
        var parts: [UnsafeBufferPointer<UInt8>] = []
        var start = 0
        for i in 0...line.count where i == line.count || line[i] == separator {
            if keepEmpty || i > start { parts.append(UnsafeBufferPointer(rebasing: line[start..<i])) }
            start = i + 1
        }
        return parts
    }
}

extension String {
    /// The rest after `prefix`, or nil when the string does not start with it.
    func dropPrefix(_ prefix: String) -> String? { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil }
}

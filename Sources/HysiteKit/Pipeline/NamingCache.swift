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

    /// The cache as last written; nil when missing, damaged or from another hysite.
    static func load(folder: String, fs: FileSystem) -> NamingCache? {
        guard let body = ParseCache.readHashed(path(folder), fs: fs) else { return nil }
        let lines = String(decoding: body, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0] == Substring(header), lines[1].hasPrefix("context ") else { return nil }
        let known = lines[2].split(separator: "\t").map(String.init)
        var entries: [String: Named] = [:]
        entries.reserveCapacity(lines.count)
        for line in lines.dropFirst(3) where !line.isEmpty {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 5 else { return nil }
            let people = f[3].split(separator: "\u{1F}").map(String.init)
            var titles: [TitleMention] = []
            for t in f[4].split(separator: "\u{1F}") {
                let pair = t.split(separator: "\u{1E}", omittingEmptySubsequences: false)
                guard pair.count == 2 else { return nil }
                titles.append(TitleMention(name: String(pair[0]), title: String(pair[1])))
            }
            entries["\(f[0])\t\(f[1])\t\(f[2])"] = Named(people: people, titles: titles)
        }
        return NamingCache(context: String(lines[1].dropFirst("context ".count)), known: known, entries: entries)
    }

    /// Writes the cache (atomically) unless it is `loaded`; entries or names holding a separator are left out (named again next time).
    func save(folder: String, loaded: NamingCache?, fs: FileSystem) {
        guard self != loaded else { return }
        let bad: (String) -> Bool = { $0.contains { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{1E}" || $0 == "\u{1F}" } }
        var out = [UInt8]()
        out.reserveCapacity(entries.count * 64)
        out += Array("\(Self.header)\ncontext \(context)\n".utf8)
        out += Array(known.filter { !bad($0) && !$0.isEmpty }.joined(separator: "\t").utf8)
        out.append(10)
        for (k, n) in entries.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            guard !n.people.contains(where: { bad($0) || $0.isEmpty }), !n.titles.contains(where: { bad($0.name) || bad($0.title) }) else { continue }
            out += Array("\(k)\t\(n.people.joined(separator: "\u{1F}"))\t\(n.titles.map { "\($0.name)\u{1E}\($0.title)" }.joined(separator: "\u{1F}"))\n".utf8)
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

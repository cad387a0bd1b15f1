/// Finds the people an article names, in two passes over the archive:
/// 1. `evidence(in:)` reads names that carry their own proof: a title before them (`市委书记刘越高`), a leader
///    list (`市领导黄立、谢宏出席`), `总书记` after them, a byline or signature.
/// 2. `people(in:)` then also takes bare mentions (`刘越高强调`) of any name proven anywhere in the archive.
public struct PeopleFinder: Sendable {
    /// Names proven somewhere in the archive, plus the editors' additions, minus their drops.
    public let known: Set<String>
    /// Editors' aliases: spelling → canonical name.
    public let aliases: [String: String]
    /// Editors' drops: spellings never taken for a person, checked before aliases are applied.
    public let dropped: Set<String>
    private let byFirst: ScalarTable

    /// A finder for the `known` names and the aliases' spellings, less `dropped`, indexed by their first scalar.
    public init(known: Set<String>, aliases: [String: String] = [:], dropped: Set<String> = []) {
        let all = known.union(aliases.keys).subtracting(dropped)
        self.known = all
        self.aliases = aliases
        self.dropped = dropped
        var map: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for n in all {
            let u = Array(n.unicodeScalars)
            guard let f = u.first else { continue }
            map[f, default: []].append(u)
        }
        for k in map.keys { map[k]!.sort { $0.count != $1.count ? $0.count > $1.count : String(scalars: $0) < String(scalars: $1) } }
        self.byFirst = ScalarTable(map)
    }

    /// A name found in text with its offset (in scalars) and the title read with it, if any.
    public struct Hit: Hashable, Sendable, Codable {
        /// The name as written in the text (aliases are applied later, by `people(in:evidence:)`).
        public var name: String
        /// Where the name starts, in scalars of the article's search text (`searchText(_:)`).
        public var offset: Int
        /// The titles read with the name (`市委副书记`, `市长`; `总书记` after it), in printed order; empty for a bare mention.
        public var titles: [String]
    }

    // MARK: - Pass 1: evidence

    /// Names in the article's text with their own proof (reporters are proof of themselves and are
    /// added by `people(in:)`).
    public static func evidence(in article: Article) -> [Hit] {
        scan(searchText(article))
    }

    /// The article's text as one array of scalars, each part followed by a line end: paragraphs, kicker, title,
    /// subtitles. Written into room made once (appending scalar by scalar checked the room at every one).
    static func searchText(_ a: Article) -> [Unicode.Scalar] {
        var parts = a.paragraphs
        if let k = a.kicker { parts.append(k) }
        parts.append(a.title)
        parts += a.subtitles
        let room = parts.reduce(0) { $0 + $1.utf8.count + 1 }  // a scalar takes at least one byte
        return Array(unsafeUninitializedCapacity: room) { buf, n in
            n = 0
            for part in parts {
                part.decodeScalars(into: buf, at: &n)
                buf[n] = "\n"
                n += 1
            }
        }
    }

    typealias Word = [Unicode.Scalar]

    /// Words grouped by one of their scalars, looked up through a flat table for the Basic Multilingual
    /// Plane (where all Han names live): no hashing on the hot path.
    /// A class, not a struct: reading a table out of a static copied its three arrays' references (three retains
    /// and releases) at every lookup.
    final class ScalarTable: Sendable {
        private let slot: [Int32]
        private let groups: [[Word]]
        private let other: [Unicode.Scalar: [Word]]

        init(_ map: [Unicode.Scalar: [Word]]) {
            var slot = [Int32](repeating: -1, count: 0x10000), groups: [[Word]] = [], other: [Unicode.Scalar: [Word]] = [:]
            for (k, v) in map.sorted(by: { $0.key.value < $1.key.value }) {
                if k.value < 0x10000 {
                    slot[Int(k.value)] = Int32(groups.count)
                    groups.append(v)
                } else {
                    other[k] = v
                }
            }
            (self.slot, self.groups, self.other) = (slot, groups, other)
        }

        @inline(__always) subscript(_ s: Unicode.Scalar) -> [Word]? {
            if s.value < 0x10000 {
                let g = slot[Int(s.value)]
                return g < 0 ? nil : groups[Int(g)]
            }
            return other[s]
        }
    }

    /// Words grouped by their last (or first) scalar, longest first, for allocation-free matching.
    static func grouped(_ words: [String], byLast: Bool) -> ScalarTable {
        var map: [Unicode.Scalar: [Word]] = [:]
        for w in words {
            let u = Array(w.unicodeScalars)
            guard let k = byLast ? u.last : u.first else { continue }
            map[k, default: []].append(u)
        }
        for k in map.keys { map[k]!.sort { $0.count > $1.count } }
        return ScalarTable(map)
    }

    static let positionsByLast = grouped(Lexicon.positions, byLast: true)
    /// The last scalars of the position words (`positionsByLast`'s keys): the scan's test at every scalar, one bit read.
    static let positionEnds = ScalarSet(Lexicon.positions.compactMap { $0.unicodeScalars.last })
    /// `总书记`, after which a name is read back (`习近平总书记`).
    static let generalSecretary: Word = Array("总书记".unicodeScalars)
    static let listOnly: Word = Array("领导有".unicodeScalars)
    static let positionsByFirst = grouped(Lexicon.positions, byLast: false)
    static let afterNameByFirst = grouped(Lexicon.afterName, byLast: false)
    /// The most characters `isDelimiter` reads after a name: the longest word that may follow one.
    static let followingWordLength = (Lexicon.positions + Lexicon.afterName).map(\.unicodeScalars.count).max() ?? 0
    static let genericByFirst = grouped(Lexicon.genericSuffixes, byLast: false)
    static let compoundByFirst = grouped(Lexicon.compoundSurnames, byLast: false)

    static func scan(_ u: [Unicode.Scalar]) -> [Hit] {
        var hits: [Hit] = []
        var e = 1
        // Read once: every read of a static goes through `swift_once`, and this test runs at every scalar.
        let positions = positionEnds
        while e < u.count {
            defer { e += 1 }
            guard positions.contains(u[e - 1]), let pos = positionEnding(at: e, in: u) else { continue }
            guard let len = nameLength(at: e, in: u) else { continue }
            // `出席的领导有黄立` opens a list but names no title.
            let titles = endsWith(listOnly, u, at: e) ? [] : titlesBefore(position: pos, end: e, in: u)
            hits.append(Hit(name: string(u[e..<(e + len)]), offset: e, titles: titles))
            // A list continues: `市领导黄立、朱春光、谢宏出席`.
            var k = e + len
            while k < u.count, u[k] == "、", let l2 = nameLength(at: k + 1, in: u) ?? listItemLength(at: k + 1, in: u) {
                hits.append(Hit(name: string(u[(k + 1)..<(k + 1 + l2)]), offset: k + 1, titles: Array(titles.suffix(1))))
                k += 1 + l2
            }
            e = max(e, k - 1)
        }
        // `习近平总书记`: a name right before 总书记.
        let marker = generalSecretary
        var s = 2
        while s + marker.count <= u.count {
            defer { s += 1 }
            guard u[s] == "总", startsWith(marker, u, at: s) else { continue }
            for len in [3, 2] where s - len >= 0 {
                let start = s - len
                if nameLength(at: start, in: u, exactly: len) != nil {
                    hits.append(Hit(name: string(u[start..<s]), offset: start, titles: ["总书记"]))
                    break
                }
            }
        }
        // Names found by cues (PeopleCues.swift) where the rules above found none.
        let spans = hits.map { (start: $0.offset, end: $0.offset + $0.name.unicodeScalars.count) }
        return hits + cueScan(u).filter { h in !spans.contains { $0.start <= h.offset && h.offset < $0.end } }
    }

    /// The longest position word ending at `e` (`书记` in `市委书记`), as a range start.
    static func positionEnding(at e: Int, in u: [Unicode.Scalar]) -> Int? {
        guard e > 0, let words = positionsByLast[u[e - 1]] else { return nil }
        for w in words where e - w.count >= 0 && endsWith(w, u, at: e) { return e - w.count }
        return nil
    }

    static func endsWith(_ w: Word, _ u: [Unicode.Scalar], at e: Int) -> Bool {
        e >= w.count && startsWith(w, u, at: e - w.count)
    }

    static func startsWithAny(_ map: ScalarTable, _ u: [Unicode.Scalar], at k: Int) -> Word? {
        guard k < u.count, let words = map[u[k]] else { return nil }
        return words.first { startsWith($0, u, at: k) }
    }

    /// `Lexicon.titleAnchors` as scalars.
    static let titleAnchorScalars = Lexicon.titleAnchors.map { Array($0.unicodeScalars) }

    /// Titles read back from a position: `市委副书记、市长` → [市委副书记, 市长]; `市人大常委会主任` whole.
    static func titlesBefore(position start: Int, end: Int, in u: [Unicode.Scalar]) -> [String] {
        var titles: [String] = []
        var s = start, e = end
        while true {
            // The organisation: the Han run before the position, from its first anchor (`市`, `省`, `中共`…).
            var b = s
            while b > 0, u[b - 1].isHan, s - b < 12 { b -= 1 }
            var org = ""
            if b < s {
                var best: Int?
                for a in titleAnchorScalars {
                    if let k = firstOffset(of: a, in: u[b..<s]), best == nil || k < best! { best = k }
                }
                if let k = best { org = string(u[(b + k)..<s]) }
            }
            titles.insert(org + string(u[s..<e]), at: 0)
            // Another title joined by `、` before this one?
            let before = s - org.unicodeScalars.count
            guard before - 1 > 0, u[before - 1] == "、", let p = positionEnding(at: before - 1, in: u) else { break }
            e = before - 1
            s = p
        }
        return titles
    }

    /// Length of a plausible personal name starting at `i`: a surname (one or two characters) and a
    /// one- or two-character given name, followed by punctuation, the text's end or a word that ends a name.
    static func nameLength(at i: Int, in u: [Unicode.Scalar], exactly: Int? = nil) -> Int? {
        guard i < u.count else { return nil }
        var sl = 0
        var rare = false
        if startsWithAny(compoundByFirst, u, at: i) != nil {
            sl = 2
        } else if Lexicon.surnames.contains(u[i]) {
            sl = 1
        } else if NameModel.isSurname(u[i]) {
            (sl, rare) = (1, true)
        } else {
            return nil
        }
        for given in 1...2 {
            if let x = exactly, sl + given != x { continue }
            let end = i + sl + given
            guard end <= u.count else { return nil }
            let g = u[(i + sl)..<end]
            guard g.allSatisfy({ $0.isHan && !Lexicon.notInGivenName.contains($0) }) else { return nil }
            if let w = startsWithAny(genericByFirst, u, at: i + sl), w.count >= given || w.first == "某" { return nil }
            let candidate = string(u[i..<end])
            if Lexicon.notNames.contains(candidate) { continue }
            // A rarer surname (匡, 卿, 羊 …) needs the model's word that this is a name.
            if rare, NameModel.score(u, start: i, length: sl + given) <= 0 { continue }
            if exactly != nil || isDelimiter(at: end, in: u) { return sl + given }
        }
        return nil
    }

    /// An item of a leader list whose surname is not in the lexicon (`市领导黄立、禤海、谢宏出席`):
    /// 2–3 Han characters between `、` and the next `、`, punctuation or name-ending word.
    static func listItemLength(at i: Int, in u: [Unicode.Scalar]) -> Int? {
        for len in 2...3 {
            let end = i + len
            guard end <= u.count, u[i..<end].allSatisfy({ $0.isHan && !Lexicon.notInGivenName.contains($0) }) else { return nil }
            if end == u.count || u[end] == "、" || u[end] == "，" || u[end] == "," || u[end] == "。" { return len }
            if isDelimiter(at: end, in: u), !u[end].isHan || startsWithAny(afterNameByFirst, u, at: end) != nil { return len }
        }
        return nil
    }

    /// Characters that join words rather than start a name (`谢宏和黄立`).
    static let joiners: ScalarSet = ScalarSet("和与及同向为对把被给跟让由将于在、".unicodeScalars)

    static func isDelimiter(at k: Int, in u: [Unicode.Scalar]) -> Bool {
        guard k < u.count else { return true }
        if !u[k].isHan { return true }
        return startsWithAny(afterNameByFirst, u, at: k) != nil || startsWithAny(positionsByFirst, u, at: k) != nil
    }

    static func startsWith(_ w: [Unicode.Scalar], _ u: [Unicode.Scalar], at k: Int) -> Bool {
        guard k + w.count <= u.count else { return false }
        for (j, c) in w.enumerated() where u[k + j] != c { return false }
        return true
    }

    static func string<C: Collection>(_ s: C) -> String where C.Element == Unicode.Scalar {
        String(scalars: s)
    }

    /// Whether the known name of `length` scalars at `i` in `u` is a bare mention of the person: not inside a longer
    /// word (see `isInsideLongerWord`) and not followed by a generic word (`王先生`, `李总`).
    static func isMention(length: Int, at i: Int, in u: [Unicode.Scalar]) -> Bool {
        !isInsideLongerWord(length: length, at: i, in: u) && startsWithAny(genericByFirst, u, at: i + length) == nil
    }

    /// Whether the known name of `length` scalars at `i` in `u` is only part of a longer word: a two-character name
    /// inside one (方智 in 各方智慧, 龙衡 in 萧龙衡), or a name that is also an ordinary word where it reads as the
    /// word (宁静).
    static func isInsideLongerWord(length: Int, at i: Int, in u: [Unicode.Scalar]) -> Bool {
        let end = i + length
        let embedded = length == 2 && (!isDelimiter(at: end, in: u)
            || (i > 0 && Lexicon.surnames.contains(u[i - 1]) && !joiners.contains(u[i - 1])))
        let word = NameModel.isOrdinaryWord(u, start: i, length: length, prefix: false) && (i == 0 || u[i - 1].isHan)
        return embedded || word
    }

    // MARK: - Pass 2: everyone named

    /// `article` with the people it names and their titles filled in (`people(in:evidence:)`).
    func named(_ article: Article, evidence: [Hit]) -> Article {
        var a = article
        (a.people, a.titles) = people(in: article, evidence: evidence)
        return a
    }

    /// Everyone the article names, in order of first appearance (body, then headline, then reporters),
    /// and the titles seen with them. `evidence` is the article's pass-1 result, when the caller has it.
    public func people(in article: Article, evidence: [Hit]? = nil) -> (people: [String], titles: [TitleMention]) {
        let u = PeopleFinder.searchText(article)
        var hits = evidence ?? PeopleFinder.scan(u)
        // Bare mentions of names known anywhere in the archive; the longest match wins.
        var i = 0
        while i < u.count {
            if let cands = byFirst[u[i]], let m = cands.first(where: { PeopleFinder.startsWith($0, u, at: i) }) {
                let end = i + m.count
                if PeopleFinder.isMention(length: m.count, at: i, in: u) {
                    hits.append(Hit(name: PeopleFinder.string(m), offset: i, titles: []))
                    i = end
                    continue
                }
            }
            i += 1
        }
        hits = Self.sortedByPlace(hits)
        var seen = Set<String>()
        var people: [String] = []
        var titles: [TitleMention] = []
        var seenTitles = Set<TitleMention>()
        func add(_ raw: String, _ ts: [String]) {
            // Empty tables are not asked: hashing a Chinese String normalises it first.
            guard dropped.isEmpty || !dropped.contains(raw) else { return }
            let name = aliases.isEmpty ? raw : aliases[raw] ?? raw
            _ = Self.appendNew(name, to: &people, index: &seen)
            for t in ts { _ = Self.appendNew(TitleMention(name: name, title: t), to: &titles, index: &seenTitles) }
        }
        // Names inside another hit's span (a 2-character name inside a longer one) are not separate people.
        var coveredUntil = -1
        var last: (offset: Int, name: String)?
        for h in hits {
            let sameAsLast = last.map { $0.offset == h.offset && $0.name == h.name } ?? false
            if h.offset < coveredUntil && !sameAsLast { continue }
            add(h.name, h.titles)
            last = (h.offset, h.name)
            coveredUntil = max(coveredUntil, h.offset + h.name.unicodeScalars.count)
        }
        for r in article.reporters { add(r.name, r.role.isEmpty ? [] : [r.role]) }
        return (people, titles)
    }

    /// Hits in text order, a longer name first at one place. Each name's length in Characters is counted once,
    /// not at every comparison; the same sort over the same comparisons, so the same order.
    static func sortedByPlace(_ hits: [Hit]) -> [Hit] {
        var keyed = hits.map { (hit: $0, length: $0.name.count) }
        keyed.sort { $0.hit.offset != $1.hit.offset ? $0.hit.offset < $1.hit.offset : $0.length > $1.length }
        return keyed.map(\.hit)
    }

    /// Appends `x` to `list` unless it is there already; whether it was appended. A short list is searched along
    /// (hashing a Chinese String normalises it first, and most articles name a few people); from 16 entries on,
    /// `index` holds the list's entries and is asked instead.
    static func appendNew<T: Hashable>(_ x: T, to list: inout [T], index: inout Set<T>) -> Bool {
        if list.count < 16 {
            guard !list.contains(x) else { return false }
            list.append(x)
            if list.count == 16 { index = Set(list) }
            return true
        }
        guard index.insert(x).inserted else { return false }
        list.append(x)
        return true
    }
}

import Foundation

/// Links the first mention of each person in an article's body (cmark's HTML) to their person page.
/// Only text between tags is looked at, never a tag or its attributes, never text inside a link; a name inside a
/// longer word is no mention, by the same rule the people finder uses (`PeopleFinder.isInsideLongerWord`).
enum PeopleLinks {
    /// A person to link: their name and their page's URL (relative to the article).
    typealias Target = (name: String, href: String)

    /// `html` with the first mention of each target wrapped in `<a class="person" href="…">`; unchanged bytes when
    /// there is none. Each `href` must be attribute-safe (the build's own slugs and `../`).
    static func apply(_ html: [UInt8], targets: [Target]) -> [UInt8] {
        var out: [UInt8] = []
        html.withUnsafeBufferPointer { apply($0, targets: targets, into: &out) }
        return out
    }

    /// Appends `html` to `out` with the first mention of each target linked (`apply(_:targets:)`).
    static func apply(_ html: UnsafeBufferPointer<UInt8>, targets: [Target], into out: inout some ByteSink) {
        let (table, hits) = names(in: html, targets: targets)
        guard !hits.isEmpty else { return out.append(contentsOf: html) }
        out.reserveCapacity(out.count + html.count + 64 * min(table.count, 32))
        var text = TextLinker(html: html, hits: hits, table: table, linked: Linked(count: table.count))
        var i = 0
        var anchorDepth = 0
        while i < html.count {
            if text.linked.all {  // every name is linked: the rest is copied as it is
                out.append(contentsOf: UnsafeBufferPointer(rebasing: html[i...]))
                break
            }
            if html[i] == UInt8(ascii: "<") {
                let end = tagEnd(html, from: i)
                anchorDepth = max(0, anchorDepth + anchorChange(html, i, end))
                out.append(contentsOf: UnsafeBufferPointer(rebasing: html[i..<end]))
                i = end
                continue
            }
            let j = nextTag(html, from: i)
            text.node(i..<j, outsideLinks: anchorDepth == 0, into: &out)
            i = j
        }
    }

    /// The targets' names of two characters or more that `html` holds, longest first (so `欧阳娜娜` wins over `欧阳娜`
    /// at the same place), and every place where one occurs, in order (at one place, the longest first). All names
    /// are looked for in one pass (`occurrences(of:in:)`); most of an article's people are not in its body and are
    /// dropped here, before any of them is copied into a `Name`.
    static func names(in html: UnsafeBufferPointer<UInt8>, targets: [Target]) -> (table: NameTable, hits: [Hit]) {
        var needles = Needles()
        var candidates: [(length: Int, target: Int)] = []
        candidates.reserveCapacity(targets.count)
        needles.reserve(names: targets.count, bytes: 12 * targets.count)
        for (k, t) in targets.enumerated() {
            let length = t.name.utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }  // scalars: bytes that start one
            guard length >= 2 else { continue }
            candidates.append((length: length, target: k))
        }
        candidates.sort { $0.length > $1.length }
        for c in candidates { needles.add(targets[c.target].name) }
        let found = needles.occurrences(in: html)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: candidates.count) { tableIndex in
            tableIndex.initialize(repeating: -1)
            for f in found { tableIndex[f.needle] = 0 }
            var table: NameTable = []
            table.reserveCapacity(candidates.count)
            for k in candidates.indices where tableIndex[k] == 0 {
                tableIndex[k] = table.count
                let span = needles.spans[k]  // the name's bytes, in the needles' pool
                table.append(Name(length: candidates[k].length, bytes: needles.pool[span.start..<(span.start + span.count)],
                                  href: targets[candidates[k].target].href))
            }
            // `found` is in order of place, then of name; the table keeps the names' order.
            return (table: table, hits: found.map { Hit(at: $0.at, name: tableIndex[$0.needle]) })
        }
    }

    /// Every place where one of `needles` (each of two bytes or more) occurs in `haystack`, overlapping ones
    /// included, in order of place and, at one place, of needle (`Needles.occurrences(in:)`).
    static func occurrences(of needles: [[UInt8]], in haystack: [UInt8]) -> [(at: Int, needle: Int)] {
        var set = Needles()
        for n in needles { set.add(n) }
        return haystack.withUnsafeBufferPointer { set.occurrences(in: $0) }
    }

    /// The index of the next `<` at or after `start`, or the end of the input (`memchr`).
    static func nextTag(_ html: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        html.index(of: UInt8(ascii: "<"), from: start) ?? html.count
    }

    /// The index just past the tag opening at `start` (`>` outside quotes), or the end of the input.
    static func tagEnd(_ html: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var quote: UInt8?
        var k = start + 1
        while k < html.count {
            let b = html[k]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return k + 1
            }
            k += 1
        }
        return html.count
    }

    /// +1 for an `<a …>` tag, -1 for `</a>`, 0 for any other.
    static func anchorChange(_ html: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        func isA(_ k: Int) -> Bool {
            guard k + 1 < end, html[k] | 0x20 == UInt8(ascii: "a") else { return false }
            let next = html[k + 1]
            return next == UInt8(ascii: " ") || next == UInt8(ascii: ">") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n")
        }
        if start + 1 < end, html[start + 1] == UInt8(ascii: "/") { return isA(start + 2) ? -1 : 0 }
        return isA(start + 1) ? 1 : 0
    }

    /// `nextTag` over an array.
    static func nextTag(_ html: [UInt8], from start: Int) -> Int { html.withUnsafeBufferPointer { nextTag($0, from: start) } }

    /// `tagEnd` over an array.
    static func tagEnd(_ html: [UInt8], from start: Int) -> Int { html.withUnsafeBufferPointer { tagEnd($0, from: start) } }

    /// `anchorChange` over an array.
    static func anchorChange(_ html: [UInt8], _ start: Int, _ end: Int) -> Int {
        html.withUnsafeBufferPointer { anchorChange($0, start, end) }
    }

    /// A name to link on the page: its length in scalars (for the word checks), its UTF-8 bytes (to find it) and
    /// its link.
    struct Name {
        var length: Int
        var bytes: ArraySlice<UInt8>
        var href: String
    }

    /// The page's names, longest first.
    typealias NameTable = [Name]

    /// Which of the table's names are linked already: the first 64 as bits, any more in an array.
    struct Linked {
        private var first64: UInt64 = 0
        private var more: [Bool]
        private(set) var count = 0
        private let total: Int

        init(count: Int) {
            total = count
            more = count > 64 ? [Bool](repeating: false, count: count - 64) : []
        }

        /// Whether every name is linked.
        var all: Bool { count == total }

        subscript(_ k: Int) -> Bool { k < 64 ? first64 & (1 << UInt64(k)) != 0 : more[k - 64] }

        /// Marks name `k` linked; false when it was.
        mutating func insert(_ k: Int) -> Bool {
            guard !self[k] else { return false }
            if k < 64 { first64 |= 1 << UInt64(k) } else { more[k - 64] = true }
            count += 1
            return true
        }
    }

    /// A place in the page where a name occurs: its byte offset and the name's index in the table.
    struct Hit {
        var at: Int
        var name: Int
    }

    /// Whether byte `at` of the text node `range` lies inside a character reference (`&amp;`, `&#39;`). A reference
    /// holds no `&` but its first byte and is at most 33 bytes long, so only the nearest `&` at or before `at`, at
    /// most 32 bytes before, can start one that covers it (read from the left, the references are the same).
    static func insideReference(_ html: UnsafeBufferPointer<UInt8>, at: Int, in range: Range<Int>) -> Bool {
        var q = at
        let floor = max(range.lowerBound, at - 32)
        while q >= floor {
            if html[q] == UInt8(ascii: "&") {
                return referenceEnd(html, from: q, before: range.upperBound).map { at < $0 } ?? false
            }
            q -= 1
        }
        return false
    }

    /// The index past the `;` of a character reference starting at `start` (`&lt;`, `&#x27;`) and ending before
    /// `limit`, if one does.
    static func referenceEnd(_ html: UnsafeBufferPointer<UInt8>, from start: Int, before limit: Int) -> Int? {
        var k = start + 1
        while k < limit, k - start <= 32 {
            let c = html[k]
            if c == UInt8(ascii: ";") { return k > start + 1 ? k + 1 : nil }
            guard c == UInt8(ascii: "#") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
            else { return nil }
            k += 1
        }
        return nil
    }
}

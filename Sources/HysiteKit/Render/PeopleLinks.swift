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
        let (table, hits) = names(in: html, targets: targets)
        guard !hits.isEmpty else { return html }
        var linked = Linked(count: table.count)
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 64 * min(table.count, 32))
        var i = 0, h = 0
        var anchorDepth = 0
        while i < html.count {
            if linked.all {  // every name is linked: the rest is copied as it is
                out.append(contentsOf: html[i...])
                break
            }
            if html[i] == UInt8(ascii: "<") {
                let end = tagEnd(html, from: i)
                anchorDepth = max(0, anchorDepth + anchorChange(html, i, end))
                out.append(contentsOf: html[i..<end])
                i = end
                continue
            }
            let j = nextTag(html, from: i)
            // A text node outside links that holds a name is looked at; the rest is copied.
            while h < hits.count, hits[h].at < i { h += 1 }
            let first = h
            while h < hits.count, hits[h].at < j { h += 1 }
            if anchorDepth == 0, first < h {
                linkText(html[i..<j], hits: hits[first..<h], table: table, linked: &linked, into: &out)
            } else {
                out.append(contentsOf: html[i..<j])
            }
            i = j
        }
        return out
    }

    /// The targets' names of two characters or more that `html` holds, longest first (so `欧阳娜娜` wins over `欧阳娜`
    /// at the same place), and every place where one occurs, in order (at one place, the longest first). All names
    /// are looked for in one pass (`occurrences(of:in:)`); most of an article's people are not in its body and are
    /// dropped here.
    static func names(in html: [UInt8], targets: [Target]) -> (table: NameTable, hits: [Hit]) {
        var named: NameTable = []
        for t in targets {
            let bytes = Array(t.name.utf8)
            let length = bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            guard length >= 2 else { continue }
            named.append(Name(length: length, bytes: bytes, href: t.href))
        }
        named.sort { $0.length > $1.length }
        let found = occurrences(of: named.map(\.bytes), in: html)
        var tableIndex = [Int](repeating: -1, count: named.count)
        for f in found { tableIndex[f.needle] = 0 }
        var table: NameTable = []
        for k in named.indices where tableIndex[k] == 0 {
            tableIndex[k] = table.count
            table.append(named[k])
        }
        // `found` is in order of place, then of name; the table keeps the names' order.
        return (table: table, hits: found.map { Hit(at: $0.at, name: tableIndex[$0.needle]) })
    }

    /// Every place where one of `needles` (each of two bytes or more) occurs in `haystack`, overlapping ones
    /// included, in order of place and, at one place, of needle. One pass: at each byte, the three bytes there are
    /// looked up in a bit table of the needles' first three bytes (for a Chinese character, exactly its code point's
    /// low 16 bits), and only a needle starting with them is compared. Looking for each name on its own (Horspool's
    /// skips) cost a tenth of an article page.
    static func occurrences(of needles: [[UInt8]], in haystack: [UInt8]) -> [(at: Int, needle: Int)] {
        var found: [(at: Int, needle: Int)] = []
        guard !needles.isEmpty, !haystack.isEmpty else { return found }
        func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int { Int(a & 0x0F) << 12 | Int(b & 0x3F) << 6 | Int(c & 0x3F) }
        // Needles of two bytes have no third byte for the table: they are compared at every place.
        let anyShort = needles.contains { $0.count == 2 }
        // Names start a character (not a UTF-8 continuation byte, `10xxxxxx`), so the places inside one are skipped.
        let inner = needles.contains { $0[0] & 0xC0 == 0x80 }
        // Each needle's first three bytes exactly (-1 for a needle of two bytes), so that at a listed place only the
        // needles that start with those bytes are compared.
        let heads = needles.map { $0.count >= 3 ? Int($0[0]) << 16 | Int($0[1]) << 8 | Int($0[2]) : -1 }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 1024) { bits in
            bits.initialize(repeating: 0)
            for n in needles where n.count >= 3 {
                let k = key(n[0], n[1], n[2])
                bits[k >> 6] |= 1 << UInt64(k & 63)
            }
            haystack.withUnsafeBufferPointer { h in
                var next = 0
                while next < h.count {
                    let at = next
                    next += 1
                    guard inner || h[at] & 0xC0 != 0x80 else { continue }
                    // A character of three bytes (all of Chinese) is stepped over whole: its other two places start
                    // nothing (unless a needle starts inside a character).
                    if !inner, h[at] & 0xF0 == 0xE0, at + 2 < h.count, h[at + 1] & 0xC0 == 0x80, h[at + 2] & 0xC0 == 0x80 { next = at + 3 }
                    let k = at + 2 < h.count ? key(h[at], h[at + 1], h[at + 2]) : -1
                    let listed = k >= 0 && bits[k >> 6] & (1 << UInt64(k & 63)) != 0
                    guard listed || anyShort else { continue }
                    let head = at + 2 < h.count ? Int(h[at]) << 16 | Int(h[at + 1]) << 8 | Int(h[at + 2]) : -2
                    for (n, needle) in needles.enumerated() where heads[n] == head || heads[n] == -1 {
                        guard at + needle.count <= h.count else { continue }
                        if needle.withUnsafeBufferPointer({ memcmp(h.baseAddress! + at, $0.baseAddress!, needle.count) }) == 0 {
                            found.append((at: at, needle: n))
                        }
                    }
                }
            }
        }
        return found
    }

    /// The index of the next `<` at or after `start`, or the end of the input (`memchr`).
    static func nextTag(_ html: [UInt8], from start: Int) -> Int {
        html.withUnsafeBufferPointer { $0.index(of: UInt8(ascii: "<"), from: start) ?? $0.count }
    }

    /// The index just past the tag opening at `start` (`>` outside quotes), or the end of the input.
    static func tagEnd(_ html: [UInt8], from start: Int) -> Int {
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
    static func anchorChange(_ html: [UInt8], _ start: Int, _ end: Int) -> Int {
        func isA(_ k: Int) -> Bool {
            k + 1 < end && (html[k] | 0x20) == UInt8(ascii: "a")
                && [UInt8(ascii: " "), UInt8(ascii: ">"), UInt8(ascii: "\t"), UInt8(ascii: "\n")].contains(html[k + 1])
        }
        if start + 1 < end, html[start + 1] == UInt8(ascii: "/") { return isA(start + 2) ? -1 : 0 }
        return isA(start + 1) ? 1 : 0
    }

    /// A name to link on the page: its length in scalars (for the word checks), its UTF-8 bytes (to find it) and
    /// its link.
    struct Name {
        var length: Int
        var bytes: [UInt8]
        var href: String
    }

    /// The page's names, longest first.
    typealias NameTable = [Name]

    /// Which of the table's names are linked already.
    struct Linked {
        private var flags: [Bool]
        private(set) var count = 0
        init(count: Int) { flags = [Bool](repeating: false, count: count) }
        /// Whether every name is linked.
        var all: Bool { count == flags.count }
        subscript(_ k: Int) -> Bool { flags[k] }
        /// Marks name `k` linked; false when it was.
        mutating func insert(_ k: Int) -> Bool {
            guard !flags[k] else { return false }
            flags[k] = true
            count += 1
            return true
        }
    }

    /// A place in the page where a name occurs: its byte offset and the name's index in the table.
    struct Hit {
        var at: Int
        var name: Int
    }

    /// One text node, names linked on their first mention; the text between links is copied as it came.
    /// It reads as a scan from left to right: at each character the longest name starting there is taken (and
    /// skipped whole, linked or not) unless it sits inside a longer word; character references (`&amp;`) are one
    /// character. The scan visits only `hits`, the places in the node where a name occurs, in order.
    static func linkText(_ bytes: ArraySlice<UInt8>, hits: ArraySlice<Hit>, table: NameTable, linked: inout Linked,
                         into out: inout [UInt8]) {
        var references: [Range<Int>]?  // read when the first name is looked at: most nodes have no name
        var scan = bytes.startIndex, copied = bytes.startIndex, r = 0, h = hits.startIndex
        while h < hits.endIndex, !linked.all {
            let (at, k) = (hits[h].at, hits[h].name)
            while h < hits.endIndex, hits[h].at == at { h += 1 }  // the first at a place is the longest
            guard at >= scan else { continue }
            if references == nil { references = referenceSpans(bytes) }
            let spans = references!
            while r < spans.count, spans[r].upperBound <= at { r += 1 }
            if r < spans.count, spans[r].lowerBound <= at { continue }
            let name = table[k]
            if isInsideLongerWord(name, at: at, in: bytes) {
                scan = at + 1
                continue
            }
            if linked.insert(k) {
                out.append(contentsOf: bytes[copied..<at])
                out.append(contentsOf: #"<a class="person" href=""#.utf8)
                out.append(contentsOf: name.href.utf8)
                out.append(contentsOf: #"">"#.utf8)
                out.append(contentsOf: name.bytes)
                out.append(contentsOf: "</a>".utf8)
                copied = at + name.bytes.count
            }
            scan = at + name.bytes.count
        }
        out.append(contentsOf: bytes[copied...])
    }

    /// Whether the name found at byte `at` of `bytes` sits inside a longer word (`PeopleFinder.isInsideLongerWord`,
    /// asked of the character before it, the name, and as many characters after as a following word can have).
    static func isInsideLongerWord(_ name: Name, at: Int, in bytes: ArraySlice<UInt8>) -> Bool {
        var start = at
        if start > bytes.startIndex {
            start -= 1
            while start > bytes.startIndex, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        let wanted = name.length + PeopleFinder.followingWordLength + (start < at ? 1 : 0)
        // The window's scalars, decoded from the bytes as `String(decoding:)` would (a bad sequence is U+FFFD) but
        // without making a String.
        var window: [Unicode.Scalar] = []
        window.reserveCapacity(wanted)
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes[start...].makeIterator()
        decoding: while window.count < wanted {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded): window.append(Unicode.UTF8.decode(encoded))
            case .error: window.append("\u{FFFD}")
            case .emptyInput: break decoding
            }
        }
        return PeopleFinder.isInsideLongerWord(length: name.length, at: start < at ? 1 : 0, in: window)
    }

    /// The byte ranges of the character references (`&amp;`, `&#39;`) in `bytes`, read from the left.
    static func referenceSpans(_ bytes: ArraySlice<UInt8>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var k = bytes.startIndex
        while let amp = firstAmpersand(bytes, from: k) {
            if let end = referenceEnd(bytes, from: amp) {
                spans.append(amp..<end)
                k = end
            } else {
                k = amp + 1
            }
        }
        return spans
    }

    /// The index of the first `&` in `bytes` at or after `start` (`memchr`), if any.
    static func firstAmpersand(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        bytes[start...].withUnsafeBufferPointer { b in b.index(of: UInt8(ascii: "&")).map { start + $0 } }
    }

    /// The index past the `;` of a character reference starting at `start` (`&lt;`, `&#x27;`), if one does.
    static func referenceEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var k = start + 1
        while k < bytes.endIndex, k - start <= 32 {
            let c = bytes[k]
            if c == UInt8(ascii: ";") { return k > start + 1 ? k + 1 : nil }
            guard c == UInt8(ascii: "#") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
            else { return nil }
            k += 1
        }
        return nil
    }
}

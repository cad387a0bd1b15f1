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
        // Only names the page's bytes hold at all (most of an article's people are not in its body).
        let present = targets.filter { contains(html[...], Array($0.name.utf8)) }
        guard !present.isEmpty else { return html }
        // Longest first, so `欧阳娜娜` wins over `欧阳娜` at the same place.
        var table: NameTable = []
        var nameBytes: [[UInt8]] = []
        for t in present {
            let u = Array(t.name.unicodeScalars)
            guard u.count >= 2 else { continue }
            table.append((name: u, href: t.href))
            nameBytes.append(Array(t.name.utf8))
        }
        table.sort { $0.name.count > $1.name.count }
        var linked = Set<[Unicode.Scalar]>()
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 64 * min(present.count, 32))
        var i = 0
        var anchorDepth = 0
        while i < html.count {
            if html[i] == UInt8(ascii: "<") {
                let end = tagEnd(html, from: i)
                anchorDepth = max(0, anchorDepth + anchorChange(html, i, end))
                out.append(contentsOf: html[i..<end])
                i = end
                continue
            }
            let j = nextTag(html, from: i)
            // A text node outside links that holds a name not linked yet is looked at; the rest is copied.
            if anchorDepth == 0, linked.count < nameBytes.count, nameBytes.contains(where: { contains(html[i..<j], $0) }) {
                linkText(html[i..<j], table: table, linked: &linked, into: &out)
            } else {
                out.append(contentsOf: html[i..<j])
            }
            i = j
        }
        return out
    }

    /// The index of the next `<` at or after `start`, or the end of the input (`memchr`).
    static func nextTag(_ html: [UInt8], from start: Int) -> Int {
        html.withUnsafeBytes { b in
            guard let base = b.baseAddress, start < b.count,
                  let p = memchr(base + start, Int32(UInt8(ascii: "<")), b.count - start) else { return b.count }
            return base.distance(to: UnsafeRawPointer(p))
        }
    }

    /// Whether `needle` (not empty) occurs in `haystack`: `memchr` for its first byte, `memcmp` for the rest.
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                guard let hb = h.baseAddress, let nb = n.baseAddress else { return false }
                var at = 0
                let last = h.count - n.count
                while at <= last, let p = memchr(hb + at, Int32(first), last - at + 1) {
                    at = hb.distance(to: UnsafeRawPointer(p))
                    if memcmp(hb + at, nb, n.count) == 0 { return true }
                    at += 1
                }
                return false
            }
        }
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

    /// One text node, names linked on their first mention. Text between links is copied as the original bytes.
    /// The page's names (a handful): a linear scan beats hashing every scalar of the text.
    typealias NameTable = [(name: [Unicode.Scalar], href: String)]

    static func linkText(_ bytes: ArraySlice<UInt8>, table: NameTable,
                         linked: inout Set<[Unicode.Scalar]>, into out: inout [UInt8]) {
        let u = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        // Where each scalar starts in `bytes` (cmark's output is valid UTF-8, so decoding kept every byte).
        var offsets: [Int] = []
        offsets.reserveCapacity(u.count + 1)
        for k in bytes.indices where bytes[k] & 0xC0 != 0x80 { offsets.append(k) }
        guard offsets.count == u.count else { out.append(contentsOf: bytes); return }
        offsets.append(bytes.endIndex)
        var copied = 0  // scalars of `u` already in `out`
        var i = 0
        while i < u.count {
            // A character reference (`&amp;`, `&#39;`) is one character: a name is never matched inside it.
            if u[i] == "&", let end = referenceEnd(u, from: i) { i = end; continue }
            let c = u[i]
            guard let m = table.first(where: { $0.name[0] == c && PeopleFinder.startsWith($0.name, u, at: i) }),
                  !PeopleFinder.isInsideLongerWord(length: m.name.count, at: i, in: u) else { i += 1; continue }
            if linked.insert(m.name).inserted {
                out.append(contentsOf: bytes[offsets[copied]..<offsets[i]])
                out.append(contentsOf: Array("<a class=\"person\" href=\"\(m.href)\">".utf8))
                out.append(contentsOf: bytes[offsets[i]..<offsets[i + m.name.count]])
                out.append(contentsOf: Array("</a>".utf8))
                copied = i + m.name.count
            }
            i += m.name.count
        }
        out.append(contentsOf: bytes[offsets[copied]...])
    }

    /// The index past the `;` of a character reference starting at `start` (`&lt;`, `&#x27;`), if one does.
    static func referenceEnd(_ u: [Unicode.Scalar], from start: Int) -> Int? {
        var k = start + 1
        while k < u.count, k - start <= 32 {
            let c = u[k]
            if c == ";" { return k > start + 1 ? k + 1 : nil }
            guard c == "#" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) else { return nil }
            k += 1
        }
        return nil
    }
}

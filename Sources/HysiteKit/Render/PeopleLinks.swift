/// Links the first mention of each person in an article's body (cmark's HTML) to their person page.
/// Only text between tags is looked at, never a tag or its attributes, never text inside a link; a name inside a
/// longer word is no mention, by the same rule the people finder uses (`PeopleFinder.isInsideLongerWord`).
enum PeopleLinks {
    /// A person to link: their name and their page's URL (relative to the article).
    typealias Target = (name: String, href: String)

    /// `html` with the first mention of each target wrapped in `<a class="person" href="…">`; unchanged bytes when
    /// there is none. Each `href` must be attribute-safe (the build's own slugs and `../`).
    static func apply(_ html: [UInt8], targets: [Target]) -> [UInt8] {
        guard !targets.isEmpty else { return html }
        var table: [Unicode.Scalar: [(name: [Unicode.Scalar], href: String)]] = [:]
        for t in targets {
            let u = Array(t.name.unicodeScalars)
            guard let first = u.first, u.count >= 2 else { continue }
            table[first, default: []].append((name: u, href: t.href))
        }
        for k in table.keys { table[k]!.sort { $0.name.count > $1.name.count } }
        var linked = Set<[Unicode.Scalar]>()
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 64 * min(targets.count, 32))
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
            var j = i
            while j < html.count, html[j] != UInt8(ascii: "<") { j += 1 }
            if anchorDepth == 0 {
                linkText(html[i..<j], table: table, linked: &linked, into: &out)
            } else {
                out.append(contentsOf: html[i..<j])
            }
            i = j
        }
        return out
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

    /// One text node, names linked on their first mention.
    static func linkText(_ bytes: ArraySlice<UInt8>, table: [Unicode.Scalar: [(name: [Unicode.Scalar], href: String)]],
                         linked: inout Set<[Unicode.Scalar]>, into out: inout [UInt8]) {
        let u = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var copied = 0  // scalars of `u` already in `out`
        var i = 0
        while i < u.count {
            // A character reference (`&amp;`, `&#39;`) is one character: a name is never matched inside it.
            if u[i] == "&", let end = referenceEnd(u, from: i) { i = end; continue }
            guard let cands = table[u[i]],
                  let m = cands.first(where: { PeopleFinder.startsWith($0.name, u, at: i) }),
                  !PeopleFinder.isInsideLongerWord(length: m.name.count, at: i, in: u) else { i += 1; continue }
            if linked.insert(m.name).inserted {
                appendScalars(u[copied..<i], to: &out)
                out.append(contentsOf: Array("<a class=\"person\" href=\"\(m.href)\">".utf8))
                appendScalars(u[i..<(i + m.name.count)], to: &out)
                out.append(contentsOf: Array("</a>".utf8))
                copied = i + m.name.count
            }
            i += m.name.count
        }
        appendScalars(u[copied...], to: &out)
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

    /// Appends scalars as UTF-8.
    static func appendScalars(_ s: ArraySlice<Unicode.Scalar>, to out: inout [UInt8]) {
        for c in s { out.append(contentsOf: UTF8.encode(c)!) }
    }
}

import Foundation
@testable import HysiteKit

/// The test oracle for `PeopleLinks.apply`: the first way it was written, a scan of each text node character by
/// character (decoded to scalars), trying at each character every name, longest first. The site's version finds the
/// names in the bytes first and visits only those places; `PeopleLinksTests` checks both give the same bytes.
enum PeopleLinksReference {
    static func apply(_ html: [UInt8], targets: [PeopleLinks.Target]) -> [UInt8] {
        let present = targets.filter { contains(html[...], Array($0.name.utf8)) }
        guard !present.isEmpty else { return html }
        var table: [(name: [Unicode.Scalar], href: String)] = []
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
        var i = 0
        var anchorDepth = 0
        while i < html.count {
            if html[i] == UInt8(ascii: "<") {
                let end = PeopleLinks.tagEnd(html, from: i)
                anchorDepth = max(0, anchorDepth + PeopleLinks.anchorChange(html, i, end))
                out.append(contentsOf: html[i..<end])
                i = end
                continue
            }
            let j = PeopleLinks.nextTag(html, from: i)
            if anchorDepth == 0, linked.count < nameBytes.count, nameBytes.contains(where: { contains(html[i..<j], $0) }) {
                linkText(html[i..<j], table: table, linked: &linked, into: &out)
            } else {
                out.append(contentsOf: html[i..<j])
            }
            i = j
        }
        return out
    }

    static func linkText(_ bytes: ArraySlice<UInt8>, table: [(name: [Unicode.Scalar], href: String)],
                         linked: inout Set<[Unicode.Scalar]>, into out: inout [UInt8]) {
        let u = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var offsets: [Int] = []
        for k in bytes.indices where bytes[k] & 0xC0 != 0x80 { offsets.append(k) }
        guard offsets.count == u.count else { out.append(contentsOf: bytes); return }
        offsets.append(bytes.endIndex)
        var copied = 0
        var i = 0
        while i < u.count {
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

import Foundation
import Testing
@testable import HysiteKit

/// `PeopleLinks.apply` finds the names in the body's bytes and visits only those places; the first version
/// (`PeopleLinksReference`, a scan of every character) is its oracle. Both must give the same bytes on every body of
/// the labelled set and the seeds, with names that overlap, nest and sit inside longer words, and on random text
/// full of character references.
@Suite struct PeopleLinksTests {
    /// One comparison: a body's HTML and the names to link in it.
    struct Case {
        var label: String
        var html: [UInt8]
        var targets: [PeopleLinks.Target]
    }

    /// Both versions' output, as text (a failure shows where they part).
    static func both(_ html: [UInt8], _ targets: [PeopleLinks.Target]) -> (site: String, reference: String) {
        (site: String(decoding: PeopleLinks.apply(html, targets: targets), as: UTF8.self),
         reference: String(decoding: PeopleLinksReference.apply(html, targets: targets), as: UTF8.self))
    }

    /// Every article body of the labelled set and the seeds, with its people and harder names made from them: each
    /// two-character piece of a name, and each name with the character that follows it in the text.
    static let bodies: [Case] = {
        var cases: [Case] = []
        for folder in [fixtures + "/labelled", repoRoot + "/seeds"] {
            let (pages, _) = Pipeline.loadPages([folder], fs: LocalFileSystem())
            for a in Pipeline.parse(pages).articles {
                let html = Markdown.bodyBytes(a.paragraphs, subheadings: a.subheadings)
                var names = Set(a.people)
                let text = a.paragraphs.joined()
                for n in a.people {
                    let u = Array(n.unicodeScalars)
                    for k in 0..<max(0, u.count - 1) { names.insert(String(String.UnicodeScalarView(u[k...(k + 1)]))) }
                    if let r = text.range(of: n), r.upperBound < text.endIndex { names.insert(n + String(text[r.upperBound])) }
                }
                let targets = names.sorted().enumerated().map { (name: $1, href: "../p/\($0)/index.html") }
                cases.append(Case(label: "\(a.file) #\(a.position)", html: html, targets: targets))
            }
        }
        return cases
    }()

    @Test func bodiesOfRealFormsAreLinkedAsByTheReference() throws {
        #expect(Self.bodies.count > 80)
        var linkedAny = 0
        for c in Self.bodies {
            let got = Self.both(c.html, c.targets)
            #expect(got.site == got.reference, "\(c.label)")
            if got.site.utf8.count != c.html.count { linkedAny += 1 }
        }
        #expect(linkedAny > 40, "most bodies link someone")
    }

    /// Text over a small alphabet (so names recur, overlap and nest), with references and tags among it.
    @Test func randomTextIsLinkedAsByTheReference() {
        var rng = SplitMix(seed: 20261202)
        let pieces = ["张", "三", "丰", "李", "四", "说", "的", "&amp;", "&#39;", "&lt;", "amp", "。", "，", " ", "<em>", "</em>",
                      "<a href=\"x\">", "</a>", "市长", "书记", "记者"]
        let names = ["张三", "张三丰", "三丰", "李四", "四说", "丰李", "amp", "ampamp", "张三张三", "am", "pa"]
        for round in 0..<3000 {
            var html = "<p>"
            for _ in 0..<Int(rng.next() % 40) { html += pieces[Int(rng.next() % UInt64(pieces.count))] }
            html += "</p>"
            let targets = names.filter { _ in rng.next() % 2 == 0 }.map { (name: $0, href: "../p/\($0.unicodeScalars.count)/index.html") }
            let got = Self.both(Array(html.utf8), targets)
            #expect(got.site == got.reference, "round \(round): \(html) with \(targets.map(\.name))")
        }
    }

    /// The one-pass search finds what looking for each needle at every byte finds: every place, overlapping ones
    /// included, in order of place and then of needle; needles of two bytes and of more, sharing first bytes, at the
    /// very end of the text, over bytes that are not UTF-8.
    @Test func oneScanFindsEveryPlaceOfEveryNeedle() {
        var rng = SplitMix(seed: 7)
        let alphabet: [UInt8] = [0x61, 0x62, 0xE5, 0xBC, 0xA0, 0x80, 0xBF, 0x0F, 0x3F]
        for round in 0..<3000 {
            let haystack = (0..<Int(rng.next() % 60)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let needles = (0..<Int(1 + rng.next() % 6)).map { _ in
                (0..<Int(2 + rng.next() % 4)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            }
            var expected: [(at: Int, needle: Int)] = []
            for at in haystack.indices {
                for (n, needle) in needles.enumerated() where haystack[at...].starts(with: needle) { expected.append((at: at, needle: n)) }
            }
            let got = PeopleLinks.occurrences(of: needles, in: haystack)
            #expect(got.map(\.at) == expected.map(\.at) && got.map(\.needle) == expected.map(\.needle),
                    "round \(round): \(needles) in \(haystack)")
        }
    }
}

/// A small seeded generator, so a failing round can be run again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

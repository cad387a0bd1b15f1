import Testing
@testable import HysiteKit

/// A page file's stem names its articles' URLs: the fast path for plain ASCII names must name them as before.
@Suite struct PageStemTests {
    /// Named forms, then random keys built from the pieces that matter (dots, slashes, spaces, Han, dashes).
    @Test func stemsAsTheCharacterReadingMadeThem() {
        let named = ["2023-07-26_01.txt", "a/b.txt", "a-b.txt", ".txt", "", "a.b.c", "x.", "版面 一.txt", "2023/07/26_01.txt",
                     "dir.d/page", "UPPER.TXT", "a..txt", "../x.txt", "e\u{301}.txt", "tab\t.txt"]
        for key in named { #expect(Slug.pageStem(key) == LegacySlug.pageStem(key), "\(key)") }
        let pieces = ["a", "Z", "0", "9", "-", "_", ".", "/", " ", "版", "txt", "~", "%", "\u{301}", "é"]
        var rng = SystemRandomNumberGenerator()
        var fast = 0
        for _ in 0..<5_000 {
            let key = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(Slug.pageStem(key) == LegacySlug.pageStem(key), "\(key)")
            if key.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "/") }) { fast += 1 }
        }
        #expect(fast > 500)
    }

}

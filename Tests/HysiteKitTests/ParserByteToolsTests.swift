import Testing
@testable import HysiteKit

/// The parser's byte-level helpers answer as the standard library's slower forms do.
@Suite struct ParserByteToolsTests {
    /// Text mixing ASCII, two-, three- and four-byte scalars (Han, full-width marks, an emoji, an astral ideograph).
    static func text(_ rng: inout some RandomNumberGenerator, length: Int) -> String {
        let pool: [Unicode.Scalar] = ["a", "7", " ", "\n", "é", "ü", "中", "国", "讯", "电", "—", "，", "。", "\u{3000}", "😀", "\u{20000}"]
        return String(String.UnicodeScalarView((0..<length).map { _ in pool.randomElement(using: &rng)! }))
    }

    @Test func keySetAnswersAsASetOfTheSameKeys() {
        var rng = SystemRandomNumberGenerator()
        for size in [0, 1, 7, 100, 5_000] {
            let keys = (0..<size).map { _ in UInt64.random(in: 1...UInt64(size * 3 + 1), using: &rng) << UInt64.random(in: 0...40, using: &rng) }
            let table = KeySet(keys), set = Set(keys)
            for k in keys { #expect(table.contains(k)) }
            for _ in 0..<2_000 {
                let k = UInt64.random(in: 1...UInt64(size * 3 + 1), using: &rng) << UInt64.random(in: 0...40, using: &rng)
                #expect(table.contains(k) == set.contains(k), "\(k) among \(size) keys")
            }
            #expect(!table.contains(0))
        }
    }

    @Test func nameModelKeysOfWordsAreFound() {
        let words = ["向前", "高度", "王小明", "欧阳修文"]
        let table = KeySet(words.map { NameModel.key($0.unicodeScalars) })
        for w in words { #expect(table.contains(NameModel.key(w.unicodeScalars)), "\(w)") }
        #expect(!table.contains(NameModel.key("向后".unicodeScalars)) && !table.contains(NameModel.key("向".unicodeScalars)))
    }

    @Test func decodedScalarsAreTheStringsScalars() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let s = Self.text(&rng, length: Int.random(in: 0...40, using: &rng))
            let decoded = [Unicode.Scalar](unsafeUninitializedCapacity: s.utf8.count + 1) { buf, n in
                n = 0
                s.decodeScalars(into: buf, at: &n)
            }
            #expect(decoded == Array(s.unicodeScalars), "\(s.debugDescription)")
        }
    }

    /// Counted eight bytes at a time, with a tail of any length: the count of the string's scalars.
    @Test func scalarCountIsTheStringsScalarCount() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var s = Self.text(&rng, length: Int.random(in: 0...40, using: &rng))
            let counted = s.withUTF8 { utf8ScalarCount($0) }
            #expect(counted == s.unicodeScalars.count, "\(s.debugDescription)")
        }
        #expect(utf8ScalarCount(UnsafeBufferPointer(start: nil, count: 0)) == 0)
    }

    /// The people finder's one-set tests answer as the word tables they stand for, for every scalar: a left cue may
    /// end in `的`, a cue mark or the last scalar of a role, spaced role, introducer or non-person credit; a right cue
    /// may start with `、`, `等`, a bracket, a space or a title's first scalar; a position word ends in one of `positionEnds`.
    @Test func cueSetsAnswerAsTheirWordTables() {
        let scalars = (0..<0x10000).compactMap(Unicode.Scalar.init) + ["\u{20000}", "😀"]
        for c in scalars {
            let left = c == "的" || PeopleFinder.leftCueMarks.contains(c) || PeopleFinder.rolesByLast[c] != nil
                || PeopleFinder.spacedRolesByLast[c] != nil || PeopleFinder.strongLeftByLast[c] != nil
                || PeopleFinder.notPeopleCreditsByLast[c] != nil
            #expect(PeopleFinder.mayHaveLeftCue(before: c) == left, "\(c)")
            let right = c == "、" || c == "等" || c == "（" || c == "(" || c == " " || c == "\u{3000}" || PeopleFinder.titlesAfterByFirst[c] != nil
            #expect(PeopleFinder.mayHaveRightCue(at: 0, in: [c]) == right, "\(c)")
        }
        #expect(PeopleFinder.mayHaveLeftCue(before: "长") && !PeopleFinder.mayHaveLeftCue(before: "。"))
        for c in scalars { #expect(PeopleFinder.positionEnds.contains(c) == (PeopleFinder.positionsByLast[c] != nil), "\(c)") }
    }

    @Test func byteAffixesAgreeWithTheStandardLibraryOnWholeCharacters() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let s = Self.text(&rng, length: Int.random(in: 0...12, using: &rng))
            let a = Self.text(&rng, length: Int.random(in: 0...3, using: &rng))
            #expect(s.startsWithBytes(a) == s.hasPrefix(a), "\(s.debugDescription) starts with \(a.debugDescription)")
            #expect(s.endsWithBytes(a) == s.hasSuffix(a), "\(s.debugDescription) ends with \(a.debugDescription)")
            #expect((a + s).startsWithBytes(a) && (s + a).endsWithBytes(a))
        }
        #expect("本报讯".dropFirst().startsWithBytes("报") && !"本报".endsWithBytes("本报讯"))
    }

    /// The sixteen-byte control scan finds a control character wherever it is in text that has one (C0, DEL, C1,
    /// U+FFFE/U+FFFF; at the start, inside a block, across a block's end, at the very end) and none in text without.
    @Test func controlScanAgreesWithScalarsOnWhereControlsAre() {
        var rng = SystemRandomNumberGenerator()
        let controls: [Unicode.Scalar] = ["\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{FFFE}", "\u{FFFF}"]
        let harmless: [Unicode.Scalar] = ["\u{A0}", "\u{B7}", "\u{FFFD}", "\u{FFEE}", "\u{FF0C}", "\t", "\r"]
        for _ in 0..<2_000 {
            var scalars = Array(Self.text(&rng, length: Int.random(in: 0...60, using: &rng)).unicodeScalars)
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                scalars.insert(harmless.randomElement(using: &rng)!, at: Int.random(in: 0...scalars.count, using: &rng))
            }
            if Bool.random(using: &rng) {
                scalars.insert(controls.randomElement(using: &rng)!, at: Int.random(in: 0...scalars.count, using: &rng))
            }
            let s = String(String.UnicodeScalarView(scalars))
            let expected = s.unicodeScalars.contains(where: TextDecoding.isControl)
            let found = Array(s.utf8).withUnsafeBufferPointer(TextDecoding.mayHoldControl)
            #expect(found == expected, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

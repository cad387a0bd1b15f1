import Testing
@testable import HysiteKit

/// The year a page names most often (`2023年`), read on its bytes, is the one the scalar-by-scalar count found.
@Suite struct PageYearTests {
    /// Digits and digit pairs that start years, `年`, signs, full-width digits, and Han characters whose UTF-8 starts
    /// with the same byte as `年`'s (`E5`: `嘉`, `年` itself).
    static let pieces = ["19", "20", "21", "18", "0", "8", "9", "+", "-", "年", "年", "月", "日", "１", "９", "０", "，", " ", "\n", "嘉", "衡", "a"]

    @Test func byteCountMatchesScalarCount() {
        var rng = SystemRandomNumberGenerator()
        var named = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            let year = PageDating.mostNamedYear(text)
            if year != nil { named += 1 }
            #expect(year == LegacyDating.mostNamedYear(text), "\(text.debugDescription)")
        }
        #expect(named > 0, "the random texts name a year")
    }

    /// Ties go to the first named; a fifth digit before, a full-width digit or a year out of range does not count.
    @Test(arguments: [
        (text: "2019年，2020年，2020年", year: 2020 as Int?),
        (text: "2020年和2019年", year: 2020 as Int?),
        (text: "12019年", year: nil),
        (text: "２０１９年", year: nil),
        (text: "1899年与2100年", year: nil),
        (text: "衡阳2008年1月", year: 2008 as Int?),
    ])
    func namedForms(_ c: (text: String, year: Int?)) {
        #expect(PageDating.mostNamedYear(c.text) == c.year)
    }
}

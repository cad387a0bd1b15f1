import Testing
@testable import HysiteKit

/// The parser's bit set of scalars answers as a `Set` of the same scalars would, across the planes.
@Suite struct ScalarSetTests {
    @Test func membershipIsASetsMembership() {
        var rng = SystemRandomNumberGenerator()
        func scalar() -> Unicode.Scalar {
            let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x4E00...0x4E40, 0xFF00...0xFFFF, 0x1F600...0x1F610, 0x20000...0x20010]
            return Unicode.Scalar(UInt32.random(in: ranges.randomElement(using: &rng)!, using: &rng))!
        }
        for _ in 0..<200 {
            let members = (0..<Int.random(in: 0...30, using: &rng)).map { _ in scalar() }
            let bits = ScalarSet(members), set = Set(members)
            for _ in 0..<200 {
                let s = scalar()
                #expect(bits.contains(s) == set.contains(s), "\(s.value) in \(members.map(\.value))")
            }
            for s in members { #expect(bits.contains(s)) }
        }
        #expect(!ScalarSet([]).contains("\u{0}") && ScalarSet(["\u{FFFF}", "\u{10FFFF}"]).contains("\u{10FFFF}"))
    }
}

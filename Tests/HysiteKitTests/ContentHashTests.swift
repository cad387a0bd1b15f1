import Testing
@testable import HysiteKit

/// The content hash that tells a page or input changed: every byte counts, wherever it lies (in any of the four lanes
/// or in the last bytes after them), and so does the length.
@Suite struct ContentHashTests {
    @Test func changingAnyByteChangesTheHash() {
        var rng = SystemRandomNumberGenerator()
        for length in Array(0...70) + [127, 128, 129, 1_000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let hash = ContentHash.hex(bytes)
            #expect(hash.count == 16)
            #expect(ContentHash.hex(Array(bytes)) == hash, "the same bytes, the same hash")
            for k in 0..<length {
                var changed = bytes
                changed[k] ^= UInt8.random(in: 1...255, using: &rng)
                #expect(ContentHash.hex(changed) != hash, "byte \(k) of \(length) changed")
            }
            #expect(ContentHash.hex(bytes + [0]) != hash, "a zero byte added to \(length)")
        }
    }

    @Test func aSliceHashesAsTheSameBytesInAnArray() {
        let bytes = Array("衡阳晚报讯（全媒体记者 陈润）三月二十二日上午，市委常委会召开会议。".utf8)
        #expect(ContentHash.hex(bytes[3...]) == ContentHash.hex(Array(bytes[3...])))
    }
}

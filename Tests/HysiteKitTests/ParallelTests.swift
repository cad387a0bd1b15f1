import Testing
@testable import HysiteKit

/// Work spread over the cores comes back as one thread would have made it.
@Suite struct ParallelTests {
    /// `Parallel.map` gives every index's value in order, for counts below, at and above its chunk count.
    @Test func parallelMapKeepsOrder() {
        for n in [0, 1, 7, 8, 9, 1_000] {
            #expect(Parallel.map(n) { "\($0)" } == (0..<n).map { "\($0)" })
        }
    }

    /// `Parallel.halves` cuts `0..<n` into two ranges that cover it in order, the first half first.
    @Test func halvesCoverTheRangeInOrder() {
        for n in [0, 1, 2, 7, 1_000] {
            let parts = Parallel.halves(n) { $0 }
            #expect(parts.count == 2 && parts[0].lowerBound == 0 && parts[0].upperBound == parts[1].lowerBound && parts[1].upperBound == n)
            #expect(parts[0].count == n / 2)
        }
    }
}

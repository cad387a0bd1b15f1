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
}

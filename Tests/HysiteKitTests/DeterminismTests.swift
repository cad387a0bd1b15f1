import Foundation
import Testing
@testable import HysiteKit

@Suite struct DeterminismTests {
    /// Two builds of the same input are byte-identical, whatever order the pages are listed in.
    @Test func sameInputSameBytes() throws {
        let disk = LocalFileSystem()
        var pages: [String: String] = [:]
        for f in try disk.files(under: repoRoot + "/seeds") {
            pages[f] = String(decoding: try disk.read(repoRoot + "/seeds/" + f), as: UTF8.self)
        }
        let a = try buildInMemory(pages: pages).1
        let b = try buildInMemory(pages: pages).1
        #expect(a.count == b.count && a.count > 40)
        for (k, v) in a { #expect(b[k] == v, "\(k)") }
    }
}

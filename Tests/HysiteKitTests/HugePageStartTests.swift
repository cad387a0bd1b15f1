import Foundation
import Testing
@testable import HysiteKit

@Suite struct HugePageStartTests {
    /// A start's environment and kernel setting, and what hysite should do.
    struct StartCase: CustomTestStringConvertible, Sendable {
        let name: String, environment: [String: String], thpMode: String?, expected: HugePageStart
        var testDescription: String { name }
    }

    static let madvise = "always [madvise] never\n"
    static let cases: [StartCase] = [
        StartCase(name: "no tunables: restart with the tunable, remembering there were none", environment: ["HOME": "/root"],
                  thpMode: madvise, expected: .restart(set: ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=1", "HYSITE_GLIBC_TUNABLES_BEFORE": ""])),
        StartCase(name: "the user's own tunables are kept and remembered", environment: ["GLIBC_TUNABLES": "glibc.malloc.check=0"],
                  thpMode: "[always] madvise never\n",
                  expected: .restart(set: ["GLIBC_TUNABLES": "glibc.malloc.check=0:glibc.malloc.hugetlb=1",
                                           "HYSITE_GLIBC_TUNABLES_BEFORE": "glibc.malloc.check=0"])),
        StartCase(name: "the user turned huge pages off", environment: ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"],
                  thpMode: madvise, expected: .goOn),
        StartCase(name: "the kernel gives no huge pages", environment: [:], thpMode: "always madvise [never]\n", expected: .goOn),
        StartCase(name: "no such kernel setting", environment: [:], thpMode: nil, expected: .goOn),
        StartCase(name: "restarted, the user had none: both variables unset",
                  environment: ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=1", "HYSITE_GLIBC_TUNABLES_BEFORE": ""], thpMode: madvise,
                  expected: .restore(set: ["GLIBC_TUNABLES": nil, "HYSITE_GLIBC_TUNABLES_BEFORE": nil])),
        StartCase(name: "restarted, the user had some: theirs back",
                  environment: ["GLIBC_TUNABLES": "glibc.malloc.check=0:glibc.malloc.hugetlb=1", "HYSITE_GLIBC_TUNABLES_BEFORE": "glibc.malloc.check=0"],
                  thpMode: madvise, expected: .restore(set: ["GLIBC_TUNABLES": "glibc.malloc.check=0", "HYSITE_GLIBC_TUNABLES_BEFORE": nil])),
    ]

    @Test(arguments: cases) func startDecides(_ c: StartCase) {
        #expect(HugePageStart.decide(environment: c.environment, thpMode: c.thpMode) == c.expected)
    }

    /// The environment a running hysite was (re)started with, as the kernel keeps it, and its process.
    static func startedEnvironment(extra: [String: String]) throws -> (environment: [String], process: Process) {
        let tmp = NSTemporaryDirectory() + "hysite-hugepages-\(UUID().uuidString)"
        try CrashSafetyTests.makeCorpus("\(tmp)/big", pages: 300)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CrashSafetyTests.binary)
        p.arguments = ["build", "--input", "\(tmp)/big", "--output", "\(tmp)/site", "--templates", repoRoot + "/Templates",
                       "--no-search", "--config", "\(tmp)/none.yml", "-q"]
        p.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GLIBC_") }.merging(extra) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Once the build holds its lock it has restarted (that comes first) and is building.
        let lockFile = "\(tmp)/.site.hysite-lock"
        for _ in 0..<400 where (try? String(contentsOfFile: lockFile, encoding: .utf8)) != "\(p.processIdentifier)\n" {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(p.processIdentifier)/environ"))) ?? Data()
        p.waitUntilExit()
        try? FileManager.default.removeItem(atPath: tmp)
        return (environment: bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }, process: p)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CrashSafetyTests.binary)
                   && ((try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8))?.contains("[never]") == false),
                   "needs the debug binary (swift build) and a kernel with transparent huge pages"))
    func buildRunsWithHugePagesUnlessTurnedOff() throws {
        let on = try Self.startedEnvironment(extra: [:])
        #expect(on.process.terminationStatus == 0)
        #expect(on.environment.filter { $0.hasPrefix("GLIBC_TUNABLES=") } == ["GLIBC_TUNABLES=glibc.malloc.hugetlb=1"], "restarted with the tunable")
        let off = try Self.startedEnvironment(extra: ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"])
        #expect(off.process.terminationStatus == 0)
        #expect(off.environment.filter { $0.hasPrefix("GLIBC_TUNABLES=") || $0.hasPrefix("HYSITE_GLIBC_TUNABLES_BEFORE=") }
                == ["GLIBC_TUNABLES=glibc.malloc.hugetlb=0"], "not restarted when the user chose")
    }
}

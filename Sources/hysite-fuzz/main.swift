// hysite-fuzz: feeds arbitrary bytes through TextDecoding → PageParser → Pipeline.parse → Markdown and checks
// the invariants in Invariants.swift.
//
// Built by scripts/fuzz.sh with `-sanitize=fuzzer -DHYSITE_FUZZ` it is a libFuzzer binary (all libFuzzer
// flags work: `hysite-fuzz CORPUS_DIR -max_total_time=60`, or `hysite-fuzz CRASH_FILE` to rerun one input).
// In a plain `swift build` (no libFuzzer) it replays files: `hysite-fuzz FILE|DIR ...`.
import Foundation

#if HYSITE_FUZZ
import CFuzzDriver

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    Invariants.check(size == 0 ? Data() : Data(bytes: data!, count: size))
    return 0
}
exit(status)
#else
let args = Array(CommandLine.arguments.dropFirst())
if args.isEmpty || args.contains(where: { $0 == "-h" || $0 == "--help" }) {
    print("usage: hysite-fuzz FILE|DIR ...   replays inputs through the fuzz checks (scripts/fuzz.sh fuzzes)")
    exit(args.isEmpty ? 2 : 0)
}
var inputs: [String] = []
for a in args {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: a, isDirectory: &isDir) else {
        FileHandle.standardError.write(Data("hysite-fuzz: no such file or folder: \(a)\n".utf8))
        exit(2)
    }
    if isDir.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: a)) ?? []
        inputs += names.sorted().map { "\(a)/\($0)" }.filter {
            var d: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue
        }
    } else {
        inputs.append(a)
    }
}
for path in inputs {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("hysite-fuzz: cannot read \(path)\n".utf8))
        exit(2)
    }
    print("hysite-fuzz: \(path) (\(data.count) bytes)")
    Invariants.check(data)
}
print("hysite-fuzz: \(inputs.count) inputs, all invariants hold")
#endif

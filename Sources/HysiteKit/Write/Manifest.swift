/// What the last build read and wrote, kept inside the output folder (`.hysite-manifest`) so it is swapped in
/// with the site. A rebuild with the same inputs writes nothing; otherwise only files whose bytes changed are
/// rewritten and files that no longer exist are removed.
public struct Manifest: Sendable, Equatable {
    public static let fileName = ".hysite-manifest"
    /// Bump when the output format changes, so an old manifest never matches.
    public static let formatVersion = "hysite-manifest 1"

    /// Hash of everything the build read: page files (by path), templates, config, people file, version.
    public var inputs: String
    /// Output path → content hash.
    public var outputs: [String: String]

    public init(inputs: String, outputs: [String: String]) {
        self.inputs = inputs
        self.outputs = outputs
    }

    /// `hysite-manifest 1\ninputs <hash>\n<hash> <path>\n…`, paths sorted.
    public func encoded() -> [UInt8] {
        var s = "\(Manifest.formatVersion)\ninputs \(inputs)\n"
        for k in outputs.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { s += "\(outputs[k]!) \(k)\n" }
        return Array(s.utf8)
    }

    public static func decode(_ bytes: [UInt8]) -> Manifest? {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first == Substring(formatVersion) else { return nil }
        lines = lines.dropFirst()
        guard let inputLine = lines.first, inputLine.hasPrefix("inputs ") else { return nil }
        lines = lines.dropFirst()
        var outputs: [String: String] = [:]
        outputs.reserveCapacity(lines.count)
        for l in lines {
            guard let sp = l.firstIndex(of: " ") else { return nil }
            outputs[String(l[l.index(after: sp)...])] = String(l[..<sp])
        }
        return Manifest(inputs: String(inputLine.dropFirst("inputs ".count)), outputs: outputs)
    }
}

/// 64-bit FNV-1a over bytes, as 16 hex digits: fast, stable across runs and machines.
public enum ContentHash {
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex($0) }
    }
}

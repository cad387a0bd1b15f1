/// What the last build read and wrote, kept inside the output folder (`.hysite-manifest`) so it is swapped in
/// with the site. A rebuild with the same inputs writes nothing; otherwise only pages whose view model changed
/// are rendered, only files whose bytes changed are rewritten, and files that no longer exist are removed.
public struct Manifest: Sendable, Equatable {
    /// The manifest's file name inside the site.
    public static let fileName = ".hysite-manifest"
    /// Bump when the output format changes, so an old manifest never matches.
    public static let formatVersion = "hysite-manifest 2"

    /// Hash of everything the build read: page files (by path), templates, config, people file, version.
    public var inputs: String
    /// Hash of what turns a view model into bytes (templates, settings, hysite's version): model hashes from a
    /// build with another one are not reused.
    public var render: String
    /// Output path → content hash.
    public var outputs: [String: String]
    /// Output path → hash of the view model it was rendered from.
    public var models: [String: String]

    /// A manifest of a build.
    public init(inputs: String, render: String = "", outputs: [String: String], models: [String: String] = [:]) {
        self.inputs = inputs
        self.render = render
        self.outputs = outputs
        self.models = models
    }

    /// `hysite-manifest 2\ninputs <hash>\nrender <hash>\n<hash> <model hash or -> <path>\n…`, paths sorted.
    public func encoded() -> [UInt8] {
        var s = "\(Manifest.formatVersion)\ninputs \(inputs)\nrender \(render)\n"
        for k in outputs.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            s += "\(outputs[k]!) \(models[k] ?? "-") \(k)\n"
        }
        return Array(s.utf8)
    }

    /// The manifest in `bytes`, or nil when they are not a whole manifest of this format.
    public static func decode(_ bytes: [UInt8]) -> Manifest? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasSuffix("\n") else { return nil }  // truncated
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first == Substring(formatVersion) else { return nil }
        lines = lines.dropFirst()
        guard let inputLine = lines.first, inputLine.hasPrefix("inputs ") else { return nil }
        lines = lines.dropFirst()
        guard let renderLine = lines.first, renderLine.hasPrefix("render ") else { return nil }
        lines = lines.dropFirst()
        var outputs: [String: String] = [:], models: [String: String] = [:]
        outputs.reserveCapacity(lines.count)
        models.reserveCapacity(lines.count)
        for l in lines {
            let parts = l.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].utf8.count == 16, parts[1].utf8.count == 16 || parts[1] == "-" else { return nil }
            let path = String(parts[2])
            outputs[path] = String(parts[0])
            if parts[1] != "-" { models[path] = String(parts[1]) }
        }
        return Manifest(inputs: String(inputLine.dropFirst("inputs ".count)), render: String(renderLine.dropFirst("render ".count)),
                        outputs: outputs, models: models)
    }
}

/// 64-bit FNV-1a over bytes, as 16 hex digits: fast, stable across runs and machines.
public enum ContentHash {
    /// The hash of `bytes`.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The hash of `bytes` (contiguous).
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex($0) }
    }
}

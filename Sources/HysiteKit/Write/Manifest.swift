/// What the last build read and wrote, kept inside the output folder (`.hysite-manifest`) so it is swapped in
/// with the site. A rebuild with the same inputs writes nothing; otherwise only pages whose view model changed
/// are rendered, only files whose bytes changed are rewritten, and files that no longer exist are removed.
public struct Manifest: Sendable, Equatable {
    /// The manifest's file name inside the site.
    public static let fileName = ".hysite-manifest"
    /// Bump when the output format changes, so an old manifest never matches.
    public static let formatVersion = "hysite-manifest 3"

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

    /// `hysite-manifest 3\ninputs <hash>\nrender <hash>\n<hash> <model hash or dependency key, or -> <path>\n…`, paths sorted.
    public func encoded() -> [UInt8] { encoded(order: sortedPaths()) }

    /// The output paths in the manifest's order (byte order).
    public func sortedPaths() -> [String] { outputs.keys.sorted { $0.bytesPrecede($1) } }

    /// The manifest's bytes, its paths in `order` (`sortedPaths()`, kept from a build with the very same paths).
    func encoded(order: [String]) -> [UInt8] {
        var out = Array("\(Manifest.formatVersion)\ninputs \(inputs)\nrender \(render)\n".utf8)
        // Two halves at once: looking each path up in the two tables (153,000 of them at 100,000 articles) was
        // most of it, 0.1 s on one thread.
        let parts = Parallel.halves(order.count) { lines(order[$0]) }
        out.reserveCapacity(out.count + parts[0].count + parts[1].count)
        out += parts[0]
        out += parts[1]
        return out
    }

    /// The body lines of the paths in `order`.
    private func lines(_ order: ArraySlice<String>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(order.count * 96)
        func put(_ s: String) {
            var s = s
            s.withUTF8 { out.append(contentsOf: $0) }
        }
        for k in order {
            put(outputs[k]!)
            out.append(0x20)
            put(models[k] ?? "-")
            out.append(0x20)
            put(k)
            out.append(0x0A)
        }
        return out
    }

    /// The manifest in `bytes`, or nil when they are not a whole manifest of this format (read on bytes: at
    /// 153,000 pages splitting it as a String cost a second).
    public static func decode(_ bytes: [UInt8]) -> Manifest? { decodeWithOrder(bytes)?.manifest }

    /// The manifest in `bytes` and its paths in the order read when that is `sortedPaths()`'s order (as hysite
    /// writes it; empty otherwise): a build that keeps every path then writes them in that order without sorting.
    static func decodeWithOrder(_ bytes: [UInt8]) -> (manifest: Manifest, order: [String])? {
        bytes.withUnsafeBufferPointer { buf -> (manifest: Manifest, order: [String])? in
            guard buf.last == UInt8(ascii: "\n"), let (inputs, render, bodyStart) = header(buf) else { return nil }
            // Room for every line made first: growing the two tables entry by entry was a third of reading them.
            var lines = 0, at = bodyStart
            while let end = buf.index(of: 0x0A, from: at) { lines += 1; at = end + 1 }
            var outputs: [String: String] = [:], models: [String: String] = [:], order: [String] = []
            outputs.reserveCapacity(lines)
            models.reserveCapacity(lines)
            order.reserveCapacity(lines)
            var sorted = true
            var lineStart = bodyStart
            while lineStart < buf.count {
                let end = buf.index(of: 0x0A, from: lineStart)!  // the last byte is a line end
                if end > lineStart {
                    guard let (path, hash, model) = entry(UnsafeBufferPointer(rebasing: buf[lineStart..<end])) else { return nil }
                    outputs[path] = hash
                    if let model { models[path] = model }
                    if sorted, let last = order.last, !last.bytesPrecede(path) { sorted = false }
                    if sorted { order.append(path) }
                }
                lineStart = end + 1
            }
            return (manifest: Manifest(inputs: inputs, render: render, outputs: outputs, models: models), order: sorted ? order : [])
        }
    }

    /// The inputs and render hashes of a manifest's first lines, without reading the rest (enough to tell that
    /// nothing changed); nil when they are not this format's.
    public static func header(_ bytes: [UInt8]) -> (inputs: String, render: String)? {
        bytes.withUnsafeBufferPointer { header($0).map { (inputs: $0.inputs, render: $0.render) } }
    }

    static func header(_ buf: UnsafeBufferPointer<UInt8>) -> (inputs: String, render: String, bodyStart: Int)? {
        var lines: [String] = []
        var start = 0
        while lines.count < 3, start < buf.count {
            var end = start
            while end < buf.count, buf[end] != UInt8(ascii: "\n") { end += 1 }
            guard end < buf.count else { return nil }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self))
            start = end + 1
        }
        guard lines.count == 3, lines[0] == formatVersion, lines[1].hasPrefix("inputs "), lines[2].hasPrefix("render ") else { return nil }
        return (inputs: String(lines[1].dropFirst("inputs ".count)), render: String(lines[2].dropFirst("render ".count)), bodyStart: start)
    }

    /// One `<hash> <model hash or dependency key, or -> <path>` line.
    static func entry(_ line: UnsafeBufferPointer<UInt8>) -> (path: String, hash: String, model: String?)? {
        guard line.count > 18, line[16] == UInt8(ascii: " ") else { return nil }
        let modelLength = line[17] == UInt8(ascii: "-") ? 1 : 16
        guard line.count > 18 + modelLength, line[17 + modelLength] == UInt8(ascii: " ") else { return nil }
        let hash = String(decoding: UnsafeBufferPointer(rebasing: line[0..<16]), as: UTF8.self)
        let model = modelLength == 16 ? String(decoding: UnsafeBufferPointer(rebasing: line[17..<33]), as: UTF8.self) : nil
        let path = String(decoding: UnsafeBufferPointer(rebasing: line[(18 + modelLength)...]), as: UTF8.self)
        return (path: path, hash: hash, model: model)
    }
}

/// A 64-bit hash of bytes, as 16 hex digits: eight bytes a step (`ModelHasher`'s), stable across runs and machines.
/// Byte-at-a-time FNV-1a cost 4% of a rebuild at 100,000 articles (cache checksums, page files, written files).
public enum ContentHash {
    /// The hash of `bytes`.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let hash = bytes.withContiguousStorageIfAvailable({ hex(UnsafeRawBufferPointer($0)) }) { return hash }
        return hex(Array(bytes))
    }

    /// The hash of `bytes` (contiguous).
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex($0) }
    }

    /// The hash of raw bytes: four lanes of eight bytes, each mixed as `ModelHasher` mixes a word, then the lanes and
    /// the last bytes through `ModelHasher`. The lanes' multiplies run side by side (one chain waited on each multiply
    /// before the next: hashing a clean build's 2 GB of pages took 2 % of its CPU).
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f, 0x1656_67b1_9e37_79f9)
        @inline(__always) func mix(_ h: inout UInt64, _ w: UInt64) {
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        let n = bytes.count
        var i = 0
        while i + 32 <= n {
            mix(&lanes.0, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            mix(&lanes.1, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
            mix(&lanes.2, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)))
            mix(&lanes.3, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)))
            i += 32
        }
        var hasher = ModelHasher()
        hasher.add(n)
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { hasher.add(Int(truncatingIfNeeded: lane)) }
        hasher.add(UnsafeRawBufferPointer(rebasing: bytes[i...]))
        return hasher.hex
    }
}

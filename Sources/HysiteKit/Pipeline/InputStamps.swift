import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `stat` says of a file: enough to tell, as git's index does, that it was not touched since it was hashed.
public struct FileStamp: Sendable, Hashable {
    /// Size in bytes.
    public var size: Int64
    /// Last modification, in nanoseconds since 1970.
    public var modified: Int64
    /// Last change of the file or its metadata, in nanoseconds since 1970: unlike `modified`, no tool can set it back.
    public var changed: Int64
    /// The file's inode: a file replaced by another (rename over it) gets another.
    public var inode: UInt64

    /// A stamp from its parts.
    public init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }
}

/// The page files' stamps and content hashes from the last build (`.site.hysite-cache/inputs`): a build whose
/// page files all stat as then takes their hashes from here instead of reading 339 MB to hash them (nothing
/// changed at 100,000 articles: 3.1 s, mostly reading and hashing). A file modified within a second before the
/// build that hashed it is not trusted (its stamp could hide a second edit in the same clock tick) and is read
/// again; a damaged file or one from another hysite is ignored.
enum InputStamps {
    static func path(_ folder: String) -> String { "\(folder)/inputs" }
    static var header: String { "hysite-inputs 1 \(HysiteInfo.build)" }
    /// Stamps younger than this (before the build that took them) are not kept.
    static let settleNanoseconds: Int64 = 1_000_000_000

    /// One page file as hashed: its stamp then, and the hash of its bytes.
    struct Entry: Sendable, Equatable {
        var stamp: FileStamp
        var hash: String
    }

    /// The kept stamps by page path (as listed); empty when missing, damaged or from another hysite.
    static func load(folder: String, fs: FileSystem) -> [String: Entry] {
        ParseCache.withHashedBody(path(folder), fs: fs) { buf -> [String: Entry] in
            var lines = ByteLines(buf)
            guard let first = lines.next(), String(decoding: first, as: UTF8.self) == header else { return [:] }
            var out: [String: Entry] = [:]
            while let line = lines.next() {
                guard !line.isEmpty else { continue }
                let f = ByteLines.split(line, on: 0x09, keepEmpty: true)
                guard f.count == 6, let size = number(f[1]), let modified = number(f[2]), let changed = number(f[3]),
                      let inode = number(f[4]), inode >= 0, f[5].count == 16 else { return [:] }
                out[String(decoding: f[0], as: UTF8.self)] = Entry(stamp: FileStamp(size: size, modified: modified, changed: changed, inode: UInt64(inode)),
                                                                   hash: String(decoding: f[5], as: UTF8.self))
            }
            return out
        } ?? [:]
    }

    /// A decimal number (an optional minus, then digits), or nil.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var digits = bytes[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        var n: Int64 = 0
        for b in digits {
            guard b >= 0x30, b <= 0x39 else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(b - 0x30))
            guard !o1, !o2 else { return nil }
            n = s
        }
        return negative ? -n : n
    }

    /// Each file's hash when its stamp is as kept (nil: it must be read and hashed).
    static func knownHashes(_ files: [String], stamps: [FileStamp?], kept: [String: Entry]) -> [String?] {
        zip(files, stamps).map { file, stamp in
            guard let stamp, let e = kept[file], e.stamp == stamp else { return nil }
            return e.hash
        }
    }

    /// Writes the stamps of files that settled before `start` (nanoseconds since 1970, taken before they were
    /// stat'ed); nothing when they are what was loaded.
    static func save(_ files: [String], stamps: [FileStamp?], hashes: [String?], start: Int64, loaded: [String: Entry],
                     folder: String, fs: FileSystem) {
        var rows = settled(files, stamps: stamps, hashes: hashes, start: start)
        guard rows.count != loaded.count || rows.contains(where: { loaded[$0.file] != $0.entry }) else { return }
        // Listed in byte order already, as a build lists them (sorting 25,000 paths was most of writing them).
        if zip(rows, rows.dropFirst()).contains(where: { !$0.file.bytesPrecede($1.file) }) { rows.sort { $0.file.bytesPrecede($1.file) } }
        var out = Array((header + "\n").utf8)
        out.reserveCapacity(rows.count * 96)
        for (file, e) in rows {
            out += file.utf8
            for n in [String(e.stamp.size), String(e.stamp.modified), String(e.stamp.changed), String(e.stamp.inode)] {
                out.append(0x09)
                out += n.utf8
            }
            out.append(0x09)
            out += e.hash.utf8
            out.append(0x0A)
        }
        try? fs.createDirectory(folder)
        ParseCache.writeHashed(out, to: path(folder), fs: fs)
    }

    /// The files (listed once each, as a build lists them) whose stamps settled before `start` and whose paths hold
    /// no tab or line break, with their stamps and hashes, in the order given.
    static func settled(_ files: [String], stamps: [FileStamp?], hashes: [String?], start: Int64) -> [(file: String, entry: Entry)] {
        var rows: [(file: String, entry: Entry)] = []
        rows.reserveCapacity(files.count)
        for (i, file) in files.enumerated() {
            guard let stamp = stamps[i], let hash = hashes[i], stamp.changed < start - settleNanoseconds, stamp.modified < start - settleNanoseconds,
                  !file.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { continue }
            rows.append((file: file, entry: Entry(stamp: stamp, hash: hash)))
        }
        return rows
    }

    /// Now, in nanoseconds since 1970 (the clock file times are made from): only to judge which stamps settled.
    static func now() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }
}

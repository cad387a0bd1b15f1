/// The checksum a cache file carries on its first line: four 64-bit lanes over 32-byte blocks, then the rest word by
/// word and byte by byte, and the length. Each step is a bijection of a lane's state for a given word, so any one
/// changed word changes the checksum. (`ContentHash`'s single chain cost 0.1 s of CPU on the 370 MB parse cache of
/// 100,000 articles; four independent chains run about as fast as memory is read.)
enum CacheChecksum {
    /// The checksum of `bytes`, as 16 hex digits.
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        func step(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let m = (h ^ w) &* k
            return m ^ (m >> 29)
        }
        // Each lane takes the word at its offset in every 32-byte block.
        var lanes: (at0: UInt64, at8: UInt64, at16: UInt64, at24: UInt64) =
            (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
        var i = 0
        let n = bytes.count
        while i + 32 <= n {
            lanes.at0 = step(lanes.at0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            lanes.at8 = step(lanes.at8, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            lanes.at16 = step(lanes.at16, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            lanes.at24 = step(lanes.at24, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var h = step(step(step(step(UInt64(n), lanes.at0), lanes.at8), lanes.at16), lanes.at24)
        while i + 8 <= n {
            h = step(h, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        while i < n {
            h = step(h, UInt64(bytes[i]) | 0x100)
            i += 1
        }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The checksum of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { hex($0) } }
}

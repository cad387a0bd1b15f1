/// Hashes a view model through the same field tables the templates read (64 bits over every field, sorted by
/// name, with lengths and tags between them: eight bytes a step, each step a bijection of the state, so a change
/// within one word always changes the hash; the tail byte by byte, FNV-1a). Two models with the same hash render the same bytes
/// under the same templates, so a rebuild skips rendering a page whose model hash is unchanged.
struct ModelHasher {
    private var h: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash so far, as 16 hex digits.
    var hex: String {
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The hash so far.
    var value: UInt64 { h }

    /// Adds raw bytes.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
    }

    /// Adds a number (its eight bytes).
    mutating func add(_ n: Int) {
        withUnsafeBytes(of: n.littleEndian) { add($0) }
    }

    /// Adds a string, with its length first so that neighbours cannot run together. Its UTF-8 is read where it
    /// lies when it is contiguous (copying the string into a `var` for `withUTF8` retained and released it each time).
    mutating func add(_ s: String) {
        add(s.utf8.count)
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { add(UnsafeRawBufferPointer($0)) }
        if done == nil {
            var s = s
            s.withUTF8 { add(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Adds a tag byte: which kind of value (or absence) follows.
    mutating func tag(_ t: UInt8) {
        h = (h ^ UInt64(t)) &* 0x0000_0100_0000_01b3
    }

    /// Adds every field of the model at `p`, whose erased type is `type`, nested models and lists included.
    mutating func model(_ p: Ptr, _ type: ModelType) {
        if type.ordered.isEmpty, let dot = type.dot {
            slot(p, dot)
            return
        }
        for field in type.ordered {
            add(field.name)
            slot(p, field.slot)
        }
    }

    /// Adds one field's value.
    mutating func slot(_ p: Ptr, _ slot: Slot) {
        switch slot {
        case .text(let get):
            if let s = get(p) { tag(1); add(s) } else { tag(0) }
        case .number(let get):
            if let n = get(p) { tag(2); add(n) } else { tag(0) }
        case .flag(let get):
            if let f = get(p) { tag(f ? 3 : 4) } else { tag(0) }
        case .html(let get):
            if let b = get(p) { tag(5); add(b.count); b.withUnsafeBytes { add($0) } } else { tag(0) }
        case .model(let type, let visit):
            var nested = self
            let present = visit(p) { nested.tag(6); nested.model($0, type) }
            self = nested
            if !present { tag(0) }
        case .list(let type, let access):
            tag(7)
            add(access.count(p))
            var nested = self
            access.visit(p, .all) { nested.model($0, type) }
            self = nested
        }
    }
}

import Foundation

extension PeopleLinks {
    /// The names a body is searched for, in one byte pool (one allocation for all of an article's people).
    struct Needles {
        private(set) var pool: [UInt8] = []
        private(set) var spans: [(start: Int, count: Int)] = []

        /// Makes room for `names` needles of `bytes` bytes in all.
        mutating func reserve(names: Int, bytes: Int) {
            spans.reserveCapacity(names)
            pool.reserveCapacity(bytes)
        }

        /// Adds a name's UTF-8.
        mutating func add(_ name: String) {
            pool.append(contentsOf: name.utf8)
            spans.append((start: pool.count - name.utf8.count, count: name.utf8.count))
        }

        /// Adds a needle's bytes.
        mutating func add(_ bytes: [UInt8]) {
            pool.append(contentsOf: bytes)
            spans.append((start: pool.count - bytes.count, count: bytes.count))
        }

        /// Every place where a needle (two bytes or more) occurs in `haystack`, overlapping ones included, in order
        /// of place and, at one place, of needle. When every needle has three bytes or more and starts a character
        /// (every name does), sixteen places at a time are matched against the needles' second and third bytes
        /// (`Heads`), and only where one matches are the needles compared; else each character is looked at (`Scan`).
        func occurrences(in haystack: UnsafeBufferPointer<UInt8>) -> [(at: Int, needle: Int)] {
            var found: [(at: Int, needle: Int)] = []
            guard !spans.isEmpty, haystack.count > 0 else { return found }
            found.reserveCapacity(32)
            pool.withUnsafeBufferPointer { pool in
                let names = spans.allSatisfy { $0.count >= 3 && pool[$0.start] & 0xC0 != 0x80 }
                if names {
                    Heads(pool: pool, spans: spans).scan(haystack) { compare($0, haystack, pool, into: &found) }
                } else {
                    Scan(haystack: haystack, pool: pool, spans: spans).run { compare($0, haystack, pool, into: &found) }
                }
            }
            return found
        }

        /// Appends the needles that occur at `at`, in order.
        func compare(_ at: Int, _ h: UnsafeBufferPointer<UInt8>, _ pool: UnsafeBufferPointer<UInt8>,
                     into found: inout [(at: Int, needle: Int)]) {
            for (k, s) in spans.enumerated() where at + s.count <= h.count && h[at] == pool[s.start] && h[at + 1] == pool[s.start + 1] {
                if memcmp(h.baseAddress! + at, pool.baseAddress! + s.start, s.count) == 0 { found.append((at: at, needle: k)) }
            }
        }
    }

    /// The needles' distinct second and third bytes, each repeated across sixteen lanes: a place followed by one of
    /// them is where a needle may start (two bytes of a Chinese character are the low 12 bits of its code point).
    struct Heads {
        typealias Lanes = SIMD16<UInt8>
        private var pairs: [(second: UInt8, third: UInt8)] = []

        init(pool: UnsafeBufferPointer<UInt8>, spans: [(start: Int, count: Int)]) {
            pairs.reserveCapacity(spans.count)
            for s in spans {
                let pair = (second: pool[s.start + 1], third: pool[s.start + 2])
                if !pairs.contains(where: { $0 == pair }) { pairs.append(pair) }
            }
        }

        /// Calls `found` with every place of `h` (in order) followed by a pair.
        func scan(_ h: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Void) {
            guard let base = h.baseAddress else { return }
            withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 2 * pairs.count) { lanes in
                for (k, p) in pairs.enumerated() {
                    lanes.initializeElement(at: 2 * k, to: Lanes(repeating: p.second))
                    lanes.initializeElement(at: 2 * k + 1, to: Lanes(repeating: p.third))
                }
                var at = 0
                while at &+ 34 <= h.count {
                    Self.report(Self.matches(UnsafeRawPointer(base + at), UnsafeBufferPointer(lanes)), from: at, found)
                    at &+= 32
                }
                // The last places from a copy padded with zeros (no name holds a zero byte); `found` checks the bytes.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { tail in
                    while at < h.count {
                        let rest = min(h.count - at, 34)
                        tail.initialize(repeating: 0)
                        tail.baseAddress!.update(from: base + at, count: rest)
                        let m = Self.matches(UnsafeRawPointer(tail.baseAddress!), UnsafeBufferPointer(lanes))
                        let end = h.count
                        Self.report(m, from: at) { if $0 < end { found($0) } }
                        at += 32
                    }
                }
            }
        }

        /// Calls `found` with each place a pass's `matches` marked (places `at`…`at + 31`), in order.
        @inline(__always)
        static func report(_ m: (places0: UInt64, places8: UInt64, places16: UInt64, places24: UInt64), from at: Int,
                           _ found: (Int) -> Void) {
            eachLane(m.places0) { found(at &+ $0) }
            eachLane(m.places8) { found(at &+ 8 &+ $0) }
            eachLane(m.places16) { found(at &+ 16 &+ $0) }
            eachLane(m.places24) { found(at &+ 24 &+ $0) }
        }

        /// Which of the 32 places from `p` are followed by one of the pairs (`lanes`: each pair's two bytes), as
        /// 0xFF bytes in four words (places 0–7, 8–15, 16–23, 24–31, in memory order). Two blocks of sixteen a pass:
        /// each pair's lanes are read once for both.
        @inline(__always)
        static func matches(_ p: UnsafeRawPointer, _ lanes: UnsafeBufferPointer<Lanes>)
            -> (places0: UInt64, places8: UInt64, places16: UInt64, places24: UInt64) {
            let second = (p + 1).loadUnaligned(as: Lanes.self), third = (p + 2).loadUnaligned(as: Lanes.self)
            let second2 = (p + 17).loadUnaligned(as: Lanes.self), third2 = (p + 18).loadUnaligned(as: Lanes.self)
            var m = SIMD16<Int8>(), m2 = SIMD16<Int8>()
            var pair = lanes.baseAddress!
            let end = pair + lanes.count
            while pair < end {
                let (b, c) = (pair[0], pair[1])
                m |= (second .== b)._storage & (third .== c)._storage
                m2 |= (second2 .== b)._storage & (third2 .== c)._storage
                pair += 2
            }
            let (w, w2) = (SpecialLanes.words(m), SpecialLanes.words(m2))
            return (places0: w.low, places8: w.high, places16: w2.low, places24: w2.high)
        }

        /// Calls `body` with the index of every 0xFF byte of `word`, lowest first.
        @inline(__always)
        static func eachLane(_ word: UInt64, _ body: (Int) -> Void) {
            var rest = word
            while rest != 0 {
                let lane = rest.trailingZeroBitCount >> 3
                body(lane)
                rest &= ~(0xFF << UInt64(lane << 3))
            }
        }
    }

    /// One search of a haystack, character by character, for needles of any bytes (of two bytes or more).
    struct Scan {
        let haystack: UnsafeBufferPointer<UInt8>
        /// Needles of two bytes have no third byte to look up: they are compared at every character.
        let anyShort: Bool
        /// Whether a needle starts with a continuation byte (never a name: they are whole characters).
        let inner: Bool
        /// The needles' second and third bytes (`key`): where a needle may start.
        private var bits = [UInt64](repeating: 0, count: 64)

        init(haystack: UnsafeBufferPointer<UInt8>, pool: UnsafeBufferPointer<UInt8>, spans: [(start: Int, count: Int)]) {
            self.haystack = haystack
            anyShort = spans.contains { $0.count < 3 }
            inner = spans.contains { pool[$0.start] & 0xC0 == 0x80 }
            for s in spans where s.count >= 3 {
                let k = Self.key(pool[s.start + 1], pool[s.start + 2])
                bits[k >> 6] |= 1 << UInt64(k & 63)
            }
        }

        /// The 4,096-bit table's key of a character's second and third bytes (for a Chinese character, the low
        /// 12 bits of its code point).
        static func key(_ b: UInt8, _ c: UInt8) -> Int { Int(b & 0x3F) << 6 | Int(c & 0x3F) }

        /// Calls `found` with every character (every byte, with `inner`) where a needle may start, in order.
        func run(_ found: (Int) -> Void) {
            let h = haystack
            let n = h.count
            var at = 0
            while at < n {
                let b = h[at]
                var next = at + 1
                if !inner {
                    if b & 0xC0 == 0x80 { at = next; continue }
                    if b & 0xF0 == 0xE0, at + 2 < n, h[at + 1] & 0xC0 == 0x80, h[at + 2] & 0xC0 == 0x80 { next = at + 3 }
                }
                if at + 2 < n {
                    let k = Self.key(h[at + 1], h[at + 2])
                    if anyShort || bits[k >> 6] & (1 << UInt64(k & 63)) != 0 { found(at) }
                } else if anyShort {
                    found(at)
                }
                at = next
            }
        }
    }

    /// The text nodes of one body, linked as they come: the places where names occur (`hits`), the names, which
    /// of them are linked, and a reusable window of scalars for the word checks.
    struct TextLinker {
        let html: UnsafeBufferPointer<UInt8>
        let hits: [Hit]
        let table: NameTable
        var linked: Linked
        /// The next hit not yet passed.
        var h = 0
        var window: [Unicode.Scalar] = []

        init(html: UnsafeBufferPointer<UInt8>, hits: [Hit], table: NameTable, linked: Linked) {
            self.html = html
            self.hits = hits
            self.table = table
            self.linked = linked
        }

        /// Appends the text node `range`: linked when it is outside links and holds a name, else copied.
        mutating func node(_ range: Range<Int>, outsideLinks: Bool, into out: inout some ByteSink) {
            while h < hits.count, hits[h].at < range.lowerBound { h += 1 }
            let first = h
            while h < hits.count, hits[h].at < range.upperBound { h += 1 }
            if outsideLinks, first < h {
                link(range, hits: first..<h, into: &out)
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: html[range]))
            }
        }

        /// One text node, names linked on their first mention; the text between links is copied as it came.
        /// It reads as a scan from left to right: at each character the longest name starting there is taken (and
        /// skipped whole, linked or not) unless it sits inside a longer word; character references (`&amp;`) are one
        /// character. The scan visits only the hits in the node, in order. A name linked already is not checked for
        /// a longer word when no other hit starts inside it: taken or not, the scan goes on past it the same way.
        mutating func link(_ range: Range<Int>, hits inNode: Range<Int>, into out: inout some ByteSink) {
            var scan = range.lowerBound, copied = range.lowerBound, h = inNode.lowerBound
            while h < inNode.upperBound, !linked.all {
                let (at, k) = (hits[h].at, hits[h].name)
                while h < inNode.upperBound, hits[h].at == at { h += 1 }  // the first at a place is the longest
                guard at >= scan, !insideReference(html, at: at, in: range) else { continue }
                let name = table[k]
                let end = at + name.bytes.count
                let decides = !linked[k] || (h < inNode.upperBound && hits[h].at < end)
                if decides, isInsideLongerWord(name, at: at, in: range) {
                    scan = at + 1
                    continue
                }
                if linked.insert(k) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<at]))
                    appendLink(name, into: &out)
                    copied = end
                }
                scan = end
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<range.upperBound]))
        }

        /// `<a class="person" href="…">name</a>`
        func appendLink(_ name: Name, into out: inout some ByteSink) {
            out.append(#"<a class="person" href=""#)
            out.append(utf8: name.href)
            out.append(#"">"#)
            name.bytes.withUnsafeBufferPointer { out.append(contentsOf: $0) }
            out.append("</a>")
        }

        /// Appends to `window` the scalars from byte `start` on while they are ASCII or three bytes long and well formed
        /// (every scalar of U+0800…U+FFFF but the surrogates: lead E1–EC or EE–EF, or E0 with A0–BF next, or ED with
        /// 80–9F next), up to `wanted` in the window; returns where it stopped.
        mutating func decodeCommon(from start: Int, to end: Int, wanted: Int) -> Int {
            var k = start
            while window.count < wanted, k < end {
                let b = html[k]
                if b < 0x80 {
                    window.append(Unicode.Scalar(b))
                    k += 1
                    continue
                }
                guard b & 0xF0 == 0xE0, k + 2 < end else { break }
                let (c, d) = (html[k + 1], html[k + 2])
                guard c & 0xC0 == 0x80, d & 0xC0 == 0x80, b != 0xE0 || c >= 0xA0, b != 0xED || c < 0xA0,
                      let scalar = Unicode.Scalar(UInt32(b & 0x0F) << 12 | UInt32(c & 0x3F) << 6 | UInt32(d & 0x3F)) else { break }
                window.append(scalar)
                k += 3
            }
            return k
        }

        /// Whether the name found at byte `at` of the node `range` sits inside a longer word
        /// (`PeopleFinder.isInsideLongerWord`, asked of the character before it, the name, and as many characters
        /// after as a following word can have).
        mutating func isInsideLongerWord(_ name: Name, at: Int, in range: Range<Int>) -> Bool {
            var start = at
            if start > range.lowerBound {
                start -= 1
                while start > range.lowerBound, html[start] & 0xC0 == 0x80 { start -= 1 }
            }
            let wanted = name.length + PeopleFinder.followingWordLength + (start < at ? 1 : 0)
            // The window's scalars, decoded from the bytes as `String(decoding:)` would (a bad sequence is U+FFFD) but
            // without making a String: ASCII and well-formed three-byte characters here, anything else by the parser.
            if window.isEmpty { window.reserveCapacity(wanted) } else { window.removeAll(keepingCapacity: true) }
            let k = decodeCommon(from: start, to: range.upperBound, wanted: wanted)
            var parser = Unicode.UTF8.ForwardParser()
            var input = UnsafeBufferPointer(rebasing: html[k..<range.upperBound]).makeIterator()
            decoding: while window.count < wanted {
                switch parser.parseScalar(from: &input) {
                case .valid(let encoded): window.append(Unicode.UTF8.decode(encoded))
                case .error: window.append("\u{FFFD}")
                case .emptyInput: break decoding
                }
            }
            return PeopleFinder.isInsideLongerWord(length: name.length, at: start < at ? 1 : 0, in: window)
        }
    }
}

/// A small, tolerant HTML tokenizer for `hysite check`: it reads any byte soup without failing and reports
/// start tags (name lowercased, attributes with entities decoded), end tags, text, comments and doctypes.
///
/// It follows the HTML tokenizer where it matters for finding links, ids and text:
/// - attribute values `"…"`, `'…'` or unquoted; a repeated attribute keeps its first value; `/>` is noted;
/// - comments `<!-- … -->` (also `<!-->`, `--!>`), `<!doctype …>`, `<!…>` / `<?…>` / `</1…>` bogus comments;
/// - `<script>`, `<style>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>` are raw text: their content is skipped
///   up to the matching end tag; `<title>` and `<textarea>` are escapable raw text: their content is one text token;
///   `<plaintext>` takes the rest of the document;
/// - a tag cut off by the end of the input is dropped, a `<` that starts no tag is text.
/// It does not build a tree. Text tokens are raw bytes (decode with `decodeEntities`); input is taken as UTF-8.
public enum HTMLScanner {
    /// One attribute of a tag: its name lowercased, its value with character references decoded.
    public struct Attribute: Sendable, Hashable {
        /// Lowercased (ASCII) attribute name.
        public var name: String
        /// The value, references decoded; empty when the attribute has none.
        public var value: String
        /// An attribute named `name` with the value `value`.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A start tag: its name, attributes, whether it ends in `/>`, and where it is.
    public struct Tag: Sendable {
        /// Lowercased (ASCII) tag name.
        public var name: String
        /// The attributes in order; a repeated one keeps its first value.
        public var attributes: [Attribute]
        /// True when the tag ends in `/>`.
        public var selfClosing: Bool
        /// Byte offset of the `<` in the input.
        public var offset: Int

        /// The value of the attribute `name` (lowercase), or nil when the tag has none.
        public func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    /// What the scanner reports, in the order of the input.
    public enum Token {
        case startTag(Tag)
        /// Name lowercased; attributes of end tags are read and dropped.
        case endTag(name: String, offset: Int)
        /// Raw text bytes (character references not decoded) and the byte offset where they start.
        case text(ArraySlice<UInt8>, offset: Int)
        case comment
        case doctype
    }

    static let rawTextElements: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes"]
    static let escapableRawTextElements: Set<String> = ["title", "textarea"]

    /// Tokens of `html`, in order, to `visit`.
    public static func scan(_ html: [UInt8], _ visit: (Token) -> Void) {
        html.withUnsafeBufferPointer { buf in
            var t = Tokenizer(html: html, cursor: Cursor(bytes: buf))
            while t.i < buf.count {
                guard buf[t.i] == lt else { t.i += 1; continue }
                t.markup(visit)
            }
            t.flush(buf.count, visit)
        }
    }

    /// Every start tag of `html`, for callers that need nothing else.
    public static func tags(_ html: [UInt8]) -> [Tag] {
        var out: [Tag] = []
        scan(html) { if case .startTag(let t) = $0 { out.append(t) } }
        return out
    }

    /// Where `scan` is: the byte it reads next and where the text not yet reported starts.
    private struct Tokenizer {
        let html: [UInt8]
        let cursor: Cursor
        /// The next byte to read.
        var i = 0
        /// Where the text not yet reported starts.
        var textStart = 0

        /// The input's length.
        var n: Int { cursor.bytes.count }

        /// Reports the text from `textStart` up to `end`, if there is any.
        func flush(_ end: Int, _ visit: (Token) -> Void) {
            if end > textStart { visit(.text(html[textStart..<end], offset: textStart)) }
        }

        /// Goes on reading at `end`, where text starts again.
        mutating func skip(to end: Int) {
            i = end
            textStart = end
        }

        /// Reports the text before `i` and stops: what follows is dropped (a tag cut off by the end of the input).
        mutating func stop(_ visit: (Token) -> Void) {
            flush(i, visit)
            skip(to: n)
        }

        /// Reads what the `<` at `i` starts: a start tag, an end tag, a comment or doctype, or nothing (text).
        mutating func markup(_ visit: (Token) -> Void) {
            let c = i + 1 < n ? cursor.bytes[i + 1] : 0
            if isAlpha(c) {
                startTag(visit)
            } else if c == slash {
                afterSlash(visit)
            } else if c == bang {
                afterBang(visit)
            } else if c == question {
                flush(i, visit)
                skip(to: cursor.bogusComment(from: i + 1))
                visit(.comment)
            } else {
                i += 1 // a `<` that starts nothing is text
            }
        }

        /// A start tag at `i`, then the content of a raw text element, or the rest of the input after `<plaintext>`.
        mutating func startTag(_ visit: (Token) -> Void) {
            guard let (tag, end) = cursor.tag(at: i, nameStart: i + 1) else {
                // Cut off by the end of the input: the tokenizer drops it.
                stop(visit)
                return
            }
            flush(i, visit)
            visit(.startTag(tag))
            skip(to: end)
            if tag.name == "plaintext" {
                flush(n, visit)
                skip(to: n)
                return
            }
            let raw = rawTextElements.contains(tag.name)
            if raw || escapableRawTextElements.contains(tag.name) {
                let close = cursor.findEndTag(Array(tag.name.utf8), from: end) ?? n
                if !raw { flush(close, visit) }
                skip(to: close)
            }
        }

        /// What `</` at `i` starts: an end tag, a dropped `</>`, text at the end of the input, or a bogus comment.
        mutating func afterSlash(_ visit: (Token) -> Void) {
            let d = i + 2 < n ? cursor.bytes[i + 2] : 0
            if isAlpha(d) {
                guard let (tag, end) = cursor.tag(at: i, nameStart: i + 2) else {
                    stop(visit)
                    return
                }
                flush(i, visit)
                visit(.endTag(name: tag.name, offset: i))
                skip(to: end)
            } else if d == gt {
                // `</>` is dropped.
                flush(i, visit)
                skip(to: i + 3)
            } else if i + 2 >= n {
                i += 2 // `</` at the end is text
            } else {
                flush(i, visit)
                skip(to: cursor.bogusComment(from: i + 2))
                visit(.comment)
            }
        }

        /// What `<!` at `i` starts: a comment, a doctype or a bogus comment.
        mutating func afterBang(_ visit: (Token) -> Void) {
            flush(i, visit)
            if cursor.hasPrefix("<!--", at: i) {
                skip(to: cursor.commentEnd(from: i + 4))
                visit(.comment)
            } else if cursor.hasPrefixIgnoringCase("<!doctype", at: i) {
                skip(to: cursor.bogusComment(from: i + 2))
                visit(.doctype)
            } else {
                skip(to: cursor.bogusComment(from: i + 2))
                visit(.comment)
            }
        }
    }

    // MARK: - Reading inside tags

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>

        func hasPrefix(_ s: StaticString, at i: Int) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            let p = s.utf8Start
            for k in 0..<n where bytes[i + k] != p[k] { return false }
            return true
        }

        func hasPrefixIgnoringCase(_ s: StaticString, at i: Int) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            let p = s.utf8Start
            for k in 0..<n where lower(bytes[i + k]) != p[k] { return false }
            return true
        }

        /// After a bogus comment or doctype starting at `i`: just past the next `>`, or the end.
        func bogusComment(from i: Int) -> Int {
            var j = i
            while j < bytes.count {
                if bytes[j] == gt { return j + 1 }
                j += 1
            }
            return bytes.count
        }

        /// After a comment whose text starts at `i` (just past `<!--`): past `-->` or `--!>`, or the end.
        /// `<!-->` and `<!--->` are (empty) comments too.
        func commentEnd(from i: Int) -> Int {
            let n = bytes.count
            if i < n && bytes[i] == gt { return i + 1 }
            if i + 1 < n && bytes[i] == dash && bytes[i + 1] == gt { return i + 2 }
            var j = i
            while j + 2 < n {
                if bytes[j] == dash && bytes[j + 1] == dash {
                    if bytes[j + 2] == gt { return j + 3 }
                    if bytes[j + 2] == bang && j + 3 < n && bytes[j + 3] == gt { return j + 4 }
                }
                j += 1
            }
            return n
        }

        /// The offset of `</name` (any case) followed by whitespace, `/` or `>`, from `i`; nil when there is none.
        func findEndTag(_ name: [UInt8], from i: Int) -> Int? {
            let n = bytes.count
            var j = i
            while j + 1 + name.count < n {
                if bytes[j] == lt && bytes[j + 1] == slash {
                    var k = 0
                    while k < name.count && lower(bytes[j + 2 + k]) == name[k] { k += 1 }
                    if k == name.count {
                        let after = j + 2 + k
                        if after >= n || isSpace(bytes[after]) || bytes[after] == slash || bytes[after] == gt { return j }
                    }
                }
                j += 1
            }
            return nil
        }

        /// A start or end tag whose `<` is at `start` and whose name starts at `nameStart`: the tag and the offset
        /// just past its `>`; nil when the input ends inside it.
        func tag(at start: Int, nameStart: Int) -> (tag: Tag, end: Int)? {
            let n = bytes.count
            var j = nameStart
            while j < n && !isSpace(bytes[j]) && bytes[j] != slash && bytes[j] != gt { j += 1 }
            let name = lowercased(nameStart, j)
            var attributes: [Attribute] = []
            var selfClosing = false
            while true {
                // Before an attribute name.
                while j < n && (isSpace(bytes[j]) || bytes[j] == slash) {
                    if bytes[j] == slash && j + 1 < n && bytes[j + 1] == gt { selfClosing = true }
                    j += 1
                }
                guard j < n else { return nil }
                if bytes[j] == gt { break }
                selfClosing = false
                // Attribute name; a leading `=` belongs to it.
                let nameStart = j
                j += 1
                while j < n && !isSpace(bytes[j]) && bytes[j] != slash && bytes[j] != gt && bytes[j] != eq { j += 1 }
                let attrName = lowercased(nameStart, j)
                while j < n && isSpace(bytes[j]) { j += 1 }
                var value = ""
                if j < n && bytes[j] == eq {
                    j += 1
                    while j < n && isSpace(bytes[j]) { j += 1 }
                    guard j < n else { return nil }
                    let q = bytes[j]
                    if q == dquote || q == squote {
                        let vs = j + 1
                        j = vs
                        while j < n && bytes[j] != q { j += 1 }
                        guard j < n else { return nil }
                        value = attributeValue(vs, j)
                        j += 1
                    } else if q != gt {
                        let vs = j
                        while j < n && !isSpace(bytes[j]) && bytes[j] != gt { j += 1 }
                        value = attributeValue(vs, j)
                    }
                }
                if !attributes.contains(where: { $0.name == attrName }) {
                    attributes.append(Attribute(name: attrName, value: value))
                }
            }
            return (tag: Tag(name: name, attributes: attributes, selfClosing: selfClosing, offset: start), end: j + 1)
        }

        func lowercased(_ a: Int, _ b: Int) -> String {
            var hasUpper = false
            for k in a..<b where bytes[k] >= 0x41 && bytes[k] <= 0x5A { hasUpper = true; break }
            let slice = UnsafeBufferPointer(rebasing: bytes[a..<b])
            if !hasUpper { return String(decoding: slice, as: UTF8.self) }
            return String(decoding: slice.map(lower), as: UTF8.self)
        }

        func attributeValue(_ a: Int, _ b: Int) -> String {
            let slice = UnsafeBufferPointer(rebasing: bytes[a..<b])
            if !slice.contains(amp) { return String(decoding: slice, as: UTF8.self) }
            return HTMLScanner.decodeEntities(slice, inAttribute: true)
        }
    }

    // MARK: - Character references

    /// Named references known here (the common ones; an unknown name is left as written).
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "AMP": "&", "LT": "<", "GT": ">", "QUOT": "\"",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "middot": "·",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "bull": "•",
        "times": "×", "divide": "÷", "deg": "°", "sect": "§", "para": "¶", "shy": "\u{AD}", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwj": "\u{200D}", "zwnj": "\u{200C}", "yen": "¥", "euro": "€",
        "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "hyphen": "‐", "sol": "/", "num": "#", "colon": ":",
        "lpar": "(", "rpar": ")", "period": ".", "comma": ",", "excl": "!", "quest": "?", "Tab": "\t", "NewLine": "\n",
    ]
    /// Names that are references even without `;` (the legacy ones among those above).
    static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "AMP", "LT", "GT", "QUOT", "copy", "reg", "laquo",
                                      "raquo", "middot", "times", "divide", "deg", "sect", "para", "shy", "yen"]
    /// What `&#128;`…`&#159;` mean (windows-1252), as browsers read them.
    static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Decodes character references (`&amp;`, `&#39;`, `&#x4E2D;`, …). In attribute values a legacy name without
    /// `;` followed by a letter, digit or `=` stays as written (`?a=1&copy=2`), as browsers do.
    public static func decodeEntities(_ text: some Collection<UInt8>, inAttribute: Bool = false) -> String {
        let b = Array(text)
        guard b.contains(amp) else { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        let n = b.count
        while i < n {
            guard b[i] == amp, i + 1 < n else { out.append(b[i]); i += 1; continue }
            if b[i + 1] == hash {
                // Numeric: &#123; or &#x7B; (the `;` may be missing).
                var j = i + 2
                var hex = false
                if j < n && (b[j] == 0x78 || b[j] == 0x58) { hex = true; j += 1 }
                let digitsStart = j
                var value: UInt32 = 0
                while j < n, let d = digit(b[j], hex: hex) {
                    value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + d
                    j += 1
                }
                guard j > digitsStart else { out.append(b[i]); i += 1; continue }
                if j < n && b[j] == semicolon { j += 1 }
                if value >= 0x80 && value <= 0x9F { value = windows1252[Int(value - 0x80)] }
                let scalar = (value == 0 || value > 0x10FFFF) ? nil : Unicode.Scalar(value)
                out.append(contentsOf: String(Character(scalar ?? "\u{FFFD}")).utf8)
                i = j
                continue
            }
            // Named: the longest known name, with `;` unless legacy.
            var j = i + 1
            while j < n && j - i <= 32 && isAlnum(b[j]) { j += 1 }
            let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
            if j < n && b[j] == semicolon, let v = named[name] {
                out.append(contentsOf: v.utf8)
                i = j + 1
                continue
            }
            // Legacy names without `;`: the longest prefix that is one.
            var matched = false
            var k = j
            while k > i + 1 {
                let prefix = String(decoding: b[(i + 1)..<k], as: UTF8.self)
                if legacy.contains(prefix), let v = named[prefix] {
                    let next: UInt8? = k < n ? b[k] : nil
                    if inAttribute, let c = next, isAlnum(c) || c == eq { break }
                    out.append(contentsOf: v.utf8)
                    i = k
                    matched = true
                    break
                }
                k -= 1
            }
            if !matched { out.append(b[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `text` (raw, references not yet decoded) shows something other than white space
    /// (`&nbsp;` and U+3000 are white space too).
    public static func hasVisibleText(_ text: some Collection<UInt8>) -> Bool {
        if text.contains(amp) {
            return decodeEntities(text).unicodeScalars.contains { !$0.properties.isWhitespace && !invisible.contains($0.value) }
        }
        var sawNonASCII = false
        for c in text {
            if isSpace(c) { continue }
            if c >= 0x80 { sawNonASCII = true; continue }
            return true
        }
        guard sawNonASCII else { return false }
        var it = text.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): if !s.properties.isWhitespace && !invisible.contains(s.value) { return true }
            case .error: return true
            case .emptyInput: return false
            }
        }
    }

    /// Zero-width characters that show nothing on their own.
    static let invisible: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD]
}

// MARK: - Bytes

private let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), bang = UInt8(ascii: "!")
private let question = UInt8(ascii: "?"), dash = UInt8(ascii: "-"), eq = UInt8(ascii: "="), amp = UInt8(ascii: "&")
private let hash = UInt8(ascii: "#"), semicolon = UInt8(ascii: ";"), dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'")

@inline(__always) private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
@inline(__always) private func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
@inline(__always) private func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || (c >= 0x30 && c <= 0x39) }
@inline(__always) private func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

@inline(__always) private func digit(_ c: UInt8, hex: Bool) -> UInt32? {
    if c >= 0x30 && c <= 0x39 { return UInt32(c - 0x30) }
    if hex {
        let l = c | 0x20
        if l >= 0x61 && l <= 0x66 { return UInt32(l - 0x61 + 10) }
    }
    return nil
}

import Foundation
import CCmark
import CCmarkArena

/// The body's way to HTML: the paper's text becomes Markdown with every special character escaped
/// (a `*` or `<` in the paper stays a `*` or `<`), then cmark renders it in its default safe mode.
public enum Markdown {
    /// Markdown source for paragraphs that cmark renders as the text itself: every character CommonMark could read
    /// as markup backslash-escaped (`escape(_:into:at:)`), paragraphs separated by blank lines, control characters
    /// dropped.
    public static func source(paragraphs: [String]) -> String {
        String(decoding: sourceBytes(paragraphs), as: UTF8.self)
    }

    /// The Markdown source as UTF-8 bytes, built byte by byte (the paper's text is valid UTF-8, so a scalar's
    /// bytes are copied as they come; only ASCII and the C1 controls, `C2 80`…`C2 9F`, are looked at).
    /// At most two bytes come out per byte in, so the output is written into one buffer of that size.
    static func sourceBytes(_ paragraphs: [String]) -> [UInt8] { sourceBytes(paragraphs, subheadings: [Int]()) }

    /// The Markdown source with the paragraphs at `subheadings` (indices, usually none) made subheadings.
    static func sourceBytes(_ paragraphs: [String], subheadings: some Collection<Int>) -> [UInt8] {
        let capacity = paragraphs.reduce(0) { $0 + 2 * $1.utf8.count + 2 } + 3 * subheadings.count
        return [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
            var o = 0
            for (i, p) in paragraphs.enumerated() {
                if i > 0 { buf[o] = 0x0A; buf[o + 1] = 0x0A; o += 2 }
                // A subheading inside the article: `## ` makes cmark write it as an <h2>.
                if subheadings.contains(i) { buf[o] = 0x23; buf[o + 1] = 0x23; buf[o + 2] = 0x20; o += 3 }
                var p = p
                p.withUTF8 { o = escape($0, into: buf.baseAddress!, at: o) }
            }
            count = o
        }
    }

    /// Writes one paragraph escaped at `out + start`; returns where it ended. Escaped: ASCII punctuation that
    /// CommonMark reads anywhere in a line (`isMarkupAnywhere`), any ASCII punctuation that starts the paragraph (a
    /// heading, quote, list, rule, fence or HTML block), and the `.` or `)` after leading digits (an ordered list).
    /// Other punctuation (`,` `(` `:` `-` …) stays bare: cmark renders it the same either way, and each escape
    /// splits cmark's text into one more node (escaping all of it cost a third of cmark's time on articles with
    /// ASCII commas). `ByteLevelTextTests` holds the HTML to that of the source with all punctuation escaped.
    static func escape(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, at start: Int) -> Int {
        guard let t = text.baseAddress else { return start }
        let n = text.count
        var o = start, i = 0
        var digitsOnly = true  // everything written so far is ASCII digits (an ordered list's number, if `.` or `)` follows)
        // Vector constants made here, whole: comparing lanes with a scalar went through generic code.
        let high = SIMD16<UInt8>(repeating: 0x80), zero = SIMD16<UInt8>(), c2 = SIMD16<UInt8>(repeating: 0xC2)
        while i < n {
            // cmark skips a byte order mark that starts the document, so what follows it starts the first line: dropped.
            if o == 0, i + 3 <= n, t[i] == 0xEF, t[i + 1] == 0xBB, t[i + 2] == 0xBF { i += 3; continue }
            // Sixteen bytes at a time: those before the first that is ASCII or C2 (which could start a C1 control) are
            // copied as they come (all sixteen stored, the rest written over; at most two bytes come out per byte in).
            if n - i >= 16 {
                let lanes = UnsafeRawPointer(t + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let special = SpecialLanes.words(((lanes & high) .== zero)._storage | (lanes .== c2)._storage)
                let run = SpecialLanes.first(special, from: 0) ?? 16
                if run > 0 {
                    UnsafeMutableRawPointer(out + o).storeBytes(of: lanes, as: SIMD16<UInt8>.self)
                    o += run
                    i += run
                    digitsOnly = false
                    continue
                }
            } else if i + 8 <= n {
                // Eight at a time near the end, while all are beyond ASCII and none is C2.
                let w = UnsafeRawPointer(t + i).loadUnaligned(as: UInt64.self)
                let x = w ^ 0xC2C2_C2C2_C2C2_C2C2
                if w & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080,
                   (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 == 0 {
                    UnsafeMutableRawPointer(out + o).storeBytes(of: w, as: UInt64.self)
                    o += 8
                    i += 8
                    digitsOnly = false
                    continue
                }
            }
            let b = t[i]
            if b >= 0x80 {
                if b == 0xC2, i + 1 < n, t[i + 1] <= 0x9F { i += 2; continue }  // a C1 control character (C2 80…C2 9F)
                out[o] = b; o += 1; i += 1
                digitsOnly = false
                continue
            }
            // A run of ASCII byte by byte, without looking for a run of other bytes before each.
            repeat {
                escapeASCII(t[i], into: out, at: &o, start: start, digitsOnly: &digitsOnly)
                i += 1
            } while i < n && t[i] < 0x80
        }
        return o
    }

    /// Writes ASCII byte `b` of a paragraph that started at `out + start`, escaped (see `escape`), at `out + o`.
    @inline(__always)
    static func escapeASCII(_ b: UInt8, into out: UnsafeMutablePointer<UInt8>, at o: inout Int, start: Int, digitsOnly: inout Bool) {
        switch b {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
            let listNumber = digitsOnly && o > start && (b == 0x2E || b == 0x29)
            if o == start || listNumber || isMarkupAnywhere(b) { out[o] = 0x5C; o += 1 }
            out[o] = b; o += 1
            digitsOnly = false
        case 0x20:
            // Spaces a dropped control character left at the start (`\u{1}    …`) would indent a code block.
            if o > start { out[o] = b; o += 1; digitsOnly = false }
        case 0x00...0x1F, 0x7F:
            if b == 0x09, o > start { out[o] = 0x20; o += 1; digitsOnly = false }  // never a code block, never a control character
        default:
            out[o] = b; o += 1
            if b < 0x30 || b > 0x39 { digitsOnly = false }
        }
    }

    /// Whether CommonMark (cmark's defaults) reads ASCII `b` as markup in the middle of a line: `\` escapes, `` ` ``
    /// code, `*` `_` emphasis, `[` `]` `!` links and images, `<` HTML and autolinks, `&` references, and `#` (a
    /// heading's closing sequence).
    static func isMarkupAnywhere(_ b: UInt8) -> Bool {
        switch b {
        case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x21, 0x3C, 0x26, 0x23: return true
        default: return false
        }
    }

    /// CommonMark to HTML through Debian's libcmark (safe mode: raw HTML and unsafe links are suppressed).
    public static func html(_ markdown: String) -> String { String(decoding: html(bytes: Array(markdown.utf8)), as: UTF8.self) }

    /// CommonMark (UTF-8 bytes) to HTML (UTF-8 bytes) through libcmark, its allocations in the thread's arena.
    static func html(bytes: [UInt8]) -> [UInt8] {
        withHTML(bytes) { Array($0) }
    }

    /// Calls `body` with cmark's HTML of `bytes` where cmark wrote it, in the thread's arena (valid until the
    /// thread's next cmark call, so `body` must not make one), without copying it out first.
    static func withHTML<R>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { buf -> R in
            var length = 0
            guard let base = buf.baseAddress,
                  let out = base.withMemoryRebound(to: CChar.self, capacity: buf.count, {
                      hysite_cmark_html($0, buf.count, CMARK_OPT_DEFAULT, &length)
                  })
            else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return out.withMemoryRebound(to: UInt8.self, capacity: length) { body(UnsafeBufferPointer(start: $0, count: length)) }
        }
    }

    /// The body's HTML: one cmark call per body.
    public static func body(_ paragraphs: [String], subheadings: [Int] = []) -> String {
        String(decoding: bodyBytes(paragraphs, subheadings: subheadings), as: UTF8.self)
    }

    /// One cmark call per body, its HTML as UTF-8 bytes (cmark writes valid UTF-8: it replaces what is not).
    static func bodyBytes(_ paragraphs: [String], subheadings: [Int] = []) -> [UInt8] {
        html(bytes: sourceBytes(paragraphs, subheadings: subheadings))
    }
}

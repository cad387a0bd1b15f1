import Foundation
import CCmark

/// The body's way to HTML: the paper's text becomes Markdown with every special character escaped
/// (a `*` or `<` in the paper stays a `*` or `<`), then cmark renders it in its default safe mode.
public enum Markdown {
    /// Markdown source for paragraphs: each ASCII punctuation character backslash-escaped, paragraphs
    /// separated by blank lines, control characters dropped.
    public static func source(paragraphs: [String]) -> String {
        String(decoding: sourceBytes(paragraphs), as: UTF8.self)
    }

    /// The Markdown source as UTF-8 bytes, built byte by byte (the paper's text is valid UTF-8, so a scalar's
    /// bytes are copied as they come; only ASCII and the C1 controls, `C2 80`…`C2 9F`, are looked at).
    /// At most two bytes come out per byte in, so the output is written into one buffer of that size.
    static func sourceBytes(_ paragraphs: [String]) -> [UInt8] {
        let capacity = paragraphs.reduce(0) { $0 + 2 * $1.utf8.count + 2 }
        return [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
            var o = 0
            for (i, p) in paragraphs.enumerated() {
                if i > 0 { buf[o] = 0x0A; buf[o + 1] = 0x0A; o += 2 }
                var p = p
                p.withUTF8 { o = escape($0, into: buf.baseAddress!, at: o) }
            }
            count = o
        }
    }

    /// Writes one paragraph escaped at `out + start`; returns where it ended.
    static func escape(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, at start: Int) -> Int {
        guard let t = text.baseAddress else { return start }
        let n = text.count
        var o = start, i = 0
        while i < n {
            // Eight bytes at a time while all are beyond ASCII and none is C2 (which could start a C1 control).
            if i + 8 <= n {
                let w = UnsafeRawPointer(t + i).loadUnaligned(as: UInt64.self)
                let c2 = w ^ 0xC2C2_C2C2_C2C2_C2C2
                if w & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080,
                   (c2 &- 0x0101_0101_0101_0101) & ~c2 & 0x8080_8080_8080_8080 == 0 {
                    UnsafeMutableRawPointer(out + o).storeBytes(of: w, as: UInt64.self)
                    o += 8
                    i += 8
                    continue
                }
            }
            let b = t[i]
            if b >= 0x80 {
                if b == 0xC2, i + 1 < n, t[i + 1] <= 0x9F { i += 2; continue }  // a C1 control character (C2 80…C2 9F)
                out[o] = b; o += 1; i += 1
                continue
            }
            switch b {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                out[o] = 0x5C; out[o + 1] = b; o += 2
            case 0x20:
                // Spaces a dropped control character left at the start (`\u{1}    …`) would indent a code block.
                if o > start { out[o] = b; o += 1 }
            case 0x00...0x1F, 0x7F:
                if b == 0x09, o > start { out[o] = 0x20; o += 1 }  // never a code block, never a control character
            default:
                out[o] = b; o += 1
            }
            i += 1
        }
        return o
    }

    /// CommonMark to HTML through Debian's libcmark (safe mode: raw HTML and unsafe links are suppressed).
    public static func html(_ markdown: String) -> String { String(decoding: html(bytes: Array(markdown.utf8)), as: UTF8.self) }

    /// CommonMark (UTF-8 bytes) to HTML (UTF-8 bytes) through libcmark.
    static func html(bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buf -> [UInt8] in
            guard let base = buf.baseAddress,
                  let out = base.withMemoryRebound(to: CChar.self, capacity: buf.count, { cmark_markdown_to_html($0, buf.count, CMARK_OPT_DEFAULT) })
            else { return [] }
            defer { free(out) }
            return out.withMemoryRebound(to: UInt8.self, capacity: strlen(out)) { Array(UnsafeBufferPointer(start: $0, count: strlen(out))) }
        }
    }

    /// The body's HTML: what cmark makes of `source(paragraphs:)`, written directly (see `bodyBytes`).
    public static func body(_ paragraphs: [String]) -> String { String(decoding: bodyBytes(paragraphs), as: UTF8.self) }

    /// The body's HTML through libcmark itself: the oracle `bodyBytes` is tested (and fuzzed) against.
    public static func cmarkBody(_ paragraphs: [String]) -> String {
        String(decoding: html(bytes: sourceBytes(paragraphs)), as: UTF8.self)
    }

    /// cmark's HTML for the escaped source, written without parsing it. In that source every ASCII punctuation
    /// character is backslash-escaped, no paragraph holds a line break or starts with a space, so cmark can
    /// only turn each non-empty paragraph into `<p>text</p>\n`: its characters, trailing spaces cut, with `"`
    /// `&` `<` `>` escaped as cmark escapes them. One case is cmark's own: a byte order mark opening the
    /// document is dropped (and spaces after it could open a code block), so such a body goes through cmark.
    /// `bodyBytes` equals `cmarkBody` on every seed, labelled and generated article and on random text (tests)
    /// and on every fuzz input (`hysite-fuzz`).
    static func bodyBytes(_ paragraphs: [String]) -> [UInt8] {
        if var first = paragraphs.first, first.withUTF8({ startsWithBOM($0) }) {
            return html(bytes: sourceBytes(paragraphs))
        }
        var out: [UInt8] = []
        out.reserveCapacity(paragraphs.reduce(0) { $0 + $1.utf8.count + 16 } + 64)
        for p in paragraphs {
            var p = p
            p.withUTF8 { appendParagraph($0, to: &out) }
        }
        return out
    }

    /// Whether a paragraph's escaped text starts with U+FEFF (leading controls and spaces are dropped first).
    static func startsWithBOM(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < text.count {
            switch text[i] {
            case 0x00...0x20, 0x7F: i += 1
            case 0xC2 where i + 1 < text.count && text[i + 1] <= 0x9F: i += 2
            case 0xEF: return i + 2 < text.count && text[i + 1] == 0xBB && text[i + 2] == 0xBF
            default: return false
            }
        }
        return false
    }

    static let pOpen: [UInt8] = Array("<p>".utf8), pClose: [UInt8] = Array("</p>\n".utf8)

    /// One paragraph as cmark writes it (nothing when its text is empty).
    static func appendParagraph(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let t = text.baseAddress else { return }
        out.append(contentsOf: pOpen)
        let start = out.count
        let n = text.count
        var i = 0, run = 0
        func flush() { if run < i { out.append(contentsOf: UnsafeBufferPointer(start: t + run, count: i - run)) } }
        while i < n {
            // Eight bytes at a time while all are beyond ASCII and none is C2 (which could start a C1 control):
            // they are kept as they are (and are not spaces, so no longer leading).
            if i + 8 <= n {
                let w = UnsafeRawPointer(t + i).loadUnaligned(as: UInt64.self)
                let c2 = w ^ 0xC2C2_C2C2_C2C2_C2C2
                if w & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080,
                   (c2 &- 0x0101_0101_0101_0101) & ~c2 & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b = t[i]
            switch b {
            case 0xC2 where i + 1 < n && t[i + 1] <= 0x9F:  // a C1 control character
                flush(); i += 2; run = i
            case 0x22, 0x26, 0x3C, 0x3E:
                flush(); out.append(contentsOf: ByteEscaper.entity(b)); i += 1; run = i
            case 0x20:
                if out.count == start && run == i { i += 1; run = i } else { i += 1 }  // leading spaces are dropped
            case 0x00...0x1F, 0x7F:
                flush()
                if b == 0x09, out.count > start { out.append(0x20) }
                i += 1
                run = i
            default:
                i += 1
            }
        }
        flush()
        while out.count > start, out[out.count - 1] == 0x20 { out.removeLast() }
        if out.count == start { out.removeLast(pOpen.count) } else { out.append(contentsOf: pClose) }
    }
}

/// A page file's decoded text, ready to parse.
public struct PageSource: Sendable, Hashable {
    /// Path as given by the user (shown in diagnostics and `hysite parse --json`).
    public var file: String
    /// Path relative to the input folder (or the file name); stable across invocations, source of URLs.
    public var key: String
    public var text: String

    public init(file: String, key: String, text: String) {
        self.file = file
        self.key = key
        self.text = text
    }
}

/// Articles found on one page, before people are named (that needs the whole archive).
public struct ParsedPage: Sendable {
    public var file: String
    public var articles: [Article]
    public var diagnostics: [Diagnostic]
}

/// Settings the parser needs from the configuration.
public struct ParseOptions: Sendable, Hashable {
    /// Year for pages whose file name and text name none.
    public var defaultYear: Int?

    public init(defaultYear: Int? = nil) {
        self.defaultYear = defaultYear
    }
}

/// Turns one page's text into articles: segments headline blocks, bylines and bodies, rejoins
/// paragraphs split by column or page breaks, and dates each article. Pure: text in, model out.
public enum PageParser {
    struct Line {
        var text: String
        var number: Int
        var isMarkedTitle: Bool
        /// Length in Unicode scalars.
        var length: Int

        init(text: String, number: Int, isMarkedTitle: Bool) {
            self.text = text
            self.number = number
            self.isMarkedTitle = isMarkedTitle
            self.length = text.utf8.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        }
    }

    public static func parse(_ page: PageSource, options: ParseOptions = ParseOptions()) -> ParsedPage {
        var diagnostics: [Diagnostic] = []
        let lines = splitLines(page.text)
        if lines.isEmpty {
            diagnostics.append(.warning(page.file, "the file is empty: no article on this page"))
            return ParsedPage(file: page.file, articles: [], diagnostics: diagnostics)
        }
        let bylines: [Int: BylineMatch] = Dictionary(uniqueKeysWithValues: lines.indices.compactMap { i in
            BylineMatch.mayBeByline(lines[i].text) ? BylineMatch.parse(lines[i].text).map { (i, $0) } : nil
        })
        let segments = segment(lines, bylines: bylines)
        let dating = PageDating(file: page.file, fileKey: page.key, text: page.text, defaultYear: options.defaultYear)
        let stem = Slug.pageStem(page.key)
        var articles: [Article] = []
        for seg in segments {
            let position = articles.count + 1
            var article = build(seg, lines: lines, bylines: bylines, file: page.file, diagnostics: &diagnostics)
            article.id = "\(stem)-\(position)"
            article.position = position
            dating.date(&article, diagnostics: &diagnostics)
            articles.append(article)
        }
        if articles.isEmpty {
            diagnostics.append(.warning(page.file, "no article found on this page (no headline or byline)"))
        }
        return ParsedPage(file: page.file, articles: articles, diagnostics: diagnostics)
    }

    // MARK: - Lines

    static func splitLines(_ text: String) -> [Line] {
        var out: [Line] = []
        var number = 0
        var text = text
        text.withUTF8 { buf in
            var start = 0
            let n = buf.count
            while start <= n {
                var end = start
                while end < n && buf[end] != 0x0A { end += 1 }
                number += 1
                // Trim ASCII blanks fast; other spaces (U+3000 …) through the scalar-aware trim.
                var a = start, b = end
                while a < b && (buf[a] == 0x20 || buf[a] == 0x09 || buf[a] == 0x0D) { a += 1 }
                while b > a && (buf[b - 1] == 0x20 || buf[b - 1] == 0x09 || buf[b - 1] == 0x0D) { b -= 1 }
                if a < b {
                    var t = String(decoding: UnsafeBufferPointer(rebasing: buf[a..<b]), as: UTF8.self)
                    if buf[a] >= 0x80 || buf[b - 1] >= 0x80 { t = trim(t) }
                    if !t.isEmpty {
                        var marked = false
                        if t.utf8.first == UInt8(ascii: "#") {
                            let stripped = t.drop { $0 == "#" }
                            if stripped.first == " " || stripped.first == "\u{3000}" || stripped.first == "\t" {
                                t = trim(stripped)
                                marked = true
                            }
                        }
                        if !t.isEmpty { out.append(Line(text: t, number: number, isMarkedTitle: marked)) }
                    }
                }
                start = end + 1
            }
        }
        return out
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{3000}" || s == "\u{A0}" || s == "\u{FEFF}" || s == "\u{0B}" || s == "\u{0C}"
            || s == "\u{2002}" || s == "\u{2003}" || s == "\u{200B}"
    }

    static func trim<S: StringProtocol>(_ s: S) -> String {
        let u = s.unicodeScalars
        guard let first = u.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = u.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(u[first...last]))
    }

    // MARK: - Sentence ends

    static let terminators: Set<Unicode.Scalar> = Set("。！？!?…；;：:.".unicodeScalars)
    static let closers: Set<Unicode.Scalar> = Set("”’」』）)】》\"'".unicodeScalars)

    /// Whether a paragraph ends a sentence (`。`, `！`, `？`, `…`, or a closing quote right after one).
    static func endsSentence(_ s: String) -> Bool {
        var it = s.unicodeScalars.reversed().makeIterator()
        guard let last = it.next() else { return true }
        if terminators.contains(last) { return true }
        if closers.contains(last) {
            if s.hasSuffix("（完）") || s.hasSuffix("(完)") { return true }
            var prev = it.next()
            // `。”）` and the like
            while let p = prev, closers.contains(p) { prev = it.next() }
            if let p = prev, terminators.contains(p) { return true }
        }
        return false
    }

    static func isHeadlineish(_ line: Line) -> Bool {
        if line.isMarkedTitle { return true }
        if endsSentence(line.text) { return false }
        return line.length <= 120
    }

    /// `【简讯】…`: a bracketed label that opens a brief.
    static func isLabelled(_ line: Line) -> Bool {
        line.length <= 60 && line.text.hasPrefix("【") && line.text.contains("】")
    }

    /// An unmarked title with no byline: a short line with no sentence punctuation, after a finished
    /// paragraph, followed by a paragraph that opens with a dateline (`蒸湘区新增两个口袋公园` / `11月19日上午，…`).
    static func isBareTitle(_ lines: [Line], _ i: Int) -> Bool {
        guard i > 0, i + 1 < lines.count else { return false }
        let t = lines[i].text
        guard lines[i].length <= 24, !t.unicodeScalars.contains(where: { "，,。、；;：:！!？?".unicodeScalars.contains($0) }),
              endsSentence(lines[i - 1].text) || Signature.parse(lines[i - 1]) != nil else { return false }
        return PageDating.dateline(lines[i + 1].text) != nil
    }

    // MARK: - Segmentation

    struct Segment {
        var head: Range<Int>
        var byline: Int?
        var body: Range<Int>
        var signature: Int?
    }

    /// Splits the page's lines into articles. Bylines anchor articles (with the headline lines right above
    /// them); `# ` titles, `【…】` labels and closing signatures also start or end one.
    static func segment(_ lines: [Line], bylines: [Int: BylineMatch]) -> [Segment] {
        // 1. Starts anchored on bylines.
        var starts: [(head: Int, byline: Int?)] = []
        var floor = 0
        for i in lines.indices where bylines[i] != nil {
            var j = i
            while j > floor, i - j < 4, isHeadlineish(lines[j - 1]), bylines[j - 1] == nil { j -= 1 }
            // Lines above a marked title that end sentences belong to the previous article, not the kicker.
            starts.append((j, i))
            floor = i + (bylines[i]!.rest.isEmpty ? 2 : 1)
        }
        // 2. Starts without bylines: marked titles, labelled briefs and text after a signature.
        let anchoredHeads = Set(starts.flatMap { s in Array(s.head...(s.byline ?? s.head)) })
        var extra: [Int] = []
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            if anchoredHeads.contains(i) { continue }
            let l = lines[i]
            if l.isMarkedTitle || isLabelled(l) || isBareTitle(lines, i) {
                // Kicker lines right above a marked title.
                var j = i
                if l.isMarkedTitle {
                    while j > 0, i - j < 2, !anchoredHeads.contains(j - 1), isHeadlineish(lines[j - 1]),
                          !lines[j - 1].isMarkedTitle, bylines[j - 1] == nil,
                          j - 1 == 0 || endsSentence(lines[j - 2].text) || Signature.parse(lines[j - 2]) != nil {
                        j -= 1
                    }
                }
                // Part of a byline-anchored block below? Then it is already covered.
                extra.append(j)
            }
        }
        var startSet = Set(starts.map { $0.head })
        startSet.formUnion(extra)
        // The page's top: text before the first start is an article of its own.
        startSet.insert(0)
        // Drop an extra start that falls inside a byline-anchored head block (below its first line).
        let allStarts = startSet.subtracting(anchoredHeads.subtracting(starts.map(\.head))).sorted()

        let bylineForHead = Dictionary(starts.map { ($0.head, $0.byline) }, uniquingKeysWith: { a, _ in a })
        var segments: [Segment] = []
        for (k, s) in allStarts.enumerated() {
            let end = k + 1 < allStarts.count ? allStarts[k + 1] : lines.count
            if let b = bylineForHead[s] ?? nil {
                segments.append(Segment(head: s..<b, byline: b, body: (b + 1)..<end))
            } else {
                // Headline: the marked title (with kickers), else the first line, plus short subtitle lines.
                var h = s
                while h < end, !lines[h].isMarkedTitle, isHeadlineish(lines[h]), h - s < 2,
                      lines[h..<end].contains(where: { $0.isMarkedTitle }) {
                    h += 1
                }
                if h < end && lines[h].isMarkedTitle { h += 1 } else if h == s { h = s + 1 }
                while h < end, h - s < 4, h + 1 < end, isHeadlineish(lines[h]), !lines[h].isMarkedTitle,
                      lines[h].length <= 40, !isLabelled(lines[h]) {
                    h += 1
                }
                segments.append(Segment(head: s..<min(h, end), byline: nil, body: min(h, end)..<end))
            }
        }
        // 3. Signatures close an article; text after one (before the next start) is an article of its own.
        var result: [Segment] = []
        for var seg in segments {
            var cut: Int?
            for idx in seg.body where Signature.parse(lines[idx]) != nil {
                if idx > seg.body.lowerBound || seg.byline != nil { cut = idx; break }
            }
            if let c = cut, c + 1 < seg.body.upperBound {
                let tailStart = c + 1
                let tailEnd = seg.body.upperBound
                seg.body = seg.body.lowerBound..<c
                seg.signature = c
                result.append(seg)
                var h = tailStart + 1
                while h < tailEnd, h - tailStart < 4, h + 1 < tailEnd, isHeadlineish(lines[h]),
                      lines[h].length <= 40 {
                    h += 1
                }
                result.append(Segment(head: tailStart..<h, byline: nil, body: h..<tailEnd))
            } else {
                if let c = cut, c + 1 == seg.body.upperBound {
                    seg.body = seg.body.lowerBound..<c
                    seg.signature = c
                }
                result.append(seg)
            }
        }
        return result
    }

    // MARK: - Building an article

    static func build(_ seg: Segment, lines: [Line], bylines: [Int: BylineMatch], file: String,
                      diagnostics: inout [Diagnostic]) -> Article {
        let head = Array(lines[seg.head])
        var kicker: String?
        var title = ""
        var subtitles: [String] = []
        if let t = head.firstIndex(where: { $0.isMarkedTitle }) {
            let k = head[..<t].map(\.text)
            kicker = k.isEmpty ? nil : k.joined(separator: " ")
            title = head[t].text
            subtitles = head[(t + 1)...].map(\.text)
        } else if let first = head.first {
            title = first.text
            subtitles = head.dropFirst().map(\.text)
        }
        let startLine = head.first?.number ?? seg.byline.map { lines[$0].number } ?? lines[seg.body.lowerBound].number
        var raw: [(String, Int)] = []
        var byline = Byline(source: nil, reporters: [])
        if let b = seg.byline, let m = bylines[b] {
            byline = Byline(source: m.source, reporters: m.reporters)
            if !m.rest.isEmpty { raw.append((m.rest, lines[b].number)) }
            if m.reporters.isEmpty && m.hadBrackets {
                diagnostics.append(.warning(file, line: lines[b].number,
                    "byline '\(lines[b].text.prefix(40))' names no reporter; kept the source '\(m.source)' only"))
            }
        }
        for idx in seg.body { raw.append((lines[idx].text, lines[idx].number)) }
        if let s = seg.signature, let sig = Signature.parse(lines[s]), !byline.reporters.contains(where: { $0.name == sig.name }) {
            byline.reporters.append(sig)
        }
        if title.isEmpty {
            title = "（无题）"
            diagnostics.append(.warning(file, line: startLine, "article without a headline; titled （无题）"))
        }
        let paragraphs = rejoin(raw.map(\.0))
        if paragraphs.isEmpty {
            diagnostics.append(.warning(file, line: startLine, "article '\(title.prefix(30))' has a headline but no body text"))
        }
        return Article(id: "", file: file, position: 0, line: startLine, kicker: kicker, title: title,
                       subtitles: subtitles, byline: byline, date: nil, timeOfDay: nil, paragraphs: paragraphs)
    }

    /// Rejoins paragraphs a column or page break split: one that does not end a sentence continues into the next.
    public static func rejoin(_ parts: [String]) -> [String] {
        var out: [String] = []
        var pending: [String] = []
        for p in parts {
            pending.append(p)
            if endsSentence(p) {
                out.append(pending.joined())
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { out.append(pending.joined()) }
        return out
    }
}

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
            diagnostics.append(.warning(.emptyFile, page.file, "the file is empty: no article on this page"))
            return ParsedPage(file: page.file, articles: [], diagnostics: diagnostics)
        }
        let bylines: [Int: BylineMatch] = Dictionary(uniqueKeysWithValues: lines.indices.compactMap { i in
            BylineMatch.mayBeByline(lines[i].text) ? BylineMatch.parse(lines[i].text).map { (i, $0) } : nil
        })
        let credits = creditLines(lines, bylines: bylines)
        let segments = segment(lines, bylines: bylines, credits: credits)
        let dating = PageDating(file: page.file, fileKey: page.key, text: page.text, defaultYear: options.defaultYear)
        let stem = Slug.pageStem(page.key)
        var articles: [Article] = []
        for seg in segments {
            let position = articles.count + 1
            var article = build(seg, lines: lines, bylines: bylines, credits: credits, file: page.file, diagnostics: &diagnostics)
            article.id = "\(stem)-\(position)"
            article.position = position
            dating.date(&article, diagnostics: &diagnostics)
            articles.append(article)
        }
        if articles.isEmpty {
            diagnostics.append(.warning(.noArticle, page.file, "no article found on this page (no headline or byline)"))
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
        // A headline holds no full stop: a line with one is a caption or a paragraph cut by a column break.
        if line.text.unicodeScalars.contains("。") { return false }
        return line.length <= 120
    }

    /// `【简讯】…`: a bracketed label that opens a brief (a label alone, `【资料图】`, opens nothing).
    static func isLabelled(_ line: Line) -> Bool {
        guard line.length <= 60, line.text.hasPrefix("【"), let close = line.text.firstIndex(of: "】") else { return false }
        return !line.text[line.text.index(after: close)...].isEmpty
    }

    /// A headline by its shape, also one that ends in `！` or `？` (`防洪堤上涂鸦，难看！`).
    static func looksLikeHeadline(_ line: Line) -> Bool {
        if isHeadlineish(line) { return true }
        guard line.length <= 32, let last = line.text.unicodeScalars.last, "！!？?".unicodeScalars.contains(last) else { return false }
        return !line.text.unicodeScalars.contains("。")
    }

    /// An unmarked title with no byline: a short line with no sentence punctuation, after a finished
    /// paragraph or a signature, followed (perhaps after one subtitle) by a paragraph that opens with a date
    /// (`蒸湘区新增两个口袋公园` / `11月19日上午，…`, `昨日，…`, `近日，…`).
    static func isBareTitle(_ lines: [Line], _ i: Int, credits: [Int: [Reporter]]) -> Bool {
        guard i > 0, i + 1 < lines.count, isTitleShaped(lines[i]), credits[i] == nil, !isNumberedSubheading(lines[i].text),
              closesParagraph(lines[i - 1], credits: credits[i - 1]) else { return false }
        let next = lines[i + 1]
        if PageDating.opensWithDate(next.text) || opensWithSpeaker(next.text) { return true }
        return i + 2 < lines.count && isTitleShaped(next) && next.length <= 40 && credits[i + 1] == nil
            && PageDating.opensWithDate(lines[i + 2].text)
    }

    /// A line after which a new article may start: a finished paragraph, a signature or credit line, or a
    /// paragraph with credits glued after its last sentence.
    static func closesParagraph(_ line: Line, credits: [Reporter]?) -> Bool {
        endsSentence(line.text) || credits != nil || Signature.parse(line) != nil || Credits.trailing(line.text) != nil
    }

    /// `(一)…`, `（二）…`, `一、…`, `1.…`: a numbered part of an article, never a new one.
    static func isNumberedSubheading(_ t: String) -> Bool {
        let u = Array(t.unicodeScalars.prefix(5))
        guard let f = u.first else { return false }
        let numerals = "一二三四五六七八九十".unicodeScalars
        if "(（".unicodeScalars.contains(f), u.count > 2, numerals.contains(u[1]) || PageDating.asciiDigit(u[1]) != nil { return true }
        if numerals.contains(f), u.count > 1, u[1] == "、" { return true }
        return false
    }

    /// A reader's letter: `市民王小明：昨天中午，…` — a speaker and a colon opening the paragraph.
    static func opensWithSpeaker(_ t: String) -> Bool {
        let u = Array(t.unicodeScalars.prefix(12))
        guard let colon = u.firstIndex(where: { $0 == "：" || $0 == ":" }), colon >= 3, colon <= 8,
              u[..<colon].allSatisfy(\.isHan) else { return false }
        return String(String.UnicodeScalarView(u[..<colon])).hasPrefix("市民") || String(String.UnicodeScalarView(u[..<colon])).hasPrefix("读者")
    }

    /// A line shaped like a headline: short, no sentence punctuation inside, not ending a sentence.
    static func isTitleShaped(_ line: Line) -> Bool {
        line.length <= 32 && !endsSentence(line.text) && !Continuation.isMarker(line.text)
            && !line.text.unicodeScalars.contains(where: { "，,。；;！!？?".unicodeScalars.contains($0) })
    }

    // MARK: - Segmentation

    struct Segment {
        var head: Range<Int>
        /// The `…讯/…电` line, if any.
        var byline: Int?
        /// Credit lines under the headline (`■本报记者 王小明`, `通 讯 员 李华`), printed order.
        var credits: [Int] = []
        /// Subtitle lines printed between credit lines (`标题` / meta line / `副题` / `记者 …`).
        var subheads: [Int] = []
        var body: Range<Int>
        /// Credit lines that close the article (`记者 王小明`, `（通讯员 李华）`).
        var signatures: [Int] = []
    }

    /// A run of byline lines under a headline: credit lines and at most one `…讯` line.
    struct BylineBlock {
        var lines: Range<Int>
        var byline: Int?
    }

    /// Credit lines found on the page, by line index. A name alone counts only right under a headline.
    static func creditLines(_ lines: [Line], bylines: [Int: BylineMatch]) -> [Int: [Reporter]] {
        var out: [Int: [Reporter]] = [:]
        for i in lines.indices where bylines[i] == nil && lines[i].length <= 60 && !lines[i].isMarkedTitle {
            let underHead = i > 0 && looksLikeHeadline(lines[i - 1])
            if let r = Credits.parseLine(lines[i].text, allowBareName: underHead && lines[i].length <= 5) { out[i] = r }
        }
        return out
    }

    /// Byline blocks: runs of credit and `…讯` lines that sit under a headline line, or hold a `…讯` line.
    static func bylineBlocks(_ lines: [Line], bylines: [Int: BylineMatch], credits: [Int: [Reporter]]) -> [BylineBlock] {
        var blocks: [BylineBlock] = []
        var i = 0
        while i < lines.count {
            guard bylines[i] != nil || credits[i] != nil else { i += 1; continue }
            var j = i
            var byline: Int?
            while j < lines.count, byline == nil || bylines[j] == nil, bylines[j] != nil || credits[j] != nil {
                if bylines[j] != nil { byline = j }
                j += 1
                if let b = byline, !bylines[b]!.rest.isEmpty { break }
            }
            let underHead = i > 0 && looksLikeHeadline(lines[i - 1]) && credits[i - 1] == nil && !isSignature(lines, i - 1, credits: credits)
            if byline != nil || underHead {
                // Credit lines after a finished paragraph, before a `…讯` line, close the previous article.
                var start = i
                if let b = byline, !underHead { start = b }
                blocks.append(BylineBlock(lines: start..<j, byline: byline))
            }
            i = j
        }
        return blocks
    }

    /// Splits the page's lines into articles. Byline blocks anchor articles (with the headline lines right above
    /// them); `# ` titles, `【…】` labels, bare titles and closing signatures also start or end one.
    static func segment(_ lines: [Line], bylines: [Int: BylineMatch], credits: [Int: [Reporter]]) -> [Segment] {
        // 1. Starts anchored on byline blocks.
        var anchored: [(head: Int, block: BylineBlock)] = []
        var floor = 0
        for block in bylineBlocks(lines, bylines: bylines, credits: credits) where block.lines.lowerBound >= floor {
            let i = block.lines.lowerBound
            var j = i
            // Headline lines above, passing over a web copy's date or source line (credits nobody).
            while j > floor, i - j < 5, j == i ? looksLikeHeadline(lines[j - 1]) : isHeadlineish(lines[j - 1]),
                  bylines[j - 1] == nil, credits[j - 1] == nil || credits[j - 1]!.isEmpty && j - 1 > floor,
                  !(j >= 2 && Signature.parse(lines[j - 1]) != nil && endsSentence(lines[j - 2].text)) { j -= 1 }
            anchored.append((j, block))
            floor = block.lines.upperBound
        }
        // 2. Starts without bylines: marked titles, labelled briefs and bare titles.
        let anchoredHeads = Set(anchored.flatMap { a in Array(a.head..<a.block.lines.upperBound) })
        var extra: [Int] = []
        for i in lines.indices where !anchoredHeads.contains(i) {
            let l = lines[i]
            guard l.isMarkedTitle || isLabelled(l) || isBareTitle(lines, i, credits: credits) else { continue }
            // Kicker lines right above a marked title.
            var j = i
            if l.isMarkedTitle {
                while j > 0, i - j < 2, !anchoredHeads.contains(j - 1), isHeadlineish(lines[j - 1]),
                      !lines[j - 1].isMarkedTitle, bylines[j - 1] == nil, credits[j - 1] == nil,
                      j - 1 == 0 || endsSentence(lines[j - 2].text) || credits[j - 2] != nil {
                    j -= 1
                }
            }
            extra.append(j)
        }
        var startSet = Set(anchored.map(\.head))
        startSet.formUnion(extra)
        startSet.insert(0)
        let allStarts = startSet.subtracting(anchoredHeads.subtracting(anchored.map(\.head))).sorted()
        let blockForHead = Dictionary(anchored.map { ($0.head, $0.block) }, uniquingKeysWith: { a, _ in a })
        var segments: [Segment] = []
        for (k, s) in allStarts.enumerated() {
            let end = k + 1 < allStarts.count ? allStarts[k + 1] : lines.count
            if let block = blockForHead[s] {
                let creditIdx = block.lines.filter { $0 != block.byline }
                segments.append(Segment(head: s..<block.lines.lowerBound, byline: block.byline, credits: creditIdx,
                                        body: block.lines.upperBound..<max(block.lines.upperBound, end)))
            } else {
                segments.append(unanchored(lines, from: s, to: end, credits: credits))
            }
        }
        segments = joinCaptions(segments, lines: lines, credits: credits)
        // 3. Signatures close an article; text after them (before the next start) is an article of its own.
        return segments.flatMap { closeAtSignatures($0, lines: lines, credits: credits) }
    }

    /// `标题` / `图片说明。` / `本报讯（记者 …）…`: a byline under a photo caption belongs to the headline above the
    /// caption, so a headline-less bylined segment joins a short byline-less one before it. And `标题` / web meta
    /// line / `副题` / `记者 …`: a headline whose article has no text yet is a subtitle of the one above.
    static func joinCaptions(_ segments: [Segment], lines: [Line], credits: [Int: [Reporter]]) -> [Segment] {
        var out: [Segment] = []
        for seg in segments {
            if var prev = out.last, seg.head.isEmpty, seg.byline == nil, seg.body.isEmpty, !seg.credits.isEmpty {
                // Credit lines with nothing under them close the article above.
                prev.signatures += seg.credits
                out[out.count - 1] = prev
                continue
            }
            guard var prev = out.last, seg.byline != nil || !seg.credits.isEmpty, prev.byline == nil || seg.byline == nil,
                  !prev.head.isEmpty else { out.append(seg); continue }
            let prevMetaOnly = prev.credits.allSatisfy { credits[$0]?.isEmpty == true }
            if seg.head.isEmpty, prev.byline == nil, prevMetaOnly, prev.body.count <= 4, lines[prev.body].allSatisfy({ $0.length <= 80 }) {
                prev.credits += seg.credits
                prev.byline = seg.byline
                prev.body = prev.body.lowerBound..<seg.body.upperBound
            } else if !seg.head.isEmpty, prev.body.lowerBound == seg.head.lowerBound, seg.head.count <= 2 {
                prev.subheads += Array(seg.head)
                prev.credits += seg.credits
                prev.byline = prev.byline ?? seg.byline
                prev.body = seg.body
            } else {
                out.append(seg)
                continue
            }
            out[out.count - 1] = prev
        }
        return out
    }

    /// A segment with no byline: the marked title (with kickers), else the first line, plus short subtitle lines.
    static func unanchored(_ lines: [Line], from s: Int, to end: Int, credits: [Int: [Reporter]]) -> Segment {
        var h = s
        while h < end, !lines[h].isMarkedTitle, isHeadlineish(lines[h]), h - s < 2,
              lines[h..<end].contains(where: { $0.isMarkedTitle }) {
            h += 1
        }
        if h < end && lines[h].isMarkedTitle { h += 1 } else if h == s { h = s + 1 }
        while h < end, h - s < 4, h + 1 < end, isHeadlineish(lines[h]), !lines[h].isMarkedTitle,
              lines[h].length <= 40, !isLabelled(lines[h]), credits[h] == nil {
            h += 1
        }
        return Segment(head: s..<min(h, end), byline: nil, body: min(h, end)..<end)
    }

    /// Cuts a segment at its first closing signature (a credit line after a finished paragraph); consecutive
    /// signature lines all close it; what follows is a new article. A photo credit inside the body does not cut.
    static func closeAtSignatures(_ seg: Segment, lines: [Line], credits: [Int: [Reporter]]) -> [Segment] {
        var seg = seg
        var cut: Int?
        for idx in seg.body where isSignature(lines, idx, credits: credits) {
            guard idx > seg.body.lowerBound || seg.byline != nil || !seg.credits.isEmpty else { continue }
            // Credits followed by more prose (not a headline) close nothing: captions above a byline, photo credits.
            var next = idx
            while next < seg.body.upperBound, isSignature(lines, next, credits: credits) { next += 1 }
            if next < seg.body.upperBound, !opensArticle(lines[next]) { continue }
            cut = idx
            break
        }
        guard let c = cut else { return [seg] }
        var after = c
        while after < seg.body.upperBound, isSignature(lines, after, credits: credits) { after += 1 }
        let tailEnd = seg.body.upperBound
        seg.signatures = Array(c..<after)
        seg.body = seg.body.lowerBound..<c
        guard after < tailEnd else { return [seg] }
        return [seg] + closeAtSignatures(unanchored(lines, from: after, to: tailEnd, credits: credits), lines: lines, credits: credits)
    }

    /// A line that may open the article after a signature: a headline, a labelled brief.
    static func opensArticle(_ line: Line) -> Bool {
        line.isMarkedTitle || isLabelled(line) || looksLikeHeadline(line)
    }

    static func isSignature(_ lines: [Line], _ i: Int, credits: [Int: [Reporter]]) -> Bool {
        guard i > 0, endsSentence(lines[i - 1].text) || credits[i - 1] != nil || Signature.parse(lines[i - 1]) != nil else { return false }
        return credits[i] != nil || Signature.parse(lines[i]) != nil
    }

    static func isPhotoCreditOnly(_ r: [Reporter]?) -> Bool {
        guard let r = r, !r.isEmpty else { return false }
        return r.allSatisfy { $0.role == "摄" || $0.role == "摄影" }
    }

    // MARK: - Building an article

    static func build(_ seg: Segment, lines: [Line], bylines: [Int: BylineMatch], credits: [Int: [Reporter]], file: String,
                      diagnostics: inout [Diagnostic]) -> Article {
        let headLines = lines[seg.head].indices.filter { credits[$0] == nil }.map { lines[$0] }
        var (kicker, title, subtitles) = headline(headLines)
        subtitles += seg.subheads.map { lines[$0].text }
        var credited: [(line: Int, reporters: [Reporter])] = []
        var furniture = lines[seg.head].indices.filter { credits[$0] != nil || Continuation.isMarker(lines[$0].text) }.map { lines[$0].text }
        if let t = headLines.first(where: { !$0.isMarkedTitle && cleanTitle($0.text) == title && $0.text != title }) { furniture.append(t.text) }
        // `标题□本刊记者 王小明 文/图`: credits glued to the title line.
        if let glued = Credits.gluedToTitle(title) {
            furniture.append(title)
            title = glued.title
            credited.append((seg.head.lowerBound, glued.credits))
        }
        let first = seg.head.first ?? seg.credits.first ?? seg.byline ?? seg.body.first ?? seg.signatures.first ?? lines.count - 1
        let startLine = lines[min(first, lines.count - 1)].number
        var body = bodyParts(seg, lines: lines, bylines: bylines, credits: credits)
        credited += body.credited
        furniture += body.furniture
        if let b = seg.byline, let m = bylines[b], m.reporters.isEmpty, m.hadBrackets, seg.credits.isEmpty {
            diagnostics.append(.warning(.bylineWithoutReporter, file, line: lines[b].number,
                "byline '\(lines[b].text.prefix(40))' names no reporter; kept the source '\(m.source)' only"))
        }
        if title.isEmpty {
            title = "（无题）"
            diagnostics.append(.warning(.untitled, file, line: startLine, "article without a headline; titled （无题）"))
        }
        // Credits glued after a paragraph's last sentence: any at the end, photo credits anywhere (captions).
        for k in body.raw.indices {
            guard let t = Credits.trailing(body.raw[k], photoOnly: k + 1 < body.raw.count) else { continue }
            furniture.append(String(body.raw[k].dropFirst(t.text.count)))
            body.raw[k] = t.text
            credited.append((body.rawLines[k], t.credits))
        }
        let paragraphs = rejoin(body.raw)
        if paragraphs.isEmpty {
            diagnostics.append(.warning(.noBody, file, line: startLine, "article '\(title.prefix(30))' has a headline but no body text"))
        }
        // Reporters in printed order, each once.
        let reporters = credited.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.flatMap(\.element.reporters)
        var article = Article(id: "", file: file, position: 0, line: startLine, kicker: kicker, title: title, subtitles: subtitles,
                              byline: Byline(source: body.source, reporters: uniqueByName(reporters)), date: nil, timeOfDay: nil,
                              paragraphs: paragraphs)
        article.furniture = furniture
        return article
    }

    /// An article's body lines with their line indices, its source, and the credits found on their own lines.
    struct BodyParts {
        var raw: [String] = []
        var rawLines: [Int] = []
        var source: String?
        var credited: [(line: Int, reporters: [Reporter])] = []
        var furniture: [String] = []

        /// Adds a body line (continuation markers left out, into the furniture).
        mutating func add(_ line: String, line idx: Int, first: Bool = false) {
            let kept = Continuation.strip(line)
            if kept != line { furniture.append(String(line.dropFirst(kept?.count ?? 0))) }
            guard let text = kept else { return }
            let line = idx
            raw.insert(text, at: first ? 0 : raw.count)
            rawLines.insert(line, at: first ? 0 : rawLines.count)
        }
    }

    /// Body text (the byline's glued paragraph first, captions after it), credits from the byline block,
    /// credit lines inside the body and closing signatures.
    static func bodyParts(_ seg: Segment, lines: [Line], bylines: [Int: BylineMatch], credits: [Int: [Reporter]]) -> BodyParts {
        var parts = BodyParts()
        for idx in seg.credits {
            parts.credited.append((idx, credits[idx] ?? []))
            parts.furniture.append(lines[idx].text)
        }
        if let b = seg.byline, let m = bylines[b] {
            parts.source = m.source
            parts.credited.append((b, m.reporters))
            parts.furniture.append(String(lines[b].text.dropLast(m.rest.count)))
            if !m.rest.isEmpty && !seg.body.contains(b) { parts.add(m.rest, line: b) }
        }
        for idx in seg.body where !seg.credits.contains(idx) {
            if idx == seg.byline {
                // Under a caption: the byline's paragraph leads (it holds the dateline), the caption follows it.
                if let rest = bylines[idx]?.rest, !rest.isEmpty { parts.add(rest, line: idx, first: true) }
            } else if let c = credits[idx] {
                // Credit lines inside the body (under captions, photo credits, web meta lines) credit; they are no text.
                parts.credited.append((idx, c))
                parts.furniture.append(lines[idx].text)
            } else {
                parts.add(lines[idx].text, line: idx)
            }
        }
        for idx in seg.signatures {
            parts.furniture.append(lines[idx].text)
            if let c = credits[idx] { parts.credited.append((idx, c)) } else if let sig = Signature.parse(lines[idx]) { parts.credited.append((idx, [sig])) }
        }
        return parts
    }

    /// Kicker, title and subtitles of a headline block: the marked title with the lines around it, else the first line.
    static func headline(_ head: [Line]) -> (kicker: String?, title: String, subtitles: [String]) {
        let head = head.filter { !Continuation.isMarker($0.text) }
        if let t = head.firstIndex(where: { $0.isMarkedTitle }) {
            let k = head[..<t].map(\.text)
            return (k.isEmpty ? nil : k.joined(separator: " "), head[t].text, head[(t + 1)...].map(\.text))
        }
        guard let first = head.first else { return (nil, "", []) }
        if head.count >= 2, isKicker(first, before: head[1]) {
            return (first.text, cleanTitle(head[1].text), head.dropFirst(2).map(\.text))
        }
        return (nil, cleanTitle(first.text), head.dropFirst().map(\.text))
    }

    /// An unmarked first headline line that introduces the next (引题): it ends with `——` or a colon, or it holds a
    /// comma where the next line holds none, or it is a short label (`景区热`) above a longer line.
    static func isKicker(_ line: Line, before next: Line) -> Bool {
        let t = line.text
        if t.hasSuffix("——") || t.hasSuffix("—") || t.hasSuffix("：") || t.hasSuffix(":") { return true }
        let comma: (Line) -> Bool = { $0.text.unicodeScalars.contains { $0 == "，" || $0 == "," } }
        if comma(line) && !comma(next) { return true }
        return line.length <= 4 && next.length >= 8
    }

    /// A title as a web copy dresses it: `【封面新闻】` → `封面新闻`, `原标题:…` → `…`, `- …`/`★…` → `…`.
    static func cleanTitle(_ t: String) -> String {
        var s = t
        for p in ["原标题:", "原标题：", "- ", "★", "☆", "■", "●", "◆"] where s.hasPrefix(p) {
            s = trim(s.dropFirst(p.count))
        }
        if s.hasPrefix("【"), s.hasSuffix("】"), s.dropFirst().dropLast().firstIndex(of: "】") == nil, s.count > 2 {
            s = String(s.dropFirst().dropLast())
        }
        return s.isEmpty ? t : s
    }

    /// Each reporter once, at their first credit.
    static func uniqueByName(_ reporters: [Reporter]) -> [Reporter] {
        var seen = Set<String>()
        return reporters.filter { seen.insert($0.name).inserted }
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

/// A page file's decoded text, ready to parse.
public struct PageSource: Sendable, Hashable {
    /// Path as given by the user (shown in diagnostics and `hysite parse --json`).
    public var file: String
    /// Path relative to the input folder (or the file name); stable across invocations, source of URLs.
    public var key: String
    /// The page's decoded text (line ends LF, see `TextDecoding`).
    public var text: String

    /// A page to parse: its path as given, its key and its decoded text.
    public init(file: String, key: String, text: String) {
        self.file = file
        self.key = key
        self.text = text
    }
}

/// Articles found on one page, before people are named (that needs the whole archive).
public struct ParsedPage: Sendable {
    /// The page file as given by the user (`PageSource.file`), as diagnostics name it.
    public var file: String
    /// The page's articles in printed order, dated, their people not yet filled in.
    public var articles: [Article]
    /// The warnings and errors parsing this page found.
    public var diagnostics: [Diagnostic]
    /// Per article, the names its own text proves (`PeopleFinder.evidence(in:)`), kept with the parse so a
    /// rebuild need not scan unchanged pages again; empty until `Pipeline.parsePages` fills it.
    var evidence: [[PeopleFinder.Hit]] = []
}

/// Settings the parser needs from the configuration.
public struct ParseOptions: Sendable, Hashable {
    /// Year for pages whose file name and text name none.
    public var defaultYear: Int?

    /// Parser settings, with the year for pages that name none (nil: no default year).
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
            // Bytes that start a scalar, counted in place (the UTF-8 view's iterator was most of splitting lines).
            self.length = text.utf8.withContiguousStorageIfAvailable(utf8ScalarCount) ?? text.unicodeScalars.count
        }
    }

    /// Parses one page into its articles and diagnostics; an empty page gives no article and an `emptyFile` warning.
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
        var text = text
        text.makeContiguousUTF8()
        var out: [Line] = []
        var number = 0
        let utf8 = text.utf8
        utf8.withContiguousStorageIfAvailable { buf in
            var start = 0
            let n = buf.count
            while start <= n {
                let end = buf.index(of: 0x0A, from: start) ?? n
                number += 1
                // Trim ASCII blanks fast; other spaces (U+3000 …) through the scalar-aware trim.
                var a = start, b = end
                while a < b && (buf[a] == 0x20 || buf[a] == 0x09 || buf[a] == 0x0D) { a += 1 }
                while b > a && (buf[b - 1] == 0x20 || buf[b - 1] == 0x09 || buf[b - 1] == 0x0D) { b -= 1 }
                if a < b, let line = line(text[utf8.index(utf8.startIndex, offsetBy: a)..<utf8.index(utf8.startIndex, offsetBy: b)],
                                          number: number, trimmed: buf[a] < 0x80 && buf[b - 1] < 0x80) {
                    out.append(line)
                }
                start = end + 1
            }
        }
        return out
    }

    /// One line's text (its ASCII blanks already cut off; `trimmed` when it starts and ends with ASCII), its other
    /// spaces trimmed and a `# ` title mark taken off; nil when nothing is left. The text is a copy of the page's
    /// bytes, which were checked as UTF-8 when the page was decoded (decoding each line again was 1% of a build).
    static func line(_ slice: Substring, number: Int, trimmed: Bool) -> Line? {
        var t = String(slice)
        if !trimmed, isSpace(t.unicodeScalars.first!) || isSpace(t.unicodeScalars.last!) { t = trim(t) }
        guard !t.isEmpty else { return nil }
        var marked = false
        if t.utf8.first == UInt8(ascii: "#") {
            let stripped = t.drop { $0 == "#" }
            if stripped.first == " " || stripped.first == "\u{3000}" || stripped.first == "\t" {
                t = trim(stripped)
                marked = true
            }
        }
        return t.isEmpty ? nil : Line(text: t, number: number, isMarkedTitle: marked)
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{3000}" || s == "\u{A0}" || s == "\u{FEFF}" || s == "\u{0B}" || s == "\u{0C}"
            || s == "\u{2002}" || s == "\u{2003}" || s == "\u{200B}"
    }

    static func trim<S: StringProtocol>(_ s: S) -> String {
        let u = s.unicodeScalars
        guard let first = u.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = u.lastIndex(where: { !isSpace($0) })!
        return String(scalars: u[first...last])
    }

    // MARK: - Sentence ends

    static let terminators: ScalarSet = ScalarSet("。！？!?…；;：:.".unicodeScalars)
    static let closers: ScalarSet = ScalarSet("”’」』）)】》\"'".unicodeScalars)

    /// Whether a paragraph ends a sentence (`。`, `！`, `？`, `…`, or a closing quote right after one).
    static func endsSentence(_ s: String) -> Bool {
        var it = s.unicodeScalars.reversed().makeIterator()
        guard let last = it.next() else { return true }
        if terminators.contains(last) { return true }
        if closers.contains(last) {
            if s.endsWithBytes("（完）") || s.endsWithBytes("(完)") { return true }
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
        guard line.length <= 60, line.text.startsWithBytes("【"), let close = line.text.firstIndex(of: "】") else { return false }
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
        // Title-shaped lines are at most 32 scalars long (`isTitleShaped`): longer ones are let go before the line
        // above is looked at (its trailing credits were read again for every line of the page).
        guard i > 0, i + 1 < lines.count, lines[i].length <= 32, credits[i] == nil, !isNumberedSubheading(lines[i].text),
              closesParagraph(lines[i - 1], credits: credits[i - 1]) else { return false }
        let next = lines[i + 1]
        // After a signed article (credits closing the line above), a headline needs no date under it, and may hold
        // a comma (`高速路上, 车辆遭飞石“偷袭”`).
        let signed = credits[i - 1] != nil || Signature.parse(lines[i - 1]) != nil || Credits.trailing(lines[i - 1].text) != nil
        if signed, isTitleShaped(lines[i], commas: true), next.length >= 30, !isTitleShaped(next) { return true }
        guard isTitleShaped(lines[i]) else { return false }
        if PageDating.opensWithDate(next.text) || opensWithSpeaker(next.text) { return true }
        // A subtitle may hold a comma (`目前主要用于紧急使用，预计二月上旬完成接种`) but ends no sentence.
        return i + 2 < lines.count && isTitleShaped(next, commas: true) && next.length <= 40 && credits[i + 1] == nil
            && PageDating.opensWithDate(lines[i + 2].text)
    }

    /// A line after which a new article may start: a finished paragraph, a signature or credit line, or a
    /// paragraph with credits glued after its last sentence.
    static func closesParagraph(_ line: Line, credits: [Reporter]?) -> Bool {
        endsSentence(line.text) || credits != nil || Signature.parse(line) != nil || Credits.trailing(line.text) != nil
            || Continuation.isMarker(line.text)
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
        return String(scalars: u[..<colon]).startsWithBytes("市民") || String(scalars: u[..<colon]).startsWithBytes("读者")
    }

    /// A line that only names a day: `今天3月5日`, `2023年5月20日`, `5月20日 星期六`.
    static func isDatePhrase(_ t: String) -> Bool {
        let core = t.drop { "今天昨日前".contains($0) }
        return core.count <= 14 && PageDating.dateline(String(core)) != nil
            && core.unicodeScalars.allSatisfy { PageDating.asciiDigit($0) != nil || "年月日号星期一二三四五六天 ".unicodeScalars.contains($0) }
    }

    /// A photo caption's opening: `图为…`, `图：…`, `▲…`, `上图：…`.
    static func isCaption(_ t: String) -> Bool {
        if ["图为", "图：", "图:", "▲", "△", "上图", "下图", "左图", "右图", "编者按", "编者的话"].contains(where: { t.startsWithBytes($0) }) { return true }
        return ["图)", "图）", "摄)", "摄）"].contains { t.endsWithBytes($0) }
    }

    /// A line shaped like a headline: short, no sentence punctuation inside, not ending a sentence.
    static func isTitleShaped(_ line: Line, commas: Bool = false) -> Bool {
        line.length <= 32 && !isDatePhrase(line.text) && !endsSentence(line.text) && !Continuation.isMarker(line.text) && !isCaption(line.text)
            && !line.text.unicodeScalars.contains(where: { (commas ? "。；;！!？?" : "，,。；;！!？?").unicodeScalars.contains($0) })
    }
}

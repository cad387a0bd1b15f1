/// Building an article from its segment: headline, credits in printed order, body paragraphs.
extension PageParser {

    static func build(_ seg: Segment, lines: [Line], bylines: [Int: BylineMatch], credits: [Int: [Reporter]], file: String,
                      diagnostics: inout [Diagnostic]) -> Article {
        let headLines = lines[seg.head].indices.filter { credits[$0] == nil }.map { lines[$0] }
        var (kicker, title, subtitles) = headline(headLines)
        subtitles += seg.subheads.map { lines[$0].text }
        var credited: [(line: Int, reporters: [Reporter])] = []
        var furniture = lines[seg.head].indices.filter { credits[$0] != nil || isHeadFurniture(lines[$0].text) }.map { lines[$0].text }
        if let t = headLines.first(where: { !$0.isMarkedTitle && cleanTitle($0.text) == title && $0.text != title }) { furniture.append(t.text) }
        // `标题□本刊记者 王小明 文/图`: credits glued to the title line.
        if let glued = Credits.gluedToTitle(title) {
            furniture.append(title)
            title = glued.title
            credited.append((seg.head.lowerBound, glued.credits))
        }
        let first = [seg.head.first, seg.credits.min(), seg.byline, seg.body.first, seg.signatures.first].compactMap { $0 }.min() ?? lines.count - 1
        let startLine = lines[min(first, lines.count - 1)].number
        var body = bodyParts(seg, lines: lines, bylines: bylines, credits: credits)
        credited += body.credited
        furniture += body.furniture
        if let b = seg.byline, let m = bylines[b], m.reporters.isEmpty, m.hadBrackets, seg.credits.isEmpty {
            diagnostics.append(.warning(.bylineWithoutReporter, file, line: lines[b].number,
                "byline '\(lines[b].text.prefix(40))' names no reporter; kept the source '\(m.source)' only"))
        }
        if title.isEmpty, let marker = lines[seg.head].first(where: { Continuation.isFromEarlier($0.text) }) {
            title = marker.text  // a continued part with no headline of its own: `（上接第一版）`
        } else if title.isEmpty {
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
        let (paragraphs, subheads) = rejoin(body.raw, subheadings: subheadings(body.raw))
        if paragraphs.isEmpty {
            diagnostics.append(.warning(.noBody, file, line: startLine, "article '\(title.prefix(30))' has a headline but no body text"))
        }
        // Reporters in printed order, each once.
        let reporters = credited.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.flatMap(\.element.reporters)
        var article = Article(id: "", file: file, position: 0, line: startLine, kicker: kicker, title: title, subtitles: subtitles,
                              byline: Byline(source: body.source, reporters: uniqueByName(reporters)), date: nil, timeOfDay: nil,
                              paragraphs: paragraphs)
        article.furniture = furniture
        article.subheadings = subheads
        (article.continuesOn, article.continuedFrom) = Continuation.pages(in: furniture)
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
            if kept?.utf8.count != line.utf8.count { furniture.append(String(line.dropFirst(kept?.count ?? 0))) }
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

    /// A line in a headline block that is no part of the headline: a continuation marker, or an e-paper's
    /// prompt to scan a code (`专题报道扫码阅读`, `扫码看视频`, `扫描二维码阅读全文`).
    static func isHeadFurniture(_ text: String) -> Bool {
        Continuation.isMarker(text) || isScanPrompt(text)
    }

    /// `专题报道扫码阅读`, `扫码看视频`, `扫描二维码 阅读全文`: a short line that asks the reader to scan a code.
    static func isScanPrompt(_ text: String) -> Bool {
        guard text.utf8.count <= 64, text.unicodeScalars.count <= 16 else { return false }
        // Every scan word below has 扫 or 码: most lines have neither, and filtering by Character was 2 % of a parse.
        guard text.unicodeScalars.contains(where: { $0 == "扫" || $0 == "码" }) else { return false }
        let t = text.filter { !$0.isWhitespace }
        return ["扫码", "扫描二维码", "扫一扫", "二维码"].contains { t.contains($0) }
            && ["阅读", "看", "观看", "收听", "了解", "浏览", "全文", "详情"].contains { t.contains($0) }
    }

    /// Kicker, title and subtitles of a headline block: the marked title with the lines around it, else the first line.
    static func headline(_ head: [Line]) -> (kicker: String?, title: String, subtitles: [String]) {
        let head = head.filter { !isHeadFurniture($0.text) }
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
        if t.endsWithBytes("——") || t.endsWithBytes("—") || t.endsWithBytes("：") || t.endsWithBytes(":") { return true }
        // `图说武汉丨正是江城好时节` above the headline: a column's label.
        if t.contains("丨") || t.contains("|") || t.contains("｜") { return true }
        let comma: (Line) -> Bool = { $0.text.unicodeScalars.contains { $0 == "，" || $0 == "," } }
        let exclaims = t.endsWithBytes("！") || t.endsWithBytes("!") || t.endsWithBytes("？") || t.endsWithBytes("?")
        if comma(line) && !comma(next) && !exclaims { return true }
        // A long explanatory line above a short, punchy one (`小龙人延续根脉 女子龙吐故纳新 …` / `赛龙讲龙育龙`).
        if line.length >= 16 && next.length <= 10 && !comma(next) { return true }
        // `南都推出京粤连线：全国人大代表…` above a shorter line: a series' introduction.
        let colon = t.dropFirst(2).dropLast(2).contains { $0 == "：" || $0 == ":" }
        if colon && Double(line.length) >= 1.5 * Double(next.length) && !comma(next) { return true }
        return line.length <= 4 && next.length >= 8
    }

    /// A title as a web copy dresses it: `【封面新闻】` → `封面新闻`, `原标题:…` → `…`, `- …`/`★…` → `…`.
    static func cleanTitle(_ t: String) -> String {
        var s = t
        for p in ["原标题:", "原标题：", "- ", "★", "☆", "■", "●", "◆"] where s.startsWithBytes(p) {
            s = trim(s.dropFirst(p.count))
        }
        if s.startsWithBytes("【"), s.endsWithBytes("】"), s.dropFirst().dropLast().firstIndex(of: "】") == nil, s.count > 2 {
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
        rejoin(parts, subheadings: []).paragraphs
    }

    /// Rejoins split paragraphs, keeping the lines at `subheadings` (indices into `parts`) apart as subheadings;
    /// returns the paragraphs and the indices of the subheadings among them.
    static func rejoin(_ parts: [String], subheadings: Set<Int>) -> (paragraphs: [String], subheadings: [Int]) {
        var out: [String] = []
        var marks: [Int] = []
        var pending: [String] = []
        for (k, p) in parts.enumerated() {
            if subheadings.contains(k) {
                if !pending.isEmpty { out.append(pending.joined()); pending.removeAll() }
                marks.append(out.count)
                out.append(p)
                continue
            }
            pending.append(p)
            if endsSentence(p) {
                out.append(pending.joined())
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { out.append(pending.joined()) }
        return (out, marks)
    }

    /// Body lines that are subheadings: a short headline-shaped line before a paragraph that opens with a date
    /// (`加强监管` / `5月3日，…`), or a numbered part (`（二）…`, `二、…`) that does not end a sentence.
    static func subheadings(_ raw: [String]) -> Set<Int> {
        var out = Set<Int>()
        for k in raw.indices.dropFirst() where k + 1 < raw.count {
            let t = raw[k]
            let u = t.unicodeScalars
            // At most 32 scalars: a paragraph of more than 128 bytes has more, without counting them all.
            guard t.utf8.count <= 128, u.count <= 32, !endsSentence(raw[k]), !u.contains(where: { "，,。；;！!？?".unicodeScalars.contains($0) }),
                  endsSentence(raw[k - 1]) else { continue }
            if isNumberedSubheading(t) || PageDating.opensWithDate(raw[k + 1]) { out.insert(k) }
        }
        return out
    }
}

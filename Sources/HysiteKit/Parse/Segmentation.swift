/// Segmentation: where a page's articles start and end — byline blocks, bare and marked titles, captions,
/// signatures.
extension PageParser {

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
            let underHead = i > 0 && looksLikeHeadline(lines[i - 1]) && out[i - 1] == nil
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
            var underHead = i > 0 && looksLikeHeadline(lines[i - 1]) && credits[i - 1] == nil && !isSignature(lines, i - 1, credits: credits)
            // `……亲爱的读者！` / `——本报编辑部`: a sign-off under an exclaiming last sentence, not a byline under a headline.
            if underHead, byline == nil, signsOff(lines[i]), endsSentence(lines[i - 1].text) { underHead = false }
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

    /// A signature that closes the article above it: a person's (`雁城时评员 江南`) or an organisation's (`——本报编辑部`).
    static func signsOff(_ line: Line) -> Bool {
        Signature.parse(line) != nil || opensWithDash(line.text)
    }

    /// Whether the text's first character after blanks (Unicode's space separators and tabs) is `—`. By scalars:
    /// Foundation's `trimmingCharacters` copied every line through NSString (3 % of a parse).
    static func opensWithDash(_ text: String) -> Bool {
        let first = text.unicodeScalars.first { !($0 == "\t" || $0.properties.generalCategory == .spaceSeparator) }
        return first == "—"
    }

    /// Splits the page's lines into articles. Byline blocks anchor articles (with the headline lines right above
    /// them); `# ` titles, `【…】` labels, bare titles and closing signatures also start or end one.
    static func segment(_ lines: [Line], bylines: [Int: BylineMatch], credits: [Int: [Reporter]]) -> [Segment] {
        // 1. Starts anchored on byline blocks.
        let anchored = anchoredStarts(lines, bylines: bylines, credits: credits)
        // 2. Starts without bylines: marked titles, labelled briefs and bare titles.
        let anchoredHeads = Set(anchored.flatMap { a in Array(a.head..<a.block.lines.upperBound) })
        let extra = unbylinedStarts(lines, bylines: bylines, credits: credits, anchored: anchored, anchoredHeads: anchoredHeads)
        var startSet = Set(anchored.map(\.head))
        startSet.formUnion(extra)
        startSet.insert(0)
        let allStarts = startSet.subtracting(anchoredHeads.subtracting(anchored.map(\.head))).sorted()
        var segments = slice(lines, at: allStarts, anchored: anchored, credits: credits)
        segments = joinCaptions(segments, lines: lines, credits: credits)
        // 3. Signatures close an article; text after them (before the next start) is an article of its own.
        return segments.flatMap { closeAtSignatures($0, lines: lines, credits: credits) }
    }

    /// Article starts anchored on byline blocks: each block with the headline lines right above it.
    static func anchoredStarts(_ lines: [Line], bylines: [Int: BylineMatch], credits: [Int: [Reporter]]) -> [(head: Int, block: BylineBlock)] {
        var anchored: [(head: Int, block: BylineBlock)] = []
        var floor = 0
        for block in bylineBlocks(lines, bylines: bylines, credits: credits) where block.lines.lowerBound >= floor {
            let head = headlineStart(lines, above: block.lines.lowerBound, floor: floor, bylines: bylines, credits: credits)
            anchored.append((head: head, block: block))
            floor = block.lines.upperBound
        }
        return anchored
    }

    /// The first of the headline lines (at most five) right above line `i` and not above `floor`.
    static func headlineStart(_ lines: [Line], above i: Int, floor: Int, bylines: [Int: BylineMatch], credits: [Int: [Reporter]]) -> Int {
        var j = i
        // Headline lines above, passing over a web copy's date or source line (credits nobody).
        while j > floor, i - j < 5, looksLikeHeadline(lines[j - 1]),
              bylines[j - 1] == nil, credits[j - 1] == nil || credits[j - 1]!.isEmpty && j - 1 > floor,
              !(j >= 2 && signsOff(lines[j - 1]) && endsSentence(lines[j - 2].text)) { j -= 1 }
        return j
    }

    /// Article starts without a byline: marked titles (at their kickers), labelled briefs, bare titles, continued text.
    static func unbylinedStarts(_ lines: [Line], bylines: [Int: BylineMatch], credits: [Int: [Reporter]],
                                anchored: [(head: Int, block: BylineBlock)], anchoredHeads: Set<Int>) -> [Int] {
        let blockEnds = Set(anchored.map { $0.block.lines.upperBound - 1 })
        var extra: [Int] = []
        // Inside a bylined article not yet closed by a signature, a bare title is a subheading (`加强管护` / `5月20日，…`).
        var inBylined = false
        for i in lines.indices {
            if blockEnds.contains(i) { inBylined = true }
            if anchoredHeads.contains(i) { continue }
            let l = lines[i]
            if Continuation.isMarker(l.text) || credits[i] != nil && i > 0 && closesParagraph(lines[i - 1], credits: credits[i - 1]) {
                inBylined = false
            }
            // Inside a bylined article a short (≤ 10) unsigned one is a subheading; a longer one reads as a news headline.
            let bare = isBareTitle(lines, i, credits: credits)
                && (!inBylined || l.length > 10 || signedBeforeNextStart(lines, after: i, credits: credits, anchored: anchoredHeads))
            guard l.isMarkedTitle || isLabelled(l) || bare || Continuation.isFromEarlier(l.text) else { continue }
            inBylined = false
            // Kicker lines right above a marked title.
            extra.append(l.isMarkedTitle
                ? kickerStart(lines, title: i, bylines: bylines, credits: credits, anchoredHeads: anchoredHeads) : i)
        }
        return extra
    }

    /// Where the marked title on line `i` starts: at the kicker lines (at most two) right above it, if any.
    static func kickerStart(_ lines: [Line], title i: Int, bylines: [Int: BylineMatch], credits: [Int: [Reporter]],
                            anchoredHeads: Set<Int>) -> Int {
        var j = i
        while j > 0, i - j < 2, !anchoredHeads.contains(j - 1), isHeadlineish(lines[j - 1]),
              !lines[j - 1].isMarkedTitle, bylines[j - 1] == nil, credits[j - 1] == nil,
              j - 1 == 0 || endsSentence(lines[j - 2].text) || credits[j - 2] != nil {
            j -= 1
        }
        return j
    }

    /// The lines cut into segments at `starts` (sorted): an anchored start's segment has its byline block, others none.
    static func slice(_ lines: [Line], at starts: [Int], anchored: [(head: Int, block: BylineBlock)],
                      credits: [Int: [Reporter]]) -> [Segment] {
        let blockForHead = Dictionary(anchored.map { ($0.head, $0.block) }, uniquingKeysWith: { a, _ in a })
        var segments: [Segment] = []
        for (k, s) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1] : lines.count
            if let block = blockForHead[s] {
                let creditIdx = block.lines.filter { $0 != block.byline }
                segments.append(Segment(head: s..<block.lines.lowerBound, byline: block.byline, credits: creditIdx,
                                        body: block.lines.upperBound..<max(block.lines.upperBound, end)))
            } else {
                segments.append(unanchored(lines, from: s, to: end, credits: credits))
            }
        }
        return segments
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
            if let prev = out.last, prev.byline == nil, prev.body.isEmpty, prev.head.allSatisfy({ credits[$0] != nil }) {
                // A masthead or meta line alone at the top (`工人日报 2012年01月18日 星期一`) belongs to what follows.
                var seg = seg
                seg.credits = Array(prev.head) + prev.credits + seg.credits
                out[out.count - 1] = seg
                continue
            }
            guard var prev = out.last, seg.byline != nil || !seg.credits.isEmpty, prev.byline == nil || seg.byline == nil,
                  !prev.head.isEmpty else { out.append(seg); continue }
            let prevMetaOnly = prev.credits.allSatisfy { credits[$0]?.isEmpty == true }
            if seg.head.isEmpty, prev.byline == nil, prevMetaOnly, prev.body.count <= 4, lines[prev.body].allSatisfy({ $0.length <= 80 }) {
                prev.credits += seg.credits
                prev.byline = seg.byline
                prev.body = prev.body.lowerBound..<seg.body.upperBound
            } else if !seg.head.isEmpty, prev.body.lowerBound == seg.head.lowerBound, seg.head.count <= 2, prev.byline != nil || !prev.credits.isEmpty {
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

    /// Whether the text under a bare title inside a bylined article is signed (a credit line after a finished
    /// paragraph) before the next headline: then the title starts an article of its own, else it is a subheading.
    static func signedBeforeNextStart(_ lines: [Line], after i: Int, credits: [Int: [Reporter]], anchored: Set<Int>) -> Bool {
        var k = i + 1
        while k < lines.count, k < i + 200, !anchored.contains(k), !lines[k].isMarkedTitle, !isLabelled(lines[k]) {
            if credits[k] != nil || Signature.parse(lines[k]) != nil, closesParagraph(lines[k - 1], credits: credits[k - 1]) { return true }
            if Continuation.isMarker(lines[k].text) { return true }
            k += 1
        }
        return false
    }

    /// A segment with no byline: the marked title (with kickers), else the first line, plus short subtitle lines.
    static func unanchored(_ lines: [Line], from s: Int, to end: Int, credits: [Int: [Reporter]]) -> Segment {
        var h = s
        while h < end, !lines[h].isMarkedTitle, isHeadlineish(lines[h]), h - s < 2,
              lines[h..<end].contains(where: { $0.isMarkedTitle }) {
            h += 1
        }
        if h < end && lines[h].isMarkedTitle { h += 1 } else if h == s { h = s + 1 }
        // `（上接第一版）` / repeated headline: the headline under the marker.
        if Continuation.isFromEarlier(lines[s].text), h == s + 1, h + 1 < end, isTitleShaped(lines[h]) { h += 1 }
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
}

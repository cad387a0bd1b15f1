/// Credit lines: who wrote, photographed or edited an article, in the forms papers print them —
/// `记者 王小明 通讯员 李华`, `■本报记者 王小明`, `通 讯 员 李 华`, `长江信息报记者王小明`, `通讯员王小明李华`,
/// `文/图 王小明`, `策划/李华`, `王小明 摄`, `（王小明 报道）`, `作者：王小明 编辑：李华`, `■王小明`.
enum Credits {
    /// Roles printed before names, any order (the longest match wins).
    static let rolesBefore: [String] = [
        "全媒体记者", "融媒体记者", "首席记者", "特约记者", "特派记者", "见习记者", "实习记者", "摄影记者", "驻站记者",
        "记者", "特约通讯员", "通讯员", "实习生", "摄影", "摄像", "文/图", "文／图", "图/文", "图／文", "策划", "责任编辑",
        "责编", "编辑", "作者", "撰文", "整理", "统筹", "制图", "视频", "拍摄者", "小记者", "指导老师", "指导教师", "文", "图",
    ]

    /// Words that start prose, never a name (`另一篇`, `本报`, `记者`).
    static let roleWords: [String] = ["另", "本", "记者", "通讯", "据", "图", "文", "摄"]

    static let beforeScalars = ScalarWords(rolesBefore)
    static let afterScalars = ScalarWords(rolesAfter)
    static let metaScalars = ScalarWords(metaWords)
    static let editorScalars = ScalarWords(Array(editorRoles))
    static let roleWordScalars = ScalarWords(roleWords)
    /// Words one of which a credit or meta line holds (besides digits, marks and brackets).
    static let keywordScalars = ScalarWords(rolesBefore + rolesAfter + metaWords + Array(editorRoles) + ["据", "制作", "出品", "供"])

    /// Editors are credited on web copies (`责任编辑：李华`) but are not the article's reporters.
    static let editorRoles: Set<String> = ["编辑", "责任编辑", "责编"]

    /// Roles printed after the names: `王小明 摄`, `（王小明 报道）`, `王小明/文`.
    static let rolesAfter: [String] = ["摄影", "摄", "报道", "整理", "供图", "文", "图"]

    /// Marks that open a credit line on e-paper pages.
    static let leadMarks: ScalarSet = ["■", "□", "●", "○", "▲", "◆", "★", "☆", "◇", "—", "-", "－"]

    /// Words that may sit in a web copy's credit line besides credits (`发布时间:2023-03-04 来源:华声在线`).
    static let metaWords: [String] = [
        "证号", "下同", "天气", "文章来源", "发布时间", "发布日期", "更新时间", "发稿时间", "信息来源", "消息来源", "来源", "时间", "日期", "字号", "浏览", "点击", "标签", "农历", "打印", "分享",
    ]

    /// The credits of a line that holds nothing else, or nil. `allowBareName`: a line that is only a name
    /// (`■王小明`, `王小明`) counts as its author — true right under a headline.
    static func parseLine(_ text: String, allowBareName: Bool = false) -> [Reporter]? {
        guard text.utf8.count <= 240 else { return nil }
        var u = Array(text.unicodeScalars)
        let marked = stripMarks(&u)
        guard !u.isEmpty, u.count <= 60 else { return nil }
        let bracketed = unwrapBrackets(&u)
        // Most lines are prose or headlines: no role, meta word or digit, no mark or brackets, more than a name.
        if !marked, !bracketed, !(allowBareName && u.count <= 5), !u.contains(where: { PageDating.asciiDigit($0) != nil }),
           !keywordScalars.occurs(in: u.filter { !PageParser.isSpace($0) }) {
            return nil
        }
        guard let tokens = tokenize(u) else { return nil }
        if isMastheadLine(tokens) || isAttribution(u) { return [] }
        guard let credits = read(tokens, bareNames: allowBareName || marked || bracketed, rareNames: marked || bracketed) else { return nil }
        if credits.isEmpty {
            // A web copy's date or source line (`发布时间:2023-03-04 来源:华声在线`) credits nobody but is no prose.
            let meta = tokens.contains { t in
                isMetaToken(t) || metaScalars.prefix(of: t) != nil || editorScalars.prefix(of: t) != nil
            }
            return meta ? [] : nil
        }
        return credits
    }

    /// Credits glued to the end of a paragraph after its last sentence: `……。（通讯员 李华 记者 王小明）`,
    /// `……。 通讯员李华 记者王小明`. Returns the paragraph without them.
    static func trailing(_ paragraph: String, photoOnly: Bool = false) -> (text: String, credits: [Reporter])? {
        guard mayEndInCredit(paragraph) else { return nil }
        // Split at the last sentence end, found from the end without copying the paragraph into an array.
        let v = paragraph.unicodeScalars
        let split: (text: String, tail: String)
        if let m = v.lastIndex(where: tailMarks.contains) {
            guard m != v.startIndex, v.index(after: m) != v.endIndex else { return nil }
            split = (String(v[...m]), String(v[v.index(after: m)...]))
        } else {
            let u = Array(v)
            guard let last = lastSpaceBeforeCredit(u), last + 1 < u.count, last > 0 else { return nil }
            split = (String(scalars: u[...last]), String(scalars: u[(last + 1)...]))
        }
        let tail = split.tail
        guard tail.unicodeScalars.count <= 50, let credits = parseLine(tail, allowBareName: false) else { return nil }
        if photoOnly && !tail.endsWithBytes("摄") && !tail.startsWithBytes("图") && !tail.contains("图/") { return nil }
        return (split.text, credits)
    }

    /// A title line with credits glued after it: `标题□本刊记者 王小明 文/图`, `标题 本报记者 王小明 通讯员 李华`.
    static func gluedToTitle(_ title: String) -> (title: String, credits: [Reporter])? {
        let u = Array(title.unicodeScalars)
        guard u.count >= 8, keywordScalars.occurs(in: u) else { return nil }
        for k in 4..<(u.count - 3) where PageParser.isSpace(u[k]) || leadMarks.contains(u[k]) {
            let tail = String(scalars: u[k...])
            guard let credits = parseLine(tail), credits.contains(where: { $0.role != "作者" }) else { continue }
            return (PageParser.trim(String(scalars: u[..<k])), credits)
        }
        return nil
    }

    /// False when `trailing` is sure to find nothing, told from the paragraph's last 52 scalars without copying
    /// it: its last sentence end is the paragraph's last scalar or more than 50 scalars back. Most paragraphs
    /// end so, and copying every paragraph into an array was a twentieth of parsing.
    static func mayEndInCredit(_ paragraph: String) -> Bool {
        var after = 0
        for c in paragraph.unicodeScalars.reversed() {
            if tailMarks.contains(c) { return after > 0 && after <= 50 }
            after += 1
            if after > 51 { break }
        }
        // No sentence end near the end: one further back leaves a tail too long; with none at all a caption's
        // credit may follow its last space.
        return !paragraph.unicodeScalars.contains(where: tailMarks.contains)
    }

    /// The marks a trailing credit follows: a sentence's end or a closing quote (not `Lexicon.sentenceEnds`,
    /// which has `…` and no quote).
    static let tailMarks: ScalarSet = ["。", "！", "？", "!", "?", "”"]

    /// `……在招待会上祝酒 摄影:黎萌`: a caption with no full stop, its credit after the last space.
    static func lastSpaceBeforeCredit(_ u: [Unicode.Scalar]) -> Int? {
        guard let sp = u.lastIndex(where: PageParser.isSpace), sp > 4, u.count - sp <= 16 else { return nil }
        let tail = Array(u[(sp + 1)...])
        guard let r = parseLine(String(scalars: tail)), r.contains(where: { $0.role != "作者" }) else { return nil }
        return sp
    }

    // MARK: - Reading

    static func stripMarks(_ u: inout [Unicode.Scalar]) -> Bool {
        var marked = false
        while let f = u.first, leadMarks.contains(f) || PageParser.isSpace(f) {
            if leadMarks.contains(f) { marked = true }
            u.removeFirst()
        }
        while let l = u.last, PageParser.isSpace(l) { u.removeLast() }
        return marked
    }

    static func unwrapBrackets(_ u: inout [Unicode.Scalar]) -> Bool {
        guard let f = u.first, let l = u.last, BylineMatch.open.contains(f) || f == "【", BylineMatch.close.contains(l) || l == "】",
              !u.dropFirst().dropLast().contains(where: { BylineMatch.open.contains($0) || BylineMatch.close.contains($0) })
        else { return false }
        u = Array(u.dropFirst().dropLast())
        while let f = u.first, PageParser.isSpace(f) { u.removeFirst() }
        while let l = u.last, PageParser.isSpace(l) { u.removeLast() }
        return true
    }

    /// What ends a token besides spaces: list marks and brackets.
    static let tokenBreaks = ScalarSet("、，,；;()（）".unicodeScalars)

    /// Splits on spaces and list marks; runs of single Han characters are one token (`通 讯 员` → `通讯员`).
    static func tokenize(_ u: [Unicode.Scalar]) -> [[Unicode.Scalar]]? {
        var raw: [[Unicode.Scalar]] = []
        var cur: [Unicode.Scalar] = []
        for c in u {
            if PageParser.isSpace(c) || tokenBreaks.contains(c) {
                if !cur.isEmpty { raw.append(cur); cur = [] }
            } else {
                cur.append(c)
            }
        }
        if !cur.isEmpty { raw.append(cur) }
        var out: [[Unicode.Scalar]] = []
        var i = 0
        while i < raw.count {
            if raw[i].count == 1, raw[i][0].isHan, i + 1 < raw.count, raw[i + 1].count == 1, raw[i + 1][0].isHan {
                var run: [Unicode.Scalar] = []
                while i < raw.count, raw[i].count == 1, raw[i][0].isHan { run.append(raw[i][0]); i += 1 }
                out.append(run)
            } else {
                out.append(raw[i]); i += 1
            }
        }
        return out.isEmpty ? nil : out
    }

    /// Reads role and name tokens; nil when a token is neither (the line is prose).
    static func read(_ tokens: [[Unicode.Scalar]], bareNames: Bool, rareNames: Bool = false) -> [Reporter]? {
        var reader = CreditReader(bareNames: bareNames, rareNames: rareNames, count: tokens.count)
        for (n, t) in tokens.enumerated() {
            guard reader.take(cleanToken(t), at: n) else { return nil }
        }
        return reader.finish()
    }

    /// Brackets and bars that open a token.
    static let tokenOpeners = ScalarSet("(（[|｜".unicodeScalars)
    /// Brackets that close a token.
    static let tokenClosers = ScalarSet(")）]".unicodeScalars)

    /// A token without brackets around it and without `(下同)`: `(图/文)` → `图/文`, `摄(下同)` → `摄`.
    static func cleanToken(_ t: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var t = t
        let note = Array("(下同)".unicodeScalars), noteFull = Array("（下同）".unicodeScalars)
        if t.count > note.count, Array(t.suffix(note.count)) == note || Array(t.suffix(noteFull.count)) == noteFull { t.removeLast(note.count) }
        while let f = t.first, tokenOpeners.contains(f) { t.removeFirst() }
        while let l = t.last, tokenClosers.contains(l) { t.removeLast() }
        return t
    }

    /// Roles printed after the names that close a credit whose names already have roles: `记者 王小明 摄`,
    /// `记者 王小明 文/图`, `记者 王小明 衡阳报道`.
    static func isClosingRole(_ t: [Unicode.Scalar]) -> Bool {
        let s = String(scalars: t)
        if ["摄", "摄影", "报道", "文/图", "图/文", "文／图", "图／文", "供图", "整理"].contains(s) { return true }
        return isPlaceReport(t)
    }

    /// `衡阳报道`, `济宁报道`: where the report was filed from.
    static func isPlaceReport(_ t: [Unicode.Scalar]) -> Bool {
        t.count > 2 && t.count <= 6 && t.allSatisfy(\.isHan) && String(scalars: t).endsWithBytes("报道")
    }

    /// A paper's or site's name standing before the credits: `红网时刻 记者 谭倩`, `中新社北京10月16日电 记者 曾鼐`.
    static func isSourceToken(_ t: [Unicode.Scalar]) -> Bool {
        let s = String(scalars: t)
        guard t.count >= 2, t.count <= 16, !s.contains("记者"), !s.contains("通讯员") else { return false }
        if (s.endsWithBytes("电") || s.endsWithBytes("讯")) && t.contains(where: { $0.properties.numericType != nil }) { return true }
        // `慈溪市某某小学401班 小记者 陈西`: the school before a pupil reporter.
        if ["学", "校", "班", "园"].contains(where: { s.endsWithBytes($0) }) { return true }
        return t.allSatisfy { $0.isHan || $0 == "·" } && (s.contains("网") || s.contains("报") || s.endsWithBytes("社") || s.endsWithBytes("台"))
    }

    /// Removes a role printed after glued names: `李继敏报道` → `李继敏`, `昂莹莹文/图` → `昂莹莹`.
    static func dropClosingRole(_ rest: inout [Unicode.Scalar]) {
        for suffix in ["文/图", "图/文", "报道", "摄影", "摄"] {
            let su = Array(suffix.unicodeScalars)
            if rest.count > su.count + 1, Array(rest.suffix(su.count)) == su { rest.removeLast(su.count); return }
        }
    }

    /// Brackets a meta token (`（第3版）`, `《…》`) may carry.
    static let metaBrackets = ScalarSet("()（）《》".unicodeScalars)
    /// What a date, page or time token holds besides digits.
    static let metaDateParts = ScalarSet("-:./年月日版时分星期一二三四五六天".unicodeScalars)

    /// A date, time or issue mark in a web copy's credit line: `2023-03-04`, `09:45`, `19.02.2016`, `《工人日报》`,
    /// `(2012年05月03日`, `002版)`, `星期一`.
    static func isMetaToken(_ t: [Unicode.Scalar]) -> Bool {
        let s = String(scalars: t)
        if s.startsWithBytes("《") && s.endsWithBytes("》") { return true }
        if s.startsWithBytes("星期") || s.startsWithBytes("第") && s.endsWithBytes("版") || s == "版" { return true }
        let core = t.filter { !metaBrackets.contains($0) }
        guard let f = core.first, f.properties.numericType != nil else { return false }
        return core.allSatisfy { $0.properties.numericType != nil || metaDateParts.contains($0) }
    }

    /// `据新华社`, `据央视新闻`, `标签:社区;慰问`: a line that attributes or tags, crediting nobody.
    static func isAttribution(_ u: [Unicode.Scalar]) -> Bool {
        let s = String(scalars: u)
        if s.startsWithBytes("标签:") || s.startsWithBytes("标签：") || s.startsWithBytes("关键词") { return true }
        // `——本报编辑部`: an organisation signs.
        if u.count <= 10, u.allSatisfy(\.isHan), ["编辑部", "评论部", "新闻部", "工作室", "课题组", "调研组", "委员会"].contains(where: { s.endsWithBytes($0) }) {
            return true
        }
        // `【资料图】`, `（组图）`: a picture's label.
        if ["资料图", "组图", "图片", "配图", "示意图", "视频"].contains(s) { return true }
        if u.count <= 16, u.allSatisfy(\.isHan), ["制作", "出品", "供图", "供稿"].contains(where: { s.endsWithBytes($0) }) { return true }
        guard s.startsWithBytes("据"), u.count <= 12, u.allSatisfy(\.isHan) else { return false }
        return ["社", "报", "网", "电", "台", "道", "闻", "视"].contains { s.endsWithBytes($0) }
    }

    /// An e-paper's masthead line: `工人日报 2012年01月18日 星期一`, `01版:要闻`, `农历六月十八`.
    static func isMastheadLine(_ tokens: [[Unicode.Scalar]]) -> Bool {
        if let f = tokens.first, f.count >= 3, f[0].properties.numericType != nil,
           let v = f.firstIndex(of: "版"), f[..<v].allSatisfy({ $0.properties.numericType != nil }) { return true }
        guard tokens.contains(where: isMetaToken) else { return false }
        return tokens.allSatisfy { t in isMetaToken(t) || isPaperPrefix(t) && t.count <= 8 }
    }

    /// `王小明/文`, `王小明摄`, or the token `摄` after names.
    static func roleAfter(_ t: [Unicode.Scalar], pending: inout [String]) -> String? {
        if afterScalars.contains(t), !pending.isEmpty, t != ["文"], t != ["图"] { return String(scalars: t) }
        for ru in afterScalars.words {
            let r = String(scalars: ru)
            guard t.count > ru.count, Array(t.suffix(ru.count)) == ru else { continue }
            var name = Array(t.dropLast(ru.count))
            let slash = name.last == "/" || name.last == "／"
            if slash { name.removeLast() }
            if (r == "文" || r == "图") && !slash { continue }
            if r == "摄影" && !slash { continue }
            guard let names = splitNames(name) else { continue }
            pending.append(contentsOf: names)
            return r
        }
        return nil
    }

    /// A role at the token's start, after an optional paper prefix (`本报`, `长江信息报`, `新华社`):
    /// the role and the names glued after it.
    static func roleBefore(_ t: [Unicode.Scalar]) -> (role: String, rest: [Unicode.Scalar])? {
        for start in 0..<min(t.count, 13) {
            guard let role = beforeScalars.longestPrefix(of: t[start...]) else { continue }
            let prefix = t[..<start]
            let reporterRole = t[start...].starts(with: ["记", "者"]) || t[start...].contains("者") && start + 6 > t.count
            let pupil = t[start...].starts(with: ["小", "记", "者"])
            guard start == 0 || isPaperPrefix(Array(prefix)) || pupil
                || reporterRole && prefix.count >= 2 && prefix.allSatisfy({ $0.isHan || $0 == "·" })
            else { continue }
            var k = start + role.count
            // `文` and `图` alone need a mark after them (`文/王小明`, `图：李华`), else they start prose.
            if k < t.count, ":：/／".unicodeScalars.contains(t[k]) {
                k += 1
            } else if role.count == 1 && k < t.count {
                continue
            }
            return (String(scalars: role.map { $0 == "／" ? "/" : $0 }), Array(t[k...]))
        }
        return nil
    }

    /// `本报`, `本刊`, `长江信息报`, `新华社`, `衡阳日报社`, `红网`: what may stand before a role.
    static func isPaperPrefix(_ p: [Unicode.Scalar]) -> Bool {
        guard p.allSatisfy({ $0.isHan || $0 == "·" }), let last = p.last else { return false }
        if p == ["本", "报"] || p == ["本", "刊"] || p == ["本", "台"] { return true }
        return p.count >= 2 && "报社台网刊站".unicodeScalars.contains(last)
    }

    /// A token of names: `王小明`, `李华`, or names printed without a separator (`王小明李华`), split where
    /// each part starts with a surname. Nil when the token is not names.
    static func splitNames(_ t: [Unicode.Scalar]) -> [String]? {
        guard !t.isEmpty, t.count <= 12, t.allSatisfy({ $0.isHan || $0 == "·" }) else { return nil }
        if t.contains("·") { return t.count >= 3 ? [String(scalars: t)] : nil }
        guard let parts = segmentNames(t[...]) else { return nil }
        return parts.map { String(scalars: $0) }
    }

    /// `Lexicon.compoundSurnames` as scalars (made for every surname at every call, they were 3 % of a parse's instructions).
    static let compoundSurnameScalars = Lexicon.compoundSurnames.map { Array($0.unicodeScalars) }

    /// Splits a run into names of 2–3 characters (2–4 with a compound surname), each starting with a surname;
    /// prefers the fewest names, then names of three characters first.
    static func segmentNames(_ t: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>]? {
        if t.isEmpty { return [] }
        let compound = compoundSurnameScalars.contains { t.starts(with: $0) }
        guard compound || Lexicon.surnames.contains(t.first!) else { return nil }
        if t.count <= 3 && t.count >= 2 { return Lexicon.notNames.contains(String(scalars: t)) ? nil : [t] }
        if compound && t.count == 4 { return [t] }
        var best: [ArraySlice<Unicode.Scalar>]?
        for len in (compound ? [4, 3] : [3, 2]) where len < t.count {
            let head = t.prefix(len)
            guard let rest = segmentNames(t.dropFirst(len)), !rest.isEmpty else { continue }
            let candidate = [head] + rest
            if best == nil || candidate.count < best!.count { best = candidate }
        }
        return best
    }
}

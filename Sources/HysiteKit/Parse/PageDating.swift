/// Dates a page's articles. A dateline (`7月25日上午`) gives month, day and time of day; the year comes from a
/// date in the file name, else the year the page names most often (`2023年`), else the configured default.
struct PageDating {
    var fileDate: Day?
    var pageYear: Int?
    var defaultYear: Int?
    var file: String

    init(file: String, fileKey: String, text: String, defaultYear: Int?) {
        let name = fileKey.split(separator: "/").last.map(String.init) ?? fileKey
        self.fileDate = PageDating.dateInFileName(name)
        self.pageYear = PageDating.mostNamedYear(text)
        self.defaultYear = defaultYear
        self.file = file
    }

    /// `2023-07-26_01.txt`, `20230726.txt`, `hy_2023_07_26.txt`; digits glued to letters or longer digit runs do not count.
    static func dateInFileName(_ name: String) -> Day? {
        let u = Array(name.unicodeScalars)
        func digit(_ i: Int) -> Int? {
            guard i >= 0, i < u.count, (0x30...0x39).contains(u[i].value) else { return nil }
            return Int(u[i].value - 0x30)
        }
        func isWordChar(_ i: Int) -> Bool { i >= 0 && i < u.count && (u[i].properties.isAlphabetic || digit(i) != nil) && u[i].isASCII }
        var i = 0
        while i + 8 <= u.count {
            defer { i += 1 }
            if isWordChar(i - 1) { continue }
            guard let y1 = digit(i), let y2 = digit(i + 1), let y3 = digit(i + 2), let y4 = digit(i + 3) else { continue }
            let year = y1 * 1000 + y2 * 100 + y3 * 10 + y4
            guard (1900...2099).contains(year) else { continue }
            var k = i + 4
            let sep = k < u.count && (u[k] == "-" || u[k] == "_" || u[k] == ".") ? u[k] : nil
            if sep != nil { k += 1 }
            guard let m1 = digit(k), let m2 = digit(k + 1) else { continue }
            k += 2
            if let s = sep { guard k < u.count, u[k] == s else { continue }; k += 1 }
            guard let d1 = digit(k), let d2 = digit(k + 1) else { continue }
            k += 2
            if digit(k) != nil { continue }
            let day = Day(year: year, month: m1 * 10 + m2, day: d1 * 10 + d2)
            if day.isValid { return day }
        }
        return nil
    }

    /// The year the page names most often as `NNNN年` (ties: the first named): four ASCII digits, 1900 to 2099, not
    /// preceded by another digit. Read on the UTF-8 bytes (`年` is `E5 B9 B4`), where the digits are single bytes.
    static func mostNamedYear(_ text: String) -> Int? {
        var text = text
        var named: [(year: Int, count: Int)] = []
        text.withUTF8 { b in
            var j = 4
            while let at = b.index(of: 0xE5, from: j) {
                j = at + 1
                guard at >= 4, at + 2 < b.count, b[at + 1] == 0xB9, b[at + 2] == 0xB4 else { continue }
                guard at == 4 || !isDigit(b[at - 5]) else { continue }
                var year = 0
                for k in (at - 4)..<at {
                    guard isDigit(b[k]) else { year = -1; break }
                    year = year * 10 + Int(b[k] - 0x30)
                }
                guard (1900...2099).contains(year) else { continue }
                if let k = named.firstIndex(where: { $0.year == year }) { named[k].count += 1 } else { named.append((year: year, count: 1)) }
            }
        }
        var best: (year: Int, count: Int)?
        for n in named where n.count > (best?.count ?? 0) { best = n }
        return best?.year
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    struct Dateline: Equatable {
        var year: Int?
        var month: Int
        var day: Int
        var timeOfDay: String?
    }

    /// `7月25日上午，…`, `2023年7月25日`, `７月２５日晚` at the very start of a paragraph.
    static func dateline(_ paragraph: String) -> Dateline? {
        let u = Array(paragraph.unicodeScalars.prefix(24))
        var i = 0
        func number() -> Int? {
            var v = 0, n = 0
            // Saturates instead of overflowing on a long digit run (`99999999999999999999月…`): any value
            // past 10 000 fails every range check below, as the exact number would.
            while i < u.count, let d = asciiDigit(u[i]) { v = min(v, 10_000) * 10 + d; n += 1; i += 1 }
            return n > 0 ? v : nil
        }
        var year: Int?
        guard var first = number() else { return nil }
        if i < u.count, u[i] == "年" {
            guard (1900...2099).contains(first) else { return nil }
            year = first
            i += 1
            guard let m = number() else { return nil }
            first = m
        }
        guard i < u.count, u[i] == "月", (1...12).contains(first) else { return nil }
        i += 1
        guard let d = number(), (1...31).contains(d), i < u.count, u[i] == "日" || u[i] == "号" else { return nil }
        i += 1
        let rest = String(scalars: u[i...])
        let tod = Lexicon.timesOfDay.first { rest.startsWithBytes($0) }
        return Dateline(year: year, month: first, day: d, timeOfDay: tod)
    }

    static func asciiDigit(_ s: Unicode.Scalar) -> Int? {
        switch s.value {
        case 0x30...0x39: return Int(s.value - 0x30)
        case 0xFF10...0xFF19: return Int(s.value - 0xFF10)  // full-width digits
        default: return nil
        }
    }

    /// Whether a paragraph opens with a date of any form: a dateline, a day (`30日上午`), a relative day
    /// (`昨日`, `今天`) or an approximate one (`近日`, `日前`).
    static func opensWithDate(_ paragraph: String) -> Bool {
        if dateline(paragraph) != nil || dayOnly(paragraph) != nil { return true }
        return Relative.at(paragraph) != nil
    }

    /// `30日上午，…`: a day of the month with no month, at the start.
    static func dayOnly(_ paragraph: String) -> (day: Int, timeOfDay: String?)? {
        let u = Array(paragraph.unicodeScalars.prefix(12))
        var i = 0, v = 0
        while i < u.count, i < 2, let d = asciiDigit(u[i]) { v = v * 10 + d; i += 1 }
        guard i > 0, i < u.count, u[i] == "日" || u[i] == "号", (1...31).contains(v) else { return nil }
        let rest = String(scalars: u[(i + 1)...])
        guard let next = rest.unicodeScalars.first, "，,上下中晚早凌清傍夜深在的".unicodeScalars.contains(next) || asciiDigit(next) != nil
        else { return nil }
        return (v, Lexicon.timesOfDay.first { rest.startsWithBytes($0) })
    }

    /// A dateline after a short lead sentence or quote: the first `7月25日` that opens a clause within the first
    /// 120 characters of the paragraph (`“……”7月25日上午，…`, `冬日暖阳。12月3日，…`).
    static func leadDateline(_ paragraph: String, before limit: Int? = nil) -> Dateline? {
        let u = Array(paragraph.unicodeScalars.prefix(min(120, limit ?? 120)))
        for i in clauseDigits(u) {
            var start = i
            if u[i - 1] == "年" { start = max(0, i - 5); if asciiDigit(u[start]) == nil { start += 1 } }
            guard let d = dateline(String(scalars: u[start...])) else { continue }
            // `将于9月27日在港举行`, `定于…`: a plan, not a dateline.
            if u[i - 1] == "于" { continue }
            if d.timeOfDay != nil || followedBy(u, from: i, "在午") || clauseFollows(u, from: i) && (opensClause(u[i - 1]) || u[i - 1] == "年") {
                return d
            }
        }
        return nil
    }

    /// A day-only dateline inside the lead: `“……”12日18时59分，…`, `在22日的活动现场`, `这是16日晚`.
    static func leadDayOnly(_ paragraph: String) -> (day: Int, timeOfDay: String?)? {
        let u = Array(paragraph.unicodeScalars.prefix(120))
        for i in clauseDigits(u) where opensClause(u[i - 1]) || "在是".unicodeScalars.contains(u[i - 1]) {
            if let d = dayOnly(String(scalars: u[i...])) { return d }
        }
        return nil
    }

    /// Offsets (after the first) where a run of digits starts.
    static func clauseDigits(_ u: [Unicode.Scalar]) -> [Int] {
        u.indices.dropFirst().filter { asciiDigit(u[$0]) != nil && asciiDigit(u[$0 - 1]) == nil && u[$0 - 1] != "." }
    }

    /// What may stand right before a dateline inside a lead: the end of a sentence or quote, a comma, a bracket.
    static func opensClause(_ c: Unicode.Scalar) -> Bool {
        "。！？!?”\"，, 　：:（(是".unicodeScalars.contains(c)
    }

    /// Whether the date at `i` is followed right after its 日 by one of `chars` (`4月28日在`, `9月25日午后`).
    static func followedBy(_ u: [Unicode.Scalar], from i: Int, _ chars: String) -> Bool {
        guard let r = u[i...].firstIndex(where: { $0 == "日" || $0 == "号" }), r + 1 < u.count else { return false }
        return chars.unicodeScalars.contains(u[r + 1])
    }

    /// After `7月25日` comes `，`, `在`, a time of day or `晚` — not `起` or `前` (a deadline, not a dateline).
    static func clauseFollows(_ u: [Unicode.Scalar], from i: Int) -> Bool {
        guard let r = u[i...].firstIndex(where: { $0 == "日" || $0 == "号" }), r + 1 < u.count else { return false }
        return "，,在晚是）)".unicodeScalars.contains(u[r + 1])
    }

    /// `本报6月12日讯`, `新华社长沙7月25日电`: the month and day in a source line.
    static func sourceDate(_ source: String?) -> (month: Int, day: Int)? {
        guard let s = source, let m = s.firstIndex(of: "月") else { return nil }
        let before = s[..<m].reversed().prefix { $0.isASCII && $0.isNumber }
        let after = s[s.index(after: m)...].prefix { $0.isASCII && $0.isNumber }
        guard let month = Int(String(before.reversed())), let day = Int(after), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return (month, day)
    }

    func date(_ article: inout Article, diagnostics: inout [Diagnostic]) {
        let first = article.paragraphs.first ?? ""
        let fromSource = PageDating.sourceDate(article.byline.source)
        if let rel = Relative.at(first), let explicit = Relative.explicitDate(after: first) {
            // `今天（3月5日）上午`, `今天3月5日`: the date printed after the word wins.
            article.timeOfDay = explicit.timeOfDay ?? rel.timeOfDay
            settle(&article, explicit, diagnostics: &diagnostics)
        } else if Relative.isBackgroundLead(first), let dl = laterDateline(article), !isBackground(dl) {
            // `连日来，…` / `6月19日，…`: the lead sets the scene, the next paragraph dates the story.
            article.timeOfDay = dl.timeOfDay
            settle(&article, dl, diagnostics: &diagnostics)
        } else if let rel = Relative.at(first), rel.offset == nil, let fd = fileDate {
            // `近日，…` wins over a later exact date: the article does not say when.
            article.date = fd
            article.datePrecision = .approximate
        } else if let dl = PageDating.dateline(first) ?? PageDating.leadDateline(first, before: Relative.inLeadOffset(first))
                    ?? (Relative.at(first) == nil && Relative.inLead(first) == nil && PageDating.sourceDate(article.byline.source) == nil
                        ? laterDateline(article) : nil),
                  !isBackground(dl) {
            article.timeOfDay = dl.timeOfDay
            settle(&article, Dateline(year: dl.year, month: dl.month, day: dl.day, timeOfDay: dl.timeOfDay), diagnostics: &diagnostics)
        } else if let d = PageDating.dayOnly(first) ?? PageDating.leadDayOnly(first) {
            article.timeOfDay = d.timeOfDay
            // The month of the 讯 line's date (or else the page's); a day later than that date is the month before.
            let ref = fromSource.map { (month: $0.month, day: $0.day) } ?? fileDate.map { (month: $0.month, day: $0.day) }
            guard let month = ref.map({ d.day > $0.day ? ($0.month + 10) % 12 + 1 : $0.month }) else {
                return undated(&article, diagnostics: &diagnostics)
            }
            settle(&article, Dateline(year: nil, month: month, day: d.day, timeOfDay: d.timeOfDay), diagnostics: &diagnostics)
        } else if let s = fromSource {
            settle(&article, Dateline(year: nil, month: s.month, day: s.day, timeOfDay: nil), diagnostics: &diagnostics)
        } else if let rel = Relative.at(first) ?? Relative.inLead(first), let fd = fileDate {
            article.timeOfDay = rel.timeOfDay
            article.date = fd.adding(days: rel.offset ?? 0)
            article.datePrecision = rel.offset == nil ? .approximate : .day
        } else if let fd = fileDate {
            article.date = fd
            article.datePrecision = .approximate
        } else {
            undated(&article, diagnostics: &diagnostics)
        }
    }

    /// A full date (with its year) more than 60 days before the page's: the story's background
    /// (`2018年3月7日上午，…` on a 2019 page), not the day it reports.
    func isBackground(_ dl: Dateline) -> Bool {
        guard let y = dl.year, let fd = fileDate else { return false }
        let day = Day(year: y, month: dl.month, day: dl.day)
        return day.isValid && day < fd.adding(days: -60)
    }

    /// A dateline opening the second or third paragraph, after a background lead (`连日来，…` / `6月19日，…`).
    func laterDateline(_ article: Article) -> Dateline? {
        article.paragraphs.dropFirst().prefix(2).lazy.compactMap { PageDating.dateline($0) }.first
    }

    func undated(_ article: inout Article, diagnostics: inout [Diagnostic]) {
        diagnostics.append(.warning(.undated, file, line: article.line,
            "article '\(article.title.prefix(30))' has no dateline and the file name holds no date; listed as undated (name the file like 2023-07-26_01.txt to date it)"))
    }

    /// Gives a month-and-day dateline its year (file name's, previous year when later than the file's date, else
    /// the page's or the default) and checks it is a real day.
    func settle(_ article: inout Article, _ dl: Dateline, diagnostics: inout [Diagnostic]) {
        var year = dl.year
        if year == nil, let fd = fileDate {
            year = (dl.month, dl.day) > (fd.month, fd.day) ? fd.year - 1 : fd.year
        }
        if year == nil { year = pageYear ?? defaultYear }
        guard let y = year else {
            diagnostics.append(.warning(.noYear, file, line: article.line,
                "article '\(article.title.prefix(30))' is dated \(dl.month)月\(dl.day)日 but no year is known (none in the file name, none on the page, no default_year in hysite.yml); listed as undated"))
            return
        }
        let day = Day(year: y, month: dl.month, day: dl.day)
        guard day.isValid else {
            diagnostics.append(.warning(.impossibleDate, file, line: article.line,
                "article '\(article.title.prefix(30))' has an impossible date \(dl.month)月\(dl.day)日 (\(y)); listed as undated"))
            return
        }
        article.date = day
    }
}

/// Relative and approximate dates in a first paragraph: `昨日上午`, `昨晚`, `前天`, `今天`, `当天`, `近日`, `日前`.
enum Relative {
    /// Words and their offset from the page's day in days; nil offset: approximate (the page's day).
    static let words: [(word: String, offset: Int?)] = [
        ("昨日", -1), ("昨天", -1), ("昨晚", -1), ("昨夜", -1), ("昨早", -1), ("昨晨", -1), ("前天", -2), ("前日", -2),
        ("今天", 0), ("今日", 0), ("今晨", 0), ("今早", 0), ("当天", 0), ("当日", 0), ("近日", nil), ("日前", nil),
        ("近期", nil), ("最近", nil), ("连日来", nil), ("近来", nil),
    ]

    /// A relative date word at the paragraph's start, with the time of day after it (`昨日上午`, `昨晚` → 晚).
    static func at(_ paragraph: String) -> (offset: Int?, timeOfDay: String?)? {
        for w in words where paragraph.startsWithBytes(w.word) {
            let rest = paragraph.dropFirst(w.word.count)
            var tod = Lexicon.timesOfDay.first { rest.startsWithBytes($0) }
            if tod == nil, w.word.endsWithBytes("晚") || w.word.endsWithBytes("夜") { tod = "晚" }
            if tod == nil, w.word.endsWithBytes("晨") || w.word.endsWithBytes("早") { tod = "早上" }
            return (w.offset, tod)
        }
        return nil
    }

    /// A date printed right after the opening relative word: `今天3月5日`, `今天（3月5日）上午`.
    static func explicitDate(after paragraph: String) -> PageDating.Dateline? {
        guard let w = words.first(where: { paragraph.startsWithBytes($0.word) }) else { return nil }
        var rest = paragraph.dropFirst(w.word.count)
        if rest.first == "（" || rest.first == "(" { rest = rest.dropFirst() }
        guard let d = PageDating.dateline(String(rest.prefix(24))) else { return nil }
        return d
    }

    /// Leads that set a scene over days (`连日来`, `近来`, `这几天`): a dated paragraph after them dates the story.
    static func isBackgroundLead(_ paragraph: String) -> Bool {
        ["连日来", "近来", "这几天", "连日", "入夏以来", "入冬以来", "今年以来"].contains { paragraph.startsWithBytes($0) }
    }

    /// Where (in scalars) the first relative day word of the lead stands (`记者昨日从…获悉`), if any.
    static func inLeadOffset(_ paragraph: String) -> Int? {
        let head = Array(paragraph.unicodeScalars.prefix(100))
        for i in head.indices {
            for w in words where w.offset != nil && head[i...].starts(with: w.word.unicodeScalars) {
                // `今天(3月15日)下午`: the bracketed date is the dateline, not the word.
                let after = i + w.word.unicodeScalars.count
                if after < head.count, head[after] == "(" || head[after] == "（" { continue }
                return i
            }
        }
        return nil
    }

    /// A relative date word opening a clause within the first 100 characters (`记者昨日从市公安局获悉`,
    /// `本报讯，昨日上午`): the first one found.
    static func inLead(_ paragraph: String) -> (offset: Int?, timeOfDay: String?)? {
        let head = Array(String(paragraph.prefix(100)).unicodeScalars)[...]
        var best: (at: Int, offset: Int?, tod: String?)?
        for (w, scalars) in zip(words, wordScalars) where w.offset != nil {
            guard let k = firstOffset(of: scalars, in: head), best == nil || k < best!.at,
                  let hit = at(String(String.UnicodeScalarView(head[k...]))) else { continue }
            best = (k, hit.offset, hit.timeOfDay)
        }
        return best.map { ($0.offset, $0.tod) }
    }

    /// `words`' words as scalars.
    static let wordScalars = words.map { Array($0.word.unicodeScalars) }
}

extension Day {
    /// The day `n` days later (earlier for negative `n`).
    func adding(days n: Int) -> Day {
        var d = self
        var left = n
        while left < 0 {
            if d.day > 1 { d.day -= 1 } else {
                d.month -= 1
                if d.month == 0 { d.month = 12; d.year -= 1 }
                d.day = Day.daysIn(month: d.month, year: d.year)
            }
            left += 1
        }
        while left > 0 {
            if d.day < Day.daysIn(month: d.month, year: d.year) { d.day += 1 } else {
                d.day = 1; d.month += 1
                if d.month == 13 { d.month = 1; d.year += 1 }
            }
            left -= 1
        }
        return d
    }
}

/// Articles printed in two parts (`（下转第二版）` … `（上接第一版）`): when both parts are in the archive, the second
/// joins the first.
enum ContinuedArticles {
    /// The printed page a file holds, from its name: `2023-07-26_01.txt` → 1, `…_p03` → 3, `…A03` → 3.
    static func pageNumber(_ key: String) -> Int? {
        var name = Substring(key.split(separator: "/").last ?? Substring(key))
        if let dot = name.lastIndex(of: ".") { name = name[..<dot] }
        let u = Array(name.unicodeScalars)
        var k = u.count
        while k > 0, PageDating.asciiDigit(u[k - 1]) != nil { k -= 1 }
        let digits = u.count - k
        guard (1...3).contains(digits), k > 0 else { return nil }
        let before = u[k - 1]
        guard before == "_" || before == "-" || before == "p" || before == "P" || (before.isASCII && before.properties.isUppercase) else { return nil }
        let n = Continuation.number(Array(u[k...])) ?? 0
        return n > 0 ? n : nil
    }

    /// Joins each second part to its first (same day, the page the first names, a part that says it continues);
    /// a first part whose second is not in the archive stays as it is, with a warning. Returns which of the
    /// articles given were kept (in order) and which of the kept ones (new indices) got a part appended.
    @discardableResult
    static func join(_ articles: inout [Article], pages: [PageSource], diagnostics: inout [Diagnostic])
        -> (kept: [Int], joined: [Int]) {
        guard articles.contains(where: { $0.continuesOn != nil }) else { return (Array(articles.indices), []) }
        var placed: [String: (day: Day?, page: Int?)] = [:]
        for p in pages {
            let name = p.key.split(separator: "/").last.map(String.init) ?? p.key
            placed[p.file] = (PageDating.dateInFileName(name), pageNumber(p.key))
        }
        // Second parts by the day and page they are printed on.
        var parts: [String: [Int]] = [:]
        for j in articles.indices where articles[j].continuedFrom != nil {
            if let w = placed[articles[j].file], let page = w.page { parts["\(w.day?.iso ?? "") \(page)", default: []].append(j) }
        }
        var removed = Set<Int>(), grown = Set<Int>()
        for i in articles.indices where !removed.contains(i) {
            guard let target = articles[i].continuesOn else { continue }
            let from = placed[articles[i].file]
            let match = parts["\(from?.day?.iso ?? "") \(target)"]?.first { j in
                !removed.contains(j) && j != i && articles[j].file != articles[i].file
                    && (from?.page == nil || articles[j].continuedFrom == from?.page)
            }
            guard let j = match else {
                diagnostics.append(.warning(.continuationUnmatched, articles[i].file, line: articles[i].line,
                    "article '\(articles[i].title.prefix(30))' continues on page \(target), but no part on page \(target) of that day says it continues from here; kept as printed on this page"))
                continue
            }
            append(articles[j], to: &articles[i])
            removed.insert(j)
            grown.insert(i)
        }
        let kept = articles.indices.filter { !removed.contains($0) }
        articles = kept.map { articles[$0] }
        return (kept, kept.indices.filter { grown.contains(kept[$0]) })
    }

    /// The second part's text, credits and furniture after the first's; a sentence the page break cut is rejoined.
    static func append(_ part: Article, to article: inout Article) {
        var rest = part.paragraphs
        var marks = part.subheadings
        if let last = article.paragraphs.last, !PageParser.endsSentence(last), !rest.isEmpty, !marks.contains(0) {
            article.paragraphs[article.paragraphs.count - 1] = last + rest.removeFirst()
            marks = marks.map { $0 - 1 }
        }
        let offset = article.paragraphs.count
        article.paragraphs += rest
        article.subheadings += marks.map { $0 + offset }
        for r in part.reporters where !article.reporters.contains(where: { $0.name == r.name }) { article.byline.reporters.append(r) }
        article.furniture += [part.title] + part.subtitles + part.furniture
        article.continuesOn = part.continuesOn
    }
}

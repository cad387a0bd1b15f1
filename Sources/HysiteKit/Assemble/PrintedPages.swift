/// One printed page (版面): the articles of one input page file, in print order.
public struct PrintedPage: Sendable, Hashable {
    /// The page file, as the articles name it.
    public var file: String
    /// The day the page was printed: the date in its file name, else the latest date of its articles
    /// (a page prints news of its own day or earlier); nil when none of its articles is dated.
    public var day: Day?
    /// The page number from the file name (`2023-07-26_01.txt`, `…_p03`, `A03`), if it names one.
    public var number: Int?
    /// The file's name without folders and extension (`000_7ef2a64ad5261223`).
    public var stem: String
    /// The page's file name without `.html`: `p01` for a numbered page, else the page's article-id stem.
    public var slug: String
    /// Indices into `Archive.articles`, in print order (position on the page).
    public var articles: [Int]

    /// `第1版`, or the file's stem when the name gives no page number.
    public var label: String { number.map { "第\($0)版" } ?? stem }

    /// `2023年7月25日 第1版`; `未注明日期 第1版` for a page without a date.
    public var heading: String {
        guard let d = day else { return "未注明日期 \(label)" }
        return "\(d.year)年\(d.month)月\(d.day)日 \(label)"
    }
}

/// Groups the archive's articles into printed pages.
enum PrintedPages {
    /// Pages ordered by day (undated last), then page number (unnumbered after numbered), then file; and for
    /// each article, the index of its page.
    static func make(_ articles: [Article]) -> (pages: [PrintedPage], pageOf: [Int]) {
        var byFile: [String: [Int]] = [:]
        var files: [String] = []
        for i in articles.indices {  // by index: `for (i, a) in articles.enumerated()` copies each article
            let file = articles[i].file
            if byFile[file] == nil { files.append(file) }
            byFile[file, default: []].append(i)
        }
        var pages = files.map { file in page(file, byFile[file]!.sorted { articles[$0].position < articles[$1].position }, articles) }
        pages.sort(by: printOrder)
        assignSlugs(&pages)
        var pageOf = [Int](repeating: 0, count: articles.count)
        for (p, page) in pages.enumerated() { for i in page.articles { pageOf[i] = p } }
        return (pages, pageOf)
    }

    /// The page of one file, before its slug is settled.
    static func page(_ file: String, _ indices: [Int], _ articles: [Article]) -> PrintedPage {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        var stem = name
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
        let day = PageDating.dateInFileName(name) ?? indices.compactMap { articles[$0].date }.max()
        let id = articles[indices[0]].id
        let idStem = id.lastIndex(of: "-").map { String(id[..<$0]) } ?? id
        return PrintedPage(file: file, day: day, number: ContinuedArticles.pageNumber(file), stem: stem, slug: idStem,
                           articles: indices)
    }

    /// Day (undated last), page number (unnumbered last), then file path.
    static func printOrder(_ a: PrintedPage, _ b: PrintedPage) -> Bool {
        switch (a.day, b.day) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        switch (a.number, b.number) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.file.bytesPrecede(b.file)
        }
    }

    /// `p01` for the first numbered page of its number on its day; every other page keeps its id stem
    /// (distinct across the archive), suffixed when a `pNN` already took it or when it is `index` in any case
    /// (the page would be `dates/…/25/index.html`, the day's own page; `Index.html` is the same file on macOS).
    static func assignSlugs(_ pages: inout [PrintedPage]) {
        var taken: [String: Set<String>] = [:]  // by day (ISO, or "" for undated)
        for i in pages.indices {
            let day = pages[i].day?.iso ?? ""
            if let n = pages[i].number {
                let s = n < 10 ? "p0\(n)" : "p\(n)"
                if taken[day, default: []].insert(s).inserted { pages[i].slug = s; continue }
            }
            var s = pages[i].slug
            var k = 2
            while isReserved(s) || !taken[day, default: []].insert(s).inserted { s = "\(pages[i].slug)-\(k)"; k += 1 }
            pages[i].slug = s
        }
    }

    /// A slug a printed page may not have: `index` in any case, the name of its day's page.
    static func isReserved(_ slug: String) -> Bool { slug.utf8.count == 5 && slug.lowercased() == "index" }
}

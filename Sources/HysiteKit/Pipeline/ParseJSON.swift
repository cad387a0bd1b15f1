import Foundation

/// The schema of `hysite parse --json`:
/// `{"articles":[{"id","file","kicker","title","subtitles","source","reporters":[{"name","role"}],"date",
/// "date_precision","time_of_day","paragraphs","subheadings","people","url"}],"diagnostics":[{"file","line","severity","message"}]}`.
/// `kicker`, `source`, `date`, `date_precision` (`day` or `approximate`) and `time_of_day` are null when absent;
/// `subheadings` lists the indices of `paragraphs` that are subheadings.
public struct ParseJSON: Encodable {
    struct ArticleJSON: Encodable {
        let a: Article
        /// The article's URL: its page's path in the site (`hysite parse`), or its permanent URL (`data/articles.jsonl`).
        var url: String
        /// Only in `data/articles.jsonl`: the printed page's number (null when the file name gives none) and URL.
        var printedPage: Int?? = nil
        var printedPageURL: String? = nil

        init(a: Article, url: String? = nil, printedPage: Int?? = nil, printedPageURL: String? = nil) {
            self.a = a
            self.url = url ?? Routes.article(a)
            self.printedPage = printedPage
            self.printedPageURL = printedPageURL
        }

        enum K: String, CodingKey {
            case id, file, kicker, title, subtitles, source, reporters, date, date_precision, time_of_day, paragraphs, subheadings, people, url, line, position, titles
            case printed_page, printed_page_url
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(a.id, forKey: .id)
            try c.encode(a.file, forKey: .file)
            try c.encode(a.line, forKey: .line)
            try c.encode(a.position, forKey: .position)
            try c.encode(a.kicker, forKey: .kicker)
            try c.encode(a.title, forKey: .title)
            try c.encode(a.subtitles, forKey: .subtitles)
            try c.encode(a.byline.source, forKey: .source)
            try c.encode(a.reporters.map { ["name": $0.name, "role": $0.role] }, forKey: .reporters)
            try c.encode(a.date?.iso, forKey: .date)
            try c.encode(a.date == nil ? nil : a.datePrecision.rawValue, forKey: .date_precision)
            try c.encode(a.timeOfDay, forKey: .time_of_day)
            try c.encode(a.paragraphs, forKey: .paragraphs)
            try c.encode(a.subheadings, forKey: .subheadings)
            try c.encode(a.people, forKey: .people)
            try c.encode(a.titles.map { ["name": $0.name, "title": $0.title] }, forKey: .titles)
            try c.encode(url, forKey: .url)
            if let p = printedPage { try c.encode(p, forKey: .printed_page) }
            if let u = printedPageURL { try c.encode(u, forKey: .printed_page_url) }
        }
    }

    struct DiagnosticJSON: Encodable {
        let d: Diagnostic
        enum K: String, CodingKey { case file, line, severity, code, message }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(d.file, forKey: .file)
            try c.encode(d.line, forKey: .line)
            try c.encode(d.severity.rawValue, forKey: .severity)
            try c.encode(d.code.rawValue, forKey: .code)
            try c.encode(d.message, forKey: .message)
        }
    }

    let articles: [ArticleJSON]
    let diagnostics: [DiagnosticJSON]

    public init(articles: [Article], diagnostics: [Diagnostic]) {
        self.articles = articles.map { ArticleJSON(a: $0) }
        self.diagnostics = diagnostics.map(DiagnosticJSON.init)
    }

    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}

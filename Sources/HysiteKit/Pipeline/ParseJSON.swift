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
        /// The page file: as given to `hysite parse`, as the site shows it in `data/articles.jsonl` (`SiteConfig.shownSource`).
        var file: String

        init(a: Article, url: String? = nil, printedPage: Int?? = nil, printedPageURL: String? = nil, file: String? = nil) {
            self.a = a
            self.file = file ?? a.file
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
            try c.encode(file, forKey: .file)
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

    /// The output for these articles and diagnostics, each article with its page's path in the site as its URL.
    public init(articles: [Article], diagnostics: [Diagnostic]) {
        self.articles = articles.map { ArticleJSON(a: $0) }
        self.diagnostics = diagnostics.map(DiagnosticJSON.init)
    }

    /// The JSON, pretty-printed with sorted keys and unescaped slashes, so the same input gives the same bytes.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}

/// `data/articles.jsonl`'s lines written straight as bytes, keys sorted as `JSONEncoder` sorts them: encoding
/// 10,000 articles through `JSONEncoder` took a second (a second a rebuild, since the file changes with any article).
/// Strings go through `Escape.appendJSON`, the escaper of the pages' JSON-LD.
extension ParseJSON.ArticleJSON {
    /// Appends this article as one JSON object and a line feed.
    func appendLine(to out: inout [UInt8]) {
        var w = JSONLineWriter(out: out)
        out = []
        write(&w)
        w.out.append(0x0A)
        out = w.out
    }

    /// The article's members, keys sorted as `JSONEncoder` sorts them.
    func write(_ w: inout JSONLineWriter) {
        w.open()
        w.key("date"); w.string(a.date?.iso)
        w.key("date_precision"); w.string(a.date == nil ? nil : a.datePrecision.rawValue)
        w.key("file"); w.string(file)
        w.key("id"); w.string(a.id)
        w.key("kicker"); w.string(a.kicker)
        w.key("line"); w.number(a.line)
        w.key("paragraphs"); w.strings(a.paragraphs)
        w.key("people"); w.strings(a.people)
        w.key("position"); w.number(a.position)
        if let p = printedPage { w.key("printed_page"); w.number(p) }
        if let u = printedPageURL { w.key("printed_page_url"); w.string(u) }
        w.key("reporters"); w.pairs(a.reporters.map { (first: ("name", $0.name), second: ("role", $0.role)) })
        w.key("source"); w.string(a.byline.source)
        w.key("subheadings"); w.numbers(a.subheadings)
        w.key("subtitles"); w.strings(a.subtitles)
        w.key("time_of_day"); w.string(a.timeOfDay)
        w.key("title"); w.string(a.title)
        w.key("titles"); w.pairs(a.titles.map { (first: ("name", $0.name), second: ("title", $0.title)) })
        w.key("url"); w.string(url)
        w.close()
    }
}

/// A minimal JSON object writer for one line: keys in the order given, commas between members.
struct JSONLineWriter {
    var out: [UInt8]
    private var first = true

    init(out: [UInt8]) { self.out = out }

    mutating func open() {
        out.append(UInt8(ascii: "{")); first = true
    }
    mutating func close() {
        out.append(UInt8(ascii: "}"))
    }
    mutating func key(_ k: StaticString) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        out.append(0x22)
        out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        out.append(contentsOf: [0x22, UInt8(ascii: ":")])
    }
    mutating func string(_ s: String?) {
        guard let s else { out.append(contentsOf: Array("null".utf8)); return }
        Escape.appendJSONString(s, to: &out)
    }
    mutating func number(_ n: Int?) {
        guard let n else { out.append(contentsOf: Array("null".utf8)); return }
        out.append(contentsOf: Array(String(n).utf8))
    }
    mutating func strings(_ list: [String]) {
        listBracket(open: true)
        for (i, s) in list.enumerated() { if i > 0 { comma() }; string(s) }
        listBracket(open: false)
    }
    mutating func numbers(_ list: [Int]) {
        listBracket(open: true)
        for (i, n) in list.enumerated() { if i > 0 { comma() }; number(n) }
        listBracket(open: false)
    }
    private mutating func listBracket(open: Bool) {
        out.append(UInt8(ascii: open ? "[" : "]"))
    }
    private mutating func comma() {
        out.append(UInt8(ascii: ","))
    }
    /// A list of two-member objects (keys already in sorted order).
    mutating func pairs(_ list: [(first: (key: StaticString, value: String), second: (key: StaticString, value: String))]) {
        listBracket(open: true)
        for (i, p) in list.enumerated() {
            if i > 0 { comma() }
            open()
            key(p.first.key); string(p.first.value)
            key(p.second.key); string(p.second.value)
            close()
            first = false
        }
        listBracket(open: false)
    }
}

import Foundation

// The archive's open data: `data/articles/<year>.jsonl` (a file per year, so no file grows with the whole archive:
// static hosts cap a file's size, and an edit rewrites one year) and `data/people.csv`. Both are made from the
// archive alone, in its fixed order, so the same archive always gives the same bytes.

extension Renderer {
    /// One JSON object a line, articles in archive order: the `hysite parse --json` article schema, with `url` the
    /// article's permanent URL (see `permalink`) and `printed_page` / `printed_page_url` its printed page.
    func articlesJSONL(_ articles: [Int]) -> [UInt8] {
        var out: [UInt8] = []
        for i in articles { dataRow(i).appendLine(to: &out) }
        return out
    }

    /// Article `i`'s line of the data files.
    func dataRow(_ i: Int) -> ParseJSON.ArticleJSON {
        let page = archive.printedPages[archive.printedPageOf[i]]
        // The renderer's `sourceNamer`: `config.shownSource` works out the input folder's path again for each file.
        return ParseJSON.ArticleJSON(a: archive.articles[i], url: permalink(i), printedPage: page.number,
                                     printedPageURL: (archive.config.baseURL ?? "") + Routes.pretty(printedPagePaths[archive.printedPageOf[i]]),
                                     file: sourceNamer.shown(archive.articles[i].file))
    }

    /// The articles of each year (by their date; `undated` last), in archive order.
    static func articlesByYear(_ archive: Archive) -> [(key: String, articles: [Int])] {
        var byYear: [Int: [Int]] = [:], undated: [Int] = []
        for i in archive.articles.indices {
            if let d = archive.articles[i].date { byYear[d.year, default: []].append(i) } else { undated.append(i) }
        }
        return byYear.keys.sorted().map { (key: String($0), articles: byYear[$0]!) } + (undated.isEmpty ? [] : [(key: "undated", articles: undated)])
    }

    /// The CSV header of `data/people.csv`.
    static let peopleCSVHeader = ["name", "pinyin", "url", "articles", "first_date", "last_date", "titles"]

    /// One row a person, in the people index's (pinyin) order, RFC 4180 quoting and CRLF line ends; `titles` are the
    /// titles seen with the name, oldest first, joined by `；`.
    func peopleCSV() -> [UInt8] {
        var out = Array((Self.peopleCSVHeader.joined(separator: ",") + "\r\n").utf8)
        out.reserveCapacity(archive.people.count * 128)
        let base = archive.config.baseURL ?? ""
        for k in archive.people.indices {
            let p = archive.people[k]
            // A person's articles are newest first, undated last: the first dated one is their latest day, the last
            // dated one their earliest.
            let last = p.articles.first { archive.articles[$0].date != nil }.flatMap { archive.articles[$0].date }
            let first = p.articles.last { archive.articles[$0].date != nil }.flatMap { archive.articles[$0].date }
            for (f, field) in [p.name, p.pinyin, base + Routes.pretty(personPaths[k]), String(p.articles.count),
                               first?.iso ?? "", last?.iso ?? "", p.titles.map(\.title).joined(separator: "；")].enumerated() {
                if f > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendCSVField(field, to: &out)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return out
    }

    /// `csvField(s)` appended as bytes; a field that needs neither quotes nor the formula guard (nearly all) is
    /// copied as it is.
    static func appendCSVField(_ s: String, to out: inout [UInt8]) {
        var s = s
        let plain = s.withUTF8 { b -> Bool in
            guard let first = b.first, let last = b.last else { return true }
            if [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first)
                || first == 0x20 || last == 0x20 { return false }
            for c in b where c == UInt8(ascii: ",") || c == UInt8(ascii: "\"") || c == 0x0A || c == 0x0D { return false }
            out.append(contentsOf: b)
            return true
        }
        if !plain { out.append(contentsOf: csvField(s).utf8) }
    }

    /// A CSV field: quoted (with `"` doubled) when it holds a comma, a quote, a line break or leading/trailing space;
    /// one that a spreadsheet would run as a formula (first character `=`, `+`, `-`, `@`, tab or carriage return)
    /// gets a leading `'`, as OWASP advises for CSV files opened in spreadsheets.
    static func csvField(_ s: String) -> String {
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { return csvField("'" + s) }
        let special = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || s.hasPrefix(" ") || s.hasSuffix(" ")
        guard special else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

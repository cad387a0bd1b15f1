import Foundation

/// Where every page lives inside the output folder. Paths come only from the build's own slugs and numbers.
/// Article pages and printed pages (the many) are files, `<id>.html`, so a build makes a folder per month or day,
/// not per page; every other page (the few, and every listing) is a folder with an `index.html`. Links name the
/// file, `index.html` included, so the site also works from `file://`.
public enum Routes {
    /// The home page: the latest days' articles and the most named people.
    public static let home = "index.html"
    /// The index of every person, grouped by the initial of their pinyin.
    public static let peopleIndex = "people/index.html"
    /// The index of dates: every year with its months and article counts.
    public static let datesIndex = "dates/index.html"
    /// The first page of the undated articles (later pages: `undated(page:)`).
    public static let undated = "dates/undated/index.html"
    /// The search page, made only when the site's `search` setting is on.
    public static let search = "search/index.html"
    /// The Atom feed of the latest dated articles.
    public static let feed = "feed.xml"
    /// The sitemap index naming the parts at `sitemapPart(_:)`, made only when `base_url` is set.
    public static let sitemap = "sitemap.xml"
    /// The crawlers' file: allows everything and names the sitemap when `base_url` is set.
    public static let robots = "robots.txt"
    /// The page a server shows for a missing URL; its links are absolute to the site root so it works from any folder.
    public static let notFound = "404.html"
    /// The site's stylesheet, copied from the templates' assets.
    public static let stylesheet = "assets/site.css"

    /// An article's page, grouped by year and month so no folder holds more than a month's articles:
    /// `articles/2023/07/<stem>-<n>.html`; undated ones `articles/undated/<stem>-<n>.html`.
    public static func article(_ id: String, date: Day?) -> String {
        guard let d = date else { return "articles/undated/\(id).html" }
        return "articles/\(d.year)/\(two(d.month))/\(id).html"
    }

    /// An article's page (see `article(_:date:)`).
    public static func article(_ a: Article) -> String { article(a.id, date: a.date) }

    /// The sitemap index (`sitemap.xml`) lists these: `sitemaps/2023.xml`, `sitemaps/site.xml`, `sitemaps/2023-2.xml`, …
    public static func sitemapPart(_ name: String) -> String { "sitemaps/\(name).xml" }
    /// A person's page by slug, in the folder of the slug's first syllable (the surname's, as a rule):
    /// `people/liu/liu-yue-gao/index.html`; pages after the first are files, `people/liu/liu-yue-gao/page/<n>.html`
    /// (a folder each was 13,000 folders at 100,000 articles). An archive names more people the more articles it
    /// holds: 30,000 people in one `people/` folder were three times the 10,000 entries a static host may take
    /// (in a generated archive of 30,000 people, 88 surname folders, the largest holding 922).
    public static func person(_ slug: String, page: Int = 1) -> String {
        let folder = "people/\(personGroup(slug))/\(slug)"
        return page <= 1 ? "\(folder)/index.html" : "\(folder)/page/\(page).html"
    }

    /// The folder under `people/` a person's slug goes in: its first syllable (`liu` for `liu-yue-gao`). A slug is
    /// never empty and never starts with `-` (`Slug.ascii`).
    static func personGroup(_ slug: String) -> Substring {
        slug.split(separator: "-", maxSplits: 1).first ?? Substring(slug)
    }
    /// One page of the undated articles: page 1 is `undated`, later ones `dates/undated/page/<n>.html`.
    public static func undated(page: Int) -> String { page <= 1 ? undated : "dates/undated/page/\(page).html" }
    /// A year's page: `dates/2023/index.html`.
    public static func year(_ y: Int) -> String { "dates/\(y)/index.html" }
    /// A month's page, the month in two digits: `dates/2023/07/index.html`.
    public static func month(_ y: Int, _ m: Int) -> String { "dates/\(y)/\(two(m))/index.html" }
    /// A day's page, listing its articles: `dates/2023/07/25/index.html`.
    public static func day(_ d: Day) -> String { "dates/\(d.year)/\(two(d.month))/\(two(d.day))/index.html" }

    /// A printed page (版面), a file beside its day's page: `dates/2023/07/25/p01.html`; an undated one
    /// `dates/undated/pages/<stem>.html`. Its slug is never `index` (`PrintedPages.assignSlugs`).
    public static func printedPage(_ p: PrintedPage) -> String {
        guard let d = p.day else { return "dates/undated/pages/\(p.slug).html" }
        return "dates/\(d.year)/\(two(d.month))/\(two(d.day))/\(p.slug).html"
    }

    /// The about page: what the archive holds, how it was made, its data files.
    public static let about = "about/index.html"
    /// The articles of one year (`2023`, or `undated`), one JSON object a line (the `hysite parse --json` schema
    /// plus its URL).
    public static func articlesData(_ year: String) -> String { "data/articles/\(year).jsonl" }
    /// Every person: name, pinyin, URL, article count, first and last date, titles.
    public static let peopleData = "data/people.csv"

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `../../` for a page two folders deep: prefix of every relative link on that page.
    public static func root(for path: String) -> String {
        String(repeating: "../", count: path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
    }

    /// The pretty URL of a page under the site's base: `people/x/` for `people/x/index.html`; any other file as it
    /// is (`articles/2023/07/x-1.html`).
    public static func pretty(_ path: String) -> String {
        // By bytes: comparing Characters was a third of people.csv's time, and every permalink and sitemap URL is one.
        var bytes = path
        let stripped = bytes.withUTF8 { b -> String? in
            let n = 10  // "index.html"
            guard b.count >= n, memcmp(b.baseAddress! + (b.count - n), "index.html", n) == 0 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<(b.count - n)]), as: UTF8.self)
        }
        return stripped ?? path
    }
}

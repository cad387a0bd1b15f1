import Foundation
import Testing
@testable import HysiteKit

/// The charts' numbers against the archive: a person's timeline adds up to their dated articles, bar by bar; a year's
/// heatmap has a square per day of the year, each with that day's count and a link to its page; the per-year bars of
/// the home and dates pages add up to the archive. Checked on the seeds and on a generated corpus spread over years,
/// by reading the rendered pages (the SVG's `<title>`s and the visible list), not the renderer's own numbers.
@Suite struct ChartTests {
    /// The seeds' archive, or a generated one (`gen_corpus.py`) whose days are spread 11 days apart over three years.
    static func renderer(_ input: String) throws -> Renderer {
        let (pages, _) = Pipeline.loadPages([input], fs: LocalFileSystem())
        let archive = Archive(articles: Pipeline.parse(pages).articles, config: SiteConfig())
        let (templates, diagnostics, _) = Pipeline.loadTemplates(repoRoot + "/Templates", fs: LocalFileSystem())
        return Renderer(archive: archive, templates: try #require(templates, "\(diagnostics)"))
    }

    /// The generated archive's renderer, made once; its folder is removed once the pages are read.
    static let spreadRenderer: Renderer = {
        let dir = try! generateCorpus(800, prefix: "hysite-charts")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try! renderer(spread(dir + "/pages"))
    }()

    /// `pages` (as `gen_corpus.py` writes them) with their days spread 11 days apart; returns `pages`.
    static func spread(_ pages: String) -> String {
        // gen_corpus writes consecutive days from 2000-01-01 (YYYY-MM-DD_0P.txt): move day k to 2000-01-01 + 11k days.
        let fm = FileManager.default
        let start = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2000, month: 1, day: 1).date!
        let names = ((try? fm.contentsOfDirectory(atPath: pages)) ?? []).sorted()
        let days = Array(Set(names.map { String($0.prefix(10)) })).sorted()
        let fmt = DateFormatter()
        fmt.timeZone = TimeZone(identifier: "UTC")
        fmt.dateFormat = "yyyy-MM-dd"
        for name in names {
            let k = days.firstIndex(of: String(name.prefix(10)))!
            let moved = fmt.string(from: start.addingTimeInterval(Double(k * 11) * 86_400)) + name.dropFirst(10)
            try? fm.moveItem(atPath: "\(pages)/\(name)", toPath: "\(pages)/.\(moved)")
        }
        for name in ((try? fm.contentsOfDirectory(atPath: pages)) ?? []) where name.hasPrefix(".") {
            try? fm.moveItem(atPath: "\(pages)/\(name)", toPath: "\(pages)/\(name.dropFirst())")
        }
        return pages
    }

    /// `(label, count)` of every `<title>label：N 篇</title>` in `svg`.
    static func titled(_ svg: Substring) -> [(label: String, count: Int)] {
        svg.matches(of: /<title>([^<]*)：(\d+) 篇<\/title>/).map { (label: String($0.output.1), count: Int($0.output.2)!) }
    }

    /// The first `<svg …>…</svg>` whose class list holds `cls`.
    static func svg(_ cls: String, in html: String) throws -> Substring {
        let start = try #require(html.range(of: "<svg class=\"chart \(cls)\""), "no \(cls) chart")
        let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        return html[start.lowerBound..<end.upperBound]
    }

    func page(_ r: Renderer, _ job: PageJob) -> String { String(decoding: r.render(job).bytes, as: UTF8.self) }

    /// Every person's first page: the bars' counts are their dated articles per year (per month when their first
    /// and last month are under 24 apart); the visible list links each non-empty bar to a page of the site.
    func checkTimelines(_ r: Renderer) throws -> (perYear: Int, perMonth: Int) {
        let paths = Set(r.jobs().map { r.path(of: $0) })
        var kinds = (perYear: 0, perMonth: 0)
        for (i, p) in r.archive.people.enumerated() {
            let dates = p.articles.compactMap { r.archive.articles[$0].date }
            let html = page(r, .person(i, page: 1))
            guard let first = dates.min(), let last = dates.max() else {
                #expect(!html.contains("chart-bars"), "\(p.name) has no dated article but a timeline")
                continue
            }
            let bars = Self.titled(try Self.svg("chart-bars", in: html))
            let monthly = (last.year * 12 + last.month) - (first.year * 12 + first.month) < 24
            if monthly { kinds.perMonth += 1 } else { kinds.perYear += 1 }
            var expected: [String: Int] = [:]
            for d in dates { expected[monthly ? "\(d.year)年\(d.month)月" : "\(d.year)年", default: 0] += 1 }
            #expect(bars.reduce(0) { $0 + $1.count } == dates.count, "\(p.name): bars add up to \(bars.map(\.count)), not \(dates.count)")
            for bar in bars { #expect(bar.count == expected[bar.label] ?? 0, "\(p.name) \(bar.label)") }
            #expect(Set(bars.map(\.label)).isSuperset(of: expected.keys), "\(p.name): a year or month with articles has no bar")
            let listed = html.matches(of: /<li><a href="([^"]+)">([^<]+)<\/a> (\d+) 篇<\/li>/).map { (href: String($0.output.1), label: String($0.output.2), count: Int($0.output.3)!) }
            #expect(listed.count == expected.count && listed.allSatisfy { expected[$0.label] == $0.count }, "\(p.name): list \(listed)")
            for item in listed { #expect(paths.contains(resolve(item.href, from: r.path(of: .person(i, page: 1)))), "\(p.name): \(item.href)") }
        }
        return kinds
    }

    /// Every year page: a square per day of the year, titled with the archive's count, linked to the day's page when it has articles.
    func checkHeatmaps(_ r: Renderer) throws -> Int {
        var years = 0
        for job in r.jobs() {
            guard case .year(let y) = job else { continue }
            years += 1
            let svg = try Self.svg("chart-heat", in: page(r, job))
            let cells = Self.titled(svg)
            #expect(cells.count == Day.daysIn(month: 2, year: y) + 337, "\(y): \(cells.count) squares")
            for (k, cell) in cells.enumerated() {
                let d = Charts.days(of: y)[k]
                #expect(cell.label == "\(y)年\(d.month)月\(d.day)日")
                #expect(cell.count == (r.archive.dayIndex[d].map { r.archive.days[$0].articles.count } ?? 0), "\(cell.label)")
            }
            let linked = svg.matches(of: /<a href="([^"]+)"><title>([^<]*)：(\d+) 篇/).map { (href: String($0.output.1), count: Int($0.output.3)!) }
            let dayIndices = r.archive.days.indices.filter { r.archive.days[$0].day.year == y }
            #expect(linked.map(\.href) == dayIndices.map { "../../" + r.dayPaths[$0] }, "\(y): the linked squares are not the year's days")
            #expect(linked.allSatisfy { $0.count > 0 })
        }
        return years
    }

    /// Home and dates pages: a bar per year from the first to the last, adding up to the dated articles.
    func checkYearBars(_ r: Renderer) throws {
        let dated = r.archive.articles.filter { $0.date != nil }
        for job in [PageJob.home, .datesIndex] {
            let bars = Self.titled(try Self.svg("chart-bars", in: page(r, job)))
            #expect(bars.reduce(0) { $0 + $1.count } == dated.count, "\(job)")
            let ys = dated.map { $0.date!.year }
            #expect(bars.map(\.label) == (ys.min()!...ys.max()!).map { "\($0)年" })
            for bar in bars { #expect(bar.count == dated.filter { "\($0.date!.year)年" == bar.label }.count, "\(job) \(bar.label)") }
        }
    }

    @Test func seedsChartsMatchTheArchive() throws {
        let r = try Self.renderer(repoRoot + "/seeds")
        let kinds = try checkTimelines(r)
        #expect(kinds.perMonth > 0)
        #expect(try checkHeatmaps(r) == 1)
        try checkYearBars(r)
    }

    @Test func generatedMultiYearChartsMatchTheArchive() throws {
        let r = Self.spreadRenderer
        let kinds = try checkTimelines(r)
        #expect(kinds.perYear > 0 && kinds.perMonth > 0, "\(kinds): both kinds of timeline should occur")
        #expect(try checkHeatmaps(r) >= 3)
        try checkYearBars(r)
    }

    /// people.csv's first and last dates are the earliest and latest days among each person's articles, over three
    /// years of generated pages (the file reads them off the ends of the person's newest-first list).
    @Test func peopleCSVDatesAreEachPersonsEarliestAndLatestDay() throws {
        let r = Self.spreadRenderer
        let rows = PrintedEditionTests.parseCSV(String(decoding: r.peopleCSV(), as: UTF8.self)).dropFirst()
        #expect(rows.count == r.archive.people.count && rows.count > 100)
        var spans = 0
        for (row, p) in zip(rows, r.archive.people) {
            let days = p.articles.compactMap { r.archive.articles[$0].date }
            #expect(row[0] == p.name)
            #expect(row[4] == (days.min()?.iso ?? "") && row[5] == (days.max()?.iso ?? ""), "\(p.name)")
            if let a = days.min(), let b = days.max(), a.year != b.year { spans += 1 }
        }
        #expect(spans > 10, "people seen over more than one year")
    }

    /// Text lands escaped; the same bars give the same bytes.
    @Test func svgEscapesTextAndIsDeterministic() {
        let bars = [ChartBar(label: "<b>&\"'", short: "x<y", count: 3, href: "a\"b.html"), ChartBar(label: "2", short: "2", count: 0)]
        let svg = String(decoding: Charts.bars(bars, id: "t", title: "<t>", desc: "&"), as: UTF8.self)
        #expect(svg.contains("<title>&lt;b&gt;&amp;&quot;&#39;：3 篇</title>"))
        #expect(svg.contains("href=\"a&quot;b.html\""))
        #expect(svg.contains(">x&lt;y<") && svg.contains(">&lt;t&gt;<") && svg.contains(">&amp;<"))
        #expect(!svg.contains("<b>"))
        #expect(Charts.bars(bars, id: "t", title: "<t>", desc: "&") == Charts.bars(bars, id: "t", title: "<t>", desc: "&"))
    }
}

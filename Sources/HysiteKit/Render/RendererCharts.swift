import Foundation

/// The charts' data, read from the archive: a person's articles per year or month, the archive's articles per
/// year, a year's articles per day; and their SVG (`Charts`).
extension Renderer {
    /// A person's dated articles per year, or per month when the first and last fall less than two years
    /// (24 months) apart; every year or month between them has a bar, linked to its page when it has articles.
    /// (`perMonth`: the person's dated articles per month, `months(of:)`.)
    func timelineBars(_ perMonth: [Int: Int], _ root: String) -> [ChartBar] {
        guard let first = perMonth.keys.min(), let last = perMonth.keys.max() else { return [] }
        if last - first < 24 {
            return (first...last).map { k in
                let (y, m) = (k / 12, k % 12 + 1), n = perMonth[k] ?? 0
                return ChartBar(label: "\(y)年\(m)月", short: "\(m)月", count: n, href: n > 0 ? root + Routes.month(y, m) : nil,
                                yearMark: k == first || m == 1 ? String(y) : nil)
            }
        }
        var perYear: [Int: Int] = [:]
        for (k, n) in perMonth { perYear[k / 12, default: 0] += n }
        return yearBars(perYear, root)
    }

    /// Person `i`'s timeline's bars and SVG as their page `page` shows them (later pages lie one folder deeper than
    /// the first, so their links differ).
    func drawTimeline(_ i: Int, page: Int) -> PersonCharts.Drawn {
        let bars = timelineBars(months(of: i), Routes.root(for: Routes.person(archive.people[i].slug, page: page)))
        return (bars: bars, svg: timelineSVG(i, bars))
    }

    /// Person `i`'s timeline for their page `page`: the first page's drawn for it (a build renders it once), the
    /// later pages' drawn once for all of them on first use.
    func personTimeline(_ i: Int, page: Int) -> PersonCharts.Drawn {
        page > 1 ? personCharts.later(i) { drawTimeline(i, page: 2) } : drawTimeline(i, page: 1)
    }

    /// The hash of what all of person `i`'s pages show, made on first use.
    func personDigest(_ i: Int) -> UInt64 { personCharts.digest(i) { makePersonDigest(i) } }

    /// Person `i`'s dated articles per month (`year * 12 + month - 1` → count), counted when their timeline is
    /// drawn (counting everyone's when the renderer was made took 0.05 s of a one-file rebuild at 100,000 articles).
    /// Read from `articleMonths`, not from the articles: reading each one's date from the archive (a cache miss an
    /// article) was most of counting.
    func months(of i: Int) -> [Int: Int] {
        var perMonth: [Int: Int] = [:]
        for ai in archive.people[i].articles {
            let k = articleMonths[ai]
            if k >= 0 { perMonth[Int(k), default: 0] += 1 }
        }
        return perMonth
    }

    /// Article `i`'s month as `months(of:)` counts it (`year * 12 + month - 1`), or -1 when it has no date.
    static func monthKey(_ article: Article) -> Int32 {
        article.date.map { Int32(truncatingIfNeeded: $0.year * 12 + $0.month - 1) } ?? -1
    }

    /// A bar per year from the first to the last of `perYear`'s years, each linked to its year page when it has articles.
    func yearBars(_ perYear: [Int: Int], _ root: String) -> [ChartBar] {
        guard let first = perYear.keys.min(), let last = perYear.keys.max() else { return [] }
        return (first...last).map { y in
            let n = perYear[y] ?? 0
            return ChartBar(label: "\(y)年", short: String(y), count: n, href: n > 0 ? root + Routes.year(y) : nil)
        }
    }

    /// The archive's dated articles per year.
    func archiveYearBars(_ root: String) -> [ChartBar] {
        var perYear: [Int: Int] = [:]
        for d in archive.days { perYear[d.day.year, default: 0] += d.articles.count }
        return yearBars(perYear, root)
    }

    /// A person's timeline as SVG (nothing when they have no dated article).
    func timelineSVG(_ person: Int, _ bars: [ChartBar]) -> [UInt8] {
        guard let busiest = bars.max(by: { $0.count < $1.count }) else { return [] }
        let p = archive.people[person]
        // A per-month timeline marks its first bar with the year; a per-year one has no marks.
        let total = bars.reduce(0) { $0 + $1.count }, perMonth = bars.first?.yearMark != nil
        let undated = p.articles.count - total
        let desc = "\(p.name)见于报道的篇数，按\(perMonth ? "月" : "年")统计：\(bars[0].label)至\(bars[bars.count - 1].label)共 \(total) 篇"
            + (undated > 0 ? "（另有 \(undated) 篇未注明日期）" : "") + "，最多的是\(busiest.label)（\(busiest.count) 篇）。"
        return Charts.bars(bars, id: "timeline", title: "\(p.name)的报道时间线", desc: desc)
    }

    /// The archive's articles per year as SVG (home and dates pages).
    func archiveYearsSVG(_ bars: [ChartBar]) -> [UInt8] {
        guard let busiest = bars.max(by: { $0.count < $1.count }) else { return [] }
        let total = bars.reduce(0) { $0 + $1.count }
        let desc = "\(bars[0].label)至\(bars[bars.count - 1].label)每年的报道篇数，共 \(total) 篇，最多的是\(busiest.label)（\(busiest.count) 篇）。"
        return Charts.bars(bars, id: "years-chart", title: "每年的报道篇数", desc: desc)
    }

    /// A year's calendar heatmap as SVG: each day shaded by its article count, linked to its page.
    func yearHeatmap(_ yi: Int, _ root: String) -> [UInt8] {
        let y = years[yi].year
        let days = years[yi].months.flatMap(\.days).map { di in
            HeatDay(day: archive.days[di].day, count: archive.days[di].articles.count, href: root + dayPaths[di])
        }
        guard let busiest = days.max(by: { $0.count < $1.count }) else { return [] }
        let desc = "\(y)年每天的报道篇数：\(days.count) 天有报道，最多的是\(dateLabel(busiest.day))（\(busiest.count) 篇）。颜色越深，篇数越多；各月各日的篇数见下方列表。"
        return Charts.heatmap(year: y, days: days, id: "heatmap", title: "\(y)年报道日历", desc: desc)
    }
}

/// Each person's timeline as their later pages draw it (once, not once a page: a third of rendering person pages at
/// 100,000 articles) and the digest of what all their pages show, each made on first use. A rebuild after an edit
/// that keeps the archive's shape looks at a few people's pages, so it draws a few timelines, not all of them; the
/// digest hashes what a timeline is drawn from, not the drawing.
struct PersonCharts {
    /// A timeline's bars and SVG.
    typealias Drawn = (bars: [ChartBar], svg: [UInt8])

    private let laterRows: LazyRows<Drawn>
    private let digestRows: LazyRows<UInt64>

    /// Nothing made yet, for `count` people.
    init(count: Int) {
        (laterRows, digestRows) = (LazyRows(count: count), LazyRows(count: count))
    }

    /// Person `i`'s timeline on their later pages: `make` runs when none was made yet.
    func later(_ i: Int, make: () -> Drawn) -> Drawn { laterRows.get(i, make: make) }

    /// Person `i`'s digest: `make` runs when none was made yet.
    func digest(_ i: Int, make: () -> UInt64) -> UInt64 { digestRows.get(i, make: make) }
}

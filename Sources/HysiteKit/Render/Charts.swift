/// One bar of a bar chart, and the same row of the chart's visible list: a label (`2023年`, `2023年7月`), a short
/// label under the bar (`2023`, `7月`), the count, and the page the bar links to (nil for an empty bar).
struct ChartBar: ViewModel, Hashable {
    var label, short: String
    var count: Int
    var href: String?
    /// A year label under a month's bar (January and the first bar of a per-month chart).
    var yearMark: String?

    static let fields: [String: Field<Self>] = [
        "label": .text(\.label), "short": .text(\.short), "count": .number(\.count), "href": .text(\.href),
    ]
}

/// One day of a year's heatmap: its date, article count and day page (nil when it has no articles).
struct HeatDay: Hashable {
    var day: Day
    var count: Int
    var href: String?
}

/// The charts as inline SVG: a bar chart (per year or per month) and a year's calendar heatmap.
/// Each chart is an `<svg>` (whose implicit role is `graphics-document`) named by its `<title>` and described by
/// its `<desc>`, with every bar or day that has articles a link named by its own `<title>` (`2023年：12 篇`), which
/// is also its tooltip. Not `role="img"`: an image's children are presentational, so its links would be hidden
/// from screen readers (axe-core: nested-interactive); and the Nu checker allows no `group` or `figure` on `<svg>`.
enum Charts {
    /// Bar chart geometry, in SVG user units (CSS pixels at full size).
    static let barStep = 30, barWidth = 22, plotHeight = 100, topPad = 16, bottomPad = 32, sidePad = 6

    /// A bar chart of `bars`, its ids prefixed by `id` (unique within the page).
    static func bars(_ bars: [ChartBar], id: String, title: String, desc: String) -> [UInt8] {
        let width = 2 * sidePad + max(bars.count, 4) * barStep
        let height = topPad + plotHeight + bottomPad
        let top = bars.map(\.count).max() ?? 0
        var svg = SVGWriter(capacity: 600 + bars.count * 320)
        header(&svg, id: id, cls: "chart chart-bars", width: width, height: height, title: title, desc: desc)
        svg.open("line", ["class": "chart-axis", "x1": .int(sidePad), "y1": .int(topPad + plotHeight),
                          "x2": .int(width - sidePad), "y2": .int(topPad + plotHeight)], empty: true)
        for (k, bar) in bars.enumerated() {
            let h = bar.count == 0 || top == 0 ? 0 : max(2, bar.count * plotHeight / top)
            let x = sidePad + k * barStep + (barStep - barWidth) / 2
            let mid = sidePad + k * barStep + barStep / 2
            if let href = bar.href { svg.open("a", ["href": .text(href)]) } else { svg.open("g") }
            svg.title("\(bar.label)：\(bar.count) 篇")
            svg.open("rect", ["class": "chart-bar", "x": .int(x), "y": .int(topPad + plotHeight - h), "width": .int(barWidth),
                              "height": .int(h)], empty: true)
            if bar.count > 0 {
                svg.element("text", ["class": "chart-num", "x": .int(mid), "y": .int(topPad + plotHeight - h - 4)], text: String(bar.count))
            }
            svg.element("text", ["class": "chart-label", "x": .int(mid), "y": .int(topPad + plotHeight + 14)], text: bar.short)
            if let mark = bar.yearMark {
                svg.element("text", ["class": "chart-label chart-year", "x": .int(mid), "y": .int(topPad + plotHeight + 28)], text: mark)
            }
            if bar.href != nil { svg.close("a") } else { svg.close("g") }
        }
        svg.close("svg")
        return svg.bytes
    }

    /// Opens the `<svg>` with its title and description.
    static func header(_ svg: inout SVGWriter, id: String, cls: String, width: Int, height: Int, title: String, desc: String) {
        svg.open("svg", ["class": .text(cls), "viewBox": .text("0 0 \(width) \(height)"), "width": .int(width), "height": .int(height),
                         "aria-labelledby": .text("\(id)-title"), "aria-describedby": .text("\(id)-desc")])
        svg.element("title", ["id": .text("\(id)-title")], text: title)
        svg.element("desc", ["id": .text("\(id)-desc")], text: desc)
    }

    /// Heatmap geometry: a square's side, the step between squares, the room for weekday and month labels.
    static let cell = 11, step = 13, left = 22, top = 16

    /// How dark a day is: 0 (no articles) to 4, by its share of the year's busiest day.
    static func level(_ count: Int, max top: Int) -> Int {
        count <= 0 || top <= 0 ? 0 : min(4, 1 + (count - 1) * 4 / top)
    }

    /// Where a day sits in a year's grid (`column`: its week, Monday first; `row`: its weekday).
    static func position(_ d: Day) -> (column: Int, row: Int) {
        let k = Day(year: d.year, month: 1, day: 1).weekdayFromMonday + dayOfYear(d)
        return (column: k / 7, row: k % 7)
    }

    /// 0 for 1 January.
    static func dayOfYear(_ d: Day) -> Int {
        (1..<d.month).reduce(0) { $0 + Day.daysIn(month: $1, year: d.year) } + d.day - 1
    }

    /// Every day of `year`, in order.
    static func days(of year: Int) -> [Day] {
        (1...12).flatMap { m in (1...Day.daysIn(month: m, year: year)).map { Day(year: year, month: m, day: $0) } }
    }

    /// A GitHub-style calendar of `year`: a column per week, a row per weekday (Monday on top), each day shaded by
    /// its count's level and linked to its day page when it has articles; `days` holds the days with articles.
    static func heatmap(year: Int, days: [HeatDay], id: String, title: String, desc: String) -> [UInt8] {
        let byDay = Dictionary(days.map { ($0.day, $0) }, uniquingKeysWith: { a, _ in a })
        let all = Self.days(of: year)
        let columns = position(all[all.count - 1]).column + 1
        let width = left + columns * step + 4, height = top + 7 * step + 26
        let busiest = days.map(\.count).max() ?? 0
        var svg = SVGWriter(capacity: 2_000 + all.count * 110)
        header(&svg, id: id, cls: "chart chart-heat", width: width, height: height, title: title, desc: desc)
        heatLabels(&svg, year: year)
        for d in all {
            let (column, row) = position(d)
            let entry = byDay[d]
            let count = entry?.count ?? 0
            if let href = entry?.href { svg.open("a", ["href": .text(href)]) } else { svg.open("g") }
            svg.title("\(d.year)年\(d.month)月\(d.day)日：\(count) 篇")
            svg.open("rect", ["class": .text("heat\(level(count, max: busiest))"), "x": .int(left + column * step), "y": .int(top + row * step),
                              "width": .int(cell), "height": .int(cell)], empty: true)
            if entry?.href != nil { svg.close("a") } else { svg.close("g") }
        }
        heatLegend(&svg, x: width - 5 * step - 40, y: top + 7 * step + 8)
        svg.close("svg")
        return svg.bytes
    }

    /// Month names over the first week of each month; 一, 三, 五 beside their rows.
    static func heatLabels(_ svg: inout SVGWriter, year: Int) {
        for m in 1...12 {
            let column = position(Day(year: year, month: m, day: 1)).column
            svg.element("text", ["class": "chart-label chart-start", "x": .int(left + column * step), "y": .int(top - 5)], text: "\(m)月")
        }
        for (row, name) in [(0, "一"), (2, "三"), (4, "五")] {
            svg.element("text", ["class": "chart-label chart-start", "x": 0, "y": .int(top + row * step + cell - 1)], text: name)
        }
    }

    /// `少 ▢▢▢▢▢ 多`: the five shades, lightest first.
    static func heatLegend(_ svg: inout SVGWriter, x: Int, y: Int) {
        svg.element("text", ["class": "chart-label chart-end", "x": .int(x - 4), "y": .int(y + cell - 1)], text: "少")
        for k in 0...4 {
            svg.open("rect", ["class": .text("heat\(k)"), "x": .int(x + k * step), "y": .int(y), "width": .int(cell), "height": .int(cell)], empty: true)
        }
        svg.element("text", ["class": "chart-label chart-start", "x": .int(x + 5 * step + 2), "y": .int(y + cell - 1)], text: "多")
    }
}

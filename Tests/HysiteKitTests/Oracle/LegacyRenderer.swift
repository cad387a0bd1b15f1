import Foundation
import Mustache
@testable import HysiteKit

/// The renderer as it was before the compiled templates (hysite 9571b93): `[String: Any]` contexts rendered by
/// swift-mustache. Kept in the tests only, as the oracle that proves the switch: every page of a site must come
/// out byte-identical from both (`CompiledRendererTests`).
struct LegacyRenderer {
    let archive: Archive
    let library: MustacheLibrary
    let years: [(year: Int, months: [(month: Int, days: [Int])])]
    let current: Renderer

    init(_ current: Renderer, templatesFolder: String) throws {
        self.current = current
        archive = current.archive
        years = current.years
        library = try Self.library(templatesFolder)
    }

    /// Every `*.mustache` of a folder, registered by name, with the site's fast HTML escaping for the pragma.
    static func library(_ folder: String) throws -> MustacheLibrary {
        FastHTMLEscaping.install()
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            library.register(try MustacheTemplate(string: text), named: String(name.dropLast(".mustache".count)))
        }
        return library
    }

    var pageSize: Int { archive.config.pageSize }

    /// The search page's years, newest first, undated last, each with its index folder.
    func searchPage(_ root: String) -> [String: Any] {
        var years: [String] = []
        for d in archive.days.reversed() where years.last != String(d.day.year) { years.append(String(d.day.year)) }
        if !archive.undated.isEmpty { years.append("undated") }
        let indexes: [[String: Any]] = years.map { ["key": $0, "label": $0 == "undated" ? "未注明日期" : "\($0)年", "bundle": "\(root)pagefind/\($0)/"] }
        var ctx: [String: Any] = ["page_title": "搜索", "breadcrumbs": crumbs(root, [("搜索", nil)]), "search_indexes": indexes]
        if let first = indexes.first { ctx["search_ui"] = first["bundle"] }
        return ctx
    }
    func pageCount(_ n: Int) -> Int { max(1, (n + pageSize - 1) / pageSize) }
    func path(of job: PageJob) -> String { current.path(of: job) }
    func jobs() -> [PageJob] { current.jobs() }

    func render(_ job: PageJob) -> OutputFile {
        let path = self.path(of: job)
        if case .asset = job { return current.render(job) }
        if case .sitemap = job { return current.render(job) }
        if case .sitemapPart = job { return current.render(job) }
        if case .articlesData = job { return current.render(job) }
        if job == .peopleData { return current.render(job) }
        let root = Routes.root(for: path)
        var ctx: [String: Any]
        let template: String
        switch job {
        case .home: (ctx, template) = (home(root), "home")
        case .peopleIndex: (ctx, template) = (peopleIndex(root), "people")
        case .datesIndex: (ctx, template) = (datesIndex(root), "dates")
        case .search: (ctx, template) = (searchPage(root), "search")
        case .notFound: (ctx, template) = (["page_title": "页面不存在"], "notfound")
        case .feed: (ctx, template) = (feed(), "feed")
        case .robots:
            var text = "User-agent: *\nAllow: /\n"
            if let base = archive.config.baseURL { text += "Sitemap: \(base)\(Routes.sitemap)\n" }
            return OutputFile(path: path, bytes: Array(text.utf8))
        case .article(let i): (ctx, template) = (article(i, root), "article")
        case .person(let i, let page): (ctx, template) = (person(i, page: page, root), "person")
        case .day(let i): (ctx, template) = (day(i, root), "day")
        case .month(let y, let m): (ctx, template) = (month(y, m, root), "month")
        case .year(let y): (ctx, template) = (year(y, root), "year")
        case .undated(let page): (ctx, template) = (undated(page: page, root), "undated")
        case .printedPage(let i): (ctx, template) = (printedPage(i, root), "printed")
        case .about: (ctx, template) = (about(root), "about")
        case .asset, .sitemap, .sitemapPart, .articlesData, .peopleData: fatalError("handled above")
        }
        var linkRoot = root
        if job == .notFound {
            // 404.html is served from any folder: its links (stylesheet included) are absolute to the site root.
            linkRoot = archive.config.baseURL.map { URL(string: $0)?.path ?? "/" }.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "/"
        }
        ctx["root"] = linkRoot
        ctx["site"] = siteContext(linkRoot)
        if let base = archive.config.baseURL { ctx["canonical"] = base + Routes.pretty(path) }
        return OutputFile(path: path, bytes: Array((library.render(ctx, withTemplate: template) ?? "").utf8))
    }

    // MARK: - Shared pieces

    func siteContext(_ root: String) -> [String: Any] {
        [
            "title": archive.config.title,
            "description": archive.config.description,
            "language": archive.config.language,
            "publisher": archive.config.publisher,
            "search": archive.config.search,
            "stylesheet": root + Routes.stylesheet,
            "articles": archive.articles.count,
            "people": archive.people.count,
            "days": archive.days.count,
        ]
    }

    func crumbs(_ root: String, _ items: [(String, String?)]) -> [[String: Any]] {
        var out: [[String: Any]] = [["label": "首页", "href": root + Routes.home, "current": false]]
        for (label, href) in items {
            let c: [String: Any] = ["label": label, "href": href ?? false, "current": href == nil]
            out.append(c)
        }
        return out
    }

    func dateCrumbs(_ root: String, _ d: Day, last: Bool) -> [(String, String?)] {
        [("\(d.year)年", root + Routes.year(d.year)), ("\(d.month)月", root + Routes.month(d.year, d.month)),
         ("\(d.day)日", last ? nil : root + Routes.day(d))]
    }

    static let weekdays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

    func dateLabel(_ d: Day) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    func personLink(_ name: String, _ root: String) -> [String: Any] {
        guard let i = archive.personIndex[name] else { return ["name": name, "href": false, "reporter": false] }
        return ["name": name, "href": root + Routes.person(archive.people[i].slug), "reporter": false]
    }

    /// The byline's reporters with their roles, each linked to their person page.
    func reporterLinks(_ a: Article, _ root: String) -> [[String: Any]] {
        a.reporters.map { r in
            var l = personLink(r.name, root)
            l["role"] = r.role
            return l
        }
    }

    /// A summary of an article for lists.
    func teaser(_ i: Int, _ root: String, authoredBy: Int? = nil) -> [String: Any] {
        let a = archive.articles[i]
        let t: [String: Any] = [
            "title": a.title,
            "href": root + Routes.article(a),
            "subtitles": a.subtitles,
            "reporters": reporterLinks(a, root),
            "excerpt": excerpt(a),
            // Every key is set (false when absent) so a section never falls through to the page's context.
            "kicker": a.kicker ?? false,
            "date": a.date.map(dateLabel) ?? false,
            "date_iso": a.date?.iso ?? false,
            "time_of_day": a.timeOfDay ?? false,
            "authored": authoredBy.map { archive.people[$0].authored.contains(i) } ?? false,
        ]
        return t
    }

    /// A one-line entry for long lists (person pages, month pages).
    func compactTeaser(_ i: Int, _ root: String, authoredBy: Int? = nil) -> [String: Any] {
        let a = archive.articles[i]
        return [
            "title": a.title,
            "href": root + Routes.article(a),
            "date": a.date.map(dateLabel) ?? false,
            "date_iso": a.date?.iso ?? false,
            "authored": authoredBy.map { archive.people[$0].authored.contains(i) } ?? false,
        ]
    }

    func excerpt(_ a: Article) -> String {
        guard let p = a.paragraphs.first else { return "" }
        let u = p.unicodeScalars
        return u.count <= 90 ? p : String(String.UnicodeScalarView(u.prefix(90))) + "…"
    }

    func pagination(_ total: Int, page: Int, _ href: (Int) -> String) -> [String: Any]? {
        let pages = pageCount(total)
        guard pages > 1 else { return nil }
        // A window of page numbers (first, last, and three either side of this one), so a list of
        // thousands of pages does not make every one of its pages list them all.
        var numbers: [Int] = []
        for n in [1] + Array(max(1, page - 3)...min(pages, page + 3)) + [pages] where numbers.last.map({ n > $0 }) ?? true {
            numbers.append(n)
        }
        var items: [[String: Any]] = []
        for n in numbers {
            if let last = items.last?["n"] as? Int, n > last + 1 { items.append(["n": "…", "gap": true, "current": false, "href": false]) }
            items.append(n == page ? ["n": n, "current": true, "href": false, "gap": false] : ["n": n, "href": href(n), "current": false, "gap": false])
        }
        var p: [String: Any] = ["page": page, "pages": pages, "items": items]
        p["prev"] = page > 1 ? href(page - 1) : false
        p["next"] = page < pages ? href(page + 1) : false
        return p
    }

    // MARK: - Pages

    func article(_ i: Int, _ root: String) -> [String: Any] {
        let a = archive.articles[i]
        let summary = excerpt(a)
        var ctx: [String: Any] = [
            "page_title": a.title,
            "title": a.title,
            "subtitles": a.subtitles,
            "body": String(decoding: PeopleLinks.apply(Array(Markdown.body(a.paragraphs, subheadings: a.subheadings).utf8),
                targets: a.people.compactMap { n in archive.personIndex[n].map { (name: n, href: root + Routes.person(archive.people[$0].slug)) } }),
                as: UTF8.self),
            "file": archive.config.shownSource(a.file),
            "line": a.line,
            "description": summary,
            "people": a.people.map { n -> [String: Any] in
                var l = personLink(n, root)
                if a.reporters.contains(where: { $0.name == n }) { l["reporter"] = true }
                return l
            },
            "reporters": reporterLinks(a, root),
            "json_ld": jsonLD(i, summary: summary),
            "printed_page": ["label": archive.printedPages[archive.printedPageOf[i]].heading,
                             "href": root + Routes.printedPage(archive.printedPages[archive.printedPageOf[i]])],
            "citation": current.citation(i),
            "permalink": (archive.config.baseURL ?? "") + Routes.pretty(Routes.article(a)),
            "kicker": a.kicker ?? false,
            "source": a.byline.source ?? false,
            "time_of_day": a.timeOfDay ?? false,
            "date": false, "year": false,
        ]
        if let d = a.date {
            ctx["date"] = dateLabel(d)
            ctx["date_iso"] = d.iso
            ctx["date_approximate"] = a.datePrecision == .approximate
            ctx["weekday"] = Renderer.weekdays[d.weekdayFromMonday]
            ctx["day_href"] = root + Routes.day(d)
            ctx["year"] = d.year
            ctx["breadcrumbs"] = crumbs(root, dateCrumbs(root, d, last: false) + [(a.title, nil)])
        } else {
            ctx["undated_href"] = root + Routes.undated
            ctx["breadcrumbs"] = crumbs(root, [("未注明日期", root + Routes.undated), (a.title, nil)])
        }
        ctx["prev"] = i > 0 ? compactTeaser(i - 1, root) : false
        ctx["next"] = i + 1 < archive.articles.count ? compactTeaser(i + 1, root) : false
        return ctx
    }

    func jsonLD(_ i: Int, summary: String) -> String {
        let a = archive.articles[i]
        let page = archive.printedPages[archive.printedPageOf[i]]
        var fields: [String] = [
            "\"@context\":\"https://schema.org\"", "\"@type\":\"NewsArticle\"",
            "\"headline\":" + Escape.jsonString(a.title),
            "\"publisher\":{\"@type\":\"Organization\",\"name\":" + Escape.jsonString(archive.config.publisher) + "}",
        ]
        if let d = a.date { fields.append("\"datePublished\":\"\(d.iso)\"") }
        if !a.reporters.isEmpty {
            fields.append("\"author\":[" + a.reporters.map { "{\"@type\":\"Person\",\"name\":" + Escape.jsonString($0.name) + "}" }.joined(separator: ",") + "]")
        }
        if let base = archive.config.baseURL { fields.append("\"url\":" + Escape.jsonString(base + Routes.pretty(Routes.article(a)))) }
        if let n = page.number { fields.append("\"pageStart\":\"\(n)\",\"printPage\":\"\(n)\"") }
        fields.append("\"citation\":" + Escape.jsonString(current.citation(i)))
        fields.append("\"isPartOf\":{\"@type\":\"PublicationIssue\"" + (page.day.map { ",\"datePublished\":\"\($0.iso)\"" } ?? "")
                      + ",\"isPartOf\":{\"@type\":\"Periodical\",\"name\":" + Escape.jsonString(archive.config.publisher) + "}}")
        fields.append("\"description\":" + Escape.jsonString(summary))
        return "{" + fields.joined(separator: ",") + "}"
    }

    func person(_ i: Int, page: Int, _ root: String) -> [String: Any] {
        let p = archive.people[i]
        let start = (page - 1) * pageSize
        let slice = p.articles[min(start, p.articles.count)..<min(start + pageSize, p.articles.count)]
        var groups: [[String: Any]] = []
        for ai in slice {
            let y = archive.articles[ai].date.map { "\($0.year)年" } ?? "未注明日期"
            if groups.last?["year"] as? String != y { groups.append(["year": y, "articles": [[String: Any]]()]) }
            var list = groups[groups.count - 1]["articles"] as! [[String: Any]]
            list.append(compactTeaser(ai, root, authoredBy: i))
            groups[groups.count - 1]["articles"] = list
        }
        var ctx: [String: Any] = [
            "page_title": page > 1 ? "\(p.name)（第\(page)页）" : p.name,
            "name": p.name,
            "pinyin": p.pinyin,
            "titles": p.titles.map { t -> [String: Any] in
                var x: [String: Any] = ["title": t.title, "count": t.count, "first": false, "first_href": false, "last": false, "last_href": false]
                if let f = t.first { x["first"] = dateLabel(f); x["first_href"] = root + Routes.day(f) }
                if let l = t.last, l != t.first { x["last"] = dateLabel(l); x["last_href"] = root + Routes.day(l) }
                return x
            },
            "article_count": p.articles.count,
            "authored_count": p.authored.count,
            "years": groups,
            "companions": p.companions.map { c -> [String: Any] in
                ["name": archive.people[c.person].name, "href": root + Routes.person(archive.people[c.person].slug), "count": c.count]
            },
            "description": "\(p.name)：\(archive.config.publisher)报道中出现 \(p.articles.count) 篇" + (p.titles.isEmpty ? "" : "，" + p.titles.map(\.title).joined(separator: "、")),
            "breadcrumbs": crumbs(root, [("人物", root + Routes.peopleIndex), (p.name, nil)]),
        ]
        if let profile = p.profile { ctx["profile"] = profile }
        if let first = p.articles.last.flatMap({ archive.articles[$0].date }) { ctx["first_seen"] = dateLabel(first) }
        if let last = p.articles.first.flatMap({ archive.articles[$0].date }) { ctx["last_seen"] = dateLabel(last) }
        if let pg = pagination(p.articles.count, page: page, { root + Routes.person(p.slug, page: $0) }) { ctx["pagination"] = pg }
        let bars = current.timelineBars(current.months(of: i), root)
        ctx["timeline"] = bars.map(Self.bar)
        ctx["timeline_svg"] = String(decoding: current.timelineSVG(i, bars), as: UTF8.self)
        return ctx
    }

    func day(_ i: Int, _ root: String) -> [String: Any] {
        let d = archive.days[i]
        var ctx: [String: Any] = [
            "page_title": dateLabel(d.day),
            "date": dateLabel(d.day),
            "date_iso": d.day.iso,
            "weekday": Renderer.weekdays[d.day.weekdayFromMonday],
            "pages": dayGroups(d, root),
            "count": d.articles.count,
            "breadcrumbs": crumbs(root, dateCrumbs(root, d.day, last: true)),
            "description": "\(dateLabel(d.day))的 \(d.articles.count) 篇报道",
        ]
        if i > 0 { ctx["prev"] = ["label": dateLabel(archive.days[i - 1].day), "href": root + Routes.day(archive.days[i - 1].day)] }
        if i + 1 < archive.days.count { ctx["next"] = ["label": dateLabel(archive.days[i + 1].day), "href": root + Routes.day(archive.days[i + 1].day)] }
        return ctx
    }

    func month(_ y: Int, _ m: Int, _ root: String) -> [String: Any] {
        guard let yi = years.firstIndex(where: { $0.year == y }), let mi = years[yi].months.firstIndex(where: { $0.month == m }) else { return [:] }
        let dayIdx = years[yi].months[mi].days
        var byDay: [Int: Int] = [:]
        for di in dayIdx { byDay[archive.days[di].day.day] = di }
        // Calendar grid, weeks starting on Monday.
        let first = Day(year: y, month: m, day: 1)
        var cells: [[String: Any]] = Array(repeating: ["empty": true], count: first.weekdayFromMonday)
        for d in 1...Day.daysIn(month: m, year: y) {
            var c: [String: Any] = ["n": d]
            if let di = byDay[d] {
                c["href"] = root + Routes.day(archive.days[di].day)
                c["count"] = archive.days[di].articles.count
            }
            cells.append(c)
        }
        while cells.count % 7 != 0 { cells.append(["empty": true]) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { ["days": Array(cells[$0..<($0 + 7)])] }
        let count = dayIdx.reduce(0) { $0 + archive.days[$1].articles.count }
        var ctx: [String: Any] = [
            "page_title": "\(y)年\(m)月",
            "year": y, "month": m,
            "weeks": weeks,
            "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
            "count": count,
            "days": dayIdx.map { di -> [String: Any] in
                let d = archive.days[di]
                return ["date": dateLabel(d.day), "weekday": Renderer.weekdays[d.day.weekdayFromMonday],
                        "href": root + Routes.day(d.day), "articles": d.articles.map { compactTeaser($0, root) }]
            },
            "breadcrumbs": crumbs(root, [("\(y)年", root + Routes.year(y)), ("\(m)月", nil)]),
            "description": "\(y)年\(m)月的 \(count) 篇报道",
        ]
        let flat = years.flatMap { yy in yy.months.map { (yy.year, $0.month) } }
        if let k = flat.firstIndex(where: { $0 == (y, m) }) {
            if k > 0 { ctx["prev"] = ["label": "\(flat[k - 1].0)年\(flat[k - 1].1)月", "href": root + Routes.month(flat[k - 1].0, flat[k - 1].1)] }
            if k + 1 < flat.count { ctx["next"] = ["label": "\(flat[k + 1].0)年\(flat[k + 1].1)月", "href": root + Routes.month(flat[k + 1].0, flat[k + 1].1)] }
        }
        return ctx
    }

    func monthSummaries(_ yi: Int, _ root: String) -> [[String: Any]] {
        let y = years[yi].year
        return years[yi].months.map { m -> [String: Any] in
            ["month": m.month, "label": "\(m.month)月", "href": root + Routes.month(y, m.month),
             "count": m.days.reduce(0) { $0 + archive.days[$1].articles.count },
             "days": m.days.map { di -> [String: Any] in
                 let d = archive.days[di]
                 return ["day": d.day.day, "label": "\(d.day.day)日", "href": root + Routes.day(d.day), "count": d.articles.count]
             }]
        }
    }

    func year(_ y: Int, _ root: String) -> [String: Any] {
        guard let yi = years.firstIndex(where: { $0.year == y }) else { return [:] }
        let months = monthSummaries(yi, root)
        let count = months.reduce(0) { $0 + ($1["count"] as! Int) }
        var ctx: [String: Any] = [
            "page_title": "\(y)年", "year": y, "months": months, "count": count,
            "breadcrumbs": crumbs(root, [("\(y)年", nil)]),
            "description": "\(y)年的 \(count) 篇报道",
        ]
        if yi > 0 { ctx["prev"] = ["label": "\(years[yi - 1].year)年", "href": root + Routes.year(years[yi - 1].year)] }
        if yi + 1 < years.count { ctx["next"] = ["label": "\(years[yi + 1].year)年", "href": root + Routes.year(years[yi + 1].year)] }
        ctx["heatmap"] = String(decoding: current.yearHeatmap(yi, root), as: UTF8.self)
        return ctx
    }

    func datesIndex(_ root: String) -> [String: Any] {
        let ys = years.indices.reversed().map { yi -> [String: Any] in
            let months = monthSummaries(yi, root)
            return ["year": years[yi].year, "href": root + Routes.year(years[yi].year), "months": months,
                    "count": months.reduce(0) { $0 + ($1["count"] as! Int) }]
        }
        var ctx: [String: Any] = [
            "page_title": "按日期浏览", "years": ys,
            "breadcrumbs": crumbs(root, [("日期", nil)]),
            "description": "按年、月、日浏览全部报道",
        ]
        if !archive.undated.isEmpty { ctx["undated"] = ["href": root + Routes.undated, "count": archive.undated.count] }
        ctx["years_chart"] = String(decoding: current.archiveYearsSVG(current.archiveYearBars(root)), as: UTF8.self)
        return ctx
    }

    /// A chart's bar as a context (the charts are new: their numbers and SVG come from the current renderer).
    static func bar(_ b: ChartBar) -> [String: Any] {
        ["label": b.label, "short": b.short, "count": b.count, "href": b.href ?? false]
    }

    func peopleIndex(_ root: String) -> [String: Any] {
        var groups: [[String: Any]] = []
        var current = ""
        var members: [[String: Any]] = []
        for p in archive.people {
            if p.initial != current {
                if !members.isEmpty { groups.append(["initial": current, "people": members]) }
                current = p.initial
                members = []
            }
            var m: [String: Any] = ["name": p.name, "href": root + Routes.person(p.slug), "count": p.articles.count, "title": false]
            if let t = p.titles.last?.title { m["title"] = t }
            members.append(m)
        }
        if !members.isEmpty { groups.append(["initial": current, "people": members]) }
        return [
            "page_title": "人物", "groups": groups, "count": archive.people.count,
            "initials": groups.map { ["initial": $0["initial"]!] },
            "breadcrumbs": crumbs(root, [("人物", nil)]),
            "description": "\(archive.config.publisher)报道中出现的 \(archive.people.count) 位人物，按拼音排序",
        ]
    }

    func home(_ root: String) -> [String: Any] {
        let latest = archive.days.suffix(archive.config.homeDays).reversed().map { d -> [String: Any] in
            ["date": dateLabel(d.day), "weekday": Renderer.weekdays[d.day.weekdayFromMonday], "href": root + Routes.day(d.day),
             "articles": d.articles.map { teaser($0, root) }]
        }
        var ctx: [String: Any] = [
            "page_title": archive.config.title,
            "is_home": true,
            "latest_days": Array(latest),
            "article_count": archive.articles.count,
            "people_count": archive.people.count,
            "day_count": archive.days.count,
            "description": archive.config.description,
            "top_people": archive.people.indices.sorted {
                let a = archive.people[$0].articles.count, b = archive.people[$1].articles.count
                return a != b ? a > b : $0 < $1
            }.prefix(20).map { i -> [String: Any] in
                ["name": archive.people[i].name, "href": root + Routes.person(archive.people[i].slug), "count": archive.people[i].articles.count]
            },
        ]
        if let f = archive.days.first, let l = archive.days.last { ctx["first_day"] = dateLabel(f.day); ctx["last_day"] = dateLabel(l.day) }
        if !archive.undated.isEmpty { ctx["undated"] = ["href": root + Routes.undated, "count": archive.undated.count] }
        if let otd = onThisDay(root) { ctx["on_this_day"] = otd }
        let bars = current.archiveYearBars(root)
        ctx["year_bars"] = bars.map(Self.bar)
        ctx["years_chart"] = String(decoding: current.archiveYearsSVG(bars), as: UTF8.self)
        return ctx
    }

    /// The day's articles by printed page, pages in print order (a page of another day named with its date).
    func dayGroups(_ d: DayEntry, _ root: String) -> [[String: Any]] {
        let pages = Set(d.articles.map { archive.printedPageOf[$0] }).sorted()
        return pages.map { p -> [String: Any] in
            let page = archive.printedPages[p]
            return ["label": page.day == d.day ? page.label : page.heading, "href": root + Routes.printedPage(page),
                    "articles": page.articles.filter { archive.articles[$0].date == d.day }.map { teaser($0, root) }]
        }
    }

    func onThisDay(_ root: String) -> [String: Any]? {
        guard Set(archive.days.map(\.day.year)).count > 1, let today = archive.days.last?.day else { return nil }
        let earlier = archive.days.filter { $0.day.year < today.year && $0.day.month == today.month && $0.day.day == today.day }
        guard !earlier.isEmpty else { return nil }
        return ["today": dateLabel(today), "month_day": "\(today.month)月\(today.day)日",
                "years": earlier.reversed().map { d -> [String: Any] in
                    ["date": dateLabel(d.day), "href": root + Routes.day(d.day), "articles": d.articles.map { compactTeaser($0, root) }]
                }]
    }

    func printedPage(_ i: Int, _ root: String) -> [String: Any] {
        let p = archive.printedPages[i]
        let all = archive.printedPages
        var ctx: [String: Any] = [
            "page_title": p.heading, "heading": p.heading, "label": p.label, "file": archive.config.shownSource(p.file),
            "articles": p.articles.map { teaser($0, root) }, "count": p.articles.count,
            "description": "\(p.heading)：\(p.articles.count) 篇报道，按版面顺序",
            "date": p.day.map(dateLabel) ?? false,
        ]
        if let d = p.day {
            ctx["date_iso"] = d.iso
            ctx["day_href"] = archive.dayIndex[d] == nil ? false : root + Routes.day(d)
            ctx["tabs"] = all.indices.filter { all[$0].day == d }.map { j -> [String: Any] in
                ["label": all[j].label, "href": j == i ? false : root + Routes.printedPage(all[j]), "current": j == i]
            }
            var up: [(String, String?)] = []
            if archive.days.contains(where: { $0.day.year == d.year }) { up.append(("\(d.year)年", root + Routes.year(d.year))) }
            if archive.days.contains(where: { $0.day.year == d.year && $0.day.month == d.month }) {
                up.append(("\(d.month)月", root + Routes.month(d.year, d.month)))
            }
            if archive.dayIndex[d] != nil { up.append(("\(d.day)日", root + Routes.day(d))) }
            ctx["breadcrumbs"] = crumbs(root, up + [(p.label, nil)])
        } else {
            ctx["tabs"] = [[String: Any]]()
            ctx["breadcrumbs"] = crumbs(root, [("未注明日期", root + Routes.undated), (p.label, nil)])
        }
        if i > 0, all[i - 1].day == p.day { ctx["prev"] = ["label": all[i - 1].label, "href": root + Routes.printedPage(all[i - 1])] }
        if i + 1 < all.count, all[i + 1].day == p.day { ctx["next"] = ["label": all[i + 1].label, "href": root + Routes.printedPage(all[i + 1])] }
        return ctx
    }

    func about(_ root: String) -> [String: Any] {
        var ctx: [String: Any] = [
            "page_title": "关于本档案", "article_count": archive.articles.count, "people_count": archive.people.count,
            "day_count": archive.days.count, "printed_page_count": archive.printedPages.count,
            "undated_count": archive.undated.isEmpty ? false : archive.undated.count, "year_count": years.count,
            "article_files": current.dataYears.map { y in
                ["name": "\(y.key).jsonl", "href": root + Routes.articlesData(y.key), "count": y.articles.count] as [String: Any]
            },
            "people_href": root + Routes.peopleData, "version": HysiteInfo.version,
            "breadcrumbs": crumbs(root, [("关于本档案", nil)]), "description": "\(archive.config.title)收录的内容、制作方法与开放数据",
            "first_day": false,
        ]
        if let f = archive.days.first, let l = archive.days.last { ctx["first_day"] = dateLabel(f.day); ctx["last_day"] = dateLabel(l.day) }
        return ctx
    }

    func undated(page: Int, _ root: String) -> [String: Any] {
        let start = (page - 1) * pageSize
        let slice = archive.undated[min(start, archive.undated.count)..<min(start + pageSize, archive.undated.count)]
        var ctx: [String: Any] = [
            "page_title": "未注明日期的报道",
            "articles": slice.map { i -> [String: Any] in
                var t = teaser(i, root)
                t["file"] = archive.config.shownSource(archive.articles[i].file)
                return t
            },
            "count": archive.undated.count,
            "breadcrumbs": crumbs(root, [("日期", root + Routes.datesIndex), ("未注明日期", nil)]),
        ]
        if let pg = pagination(archive.undated.count, page: page, { root + Routes.undated(page: $0) }) { ctx["pagination"] = pg }
        return ctx
    }

    /// Atom feed of the latest articles. Links are absolute when `base_url` is set, else relative to the feed.
    func feed() -> [String: Any] {
        let base = archive.config.baseURL ?? ""
        let latest = archive.articles.indices.filter { archive.articles[$0].date != nil }.suffix(archive.config.feedSize).reversed()
        let updated = latest.first.flatMap { archive.articles[$0].date }.map { "\($0.iso)T00:00:00+08:00" } ?? "2000-01-01T00:00:00+08:00"
        return [
            "updated": updated,
            "feed_id": base.isEmpty ? "urn:hysite:\(Slug.hash(archive.config.title))" : base,
            "home": base.isEmpty ? Routes.home : base,
            "self": base + Routes.feed,
            "entries": latest.map { i -> [String: Any] in
                let a = archive.articles[i]
                let link = base.isEmpty ? Routes.article(a) : base + Routes.pretty(Routes.article(a))
                return ["title": a.title, "link": link, "id": base.isEmpty ? "urn:hysite:article:\(a.id)" : link,
                        "updated": a.date.map { "\($0.iso)T00:00:00+08:00" } ?? updated,
                        "authors": a.reporters.map { ["name": $0.name] },
                        "summary": excerpt(a),
                        "content": Markdown.body(a.paragraphs)]
            },
        ]
    }

    func sitemap() -> String {
        guard let base = archive.config.baseURL else { return "" }
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for job in jobs() {
            switch job {
            case .asset, .feed, .robots, .sitemap, .sitemapPart, .notFound: continue
            default:
                s += "<url><loc>\(Escape.html(base + Routes.pretty(path(of: job))))</loc></url>\n"
            }
        }
        return s + "</urlset>\n"
    }
}

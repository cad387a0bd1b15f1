import Foundation

/// One file of the built site.
public struct OutputFile: Sendable {
    /// Where the file goes, relative to the site's folder (`articles/2023/07/x-1.html`).
    public var path: String
    /// The file's contents.
    public var bytes: [UInt8]

    /// A file of the site with its path and contents.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Every page the site has, named before anything is rendered, so pages can be rendered in any order
/// (and in parallel) and streamed to disk.
public enum PageJob: Sendable, Hashable {
    case home, peopleIndex, datesIndex, search, notFound, feed, sitemap, robots
    /// One of the sitemaps `sitemap.xml` lists (an index into `Renderer.sitemapParts`).
    case sitemapPart(Int)
    case article(Int)
    case person(Int, page: Int)
    case day(Int)
    case month(year: Int, month: Int)
    case year(Int)
    case undated(page: Int)
    case asset(Int)
    /// A printed page (版面): an index into `Archive.printedPages`.
    case printedPage(Int)
    /// 关于本档案 / 数据, and the data files it links: the people, and the articles of one year (an index into
    /// `Renderer.dataYears`) each.
    case about, peopleData
    case articlesData(Int)
}

/// Renders a page kind's view model with its template.
protocol PageRendering {
    /// The page's bytes: `model` rendered by the template `name` (compiled as `template`). The model is passed
    /// `inout` only so that the compiled template can point at it where it is, without a copy.
    func render<M: ViewModel>(_ model: inout M, _ template: CompiledTemplate<M>, named name: String) -> [UInt8]
}

/// The site's way: the compiled templates.
struct CompiledPages: PageRendering {
    func render<M: ViewModel>(_ model: inout M, _ template: CompiledTemplate<M>, named name: String) -> [UInt8] {
        template.render(&model)
    }
}

/// The compiled templates, timing each template call (for `hysite-profile`).
final class TimedPages: PageRendering {
    var templateSeconds = 0.0

    func render<M: ViewModel>(_ model: inout M, _ template: CompiledTemplate<M>, named name: String) -> [UInt8] {
        let start = Self.cpuSeconds()
        let bytes = template.render(&model)
        templateSeconds += Self.cpuSeconds() - start
        return bytes
    }

    /// This thread's CPU time: a busy machine slows the wall clock, not this.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

/// Renders a page only when its view model's hash differs from the last build's (`previous`); records the hash.
final class HashingPages: PageRendering {
    let previous: String?
    var modelHash = ""
    var rendered = false

    init(previous: String?) { self.previous = previous }

    func render<M: ViewModel>(_ model: inout M, _ template: CompiledTemplate<M>, named name: String) -> [UInt8] {
        var hasher = ModelHasher()
        hasher.add(name)
        withUnsafePointer(to: &model) { hasher.model(Ptr($0), template.model) }
        modelHash = hasher.hex
        if modelHash == previous { return [] }
        rendered = true
        return template.render(&model)
    }
}

/// Turns the archive into files: a typed view model per page, rendered by the compiled templates; cmark for bodies.
/// Pure: archive and templates in, bytes out.
public struct Renderer: Sendable {
    /// The archive the pages show; a rebuild may put edited articles into it (`replaceArticles`).
    public internal(set) var archive: Archive
    /// The compiled page templates and the static assets copied into the site.
    public let templates: TemplateSet
    let years: [(year: Int, months: [(month: Int, days: [Int])])]
    /// Per article, made once because lists repeat them: its page's path, its date's label and ISO form.
    let articlePaths: [String]
    let dateLabels: [String?]
    let dateISOs: [String?]
    /// Per article: its month (`Renderer.monthKey`), for counting people's articles per month.
    let articleMonths: [Int32]
    /// Per person: their first page's path.
    let personPaths: [String]
    /// Per day of the archive: its page's path and label (`2023年7月25日`).
    let dayPaths: [String]
    let dayLabels: [String]
    /// Per person, their later pages' timeline as drawn and their pages' digest, each made once on first use (`PersonCharts`).
    var personCharts = PersonCharts(count: 0)
    /// The article data files: per year (`2023`, then `undated`), its articles in archive order.
    let dataYears: [(key: String, articles: [Int])]
    /// Per printed page: its page's path.
    let printedPagePaths: [String]
    /// Names page files as the site shows them (`SiteConfig.shownSource`).
    let sourceNamer: SiteConfig.SourceNamer
    /// The links article pages repeat, made once per root.
    let rootedLinks: RootedLinks
    /// Per article: the hash of its stored fields, for its page's dependency key (`DependencyKeys.swift`).
    var articleDigestRows = LazyRows<UInt64>(count: 0)
    /// Per article: the hash of its compact teaser (title, path, date), for the keys of pages that list it so.
    var compactDigests: [UInt64] = []
    /// The sitemaps `sitemap.xml` lists (with `base_url`): one per year (its articles and date pages), one for
    /// the rest, each cut into parts of at most 50,000 URLs.
    var sitemapParts: [(name: String, jobs: [PageJob])] = []

    /// Prepares what many pages share (paths, date labels, the years' months and days, sitemap parts); renders nothing yet.
    public init(archive: Archive, templates: TemplateSet) {
        self.archive = archive
        self.templates = templates
        // By index, reading each field in place: `map` over the articles copied each one (retaining its two dozen
        // fields), three times over (a tenth of a second at 100,000 articles).
        // In parallel chunks (one thread took 0.05 s at 100,000 articles, in every rebuild).
        let n = archive.articles.count
        articlePaths = Parallel.map(n) { Routes.article(archive.articles[$0].id, date: archive.articles[$0].date) }
        let labels = archive.days.map { "\($0.day.year)年\($0.day.month)月\($0.day.day)日" }
        dayLabels = labels
        // Each article's label is its day's string, shared (a string of its own per article was 100,000 more objects
        // for every person page's rows to read from all over memory).
        dateLabels = Parallel.map(n) { i in
            archive.articles[i].date.map { d in archive.dayIndex[d].map { labels[$0] } ?? "\(d.year)年\(d.month)月\(d.day)日" }
        }
        dateISOs = Parallel.map(n) { archive.articles[$0].date?.iso }
        articleMonths = Parallel.map(n) { Self.monthKey(archive.articles[$0]) }
        personPaths = archive.people.map { Routes.person($0.slug) }
        dayPaths = archive.days.map { Routes.day($0.day) }
        printedPagePaths = archive.printedPages.map { Routes.printedPage($0) }
        sourceNamer = SiteConfig.SourceNamer(input: archive.config.input)
        rootedLinks = RootedLinks(people: archive.people.count, days: archive.days.count, printedPages: archive.printedPages.count)
        articleDigestRows = LazyRows(count: archive.articles.count)
        dataYears = Self.articlesByYear(archive)
        var years: [(year: Int, months: [(month: Int, days: [Int])])] = []
        for (i, d) in archive.days.enumerated() {
            if years.last?.year != d.day.year { years.append((year: d.day.year, months: [])) }
            if years[years.count - 1].months.last?.month != d.day.month { years[years.count - 1].months.append((month: d.day.month, days: [])) }
            let y = years.count - 1, m = years[y].months.count - 1
            years[y].months[m].days.append(i)
        }
        self.years = years
        if archive.config.baseURL != nil { sitemapParts = makeSitemapParts() }
        personCharts = PersonCharts(count: archive.people.count)
        compactDigests = makeCompactDigests()
    }

    /// The most URLs one sitemap may hold (the sitemaps protocol's limit).
    static let sitemapLimit = 50_000

    /// Pages grouped by year (undated and site-wide pages under `site`), cut at `sitemapLimit`.
    func makeSitemapParts() -> [(name: String, jobs: [PageJob])] {
        var groups: [String: [PageJob]] = [:]
        for job in pageJobs() {
            let key: String
            switch job {
            case .asset, .feed, .robots, .sitemap, .sitemapPart, .notFound: continue
            case .article(let i): key = archive.articles[i].date.map { String($0.year) } ?? "site"
            case .day(let i): key = String(archive.days[i].day.year)
            case .printedPage(let i): key = archive.printedPages[i].day.map { String($0.year) } ?? "site"
            case .month(let y, _), .year(let y): key = String(y)
            default: key = "site"
            }
            groups[key, default: []].append(job)
        }
        var parts: [(name: String, jobs: [PageJob])] = []
        for key in groups.keys.sorted() {
            let jobs = groups[key]!
            for (n, start) in stride(from: 0, to: jobs.count, by: Self.sitemapLimit).enumerated() {
                parts.append((name: n == 0 ? key : "\(key)-\(n + 1)", jobs: Array(jobs[start..<min(start + Self.sitemapLimit, jobs.count)])))
            }
        }
        return parts
    }

    var pageSize: Int { archive.config.pageSize }

    func pageCount(_ n: Int) -> Int { max(1, (n + pageSize - 1) / pageSize) }

    /// All files, in a fixed order: the pages, then the sitemap index and its sitemaps.
    public func jobs() -> [PageJob] {
        var jobs = pageJobs()
        if archive.config.baseURL != nil { jobs += [.sitemap] + sitemapParts.indices.map { .sitemapPart($0) } }
        return jobs
    }

    /// Every page and asset, in a fixed order.
    func pageJobs() -> [PageJob] {
        var jobs: [PageJob] = [.home, .peopleIndex, .datesIndex, .notFound, .feed, .robots, .about, .peopleData]
        jobs += dataYears.indices.map { .articlesData($0) }
        if archive.config.search { jobs.append(.search) }
        jobs += archive.articles.indices.map { .article($0) }
        for (i, p) in archive.people.enumerated() {
            jobs += (1...pageCount(p.articles.count)).map { .person(i, page: $0) }
        }
        jobs += archive.days.indices.map { .day($0) }
        jobs += archive.printedPages.indices.map { .printedPage($0) }
        for y in years {
            jobs.append(.year(y.year))
            jobs += y.months.map { .month(year: y.year, month: $0.month) }
        }
        if !archive.undated.isEmpty { jobs += (1...pageCount(archive.undated.count)).map { .undated(page: $0) } }
        jobs += templates.assets.indices.map { .asset($0) }
        return jobs
    }

    /// The file path of a page inside the site (see `Routes`).
    public func path(of job: PageJob) -> String {
        switch job {
        case .home: return Routes.home
        case .peopleIndex: return Routes.peopleIndex
        case .datesIndex: return Routes.datesIndex
        case .search: return Routes.search
        case .notFound: return Routes.notFound
        case .feed: return Routes.feed
        case .sitemap: return Routes.sitemap
        case .sitemapPart(let i): return Routes.sitemapPart(sitemapParts[i].name)
        case .robots: return Routes.robots
        case .article(let i): return articlePaths[i]
        case .person(let i, let page): return Routes.person(archive.people[i].slug, page: page)
        case .day(let i): return Routes.day(archive.days[i].day)
        case .month(let y, let m): return Routes.month(y, m)
        case .year(let y): return Routes.year(y)
        case .undated(let page): return Routes.undated(page: page)
        case .asset(let i): return templates.assets[i].path
        case .printedPage(let i): return printedPagePaths[i]
        case .about: return Routes.about
        case .articlesData(let k): return Routes.articlesData(dataYears[k].key)
        case .peopleData: return Routes.peopleData
        }
    }

    /// The file for one page: its view model rendered by its compiled template.
    public func render(_ job: PageJob) -> OutputFile {
        render(job, using: CompiledPages())
    }

    /// One page, rendered only when its view model's hash is not `previous`: the file (nil when skipped), the
    /// model's hash, whether a template ran, and the file's content hash when that is the model's hash. A page with
    /// a dependency key (`DependencyKeys.swift`) is told by its key instead, without building its model. Files
    /// without a view model (assets, sitemap, robots.txt) are always made; their hash is their content's. A year's
    /// data file is made once and told changed by its bytes' hash (hashing its rows for a key, then writing them
    /// when it changed, made every row twice on a clean build).
    public func render(_ job: PageJob, unlessModelHash previous: String?) -> (file: OutputFile?, modelHash: String, rendered: Bool, contentHash: String?) {
        if let key = dependencyKey(job) {
            return (file: key == previous ? nil : render(job), modelHash: key, rendered: key != previous, contentHash: nil)
        }
        switch job {
        case .articlesData:
            let file = render(job), hash = ContentHash.hex(file.bytes)
            return (file: hash == previous ? nil : file, modelHash: hash, rendered: hash != previous, contentHash: hash)
        case .asset, .sitemap, .sitemapPart, .robots, .peopleData:
            let file = render(job), hash = ContentHash.hex(file.bytes)
            return (file: file, modelHash: hash, rendered: false, contentHash: hash)
        default:
            let hashing = HashingPages(previous: previous)
            let file = render(job, using: hashing)
            return (file: hashing.rendered ? file : nil, modelHash: hashing.modelHash, rendered: hashing.rendered, contentHash: nil)
        }
    }

    /// For `hysite-profile`: one page's file and the seconds its template took (the rest is building its view model).
    public func renderTimed(_ job: PageJob) -> (file: OutputFile, templateSeconds: Double) {
        let timed = TimedPages()
        let file = render(job, using: timed)
        return (file, timed.templateSeconds)
    }

    /// The file for one page, its view model rendered by `renderer` (tests pass swift-mustache as an oracle).
    func render(_ job: PageJob, using r: some PageRendering) -> OutputFile {
        let path = self.path(of: job)
        switch job {
        case .asset(let i): return OutputFile(path: path, bytes: templates.assets[i].bytes)
        case .sitemap: return OutputFile(path: path, bytes: Array(sitemapIndex().utf8))
        case .sitemapPart(let i): return OutputFile(path: path, bytes: Array(sitemap(part: i).utf8))
        case .articlesData(let k): return OutputFile(path: path, bytes: articlesJSONL(dataYears[k].articles))
        case .peopleData: return OutputFile(path: path, bytes: peopleCSV())
        case .robots:
            var text = "User-agent: *\nAllow: /\n"
            if let base = archive.config.baseURL { text += "Sitemap: \(base)\(Routes.sitemap)\n" }
            return OutputFile(path: path, bytes: Array(text.utf8))
        default: break
        }
        let root = Routes.root(for: path)
        var linkRoot = root
        if job == .notFound {
            // 404.html is served from any folder: its links (stylesheet included) are absolute to the site root.
            linkRoot = archive.config.baseURL.map { URL(string: $0)?.path ?? "/" }.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "/"
        }
        let layout = Layout(root: linkRoot, site: rootedLinks.table(linkRoot).site { siteInfo(linkRoot) },
                            canonical: archive.config.baseURL.map { $0 + Routes.pretty(path) })
        let t = templates.pages
        func page<M: ViewModel>(_ model: consuming M, _ template: CompiledTemplate<M>, _ name: String) -> [UInt8] {
            var model = model
            return r.render(&model, template, named: name)
        }
        let bytes: [UInt8]
        switch job {
        case .home: bytes = page(home(root, layout), t.home, "home")
        case .peopleIndex: bytes = page(peopleIndex(root, layout), t.people, "people")
        case .datesIndex: bytes = page(datesIndex(root, layout), t.dates, "dates")
        case .search: bytes = page(searchPage(root, layout), t.search, "search")
        case .notFound: bytes = page(PlainPage(layout: layout, pageTitle: "页面不存在", breadcrumbs: []), t.notFound, "notfound")
        case .feed: bytes = page(feed(layout), t.feed, "feed")
        case .article(let i): bytes = page(article(i, root, layout), t.article, "article")
        case .person(let i, let p): bytes = page(person(i, page: p, root, layout), t.person, "person")
        case .day(let i): bytes = page(day(i, root, layout), t.day, "day")
        case .month(let y, let m): bytes = page(month(y, m, root, layout), t.month, "month")
        case .year(let y): bytes = page(year(y, root, layout), t.year, "year")
        case .undated(let p): bytes = page(undated(page: p, root, layout), t.undated, "undated")
        case .printedPage(let i): bytes = page(printedPage(i, root, layout), t.printed, "printed")
        case .about: bytes = page(about(root, layout), t.about, "about")
        case .asset, .sitemap, .sitemapPart, .robots, .articlesData, .peopleData: fatalError("handled above")
        }
        return OutputFile(path: path, bytes: bytes)
    }

    // MARK: - Shared pieces

    func siteInfo(_ root: String) -> SiteInfo {
        let c = archive.config
        return SiteInfo(title: c.title, description: c.description, language: c.language, publisher: c.publisher, search: c.search,
                        stylesheet: root + Routes.stylesheet)
    }

    func crumbs(_ root: String, _ items: [(label: String, href: String?)]) -> [Crumb] {
        [Crumb(label: "首页", href: root + Routes.home, current: false)] + items.map { Crumb(label: $0.label, href: $0.href, current: $0.href == nil) }
    }

    /// Year, month and day crumbs for a day (`day`: its index in the archive, when known, for its cached path).
    func dateCrumbs(_ root: String, _ d: Day, last: Bool, day: Int? = nil) -> [(label: String, href: String?)] {
        [("\(d.year)年", root + Routes.year(d.year)), (Renderer.months[d.month], root + Routes.month(d.year, d.month)),
         (Renderer.dayOfMonth[d.day], last ? nil : root + (day.map { dayPaths[$0] } ?? Routes.day(d)))]
    }

    /// `1月` … `12月`, by month.
    static let months = (0...12).map { "\($0)月" }

    /// `1日` … `31日`, by day of the month.
    static let dayOfMonth = (0...31).map { "\($0)日" }

    static let weekdays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

    func dateLabel(_ d: Day) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    func personHref(_ name: String, _ root: String) -> String? {
        archive.personIndex[name].map { root + personPaths[$0] }
    }

    /// The byline's reporters with their roles, each linked to their person page.
    func reporterLinks(_ reporters: [Reporter], _ root: String) -> [ReporterLink] {
        reporters.map { ReporterLink(name: $0.name, href: personHref($0.name, root), reporter: false, role: $0.role) }
    }

    /// A summary of an article for lists.
    func teaser(_ i: Int, _ root: String) -> Teaser {
        archive.articles.withUnsafeBufferPointer { articles in
            let a = UnsafePointer(articles.baseAddress! + i)  // read fields in place: no copy of the whole article
            return Teaser(title: a.pointee.title, href: root + articlePaths[i], subtitles: a.pointee.subtitles,
                          reporters: reporterLinks(a.pointee.byline.reporters, root), excerpt: excerpt(a.pointee.paragraphText.first), kicker: a.pointee.kicker,
                          date: dateLabels[i], dateISO: dateISOs[i], timeOfDay: a.pointee.timeOfDay,
                          authored: false, file: nil)
        }
    }

    /// A one-line entry for long lists (person pages, month pages); `authored` when listed on its author's page.
    func compactTeaser(_ i: Int, _ root: String, authored: Bool = false) -> CompactTeaser {
        archive.articles.withUnsafeBufferPointer { compactTeaser(i, $0.baseAddress! + i, root, authored: authored) }
    }

    /// The compact teaser of article `i`, read at `a` (its title only: the article is not copied).
    func compactTeaser(_ i: Int, _ a: UnsafePointer<Article>, _ root: String, authored: Bool) -> CompactTeaser {
        CompactTeaser(title: a.pointee.title, href: root + articlePaths[i], date: dateLabels[i], dateISO: dateISOs[i],
                      authored: authored)
    }

    /// An article's first paragraph (`ParagraphText.first`: teasers decode no other), cut after 90 Unicode scalars
    /// (`…` added when cut); counted on UTF-8 bytes, where each scalar starts with a byte that is not a continuation
    /// byte (`10xxxxxx`).
    func excerpt(_ first: String?) -> String {
        guard var p = first else { return "" }
        let cut: String? = p.withUTF8 { buf in
            Self.scalarStart(90, in: buf).map { String(decoding: UnsafeBufferPointer(rebasing: buf[..<$0]), as: UTF8.self) + "…" }
        }
        return cut ?? p
    }

    /// Where scalar `k` (counted from 0) starts in `buf`, if it has that many: sixteen bytes at a time, each scalar
    /// counted by its first byte (not a continuation byte, `10xxxxxx`), then byte by byte in the block it falls in.
    static func scalarStart(_ k: Int, in buf: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = buf.baseAddress else { return nil }
        let top = SIMD16<UInt8>(repeating: 0xC0), continuation = SIMD16<UInt8>(repeating: 0x80)  // whole vectors, not scalars
        var i = 0, seen = 0
        while buf.count - i >= 16 {
            let lanes = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let inner = SpecialLanes.words(((lanes & top) .== continuation)._storage)
            let starts = 16 - (inner.low.nonzeroBitCount + inner.high.nonzeroBitCount) / 8
            if seen + starts > k { break }
            seen += starts
            i += 16
        }
        while i < buf.count {
            if buf[i] & 0xC0 != 0x80 {
                if seen == k { return i }
                seen += 1
            }
            i += 1
        }
        return nil
    }

    func pagination(_ total: Int, page: Int, _ href: (Int) -> String) -> Pagination? {
        let pages = pageCount(total)
        guard pages > 1 else { return nil }
        // A window of page numbers (first, last, and three either side of this one), so a list of
        // thousands of pages does not make every one of its pages list them all.
        var numbers: [Int] = []
        for n in [1] + Array(max(1, page - 3)...min(pages, page + 3)) + [pages] where numbers.last.map({ n > $0 }) ?? true {
            numbers.append(n)
        }
        var items: [PageItem] = []
        for (k, n) in numbers.enumerated() {
            if k > 0, n > numbers[k - 1] + 1 { items.append(PageItem(n: "…", href: nil, current: false, gap: true)) }
            items.append(PageItem(n: String(n), href: n == page ? nil : href(n), current: n == page, gap: false))
        }
        return Pagination(page: page, pages: pages, items: items, prev: page > 1 ? href(page - 1) : nil,
                          next: page < pages ? href(page + 1) : nil)
    }

    // MARK: - Pages

    func article(_ i: Int, _ root: String, _ layout: Layout) -> ArticlePage {
        // Read in place: copying the article retained its two dozen fields (three times a page, with `citation` and
        // `jsonLD`); a field read copies that field only.
        archive.articles.withUnsafeBufferPointer { article(i, $0.baseAddress! + i, root, layout) }
    }

    /// The page of article `i`, read at `a`.
    func article(_ i: Int, _ a: UnsafePointer<Article>, _ root: String, _ layout: Layout) -> ArticlePage {
        // Decoded once when held as the cache's bytes. Through the stored `paragraphText`: calling the `paragraphs`
        // getter through the pointer copied the whole article first.
        let paragraphs = a.pointee.paragraphText.strings
        let summary = excerpt(paragraphs.first)
        let cited = citation(i, a)
        let links = rootedLinks.table(root)
        let (people, reporters) = personLinks(a, links)
        var targets: [PeopleLinks.Target] = []
        targets.reserveCapacity(people.count)
        for p in people { if let href = p.href { targets.append((name: p.name, href: href)) } }
        let body = ArticleBody(markdown: Markdown.sourceBytes(paragraphs, subheadings: a.pointee.subheadings), links: targets)
        let printed = printedLink(archive.printedPageOf[i], links)
        var page = ArticlePage(
            layout: layout, pageTitle: a.pointee.title, title: a.pointee.title, subtitles: a.pointee.subtitles, body: body,
            file: sourceNamer.shown(a.pointee.file), line: a.pointee.line, description: summary, people: people,
            reporters: reporters,
            jsonLD: jsonLD(i, a, summary: summary, citation: cited), kicker: a.pointee.kicker, source: a.pointee.byline.source,
            timeOfDay: a.pointee.timeOfDay, date: nil, dateISO: nil, weekday: nil, dayHref: nil, undatedHref: nil, year: nil, breadcrumbs: [],
            prev: i > 0 ? compactTeaser(i - 1, root) : nil,
            next: i + 1 < archive.articles.count ? compactTeaser(i + 1, root) : nil,
            printedPage: Link(label: printed.heading, href: printed.href),
            citation: cited, permalink: permalink(i))
        if let d = a.pointee.date {
            page.date = dateLabels[i]
            page.dateISO = dateISOs[i]
            page.dateApproximate = a.pointee.datePrecision == .approximate
            page.weekday = Renderer.weekdays[d.weekdayFromMonday]
            page.year = d.year
            (page.dayHref, page.breadcrumbs) = dayCrumbs(d, title: a.pointee.title, links)
        } else {
            page.undatedHref = root + Routes.undated
            page.breadcrumbs = crumbs(root, [("未注明日期", root + Routes.undated), (a.pointee.title, nil)])
        }
        return page
    }

    /// A dated article's day page and crumbs (home, year, month, day, the article), from the root of `links`.
    func dayCrumbs(_ d: Day, title: String, _ links: RootedLinks.Table) -> (dayHref: String, crumbs: [Crumb]) {
        let root = links.root
        guard let di = archive.dayIndex[d] else {  // every dated article's day is in the archive
            return (dayHref: root + Routes.day(d), crumbs: crumbs(root, dateCrumbs(root, d, last: false) + [(title, nil)]))
        }
        let day = links.day(di) {
            (yearLabel: "\(d.year)年", yearHref: root + Routes.year(d.year), monthHref: root + Routes.month(d.year, d.month),
             dayHref: root + dayPaths[di])
        }
        return (dayHref: day.dayHref, crumbs: [
            Crumb(label: "首页", href: links.home, current: false), Crumb(label: day.yearLabel, href: day.yearHref, current: false),
            Crumb(label: Renderer.months[d.month], href: day.monthHref, current: false),
            Crumb(label: Renderer.dayOfMonth[d.day], href: day.dayHref, current: false), Crumb(label: title, href: nil, current: true),
        ])
    }

    /// Printed page `p`'s heading and link from the root of `links`.
    func printedLink(_ p: Int, _ links: RootedLinks.Table) -> RootedLinks.PrintedLink {
        links.printedPage(p) { (heading: archive.printedPages[p].heading, href: links.root + printedPagePaths[p]) }
    }

    /// The people the article at `a` names and its byline's reporters, each linked to their page when they have one.
    /// A person is a reporter when a reporter has their name: the same person, for names the archive lists (one
    /// person per name), else the same name.
    func personLinks(_ a: UnsafePointer<Article>, _ links: RootedLinks.Table) -> (people: [PersonLink], reporters: [ReporterLink]) {
        let names = rootedLinks.personNames(archive.personIndex)
        func link(_ k: Int?) -> String? { k.map { k in links.person(k) { links.root + personPaths[k] } } }
        let byline = a.pointee.byline.reporters
        let bylinePeople = byline.map { names.index(of: $0.name, in: archive.personIndex) }
        let people = a.pointee.people.map { n in
            let k = names.index(of: n, in: archive.personIndex)
            let reporter = k.map { bylinePeople.contains($0) } ?? byline.contains { $0.name == n }
            return PersonLink(name: n, href: link(k), reporter: reporter)
        }
        let reporters = zip(byline, bylinePeople).map { r, k in ReporterLink(name: r.name, href: link(k), reporter: false, role: r.role) }
        return (people: people, reporters: reporters)
    }

    /// Article `i` (read at `a`) as schema.org JSON-LD (`citation` is `citation(i)`).
    func jsonLD(_ i: Int, _ a: UnsafePointer<Article>, summary: String, citation: String) -> ArticleJSONLD {
        let page = archive.printedPageOf[i]
        return ArticleJSONLD(
            headline: a.pointee.title, publisher: archive.config.publisher, datePublished: a.pointee.date,
            authors: a.pointee.byline.reporters, url: archive.config.baseURL.map { $0 + Routes.pretty(Routes.article(a.pointee)) },
            printPage: archive.printedPages[page].number, citation: citation, issueDate: archive.printedPages[page].day,
            description: summary)
    }

    func person(_ i: Int, page: Int, _ root: String, _ layout: Layout) -> PersonPage {
        let p = archive.people[i]
        let start = (page - 1) * pageSize
        let slice = p.articles[min(start, p.articles.count)..<min(start + pageSize, p.articles.count)]
        let groups = yearGroups(slice, authored: p.authored, root)
        let titles = p.titles.map { t in
            var row = PersonPage.TitleRow(title: t.title, count: t.count)
            if let f = t.first { row.first = dateLabel(f); row.firstHref = root + Routes.day(f) }
            if let l = t.last, l != t.first { row.last = dateLabel(l); row.lastHref = root + Routes.day(l) }
            return row
        }
        let companions = p.companions.map { c in
            CountedLink(name: archive.people[c.person].name, href: root + personPaths[c.person], count: c.count)
        }
        var model = PersonPage(
            layout: layout, pageTitle: page > 1 ? "\(p.name)（第\(page)页）" : p.name, name: p.name, pinyin: p.pinyin,
            titles: titles, articleCount: p.articles.count, authoredCount: p.authored.count, years: groups, companions: companions,
            description: "\(p.name)：\(archive.config.publisher)报道中出现 \(p.articles.count) 篇" + (p.titles.isEmpty ? "" : "，" + p.titles.map(\.title).joined(separator: "、")),
            breadcrumbs: crumbs(root, [("人物", root + Routes.peopleIndex), (p.name, nil)]),
            profile: p.profile,
            firstSeen: p.articles.last.flatMap { archive.articles[$0].date }.map(dateLabel),
            lastSeen: p.articles.first.flatMap { archive.articles[$0].date }.map(dateLabel),
            pagination: pagination(p.articles.count, page: page) { root + Routes.person(p.slug, page: $0) })
        let drawn = personTimeline(i, page: page)
        model.timeline = drawn.bars
        model.timelineSVG = drawn.svg
        return model
    }

    /// A person page's articles (`slice`) as compact teasers grouped by year, in their order; each article read in
    /// place, not copied.
    func yearGroups(_ slice: ArraySlice<Int>, authored: Set<Int>, _ root: String) -> [PersonPage.YearGroup] {
        // The per-article arrays held in locals: read through `self` in the loop, each read retained its array.
        let hrefs = rootedLinks.table(root).articles { articlePaths.map { root + $0 } }, labels = dateLabels, isos = dateISOs
        return archive.articles.withUnsafeBufferPointer { articles in
            var groups: [PersonPage.YearGroup] = []
            var groupYear: Int?? = .none  // the last group's year (nil: undated)
            for ai in slice {
                let a = articles.baseAddress! + ai
                let y = a.pointee.date?.year
                if groups.isEmpty || groupYear != .some(y) {
                    groups.append(PersonPage.YearGroup(year: y.map { "\($0)年" } ?? "未注明日期", articles: []))
                    groupYear = .some(y)
                }
                groups[groups.count - 1].articles.append(
                    CompactTeaser(title: a.pointee.title, href: hrefs[ai], date: labels[ai], dateISO: isos[ai],
                                  authored: authored.contains(ai)))
            }
            return groups
        }
    }

    func dayLink(_ i: Int, _ root: String) -> Link? {
        archive.days.indices.contains(i) ? Link(label: dayLabels[i], href: root + dayPaths[i]) : nil
    }

    func day(_ i: Int, _ root: String, _ layout: Layout) -> DayPage {
        let d = archive.days[i]
        return DayPage(
            layout: layout, pageTitle: dayLabels[i], date: dayLabels[i], dateISO: d.day.iso,
            weekday: Renderer.weekdays[d.day.weekdayFromMonday], pages: dayGroups(d, root),
            count: d.articles.count, breadcrumbs: crumbs(root, dateCrumbs(root, d.day, last: true)),
            description: "\(dayLabels[i])的 \(d.articles.count) 篇报道", prev: dayLink(i - 1, root), next: dayLink(i + 1, root))
    }

    /// A month of the archive: its days (indices into `archive.days`) and the months before and after it that have
    /// articles (for 上个月/下个月). Its page's view model and its dependency key both read it from here.
    func monthPlace(_ y: Int, _ m: Int) -> (days: [Int], prev: (year: Int, month: Int)?, next: (year: Int, month: Int)?) {
        let flat = years.flatMap { yy in yy.months.map { (year: yy.year, month: $0.month, days: $0.days) } }
        guard let k = flat.firstIndex(where: { $0.year == y && $0.month == m }) else { return (days: [], prev: nil, next: nil) }
        func at(_ j: Int) -> (year: Int, month: Int)? { flat.indices.contains(j) ? (year: flat[j].year, month: flat[j].month) : nil }
        return (days: flat[k].days, prev: at(k - 1), next: at(k + 1))
    }

    func month(_ y: Int, _ m: Int, _ root: String, _ layout: Layout) -> MonthPage {
        let place = monthPlace(y, m)
        let dayIdx = place.days
        var byDay: [Int: Int] = [:]
        for di in dayIdx { byDay[archive.days[di].day.day] = di }
        // Calendar grid, weeks starting on Monday.
        let blank = MonthPage.Cell(empty: true, n: nil, href: nil, count: nil)
        var cells = Array(repeating: blank, count: Day(year: y, month: m, day: 1).weekdayFromMonday)
        for d in 1...Day.daysIn(month: m, year: y) {
            let di = byDay[d]
            cells.append(MonthPage.Cell(empty: false, n: d, href: di.map { root + dayPaths[$0] },
                                        count: di.map { archive.days[$0].articles.count }))
        }
        while cells.count % 7 != 0 { cells.append(blank) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { MonthPage.Week(days: Array(cells[$0..<($0 + 7)])) }
        let count = dayIdx.reduce(0) { $0 + archive.days[$1].articles.count }
        let days = dayIdx.map { di in
            let d = archive.days[di]
            return MonthPage.Day(date: dayLabels[di], weekday: Renderer.weekdays[d.day.weekdayFromMonday],
                                 href: root + dayPaths[di], articles: d.articles.map { compactTeaser($0, root) })
        }
        func link(_ to: (year: Int, month: Int)?) -> Link? {
            to.map { Link(label: "\($0.year)年\($0.month)月", href: root + Routes.month($0.year, $0.month)) }
        }
        return MonthPage(
            layout: layout, pageTitle: "\(y)年\(m)月", year: y, month: m, weeks: weeks, weekdays: ["一", "二", "三", "四", "五", "六", "日"],
            count: count, days: days, breadcrumbs: crumbs(root, [("\(y)年", root + Routes.year(y)), ("\(m)月", nil)]),
            description: "\(y)年\(m)月的 \(count) 篇报道", prev: link(place.prev), next: link(place.next))
    }

    func monthSummaries(_ yi: Int, _ root: String) -> [MonthSummary] {
        let y = years[yi].year
        return years[yi].months.map { m in
            MonthSummary(month: m.month, label: "\(m.month)月", href: root + Routes.month(y, m.month),
                         count: m.days.reduce(0) { $0 + archive.days[$1].articles.count },
                         days: m.days.map { di in
                             let d = archive.days[di]
                             return DaySummary(day: d.day.day, label: Renderer.dayOfMonth[d.day.day], href: root + dayPaths[di], count: d.articles.count)
                         })
        }
    }

    func year(_ y: Int, _ root: String, _ layout: Layout) -> YearPage {
        let yi = years.firstIndex { $0.year == y }
        let months = yi.map { monthSummaries($0, root) } ?? []
        let count = months.reduce(0) { $0 + $1.count }
        func link(_ j: Int?) -> Link? {
            guard let j, years.indices.contains(j) else { return nil }
            return Link(label: "\(years[j].year)年", href: root + Routes.year(years[j].year))
        }
        var model = YearPage(layout: layout, pageTitle: "\(y)年", year: y, months: months, count: count,
                             breadcrumbs: crumbs(root, [("\(y)年", nil)]), description: "\(y)年的 \(count) 篇报道",
                             prev: link(yi.map { $0 - 1 }), next: link(yi.map { $0 + 1 }))
        model.heatmap = yi.map { yearHeatmap($0, root) } ?? []
        return model
    }

    /// The search page lists one index per year with articles, newest first, then the undated articles' index.
    func searchPage(_ root: String, _ layout: Layout) -> SearchPage {
        var keys = SearchIndex.ordered(Set(years.map { String($0.year) }))
        if !archive.undated.isEmpty { keys.append("undated") }
        let indexes = keys.map { key in
            SearchPage.Index(key: key, label: key == "undated" ? "未注明日期" : "\(key)年", bundle: "\(root)\(SearchIndex.folder)/\(key)/")
        }
        return SearchPage(layout: layout, pageTitle: "搜索", breadcrumbs: crumbs(root, [("搜索", nil)]), indexes: indexes, ui: indexes.first?.bundle)
    }

    func undatedLink(_ root: String) -> UndatedLink? {
        archive.undated.isEmpty ? nil : UndatedLink(href: root + Routes.undated, count: archive.undated.count)
    }

    func datesIndex(_ root: String, _ layout: Layout) -> DatesPage {
        let ys = years.indices.reversed().map { yi in
            let months = monthSummaries(yi, root)
            return DatesPage.Year(year: years[yi].year, href: root + Routes.year(years[yi].year), months: months,
                                  count: months.reduce(0) { $0 + $1.count })
        }
        var model = DatesPage(layout: layout, pageTitle: "按日期浏览", years: ys, breadcrumbs: crumbs(root, [("日期", nil)]),
                              description: "按年、月、日浏览全部报道", undated: undatedLink(root))
        model.yearsChart = archiveYearsSVG(archiveYearBars(root))
        return model
    }

    func peopleIndex(_ root: String, _ layout: Layout) -> PeoplePage {
        var groups: [PeoplePage.Group] = []
        for k in archive.people.indices {
            let initial = archive.people[k].initial
            if groups.last?.initial != initial { groups.append(PeoplePage.Group(initial: initial, people: [])) }
            groups[groups.count - 1].people.append(PeoplePage.Row(name: archive.people[k].name, href: root + personPaths[k],
                                                                   count: archive.people[k].articles.count,
                                                                   title: archive.people[k].titles.last?.title))
        }
        return PeoplePage(layout: layout, pageTitle: "人物", groups: groups, count: archive.people.count,
                          initials: groups.map { PeoplePage.Initial(initial: $0.initial) }, breadcrumbs: crumbs(root, [("人物", nil)]),
                          description: "\(archive.config.publisher)报道中出现的 \(archive.people.count) 位人物，按拼音排序")
    }

    func home(_ root: String, _ layout: Layout) -> HomePage {
        let latest = archive.days.suffix(archive.config.homeDays).reversed().map { d in
            HomePage.Day(date: dateLabel(d.day), weekday: Renderer.weekdays[d.day.weekdayFromMonday], href: root + Routes.day(d.day),
                         articles: d.articles.map { teaser($0, root) })
        }
        let top = archive.people.indices.sorted {
            let a = archive.people[$0].articles.count, b = archive.people[$1].articles.count
            return a != b ? a > b : $0 < $1
        }.prefix(20).map { i in
            CountedLink(name: archive.people[i].name, href: root + personPaths[i], count: archive.people[i].articles.count)
        }
        var model = HomePage(layout: layout, pageTitle: archive.config.title, isHome: true, latestDays: Array(latest),
                        articleCount: archive.articles.count, peopleCount: archive.people.count, dayCount: archive.days.count,
                        description: archive.config.description, topPeople: Array(top),
                        firstDay: archive.days.first.map { dateLabel($0.day) }, lastDay: archive.days.last.map { dateLabel($0.day) },
                        undated: undatedLink(root), onThisDay: onThisDay(root))
        model.yearBars = archiveYearBars(root)
        model.yearsChart = archiveYearsSVG(model.yearBars)
        return model
    }

    func undated(page: Int, _ root: String, _ layout: Layout) -> UndatedPage {
        let start = (page - 1) * pageSize
        let slice = archive.undated[min(start, archive.undated.count)..<min(start + pageSize, archive.undated.count)]
        return UndatedPage(
            layout: layout, pageTitle: "未注明日期的报道",
            articles: slice.map { i in
                var t = teaser(i, root)
                t.file = sourceNamer.shown(archive.articles[i].file)
                return t
            },
            count: archive.undated.count, breadcrumbs: crumbs(root, [("日期", root + Routes.datesIndex), ("未注明日期", nil)]),
            pagination: pagination(archive.undated.count, page: page) { root + Routes.undated(page: $0) })
    }

    /// Atom feed of the latest articles. Links are absolute when `base_url` is set, else relative to the feed.
    func feed(_ layout: Layout) -> FeedPage {
        let base = archive.config.baseURL ?? ""
        let latest = archive.articles.indices.filter { archive.articles[$0].date != nil }.suffix(archive.config.feedSize).reversed()
        let updated = latest.first.flatMap { archive.articles[$0].date }.map { "\($0.iso)T00:00:00+08:00" } ?? "2000-01-01T00:00:00+08:00"
        let entries = latest.map { i in
            let a = archive.articles[i], paragraphs = a.paragraphs  // decoded once for the summary and the content
            let link = base.isEmpty ? Routes.article(a) : base + Routes.pretty(Routes.article(a))
            return FeedPage.Entry(title: a.title, link: link, id: base.isEmpty ? "urn:hysite:article:\(a.id)" : link,
                                  updated: a.date.map { "\($0.iso)T00:00:00+08:00" } ?? updated,
                                  authors: a.reporters.map { FeedPage.Author(name: $0.name) }, summary: excerpt(paragraphs.first),
                                  content: Markdown.body(paragraphs))
        }
        return FeedPage(layout: layout, updated: updated, feedID: base.isEmpty ? "urn:hysite:\(Slug.hash(archive.config.title))" : base,
                        home: base.isEmpty ? Routes.home : base, selfLink: base + Routes.feed, entries: entries)
    }

    /// `sitemap.xml`: a sitemap index naming each part.
    func sitemapIndex() -> String {
        guard let base = archive.config.baseURL else { return "" }
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for part in sitemapParts {
            s += "<sitemap><loc>\(Escape.html(base + Routes.sitemapPart(part.name)))</loc></sitemap>\n"
        }
        return s + "</sitemapindex>\n"
    }

    /// One sitemap: the pretty URL of every page in part `i`.
    func sitemap(part i: Int) -> String {
        guard let base = archive.config.baseURL else { return "" }
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for job in sitemapParts[i].jobs {
            s += "<url><loc>\(Escape.html(base + Routes.pretty(path(of: job))))</loc></url>\n"
        }
        return s + "</urlset>\n"
    }
}

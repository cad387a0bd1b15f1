// The views of what a newspaper archive has beyond dates and people: printed pages (版面), an article's
// citation, 历史上的今天 and the about page.

extension Renderer {
    /// A printed page's view: heading, its articles in print order, the day's other pages.
    func printedPage(_ i: Int, _ root: String, _ layout: Layout) -> PrintedPageView {
        let p = archive.printedPages[i]
        func sameDay(_ j: Int) -> Bool { archive.printedPages.indices.contains(j) && archive.printedPages[j].day == p.day }
        func link(_ j: Int) -> Link? {
            sameDay(j) ? Link(label: archive.printedPages[j].label, href: root + printedPagePaths[j]) : nil
        }
        var tabs: [PrintedPageView.Tab] = []
        if p.day != nil {
            var first = i
            while sameDay(first - 1) { first -= 1 }
            var j = first
            while sameDay(j) {
                tabs.append(PrintedPageView.Tab(label: archive.printedPages[j].label, href: j == i ? nil : root + printedPagePaths[j], current: j == i))
                j += 1
            }
        }
        let crumbsUp: [(label: String, href: String?)] = p.day.map(existingDateCrumbs(root)) ?? [("未注明日期", root + Routes.undated)]
        return PrintedPageView(
            layout: layout, pageTitle: p.heading, heading: p.heading, label: p.label, file: archive.config.shownSource(p.file),
            date: p.day.map(dateLabel), dateISO: p.day?.iso,
            dayHref: p.day.flatMap { d in archive.dayIndex[d].map { root + dayPaths[$0] } },
            articles: p.articles.map { teaser($0, root) }, count: p.articles.count, tabs: tabs,
            breadcrumbs: crumbs(root, crumbsUp + [(p.label, nil)]),
            description: "\(p.heading)：\(p.articles.count) 篇报道，按版面顺序", prev: link(i - 1), next: link(i + 1))
    }

    /// Year, month and day crumbs of a printed page's day, each only when its page exists: a page whose articles are
    /// all dated the day before it was printed has no day page of its own.
    func existingDateCrumbs(_ root: String) -> (Day) -> [(label: String, href: String?)] {
        { d in
            let year = years.first { $0.year == d.year }
            var out: [(label: String, href: String?)] = []
            if year != nil { out.append(("\(d.year)年", root + Routes.year(d.year))) }
            if year?.months.contains(where: { $0.month == d.month }) == true {
                out.append((Renderer.months[d.month], root + Routes.month(d.year, d.month)))
            }
            if let di = archive.dayIndex[d] { out.append((Renderer.dayOfMonth[d.day], root + dayPaths[di])) }
            return out
        }
    }

    /// A day's articles grouped by their printed page, the pages in print order. A page of another day (an
    /// article dated the day before the page that printed it) is named with its date.
    func dayGroups(_ d: DayEntry, _ root: String) -> [DayPageGroup] {
        var order: [Int] = []
        var byPage: [Int: [Int]] = [:]
        for a in d.articles {
            let p = archive.printedPageOf[a]
            if byPage[p] == nil { order.append(p) }
            byPage[p, default: []].append(a)
        }
        return order.sorted().map { p in
            // Compared through a pointer: a comparison reading `archive.articles` copied the whole renderer.
            let articles = archive.articles.withUnsafeBufferPointer { all in byPage[p]!.sorted { all[$0].position < all[$1].position } }
            let ownDay = archive.printedPages[p].day == d.day
            return DayPageGroup(label: ownDay ? archive.printedPages[p].label : archive.printedPages[p].heading,
                                href: root + printedPagePaths[p], articles: articles.map { teaser($0, root) })
        }
    }

    /// The GB/T 7714-2015 reference of a newspaper article: `陈润. 标题[N]. 衡阳晚报, 2023-07-25(1).` — at most
    /// three authors then `等`; the date is the printed page's (the article's own when the page has none); the
    /// page number only when the file name gives one.
    func citation(_ i: Int) -> String {
        archive.articles.withUnsafeBufferPointer { citation(i, $0.baseAddress! + i) }
    }

    /// The reference of article `i`, read at `a`, appended piece by piece into one string.
    func citation(_ i: Int, _ a: UnsafePointer<Article>) -> String {
        let p = archive.printedPageOf[i]
        let title = a.pointee.title, publisher = archive.config.publisher
        var s = ""
        s.reserveCapacity(title.utf8.count + publisher.utf8.count + 64)
        var names: [String] = []
        for r in a.pointee.byline.reporters where !names.contains(r.name) { names.append(r.name) }
        for (k, name) in names.prefix(3).enumerated() {
            if k > 0 { s += ", " }
            s += name
        }
        if names.count > 3 { s += ", 等" }
        if !names.isEmpty { s += ". " }
        s += title
        s += "[N]. "
        s += publisher
        if let d = archive.printedPages[p].day ?? a.pointee.date {
            s += ", "
            s += d.iso
            if let n = archive.printedPages[p].number { s += "(" + String(n) + ")" }
        }
        s += "."
        return s
    }

    /// The article's permanent URL: absolute under `base_url`, else its path in the site.
    func permalink(_ i: Int) -> String {
        (archive.config.baseURL ?? "") + Routes.pretty(articlePaths[i])
    }

    /// 历史上的今天: when the archive spans more than one year, the articles of its latest day's month and day in
    /// earlier years, newest year first. "Today" is the archive's latest day, so the page never depends on a clock.
    func onThisDay(_ root: String) -> OnThisDay? {
        guard years.count > 1, let today = archive.days.last?.day else { return nil }
        let earlier = archive.days.indices.reversed().filter { k in
            let d = archive.days[k].day
            return d.year < today.year && d.month == today.month && d.day == today.day
        }
        guard !earlier.isEmpty else { return nil }
        return OnThisDay(
            today: dateLabel(today), monthDay: "\(today.month)月\(today.day)日",
            years: earlier.map { k in
                OnThisDay.Year(date: dayLabels[k], href: root + dayPaths[k],
                               articles: archive.days[k].articles.map { compactTeaser($0, root) })
            })
    }

    /// The about page: counts, date span, how the archive was made, the data files.
    func about(_ root: String, _ layout: Layout) -> AboutPage {
        AboutPage(
            layout: layout, pageTitle: "关于本档案", articleCount: archive.articles.count, peopleCount: archive.people.count,
            dayCount: archive.days.count, printedPageCount: archive.printedPages.count, yearCount: years.count,
            undatedCount: archive.undated.isEmpty ? nil : archive.undated.count, firstDay: archive.days.first.map { dateLabel($0.day) },
            lastDay: archive.days.last.map { dateLabel($0.day) }, articleFiles: dataYears.map { y in
                CountedLink(name: "\(y.key).jsonl", href: root + Routes.articlesData(y.key), count: y.articles.count)
            },
            peopleHref: root + Routes.peopleData, version: HysiteInfo.version, breadcrumbs: crumbs(root, [("关于本档案", nil)]),
            description: "\(archive.config.title)收录的内容、制作方法与开放数据")
    }
}

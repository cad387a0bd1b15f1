/// Dependency keys, as Hugo's `identity` keeps them: for article, person, day, month and printed pages (all but a
/// few dozen pages), a hash of everything their view model is made from, taken from the archive's indices without
/// making the model. A rebuild whose key for a page is the one in the manifest skips the page without building its
/// view model (building and hashing every page's model to find the few that changed was most of a one-file rebuild).
/// The key over-approximates: a neighbour's edit re-renders a page whose bytes then prove unchanged and are not
/// written. Other page kinds keep the model hash.
extension Renderer {
    /// One article's digest: the hash of its every stored field (`digest(at:)`).
    static func digest(of article: Article) -> UInt64 {
        withUnsafePointer(to: article) { digest(at: $0) }
    }

    /// The digest of the article at `a`, read in place: its every stored field in `write(to:)`'s order, hashed as
    /// it is read (encoding the whole article for the cache's bytes and hashing those was half of `articleKey`).
    static func digest(at a: UnsafePointer<Article>) -> UInt64 {
        var h = ModelHasher()
        h.add(a.pointee.id)
        h.add(a.pointee.file)
        h.add(a.pointee.position)
        h.add(a.pointee.line)
        addOptional(&h, a.pointee.kicker)
        h.add(a.pointee.title)
        addStrings(&h, a.pointee.subtitles)
        addOptional(&h, a.pointee.byline.source)
        h.add(a.pointee.byline.reporters.count)
        for r in a.pointee.byline.reporters { h.add(r.name); h.add(r.role) }
        addDay(&h, a.pointee.date)
        h.add(a.pointee.datePrecision.rawValue)
        addOptional(&h, a.pointee.timeOfDay)
        addParagraphs(&h, a.pointee.paragraphText)
        addStrings(&h, a.pointee.people)
        h.add(a.pointee.titles.count)
        for t in a.pointee.titles { h.add(t.name); h.add(t.title) }
        addStrings(&h, a.pointee.furniture)
        h.add(a.pointee.subheadings.count)
        for k in a.pointee.subheadings { h.add(k) }
        addOptional(&h, a.pointee.continuesOn)
        addOptional(&h, a.pointee.continuedFrom)
        return h.value
    }

    /// Adds a list of strings: its count, then each string.
    private static func addStrings(_ h: inout ModelHasher, _ list: [String]) {
        h.add(list.count)
        for s in list { h.add(s) }
    }

    /// Adds a day or its absence.
    private static func addDay(_ h: inout ModelHasher, _ d: Day?) {
        guard let d else { h.tag(0); return }
        h.tag(1)
        h.add(d.year)
        h.add(d.month)
        h.add(d.day)
    }

    /// Adds a number or its absence.
    private static func addOptional(_ h: inout ModelHasher, _ n: Int?) {
        if let n { h.tag(1); h.add(n) } else { h.tag(0) }
    }

    /// Adds a string or its absence.
    private static func addOptional(_ h: inout ModelHasher, _ s: String?) {
        if let s { h.tag(1); h.add(s) } else { h.tag(0) }
    }

    /// Adds the paragraphs as `addStrings` would, whichever form they are held in: the cache's bytes are walked
    /// in place, each paragraph's UTF-8 hashed where it lies (no String made).
    private static func addParagraphs(_ h: inout ModelHasher, _ text: ParagraphText) {
        let walked: ModelHasher?? = text.withEncodedBytes { bytes in
            var copy = h
            return (try? hashEncodedStrings(&copy, bytes)).map { copy }
        }
        switch walked {
        case .some(.some(let done)): h = done
        default: addStrings(&h, text.strings)  // held as strings (or bytes that do not read: hashed as decoded)
        }
    }

    /// Hashes the list of strings in `bytes` (`CacheWriter.strings`' form) as `addStrings` hashes the list; throws
    /// when the bytes are not one whole list.
    private static func hashEncodedStrings(_ h: inout ModelHasher, _ bytes: UnsafeBufferPointer<UInt8>) throws {
        var r = CacheReader(bytes)
        let n = try r.count()
        h.add(n)
        for _ in 0..<n {
            let s = try r.stringBytes()
            h.add(s.count)
            h.add(UnsafeRawBufferPointer(s))
        }
        try r.finish()
    }

    /// Article `i`'s digest, made on first use (a rebuild after a shape-keeping edit reads a few hundred of them;
    /// making all 100,000 took 0.25 s). Read in place, not copied.
    func articleDigest(_ i: Int) -> UInt64 {
        articleDigestRows.get(i) { archive.articles.withUnsafeBufferPointer { Self.digest(at: $0.baseAddress! + i) } }
    }

    /// Per article, the hash of what its one-line entry in long lists shows (`compactTeaser`): title, path, date.
    func makeCompactDigests() -> [UInt64] {
        Parallel.map(archive.articles.count, compactDigest)
    }

    /// One article's compact digest (see `makeCompactDigests`).
    func compactDigest(_ i: Int) -> UInt64 {
        var h = ModelHasher()
        h.add(archive.articles[i].title)
        h.add(articlePaths[i])
        addOptional(&h, dateLabels[i])
        addOptional(&h, dateISOs[i])
        return h.value
    }

    /// The key of a page that has one (article, person, day, month and printed pages); nil for the others, which are
    /// told changed by their model or their bytes (a year's data file by its bytes' hash, see `render(_:unlessModelHash:)`).
    func dependencyKey(_ job: PageJob) -> String? {
        switch job {
        case .article(let i): return articleKey(i)
        case .person(let i, let page): return personKey(i, page: page)
        case .day(let i): return dayKey(i)
        case .printedPage(let i): return printedPageKey(i)
        case .month(let y, let m): return monthKey(y, m)
        default: return nil
        }
    }

    /// Whether `job` is told changed by a dependency key (the kinds `dependencyKey` keys, and a year's data file,
    /// told by its bytes' hash), without making the key: a rebuild looks only at those of them its edits reach.
    func hasDependencyKey(_ job: PageJob) -> Bool {
        switch job {
        case .article, .person, .day, .printedPage, .month, .articlesData: return true
        default: return false
        }
    }

    /// An article page's key: the article itself, its path, its neighbours' compact teasers, the pages of the
    /// people it names, its printed page and its day's page.
    func articleKey(_ i: Int) -> String {
        var h = ModelHasher()
        h.add("article-key-2")
        h.add(Int(truncatingIfNeeded: articleDigest(i)))
        h.add(articlePaths[i])
        for n in stride(from: i - 1, through: i + 1, by: 2) {  // not an array literal: one allocation a page
            guard archive.articles.indices.contains(n) else { h.tag(0); continue }
            h.tag(1)
            h.add(Int(truncatingIfNeeded: compactDigests[n]))
        }
        // Read in place: copying the article retained its two dozen fields.
        let date = archive.articles.withUnsafeBufferPointer { articles in
            let a = articles.baseAddress! + i
            for name in a.pointee.people { addPersonPath(&h, name) }
            for r in a.pointee.byline.reporters { addPersonPath(&h, r.name) }
            return a.pointee.date
        }
        addPrintedPage(&h, archive.printedPageOf[i])
        if let d = date { addOptional(&h, archive.dayIndex[d].map { dayPaths[$0] }) }
        return h.hex
    }

    /// Printed page `p` as an article page shows it (heading, path, day, number), read in place, not copied.
    private func addPrintedPage(_ h: inout ModelHasher, _ p: Int) {
        archive.printedPages.withUnsafeBufferPointer { pages in
            let page = pages.baseAddress! + p
            h.add(page.pointee.heading)
            h.add(printedPagePaths[p])
            addOptional(&h, page.pointee.day?.iso)
            h.add(page.pointee.number ?? -1)
        }
    }

    /// The path of `name`'s person page, when they have one: hashed as `personHref(name, "")` would be, without
    /// making that string.
    private func addPersonPath(_ h: inout ModelHasher, _ name: String) {
        if let k = archive.personIndex[name] { h.tag(1); h.add(personPaths[k]) } else { h.tag(0) }
    }

    /// A person page's key: what every page of the person shows (`personDigests`) and the compact teasers of
    /// this page's articles.
    func personKey(_ i: Int, page: Int) -> String {
        let p = archive.people[i]
        var h = ModelHasher()
        h.add("person-key-2")
        h.add(Int(truncatingIfNeeded: personDigest(i)))
        h.add(page)
        let start = (page - 1) * pageSize
        let slice = p.articles[min(start, p.articles.count)..<min(start + pageSize, p.articles.count)]
        h.add(slice.count)
        for ai in slice {
            h.add(Int(truncatingIfNeeded: compactDigests[ai]))
            h.tag(p.authored.contains(ai) ? 1 : 0)
        }
        return h.hex
    }

    /// Per person, made once for all their pages: the person (name, slug, pinyin, profile, titles, counts, first
    /// and last days), their companions' names and pages, and what their timeline is drawn from.
    func makePersonDigest(_ i: Int) -> UInt64 {
        let p = archive.people[i]
        var h = ModelHasher()
        for s in [p.name, p.slug, p.pinyin] { h.add(s) }
        addOptional(&h, p.profile)
        for n in [p.articles.count, p.authored.count, p.titles.count, p.companions.count] { h.add(n) }
        for t in p.titles {
            h.add(t.title)
            h.add(t.count)
            addOptional(&h, t.first?.iso)
            addOptional(&h, t.last?.iso)
        }
        addOptional(&h, p.articles.first.flatMap { archive.articles[$0].date }?.iso)
        addOptional(&h, p.articles.last.flatMap { archive.articles[$0].date }?.iso)
        for c in p.companions {
            h.add(archive.people[c.person].name)
            h.add(personPaths[c.person])
            h.add(c.count)
        }
        addTimelineSource(&h, i)
        return h.value
    }

    /// What person `i`'s timeline is drawn from besides their name, slug and article count: their dated articles
    /// per month, in month order (drawing every timeline for the keys, and again for the pages, was 3% of a clean build).
    private func addTimelineSource(_ h: inout ModelHasher, _ i: Int) {
        let perMonth = months(of: i)
        h.add(perMonth.count)
        for k in perMonth.keys.sorted() {
            h.add(k)
            h.add(perMonth[k]!)
        }
    }

    /// A day page's key: the day, its neighbours' labels and paths, and each of its articles' printed page,
    /// place on it and teaser (the grouping by printed page is made from these).
    func dayKey(_ i: Int) -> String {
        let d = archive.days[i]
        var h = ModelHasher()
        h.add("day-key-2")
        h.add(dayLabels[i])
        h.add(dayPaths[i])
        h.add(d.day.iso)
        for n in [i - 1, i + 1] {
            guard archive.days.indices.contains(n) else { h.tag(0); continue }
            h.tag(1)
            h.add(dayLabels[n])
            h.add(dayPaths[n])
        }
        h.add(d.articles.count)
        for a in d.articles {
            let p = archive.printedPageOf[a]
            addPageHeading(&h, p)
            addTeaser(&h, a)
        }
        return h.hex
    }

    /// A printed page's key: the page, the day's other pages (tabs, neighbours), which date pages exist for its
    /// crumbs, and its articles' teasers.
    func printedPageKey(_ i: Int) -> String {
        let p = archive.printedPages[i]
        var h = ModelHasher()
        h.add("printed-key-2")
        addPageHeading(&h, i)
        h.add(p.file)
        if let d = p.day {
            let year = years.first { $0.year == d.year }
            h.tag(year == nil ? 0 : 1)
            h.tag(year?.months.contains { $0.month == d.month } == true ? 1 : 0)
            addOptional(&h, archive.dayIndex[d].map { dayPaths[$0] })
            var j = i
            while j > 0, archive.printedPages[j - 1].day == d { j -= 1 }
            while archive.printedPages.indices.contains(j), archive.printedPages[j].day == d {
                h.tag(2)
                addPageHeading(&h, j)
                j += 1
            }
        } else {
            for n in [i - 1, i + 1] where archive.printedPages.indices.contains(n) && archive.printedPages[n].day == nil {
                h.tag(3)
                addPageHeading(&h, n)
            }
        }
        h.add(p.articles.count)
        for a in p.articles { addTeaser(&h, a) }
        return h.hex
    }

    /// A month page's key: its days (label, path, date, how many articles) with their articles' compact teasers, and
    /// the months before and after it (its 上个月/下个月 links).
    func monthKey(_ y: Int, _ m: Int) -> String {
        var h = ModelHasher()
        h.add("month-key-1")
        h.add(y)
        h.add(m)
        let place = monthPlace(y, m)
        h.add(place.days.count)
        for di in place.days {
            h.add(dayLabels[di])
            h.add(dayPaths[di])
            h.add(archive.days[di].day.iso)
            h.add(archive.days[di].articles.count)
            for a in archive.days[di].articles { h.add(Int(truncatingIfNeeded: compactDigests[a])) }
        }
        for n in [place.prev, place.next] {
            guard let n else { h.tag(0); continue }
            h.tag(1)
            h.add(n.year)
            h.add(n.month)
        }
        return h.hex
    }

    /// A printed page as lists and links show it: heading, label, day, number and path.
    private func addPageHeading(_ h: inout ModelHasher, _ p: Int) {
        let page = archive.printedPages[p]
        h.add(page.heading)
        h.add(page.label)
        addOptional(&h, page.day?.iso)
        h.add(page.number ?? -1)
        h.add(printedPagePaths[p])
    }

    /// An article as a teaser shows it: its stored fields, its path, its place on its page and its reporters' pages.
    private func addTeaser(_ h: inout ModelHasher, _ a: Int) {
        h.add(Int(truncatingIfNeeded: articleDigest(a)))
        h.add(articlePaths[a])
        archive.articles.withUnsafeBufferPointer { articles in
            let article = articles.baseAddress! + a  // read in place, not copied
            h.add(article.pointee.position)
            h.add(article.pointee.byline.reporters.count)
            for r in article.pointee.byline.reporters { addPersonPath(&h, r.name) }
        }
    }

    private func addOptional(_ h: inout ModelHasher, _ s: String?) {
        Self.addOptional(&h, s)
    }
}

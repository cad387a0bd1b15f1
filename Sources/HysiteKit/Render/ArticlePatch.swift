/// Edits that leave the archive's shape as it was: an article's text, headline, kicker or subtitles changed, but not
/// its place (file, position, date, id), the people it names (with their titles), its reporters or its continuation
/// marks. Such an edit changes no person, day, printed page, route or count, so a kept renderer can take the new
/// article in place (`Renderer.replaceArticles`) instead of assembling the whole archive again, and only the pages
/// whose dependency keys read the article (`Renderer.jobsShowing`) need their keys made again.
public enum ArticleShape {
    /// Whether `new` differs from `old` only in fields no archive-wide structure is made from. Every field not named
    /// here counts, so a field added to `Article` later counts as shape until it is listed.
    public static func same(_ old: Article, _ new: Article) -> Bool {
        var probe = new
        probe.line = old.line
        probe.kicker = old.kicker
        probe.title = old.title
        probe.subtitles = old.subtitles
        probe.byline.source = old.byline.source
        probe.datePrecision = old.datePrecision
        probe.timeOfDay = old.timeOfDay
        probe.paragraphText = old.paragraphText
        probe.furniture = old.furniture
        probe.subheadings = old.subheadings
        return probe == old
    }
}

extension Renderer {
    /// Puts edited articles (`index` into `archive.articles`, each of the same shape as the one it replaces, see
    /// `ArticleShape`) in place, with their digests made again; everything else the renderer made stays.
    mutating func replaceArticles(_ changes: [(index: Int, article: Article)]) {
        for c in changes { archive.articles[c.index] = c.article }
        for c in changes {
            articleDigestRows.set(c.index, Self.digest(of: c.article))
            compactDigests[c.index] = compactDigest(c.index)
        }
    }

    /// The keyed pages whose dependency keys read article `i` (its digest or its compact digest): its own page, its
    /// neighbours' pages, the pages of its people that list it, its day and month, its printed page and its year's data file.
    /// Every other keyed page's key is unchanged by an edit of the article's shape-keeping fields.
    func jobsShowing(article i: Int) -> [PageJob] {
        var jobs: [PageJob] = [.article(i)]
        for n in [i - 1, i + 1] where archive.articles.indices.contains(n) { jobs.append(.article(n)) }
        let a = archive.articles[i]
        for name in Set(a.people + a.reporters.map(\.name)) {
            guard let p = archive.personIndex[name], let k = archive.people[p].articles.firstIndex(of: i) else { continue }
            jobs.append(.person(p, page: k / pageSize + 1))
        }
        if let d = a.date, let day = archive.dayIndex[d] { jobs += [.day(day), .month(year: d.year, month: d.month)] }
        jobs.append(.printedPage(archive.printedPageOf[i]))
        if let k = dataYears.firstIndex(where: { $0.articles.contains(i) }) { jobs.append(.articlesData(k)) }
        return jobs
    }
}

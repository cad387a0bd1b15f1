import Dispatch

/// Dependency keys, as Hugo's `identity` keeps them: for article pages (two thirds of all pages), a hash of
/// everything their view model is made from, taken from the archive's indices without making the model. A
/// rebuild whose key for a page is the one in the manifest skips the page without building its view model
/// (building and hashing every article's model to find the one that changed was most of a one-file rebuild).
/// The key over-approximates: a neighbour's edit re-renders a page whose bytes then prove unchanged and are not
/// written. Other page kinds keep the model hash.
extension Renderer {
    /// Per article, the hash of its stored fields as the parse cache writes them (every field: a test ties the
    /// cache's field count to `Article`'s).
    static func articleDigests(_ articles: [Article]) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: articles.count)
        out.withUnsafeMutableBufferPointer { buf in
            let digests = UnsafeSendable(buf)
            let chunk = 256
            DispatchQueue.concurrentPerform(iterations: (articles.count + chunk - 1) / chunk) { c in
                var w = CacheWriter()
                for i in (c * chunk)..<min(articles.count, (c + 1) * chunk) {
                    w.bytes.removeAll(keepingCapacity: true)
                    articles[i].write(to: &w)
                    var h = ModelHasher()
                    w.bytes.withUnsafeBytes { h.add($0) }
                    digests.value[i] = h.value
                }
            }
        }
        return out
    }

    /// The key of a page that has one (article pages); nil for the others, which are told changed by their model.
    func dependencyKey(_ job: PageJob) -> String? {
        guard case .article(let i) = job else { return nil }
        return articleKey(i)
    }

    /// An article page's key: the article itself, its path, its neighbours' compact teasers, the pages of the
    /// people it names, its printed page and its day's page.
    func articleKey(_ i: Int) -> String {
        var h = ModelHasher()
        h.add("article-key-1")
        h.add(Int(truncatingIfNeeded: articleDigests[i]))
        h.add(articlePaths[i])
        for n in [i - 1, i + 1] {
            guard archive.articles.indices.contains(n) else { h.tag(0); continue }
            h.tag(1)
            h.add(archive.articles[n].title)
            h.add(articlePaths[n])
            addOptional(&h, dateLabels[n])
            addOptional(&h, dateISOs[n])
        }
        let a = archive.articles[i]
        for name in a.people + a.reporters.map(\.name) { addOptional(&h, personHref(name, "")) }
        let p = archive.printedPageOf[i]
        let page = archive.printedPages[p]
        h.add(page.heading)
        h.add(printedPagePaths[p])
        addOptional(&h, page.day?.iso)
        h.add(page.number ?? -1)
        if let d = a.date { addOptional(&h, archive.dayIndex[d].map { dayPaths[$0] }) }
        return h.hex
    }

    private func addOptional(_ h: inout ModelHasher, _ s: String?) {
        if let s { h.tag(1); h.add(s) } else { h.tag(0) }
    }
}

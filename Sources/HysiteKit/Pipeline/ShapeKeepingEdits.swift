import Foundation

/// A `hysite build` after edits that keep the archive's shape (`ArticleShape`): the archive is loaded, named and
/// assembled as always, but only the pages whose dependency keys read the edited articles (`Renderer.jobsShowing`)
/// and the pages without a key are looked at; every other page keeps its manifest entry without its key being made
/// again. It is `Pipeline.patch`'s reasoning without a kept archive: the site's previous articles are the parse
/// cache's, named with this build's finder (the same as the last build's when no file's proven names changed).
extension Pipeline {
    /// The page files edited since the site in the output was built, as (file, article positions), when every edit
    /// keeps the archive's shape and the names its file proves; nil otherwise (then every page is looked at).
    /// `pages` are this build's parses in listing order, `hashes` every listed file's content hash, `cache` the parse
    /// cache as loaded (before this build saved it), `previous` the site's manifest.
    static func shapeKeepingEdits(_ inputs: BuildInputs, hashes: [String], pages: [ParsedPage], cache: ParseCache,
                                  finder: PeopleFinder, previous: Manifest?) -> [String: [Int]]? {
        guard let previous, pages.count == inputs.entries.count,
              previous.render == renderFingerprint(templates: inputs.templateBytes, config: inputs.config) else { return nil }
        // The cache's hashes must be those the site was built from (same files, templates, settings and people file).
        var before: [ParseCache.Entry] = []
        before.reserveCapacity(inputs.entries.count)
        for e in inputs.entries {
            guard let entry = cache.entry(key: e.key, file: e.display) else { return nil }
            before.append(entry)
        }
        guard fingerprint(inputs, pageHashes: before.map(\.hash)) == previous.inputs else { return nil }
        let edited = inputs.entries.indices.filter { hashes[$0] != before[$0].hash }
        guard !edited.isEmpty, edited.count <= patchLimit else { return nil }
        var out: [String: [Int]] = [:]
        for i in edited {
            let (old, new) = (before[i], pages[i])
            guard new.file == old.file, keepsShape(old: old, new: new, finder: finder) else { return nil }
            out[new.file] = new.articles.map(\.position)
        }
        return out
    }

    /// Whether a page file's new parse keeps the shape of its cached one: the same names proven, no article continued
    /// across pages, and article by article (both named with `finder`) the same shape. A new continuation mark
    /// differs from the old parse's none, so `ArticleShape` turns it away.
    static func keepsShape(old: ParseCache.Entry, new: ParsedPage, finder: PeopleFinder) -> Bool {
        guard old.evidence.count == old.articles.count,
              !old.articles.contains(where: { $0.continuesOn != nil || $0.continuedFrom != nil }) else { return false }
        let before = old.articles.indices.map { finder.named(old.articles[$0], evidence: old.evidence[$0]) }
        return namedKeepingShape(new, old: before, oldNames: WarmState.names(old.evidence), finder: finder) != nil
    }

    /// The keyed pages that show the edited articles (`edits`: file → positions) in `renderer`'s archive.
    static func pagesShowing(_ edits: [String: [Int]], in renderer: Renderer) -> Set<PageJob> {
        var jobs = Set<PageJob>()
        let articles = renderer.archive.articles
        for i in articles.indices where edits[articles[i].file]?.contains(articles[i].position) == true {
            jobs.formUnion(renderer.jobsShowing(article: i))
        }
        return jobs
    }
}

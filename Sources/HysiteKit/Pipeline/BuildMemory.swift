import Foundation

/// What a long-running process (`hysite serve`) keeps between its builds: the last build's assembled archive,
/// renderer and manifest, so that a rebuild after an edit that keeps the archive's shape (`ArticleShape`) patches
/// them instead of loading, naming and assembling the whole archive again. `hysite build` keeps none.
public final class BuildMemory: @unchecked Sendable {
    private var state: WarmState?
    private let lock = NSLock()

    /// Empty: the next build with it assembles everything and fills it.
    public init() {}

    /// Whether a build has filled it.
    public var isWarm: Bool { lock.withLock { state != nil } }

    /// Takes the kept state out (a build that fails or declines to patch leaves the memory empty).
    func take() -> WarmState? { lock.withLock { defer { state = nil }; return state } }

    /// Keeps a build's state for the next one.
    func keep(_ s: WarmState) { lock.withLock { state = s } }
}

/// One build's state, as a rebuild that patches it needs it.
struct WarmState {
    /// What the build was made with (templates, settings and hysite are the manifest's `render`): the people file
    /// (`Pipeline.peopleKey`), whether search was on, and the parse settings.
    var peopleKey: String
    var search: Bool
    var parseOptions: ParseOptions
    /// The page files as listed, their stamps (taken at `stampStart`) and content hashes.
    var entries: [Pipeline.PageEntry]
    var stamps: [FileStamp?]
    var stampStart: Int64
    var entryHashes: [String]
    /// Per page file (as listed), the names its articles' own text proves: while they stay the same, so does the
    /// set of names the whole archive knows, and with it how every other article was named.
    var evidenceNames: [String: Set<String>]
    /// Page files with an article continued from or on another page (their text is joined across files).
    var joinFiles: Set<String>
    /// The finder that named every article.
    var finder: PeopleFinder
    var renderer: Renderer
    /// `ArticleKey` → index into the archive's articles.
    var articleAt: [ArticleKey: Int]
    /// What parsing and naming reported (not settings or listing), as the next build reports it again.
    var parseDiagnostics: [Diagnostic]
    /// The site's manifest as written, and the inputs fingerprint it records.
    var manifest: Manifest
    var inputsHash: String
    /// The manifest's paths in order (a patch keeps every path, so their order is kept too).
    var manifestOrder: [String]

    /// The state a full build leaves: its inputs, the page files' hashes, what `pageFacts` found in their parses, the
    /// finder, the renderer, the parse diagnostics and the manifest written (with its paths' order).
    init(_ inputs: Pipeline.BuildInputs, parseOptions: ParseOptions, entryHashes: [String], facts: (evidence: [String: Set<String>], joinFiles: Set<String>),
         finder: PeopleFinder, renderer: Renderer, parseDiagnostics: [Diagnostic], manifest: Manifest, manifestOrder: [String]) {
        (peopleKey, search, self.parseOptions) = (Pipeline.peopleKey(inputs.peopleFile), inputs.search, parseOptions)
        (entries, stamps, stampStart, self.entryHashes) = (inputs.entries, inputs.stamps, inputs.stampStart, entryHashes)
        (evidenceNames, joinFiles, self.finder, self.renderer) = (facts.evidence, facts.joinFiles, finder, renderer)
        articleAt = Self.articleIndex(renderer.archive.articles)
        (self.parseDiagnostics, self.manifest, inputsHash, self.manifestOrder) = (parseDiagnostics, manifest, manifest.inputs, manifestOrder)
    }

    /// An article by its page file (as listed) and place on it.
    struct ArticleKey: Hashable {
        var file: String
        var position: Int
    }

    /// Each article's index, by file and place.
    static func articleIndex(_ articles: [Article]) -> [ArticleKey: Int] {
        var out: [ArticleKey: Int] = [:]
        out.reserveCapacity(articles.count)
        for i in articles.indices { out[ArticleKey(file: articles[i].file, position: articles[i].position)] = i }
        return out
    }

    /// Per page file, the names its articles prove, and the files whose articles continue across pages.
    static func pageFacts(_ parsed: [ParsedPage]) -> (evidence: [String: Set<String>], joinFiles: Set<String>) {
        var evidence: [String: Set<String>] = [:]
        var joins = Set<String>()
        for page in parsed {
            evidence[page.file] = names(page.evidence)
            if page.articles.contains(where: { $0.continuesOn != nil || $0.continuedFrom != nil }) { joins.insert(page.file) }
        }
        return (evidence: evidence, joinFiles: joins)
    }

    /// The names in one page's evidence.
    static func names(_ evidence: [[PeopleFinder.Hit]]) -> Set<String> {
        Set(evidence.joined().map(\.name))
    }
}

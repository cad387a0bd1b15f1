/// The site's look: Mustache templates plus static assets (CSS) from the `Templates/` folder.
/// A user restyles the site by editing these files; no Swift changes. Each page template is parsed and
/// compiled once, against its page kind's view model, when the set is made.
public struct TemplateSet: Sendable {
    /// Every template's tree by name (`base`, `article`, `teaser`, …).
    let parsed: [String: [TemplateNode]]
    /// The page templates compiled for their view models.
    let pages: PageTemplates
    /// Non-template files (CSS, images) copied to the output as they are, by relative path.
    public var assets: [(path: String, bytes: [UInt8])]
    /// The templates' names.
    public var names: Set<String>

    /// The templates a site needs.
    public static let required = [
        "base", "article", "person", "day", "month", "year", "dates", "people", "home", "undated", "search", "notfound", "feed",
        "teaser", "teaser-compact", "pagination", "printed", "about",
    ]

    /// Parses every `*.mustache` file and compiles the page templates; an error names the template, its line and
    /// what is wrong (a syntax error, or a field the page kind's view model does not have).
    public static func make(files: [(path: String, bytes: [UInt8])], folder: String) -> (set: TemplateSet?, diagnostics: [Diagnostic]) {
        var parsed: [String: [TemplateNode]] = [:]
        var assets: [(path: String, bytes: [UInt8])] = []
        var diagnostics: [Diagnostic] = []
        for f in files {
            if f.path.hasSuffix(".mustache") {
                let name = String(f.path.dropLast(".mustache".count))
                guard let text = String(validating: f.bytes, as: UTF8.self) else {
                    diagnostics.append(.error(.templateNotText, "\(folder)/\(f.path)", "template is not UTF-8 text"))
                    continue
                }
                do {
                    parsed[name] = try TemplateParser.parse(text, name: name)
                } catch {
                    diagnostics.append(diagnostic(error, folder: folder))
                }
            } else if !f.path.hasPrefix(".") && !f.path.contains("/.") {
                assets.append((path: f.path, bytes: f.bytes))
            }
        }
        for r in required where parsed[r] == nil && !diagnostics.contains(where: { $0.file.hasSuffix("/\(r).mustache") }) {
            diagnostics.append(.error(.templateMissing, "\(folder)/\(r).mustache", "required template is missing; copy it from the hysite repository's Templates/ folder"))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        let (pages, errors) = PageTemplates.compile(TemplateCompiler(templates: parsed))
        guard let pages else { return (nil, diagnostics + errors.map { diagnostic($0, folder: folder) }) }
        return (TemplateSet(parsed: parsed, pages: pages, assets: assets, names: Set(parsed.keys)), diagnostics)
    }

    static func diagnostic(_ e: TemplateError, folder: String) -> Diagnostic {
        .error(.templateSyntax, "\(folder)/\(e.template).mustache", line: e.line, e.message + (e.column.map { " (column \($0))" } ?? ""))
    }
}

/// Every page kind's template, compiled for its view model.
struct PageTemplates: Sendable {
    let article: CompiledTemplate<ArticlePage>
    let person: CompiledTemplate<PersonPage>
    let day: CompiledTemplate<DayPage>
    let month: CompiledTemplate<MonthPage>
    let year: CompiledTemplate<YearPage>
    let dates: CompiledTemplate<DatesPage>
    let people: CompiledTemplate<PeoplePage>
    let home: CompiledTemplate<HomePage>
    let undated: CompiledTemplate<UndatedPage>
    let search: CompiledTemplate<SearchPage>
    let notFound: CompiledTemplate<PlainPage>
    let feed: CompiledTemplate<FeedPage>
    let printed: CompiledTemplate<PrintedPageView>
    let about: CompiledTemplate<AboutPage>

    /// Compiles all of them, collecting every error (once per template line: the layout is in every page kind).
    static func compile(_ c: TemplateCompiler) -> (pages: PageTemplates?, errors: [TemplateError]) {
        var errors: [TemplateError] = []
        func one<M: ViewModel>(_ name: String, _ type: M.Type) -> CompiledTemplate<M>? {
            let (template, found) = c.compileAll(name, for: type)
            for e in found where !errors.contains(where: { $0.template == e.template && $0.line == e.line && $0.tag == e.tag }) {
                errors.append(e)
            }
            return template
        }
        let article = one("article", ArticlePage.self), person = one("person", PersonPage.self), day = one("day", DayPage.self)
        let month = one("month", MonthPage.self), year = one("year", YearPage.self), dates = one("dates", DatesPage.self)
        let people = one("people", PeoplePage.self), home = one("home", HomePage.self), undated = one("undated", UndatedPage.self)
        let search = one("search", SearchPage.self), notFound = one("notfound", PlainPage.self), feed = one("feed", FeedPage.self)
        let printed = one("printed", PrintedPageView.self), about = one("about", AboutPage.self)
        guard let article, let person, let day, let month, let year, let dates, let people, let home, let undated,
              let search, let notFound, let feed, let printed, let about else { return (nil, errors) }
        return (PageTemplates(article: article, person: person, day: day, month: month, year: year, dates: dates,
                              people: people, home: home, undated: undated, search: search, notFound: notFound, feed: feed,
                              printed: printed, about: about), [])
    }
}

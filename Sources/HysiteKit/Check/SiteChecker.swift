import Foundation

/// One thing wrong with a built site, naming the file (a path inside the site) and, where it helps, the line.
public struct CheckProblem: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, as the report names it (`broken link`, `no title`, …).
    public enum Kind: String, Sendable, CaseIterable {
        case brokenLink = "broken link"
        case missingAnchor = "missing anchor"
        case javascriptURL = "javascript: URL"
        case rootAbsoluteLink = "root-absolute link"
        case missingLang = "no lang"
        case missingTitle = "no title"
        case h1Count = "not one h1"
        case emptyPage = "empty page"
        case searchIndex = "search index"
        case unreadable = "unreadable"
        case crowdedFolder = "crowded folder"

        /// For the summary: "1 broken link", "2 pages without lang".
        public func counted(_ n: Int) -> String {
            let words: (one: String, many: String)
            switch self {
            case .brokenLink: words = ("broken link", "broken links")
            case .crowdedFolder: words = ("crowded folder", "crowded folders")
            case .missingAnchor: words = ("missing anchor", "missing anchors")
            case .javascriptURL: words = ("javascript: URL", "javascript: URLs")
            case .rootAbsoluteLink: words = ("root-absolute link", "root-absolute links")
            case .missingLang: words = ("page without lang", "pages without lang")
            case .missingTitle: words = ("page without title", "pages without title")
            case .h1Count: words = ("page without exactly one h1", "pages without exactly one h1")
            case .emptyPage: words = ("empty page", "empty pages")
            case .searchIndex: words = ("search index problem", "search index problems")
            case .unreadable: words = ("unreadable file", "unreadable files")
            }
            return "\(n) \(n == 1 ? words.one : words.many)"
        }
    }

    /// The file, as a path inside the site.
    public var file: String
    /// Where in the file (1-based), when it is one place.
    public var line: Int?
    /// What is wrong.
    public var kind: Kind
    /// What is wrong in words, naming the link or element.
    public var message: String

    /// A problem of `file`, at `line` when it is one place.
    public init(file: String, line: Int? = nil, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.message = message
    }

    /// `articles/x/index.html:12: broken link: …`
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(kind.rawValue): \(message)" }
}

/// What `hysite check` found.
public struct CheckReport: Sendable {
    /// The site's folder, ending in `/`.
    public var site: String
    /// Files in the site.
    public var files = 0
    /// The `.html` (and `.htm`) pages among them.
    public var pages = 0
    /// Local `href`/`src`/`srcset` URLs checked (every occurrence).
    public var links = 0
    /// Links into `pagefind/` not checked because the site has no search index.
    public var searchLinksSkipped = 0
    /// Article pages: `articles/YYYY/MM/*.html` and `articles/undated/*.html`.
    public var articles = 0
    /// Pages in Pagefind's indexes (summed over years and languages); nil when the site has no `pagefind/`.
    public var searchPages: Int?
    /// Sorted by file, then by position in the file.
    public var problems: [CheckProblem] = []

    /// True when the site has no problems.
    public var passed: Bool { problems.isEmpty }

    /// One line: what was checked and how many problems of each kind.
    public var summary: String {
        let search = searchPages.map { "search index: \($0) page\($0 == 1 ? "" : "s")" } ?? "search index: none"
        var s = "check \(site): \(pages) page\(pages == 1 ? "" : "s"), \(links) local link\(links == 1 ? "" : "s"), "
            + "\(articles) article\(articles == 1 ? "" : "s"), \(search) — "
        if problems.isEmpty { return s + "no problems" }
        var counts: [CheckProblem.Kind: Int] = [:]
        for p in problems { counts[p.kind, default: 0] += 1 }
        let parts = CheckProblem.Kind.allCases.compactMap { k in counts[k].map(k.counted) }
        s += "\(problems.count) problem\(problems.count == 1 ? "" : "s") (\(parts.joined(separator: ", ")))"
        return s
    }
}

/// Checks a built site on its own, needing nothing but the folder:
/// 1. every local `href`, `src` and `srcset` URL in every `.html` page resolves to a file of the site (`x/` to
///    `x/index.html`; query stripped, percent-decoded), and its `#fragment` to an `id` (or `<a name>`) in the
///    target page; a `javascript:` URL is a problem wherever it is; root-absolute links (`/x`) resolve from the
///    site root and are allowed only in `404.html` (which is served from any folder);
/// 2. every page has `<html lang="…">`, a non-empty `<title>`, exactly one `<h1>` and some body text;
/// 3. when the site has a search index (`pagefind/`), each year with articles has its own index whose
///    `pagefind/<year>/pagefind-entry.json` counts at least as many pages as the year has articles
///    (`articles/YYYY/MM/*.html`; `pagefind/undated/` for `articles/undated/*.html`), and `pagefind/`
///    holds nothing else.
///
/// Pure: reads through a `FileSystem`. Pages are read and scanned in parallel, in batches; per page only its ids
/// and the links whose fragment points into another page are kept, so memory stays small for 100,000+ pages.
public enum SiteChecker {
    /// Pages that may use root-absolute links.
    public static let rootAbsoluteAllowed: Set<String> = ["404.html"]
    static let batchSize = 512

    /// Checks the built site in the folder `site` (see above) and reports what it checked and every problem.
    public static func check(site: String, fs: FileSystem) -> CheckReport {
        let root = site.count > 1 && site.hasSuffix("/") ? String(site.dropLast()) : site
        var report = CheckReport(site: root.hasSuffix("/") ? root : root + "/")
        let files: [String]
        do throws(Unlistable) {
            files = try siteFiles(root, fs)
        } catch {
            report.problems = [error.problem]
            return report
        }
        let pages = files.filter(isPage)
        let hasSearch = files.contains { $0.hasPrefix("pagefind/") }
        let context = Context(root: root, fs: fs, files: Set(files), pageIndex: indexed(pages), hasSearch: hasSearch)

        report.files = files.count
        report.pages = pages.count
        report.articles = files.filter(isArticle).count  // (counted per year again for the search index)
        let crowded = crowdedProblems(files, root: root)

        let scan = scanPages(pages, context)
        report.links = scan.links
        report.searchLinksSkipped = scan.searchLinksSkipped
        var problems = scan.problems + missingAnchors(scan.deferred, ids: scan.ids, pages: pages)
        if hasSearch {
            let index = searchIndex(context, articles: files.filter(isArticle))
            report.searchPages = index.pages
            for (k, p) in index.problems.enumerated() { problems.append((page: pages.count, seq: k, problem: p)) }
        }
        problems.sort(by: precedes)
        report.problems = problems.map(\.problem) + crowded
        return report
    }

    /// Why a site cannot be checked at all: its folder is missing or cannot be listed.
    struct Unlistable: Error {
        var problem: CheckProblem
    }

    /// Every file of the site in the folder `root`, as a path inside it.
    static func siteFiles(_ root: String, _ fs: FileSystem) throws(Unlistable) -> [String] {
        guard fs.isDirectory(root) else {
            throw Unlistable(problem: CheckProblem(file: root, kind: .unreadable,
                                                   message: "is not a folder (build the site first: hysite build --output \(root))"))
        }
        do {
            return try fs.files(under: root)
        } catch {
            throw Unlistable(problem: CheckProblem(file: root, kind: .unreadable, message: "cannot list this folder: \(error)"))
        }
    }

    /// Each page's position in `pages`.
    static func indexed(_ pages: [String]) -> [String: Int] {
        var pageIndex: [String: Int] = [:]
        pageIndex.reserveCapacity(pages.count)
        for (i, p) in pages.enumerated() { pageIndex[p] = i }
        return pageIndex
    }

    /// A problem for each folder holding more entries than static hosts allow.
    static func crowdedProblems(_ files: [String], root: String) -> [CheckProblem] {
        crowdedFolders(files).map {
            CheckProblem(file: root + "/" + $0.folder, kind: .crowdedFolder,
                         message: "holds \($0.entries) entries; static hosts allow about \(folderLimit) a folder")
        }
    }

    /// A problem and its place in the report: its page (`pages.count` for the search index) and its number there.
    typealias Placed = (page: Int, seq: Int, problem: CheckProblem)

    /// The report's order: by file, then by place in the file, then by page.
    static func precedes(_ a: Placed, _ b: Placed) -> Bool {
        a.problem.file != b.problem.file ? a.problem.file.bytesPrecede(b.problem.file)
            : a.seq != b.seq ? a.seq < b.seq : a.page < b.page
    }

    /// What scanning every page found: each page's ids, the links counted, the problems and the deferred links.
    struct Scan {
        var ids: [[String]]
        var links = 0
        var searchLinksSkipped = 0
        var problems: [Placed] = []
        var deferred: [Deferred] = []

        /// Adds what checking the page numbered `page` found.
        mutating func add(_ r: PageResult, page: Int) {
            ids[page] = r.ids
            links += r.links
            searchLinksSkipped += r.searchLinksSkipped
            problems += r.problems.map { (page: page, seq: $0.seq, problem: $0.problem) }
            deferred += r.deferred
        }
    }

    /// Scans every page, in parallel batches: its own problems now, links into other pages' fragments for later.
    static func scanPages(_ pages: [String], _ cx: Context) -> Scan {
        var scan = Scan(ids: [[String]](repeating: [], count: pages.count))
        for start in stride(from: 0, to: pages.count, by: batchSize) {
            let results = checkBatch(pages, start..<min(start + batchSize, pages.count), cx)
            for (k, r) in results.enumerated() {
                guard let r else { continue }
                scan.add(r, page: start + k)
            }
        }
        return scan
    }

    /// The pages in `range` of `pages`, checked in parallel.
    static func checkBatch(_ pages: [String], _ range: Range<Int>, _ cx: Context) -> [PageResult?] {
        var results = [PageResult?](repeating: nil, count: range.count)
        results.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf)
            DispatchQueue.concurrentPerform(iterations: range.count) { k in
                out.value[k] = checkPage(range.lowerBound + k, path: pages[range.lowerBound + k], cx)
            }
        }
        return results
    }

    /// Links into other pages' fragments that name no id there, now that every page's ids are known.
    static func missingAnchors(_ deferred: [Deferred], ids: [[String]], pages: [String]) -> [Placed] {
        var problems: [Placed] = []
        for d in deferred where !matches(d.fragment, ids[d.target]) {
            let problem = CheckProblem(file: pages[d.page], line: d.line, kind: .missingAnchor,
                                       message: "\(d.link) → no id=\"\(d.fragment)\" in \(pages[d.target])" + times(d.count))
            problems.append((page: d.page, seq: d.seq, problem: problem))
        }
        return problems
    }

    static func isPage(_ path: String) -> Bool {
        let l = path.lowercased()
        return l.hasSuffix(".html") || l.hasSuffix(".htm")
    }

    /// `articles/<year>/<month>/<id>.html` or `articles/undated/<id>.html`.
    static func isArticle(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.first == "articles", let name = parts.last, name.hasSuffix(".html"), name.utf8.count > 5,
              !parts.contains(where: \.isEmpty) else { return false }
        if parts.count == 3 { return parts[1] == "undated" }
        return parts.count == 4 && parts[1].count == 4 && parts[2].count == 2 && parts[1].allSatisfy(\.isNumber) && parts[2].allSatisfy(\.isNumber)
    }

    /// The most entries a folder of the site may hold (static hosts limit files per folder).
    public static let folderLimit = 10_000

    /// Folders holding more than `folderLimit` entries (files and sub-folders), with their counts.
    static func crowdedFolders(_ files: [String]) -> [(folder: String, entries: Int)] {
        var entries: [Substring: Set<Substring>] = [:]
        for f in files {
            var rest = Substring(f)
            var folder: Substring = ""
            while let slash = rest.firstIndex(of: "/") {
                entries[folder, default: []].insert(rest[..<slash])
                folder = Substring(f)[..<slash]
                rest = rest[rest.index(after: slash)...]
            }
            entries[folder, default: []].insert(rest)
        }
        return entries.filter { $0.value.count > folderLimit }.map { (folder: String($0.key), entries: $0.value.count) }
            .sorted { $0.folder < $1.folder }
    }

    /// The same problem repeated on a page (one broken link in a long list) is said once, with a count.
    static func dedupe(_ problems: [(seq: Int, problem: CheckProblem)]) -> [(seq: Int, problem: CheckProblem)] {
        var out: [(seq: Int, problem: CheckProblem)] = []
        var counts: [Int] = []
        var first: [String: Int] = [:]
        for p in problems {
            let key = p.problem.kind.rawValue + "\u{0}" + p.problem.message
            if let k = first[key] { counts[k] += 1; continue }
            first[key] = out.count
            out.append(p)
            counts.append(1)
        }
        for k in out.indices where counts[k] > 1 { out[k].problem.message += times(counts[k]) }
        return out
    }

    static func times(_ n: Int) -> String { n > 1 ? " (\(n) times on this page)" : "" }

    // MARK: - One page

    /// What every page's check needs: the site's folder and files, each page's number, whether there is search.
    struct Context: Sendable {
        var root: String
        var fs: FileSystem
        var files: Set<String>
        var pageIndex: [String: Int]
        var hasSearch: Bool
    }

    /// A link whose fragment names an id in another page.
    struct Deferred: Sendable {
        var page: Int
        var seq: Int
        var line: Int
        var target: Int
        var fragment: String
        var link: String
        /// How many times the page has this link.
        var count = 1
    }

    /// What checking one page found: its ids, its links, its problems and its links into other pages' fragments.
    struct PageResult: Sendable {
        var ids: [String] = []
        var links = 0
        var searchLinksSkipped = 0
        var problems: [(seq: Int, problem: CheckProblem)] = []
        var deferred: [Deferred] = []
    }

    /// A URL found in a page, to resolve once the page is read (its own ids may come after the link).
    struct Found {
        var url: String
        var attribute: String
        var tag: String
        /// Byte offset of the tag; turned into a line number only for a problem.
        var offset: Int
    }

    /// Checks one page: its lang, title, h1 and body text, then every URL in it.
    static func checkPage(_ index: Int, path: String, _ cx: Context) -> PageResult {
        var page = PageCheck(index: index, path: path, cx: cx)
        guard page.read() else { return page.result }
        var facts = PageFacts(path: path)
        HTMLScanner.scan(page.bytes) { facts.visit($0) }
        page.checkLang(facts)
        page.checkTitle(facts)
        page.checkH1(facts.h1Offsets)
        if !facts.bodyText { page.problem(.emptyPage, "no text in the body") }
        page.checkLinks(facts)
        page.result.problems = dedupe(page.result.problems)
        page.result.ids = facts.ids.sorted()
        return page.result
    }

    /// What a page's tokens say about it: its `<html lang>`, title, h1s, body text, ids and URLs.
    private struct PageFacts {
        /// The page's path in the site (to read its canonical link).
        let path: String
        /// nil: no `<html>`; `.some(nil)`: `<html>` without lang.
        var lang: String?? = nil
        var htmlOffset = 0
        var titles = 0
        var titleOffset = 0
        var titleText = false
        var h1Offsets: [Int] = []
        var bodyText = false
        var inHead = false, inTitle = false
        /// Inside `<svg>`/`<math>`: their `<title>` is not the page's.
        var foreign = 0
        var ids = Set<String>()
        var found: [Found] = []
        /// The site's path on its host, from a canonical link.
        var basePath = "/"

        /// Takes in one token of the page.
        mutating func visit(_ token: HTMLScanner.Token) {
            switch token {
            case .startTag(let tag): start(tag)
            case .endTag(let name, _): end(name)
            case .text(let text, _): read(text)
            case .comment, .doctype: break
            }
        }

        /// A start tag: what its name says, its ids and its URLs.
        mutating func start(_ tag: HTMLScanner.Tag) {
            outline(tag)
            if let id = tag.attribute("id"), !id.isEmpty { ids.insert(id) }
            if tag.name == "a", let name = tag.attribute("name"), !name.isEmpty { ids.insert(name) }
            collectURLs(tag)
        }

        /// What a start tag's name says: `<html lang>`, head and body, title, h1, svg and math, a canonical link.
        mutating func outline(_ tag: HTMLScanner.Tag) {
            switch tag.name {
            case "html":
                if lang == nil { lang = .some(tag.attribute("lang")); htmlOffset = tag.offset }
            case "head": inHead = true
            case "body": inHead = false
            case "title" where foreign == 0:
                titles += 1
                inTitle = titles == 1
                if inTitle { titleOffset = tag.offset }
            case "h1": h1Offsets.append(tag.offset)
            case "svg", "math": if !tag.selfClosing { foreign += 1 }
            case "link": canonical(tag)
            default: break
            }
        }

        /// A `<link rel="canonical">` whose URL ends in this page's path: the site's path on its host is what comes before.
        mutating func canonical(_ link: HTMLScanner.Tag) {
            guard let rel = link.attribute("rel"), rel.lowercased().split(separator: " ").contains("canonical"),
                  let href = link.attribute("href"), let c = URLComponents(string: href.trimmingCharacters(in: .whitespaces))
            else { return }
            let p = c.path
            let pretty = Routes.pretty(path)
            if p.hasSuffix("/" + pretty) { basePath = String(p.dropLast(pretty.count)) }
        }

        /// The tag's URLs: `href`, `src` and `srcset` to resolve, the other URL attributes only when they hold a script.
        mutating func collectURLs(_ tag: HTMLScanner.Tag) {
            for attr in tag.attributes {
                switch attr.name {
                case "href", "src":
                    found.append(Found(url: attr.value, attribute: attr.name, tag: tag.name, offset: tag.offset))
                case "srcset":
                    for u in srcsetURLs(attr.value) {
                        found.append(Found(url: u, attribute: attr.name, tag: tag.name, offset: tag.offset))
                    }
                case "action", "formaction", "poster", "cite", "data", "background", "longdesc", "ping", "xlink:href":
                    // Not resolved, but a script URL is still a problem.
                    if scheme(cleaned(attr.value)) == "javascript" {
                        found.append(Found(url: attr.value, attribute: attr.name, tag: tag.name, offset: tag.offset))
                    }
                default: break
                }
            }
        }

        /// An end tag: leaving the head, the title, an svg or a math.
        mutating func end(_ name: String) {
            switch name {
            case "head": inHead = false
            case "title": inTitle = false
            case "svg", "math": foreign = max(0, foreign - 1)
            default: break
            }
        }

        /// Text: whether the title, or else the body outside the head, shows any.
        mutating func read(_ text: ArraySlice<UInt8>) {
            if inTitle {
                if !titleText { titleText = HTMLScanner.hasVisibleText(text) }
            } else if !inHead && !bodyText {
                bodyText = HTMLScanner.hasVisibleText(text)
            }
        }
    }

    /// One page being checked: its bytes, what it found so far, and line numbers counted only for a problem.
    private struct PageCheck {
        let index: Int
        let path: String
        let cx: Context
        var bytes: [UInt8] = []
        var lines: LineCounter?
        /// Numbers the page's problems and deferred links in the order they are found.
        var seq = 0
        var result = PageResult()
        /// Where each deferred link (by target, fragment and link as shown) is in `result.deferred`.
        var deferredIndex: [String: Int] = [:]

        /// The line (1-based) of the byte at `offset`.
        mutating func line(_ offset: Int) -> Int {
            if lines == nil { lines = LineCounter(bytes: bytes) }
            return lines!.line(at: offset)
        }

        /// Notes a problem of the page, at the line of `offset` when there is one.
        mutating func problem(_ kind: CheckProblem.Kind, _ message: String, at offset: Int? = nil) {
            seq += 1
            let at = offset.map { line($0) }
            result.problems.append((seq: seq, problem: CheckProblem(file: path, line: at, kind: kind, message: message)))
        }

        /// Reads the page; false, with a problem, when it cannot be read or holds nothing but white space.
        mutating func read() -> Bool {
            do {
                bytes = [UInt8](try cx.fs.read(cx.root + "/" + path))
            } catch {
                problem(.unreadable, "cannot be read: \(error)")
                return false
            }
            if !bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D) }) {
                problem(.emptyPage, bytes.isEmpty ? "the file is empty (0 bytes)" : "the file holds only white space")
                return false
            }
            return true
        }

        /// The page's `<html lang>`: missing, or without lang, or empty.
        mutating func checkLang(_ facts: PageFacts) {
            switch facts.lang {
            case nil: problem(.missingLang, "no <html> start tag, so no lang attribute")
            case .some(nil): problem(.missingLang, "<html> has no lang attribute", at: facts.htmlOffset)
            case .some(.some(let l)) where l.trimmingCharacters(in: .whitespaces).isEmpty:
                problem(.missingLang, "<html lang> is empty", at: facts.htmlOffset)
            default: break
            }
        }

        /// The page's `<title>`: missing or empty.
        mutating func checkTitle(_ facts: PageFacts) {
            if facts.titles == 0 {
                problem(.missingTitle, "no <title>")
            } else if !facts.titleText {
                problem(.missingTitle, "<title> is empty", at: facts.titleOffset)
            }
        }

        /// Exactly one `<h1>`, given where the page's start.
        mutating func checkH1(_ offsets: [Int]) {
            if offsets.isEmpty {
                problem(.h1Count, "no <h1>")
            } else if offsets.count > 1 {
                let at = offsets.map { String(line($0)) }.joined(separator: ", ")
                problem(.h1Count, "\(offsets.count) <h1> elements (lines \(at)); a page has exactly one", at: offsets[1])
            }
        }

        /// Every URL the page holds, in order.
        mutating func checkLinks(_ facts: PageFacts) {
            let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
            for f in facts.found { checkLink(f, dir: dir, facts: facts) }
        }

        /// One URL: a script URL, a root-absolute link where none may be, a missing file, a missing fragment.
        mutating func checkLink(_ f: Found, dir: [String], facts: PageFacts) {
            let url = cleaned(f.url)
            let shown = "<\(f.tag) \(f.attribute)=\"\(url)\">"
            if scheme(url) == "javascript" {
                problem(.javascriptURL, "\(shown): a script URL; link to a page or file instead", at: f.offset)
                return
            }
            guard let link = LocalURL(cleaned: url) else { return } // another site, mailto:, data:, …
            if link.rootAbsolute && !rootAbsoluteAllowed.contains(path) {
                problem(.rootAbsoluteLink, "\(shown): starts with /, which breaks under a sub-path and from file://; use a relative link",
                        at: f.offset)
                return
            }
            result.links += 1
            guard let target = target(of: link, shown: shown, at: f.offset, dir: dir, basePath: facts.basePath) else { return }
            guard let fragment = link.fragment, !fragment.isEmpty, fragment.lowercased() != "top" else { return }
            guard isPage(target) else { return } // fragments of other files (images, feeds) are theirs
            checkFragment(fragment, of: target, shown: shown, at: f.offset, ids: facts.ids)
        }

        /// The site file a local link points to (this page for `#x`, `?q`, ``); nil when missing or a skipped search link.
        mutating func target(of link: LocalURL, shown: String, at offset: Int, dir: [String], basePath: String) -> String? {
            if link.path.isEmpty && !link.rootAbsolute { return path }
            var base = dir
            var linkPath = link.path
            if link.rootAbsolute {
                base = []
                if basePath != "/" && ("/" + linkPath).hasPrefix(basePath) { linkPath = String(("/" + linkPath).dropFirst(basePath.count)) }
            }
            guard let t = resolve(linkPath, from: base) else {
                problem(.brokenLink, "\(shown): goes above the site's root folder", at: offset)
                return nil
            }
            if isSearchPath(t.path) && !cx.hasSearch {
                result.searchLinksSkipped += 1
                return nil
            }
            return existingFile(t, shown: shown, at: offset)
        }

        /// The site file of a resolved link (a folder's `index.html`); nil, with a problem, when it does not exist.
        mutating func existingFile(_ t: (path: String, isFolder: Bool), shown: String, at offset: Int) -> String? {
            if t.isFolder {
                let indexFile = t.path.isEmpty ? "index.html" : t.path + "/index.html"
                guard cx.files.contains(indexFile) else {
                    problem(.brokenLink, "\(shown): \(indexFile) does not exist", at: offset)
                    return nil
                }
                return indexFile
            }
            guard cx.files.contains(t.path) else {
                let hint = cx.files.contains(t.path + "/index.html") ? " (it is a folder: link to \(t.path)/index.html)" : ""
                problem(.brokenLink, "\(shown): \(t.path) does not exist\(hint)", at: offset)
                return nil
            }
            return t.path
        }

        /// A fragment is checked against this page's ids now, or deferred (once, with a count) for another page's.
        mutating func checkFragment(_ fragment: String, of target: String, shown: String, at offset: Int, ids: Set<String>) {
            if target == path {
                if !matches(fragment, ids) {
                    problem(.missingAnchor, "\(shown): no id=\"\(fragment)\" on this page", at: offset)
                }
            } else if let t = cx.pageIndex[target] {
                let key = "\(t)\u{0}\(fragment)\u{0}\(shown)"
                if let k = deferredIndex[key] {
                    result.deferred[k].count += 1
                } else {
                    seq += 1
                    deferredIndex[key] = result.deferred.count
                    let at = line(offset)
                    result.deferred.append(Deferred(page: index, seq: seq, line: at, target: t, fragment: fragment, link: shown))
                }
            }
        }
    }

    /// Pagefind's folder: links into it are checked only when the site has a search index.
    static func isSearchPath(_ path: String) -> Bool { path == "pagefind" || path.hasPrefix("pagefind/") }

    /// A fragment names an id as written or percent-decoded (`#%E4%BA%BA` for `id="人"`).
    static func matches(_ fragment: String, _ ids: Set<String>) -> Bool {
        ids.contains(fragment) || ids.contains(percentDecoded(fragment[...]))
    }

    /// The same against a page's sorted ids.
    static func matches(_ fragment: String, _ sortedIDs: [String]) -> Bool {
        func has(_ s: String) -> Bool {
            var lo = 0, hi = sortedIDs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sortedIDs[mid] < s { lo = mid + 1 } else { hi = mid }
            }
            return lo < sortedIDs.count && sortedIDs[lo] == s
        }
        return has(fragment) || has(percentDecoded(fragment[...]))
    }

    // MARK: - URLs

    /// A URL as browsers read it from an attribute: leading and trailing spaces and controls dropped, tabs and
    /// line breaks inside removed.
    static func cleaned(_ url: String) -> String {
        if !url.utf8.contains(where: { $0 <= 0x20 }) { return url }
        var scalars = Substring(url).unicodeScalars[...]
        while let f = scalars.first, f.value <= 0x20 { scalars.removeFirst() }
        while let l = scalars.last, l.value <= 0x20 { scalars.removeLast() }
        var out = String.UnicodeScalarView()
        for s in scalars where s != "\t" && s != "\n" && s != "\r" { out.append(s) }
        return String(out)
    }

    /// The scheme of a URL (`https`, `mailto`, `javascript`), lowercased; nil for a relative URL.
    static func scheme(_ url: String) -> String? {
        var n = 0
        for c in url.utf8 {
            if c == UInt8(ascii: ":") { return n == 0 ? nil : String(decoding: url.utf8.prefix(n), as: UTF8.self).lowercased() }
            let letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            let other = (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
            guard letter || (n > 0 && other) else { return nil }
            n += 1
        }
        return nil
    }

    static func isJavaScript(_ url: String) -> Bool { scheme(cleaned(url)) == "javascript" }

    /// A URL that points into the site: path (not yet resolved), fragment; nil for anything else.
    struct LocalURL {
        var path: String
        var fragment: String?
        var rootAbsolute: Bool

        /// `url` as `cleaned` leaves it.
        init?(cleaned url: String) {
            if SiteChecker.scheme(url) != nil { return nil }
            if url.hasPrefix("//") || url.hasPrefix("\\\\") || url.hasPrefix("/\\") { return nil } // another host
            var rest = url.utf8[...]
            if let h = rest.firstIndex(of: UInt8(ascii: "#")) {
                fragment = String(Substring(rest[rest.index(after: h)...]))
                rest = rest[..<h]
            }
            if let q = rest.firstIndex(of: UInt8(ascii: "?")) { rest = rest[..<q] }
            rootAbsolute = rest.first == UInt8(ascii: "/")
            path = String(Substring(rootAbsolute ? rest.dropFirst() : rest))
        }
    }

    /// `%XX` escapes decoded; an escape that is not two hex digits stays as written, and so does the whole text
    /// when the decoded bytes are not UTF-8.
    static func percentDecoded(_ s: Substring) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return String(s) }
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self) ?? String(s)
    }

    /// `link` (no query or fragment) from the folder `base`: the site path and whether it names a folder; nil when
    /// it climbs above the root.
    static func resolve(_ link: String, from base: [String]) -> (path: String, isFolder: Bool)? {
        var parts = base
        var folder = true
        // Browsers read `\` as `/` in web URLs.
        for seg in link.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" }) {
            let decoded = percentDecoded(seg)
            switch decoded {
            case "", ".": folder = true
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
                folder = true
            default:
                parts.append(decoded)
                folder = false
            }
        }
        return (parts.joined(separator: "/"), folder)
    }

    /// The URLs of a `srcset`: comma-separated candidates of a URL and an optional descriptor.
    static func srcsetURLs(_ srcset: String) -> [String] {
        var out: [String] = []
        let s = Array(srcset.unicodeScalars)
        var i = 0
        func isWS(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }
        while i < s.count {
            while i < s.count && (isWS(s[i]) || s[i] == ",") { i += 1 }
            guard i < s.count else { break }
            let start = i
            while i < s.count && !isWS(s[i]) { i += 1 }
            var url = String(scalars: s[start..<i])
            if url.hasSuffix(",") {
                while url.hasSuffix(",") { url.removeLast() }
            } else {
                // Descriptors, up to the next comma outside parentheses.
                var depth = 0
                while i < s.count {
                    if s[i] == "(" { depth += 1 } else if s[i] == ")" { depth = max(0, depth - 1) } else if s[i] == "," && depth == 0 { break }
                    i += 1
                }
            }
            if !url.isEmpty { out.append(url) }
        }
        return out
    }

    // MARK: - Search index

    /// Pages in the search indexes (one per year: `pagefind/<year>/`, `pagefind/undated/`) and their problems: a year
    /// with articles but no index, an index counting fewer pages than its year's articles, an unreadable entry file,
    /// and anything in `pagefind/` that is not the index of a year with articles (left from an older build).
    static func searchIndex(_ cx: Context, articles: [String]) -> (pages: Int, problems: [CheckProblem]) {
        var perYear: [String: Int] = [:]
        for a in articles { perYear[String(a.split(separator: "/")[1]), default: 0] += 1 }
        var problems: [CheckProblem] = []
        var total = 0
        let stray = Set(cx.files.filter(isSearchPath).map { String($0.split(separator: "/")[1]) }).subtracting(perYear.keys)
        for name in stray.sorted() {
            problems.append(CheckProblem(file: "pagefind/\(name)", kind: .searchIndex,
                                         message: "is not the search index of a year with articles (pagefind/<year>/); rebuild the site (hysite build) to remove it"))
        }
        for year in perYear.keys.sorted() {
            let (count, problem) = yearIndex(cx, year: year, articles: perYear[year]!)
            total += count ?? 0
            if let p = problem { problems.append(p) }
        }
        return (pages: total, problems: problems)
    }

    /// One year's index: the pages its `pagefind-entry.json` counts (summed over languages), and a problem when the
    /// entry is missing or unreadable or counts fewer pages than the year's articles.
    static func yearIndex(_ cx: Context, year: String, articles: Int) -> (pages: Int?, problem: CheckProblem?) {
        let entry = "pagefind/\(year)/pagefind-entry.json"
        let what = year == "undated" ? "undated articles" : "articles from \(year)"
        guard cx.files.contains(entry), let data = try? cx.fs.read(cx.root + "/" + entry) else {
            return (pages: nil, problem: CheckProblem(file: entry, kind: .searchIndex,
                                                      message: "is missing: the site has \(articles) \(what) but no search index for them; rebuild the site (hysite build)"))
        }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let languages = json["languages"] as? [String: Any], !languages.isEmpty else {
            return (pages: nil, problem: CheckProblem(file: entry, kind: .searchIndex, message: "is not Pagefind's entry file (no \"languages\" object)"))
        }
        var total = 0
        for (lang, value) in languages {
            guard let info = value as? [String: Any], let n = (info["page_count"] as? NSNumber)?.intValue else {
                return (pages: nil, problem: CheckProblem(file: entry, kind: .searchIndex, message: "language \"\(lang)\" has no page_count"))
            }
            total += n
        }
        if total < articles {
            return (pages: total, problem: CheckProblem(file: entry, kind: .searchIndex,
                                                        message: "Pagefind indexed \(total) page\(total == 1 ? "" : "s") but the site has \(articles) \(what) (articles/\(year)/…/*.html); rebuild the site to re-index"))
        }
        return (pages: total, problem: nil)
    }
}

/// Line numbers for byte offsets that mostly grow (a page is read front to back).
struct LineCounter {
    let bytes: [UInt8]
    var offset = 0
    var lineAtOffset = 1

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func line(at target: Int) -> Int {
        if target < offset { offset = 0; lineAtOffset = 1 }
        let end = min(target, bytes.count)
        var i = offset
        var line = lineAtOffset
        while i < end {
            if bytes[i] == 0x0A { line += 1 }
            i += 1
        }
        offset = end
        lineAtOffset = line
        return line
    }
}

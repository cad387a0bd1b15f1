import Foundation
import Yams

/// Site settings from an optional `hysite.yml`. Every key has a default, so no file is needed.
public struct SiteConfig: Sendable, Hashable {
    /// The site's name, shown in every page's title and header and in the feed.
    public var title = "衡阳晚报数字档案"
    /// Absolute URL the site is published at (`https://archive.example.cn/`); enables sitemap and canonical links.
    public var baseURL: String?
    /// The language tag of the pages (`<html lang>`).
    public var language = "zh-CN"
    /// Year for pages whose file name and text name none.
    public var defaultYear: Int?
    /// The newspaper the articles come from, named in page descriptions, citations and the about page.
    public var publisher = "衡阳晚报"
    /// The site's description: the home page's and the default for pages that have none of their own.
    public var description = "衡阳晚报往期报道的数字档案：按日期、人物浏览与全文搜索。"
    /// Items per page on person pages and other long lists.
    public var pageSize = 50
    /// Latest days shown on the home page.
    public var homeDays = 10
    /// Articles in the Atom feed.
    public var feedSize = 50
    /// The folder of page files (`--input` overrides it).
    public var input = "seeds"
    /// The folder the site is written to (`--output` overrides it).
    public var output = "site"
    /// The templates folder (`--templates` overrides it); when the default folder is absent, the built-in templates are used.
    public var templates = "Templates"
    /// Editors' people file, relative to the input folder's parent or absolute.
    public var peopleFile: String?
    /// Whether to make the search page and its index.
    public var search = true

    /// The default settings, as used when there is no `hysite.yml`.
    public init() {}

    /// A page file's name as the site shows it: under the input folder's own name wherever that folder lies
    /// (`/home/ed/pages/2023-05-20_01.txt` → `pages/2023-05-20_01.txt`), so no page shows the build machine's folders
    /// and the site's bytes do not depend on how the input's path was given; a file elsewhere shows its name alone.
    public func shownSource(_ file: String) -> String { SourceNamer(input: input).shown(file) }

    /// `shownSource` with what it reads of the input folder's path worked out once: a renderer names every article's
    /// file with one (working it out per file was a fiftieth of an article page's time).
    public struct SourceNamer: Sendable {
        /// The input folder's path without trailing `/`s, its last component, and whether that is a name to show.
        let root: Substring, name: Substring, named: Bool
        /// What a file inside the folder starts with (`folder/`), and the folder's length in characters.
        let folderSlash: String, folderCount: Int
        /// `folderSlash` as bytes, and whether it is ASCII without CR (so a byte is a character).
        let folderSlashBytes: [UInt8], asciiFolder: Bool

        /// What follows `folder/` in `file`, found by bytes, when that gives what comparing characters gives: the
        /// folder's path is ASCII (without CR, so each byte is a character), `file`'s bytes start with it, and what
        /// follows starts with ASCII (a character of its own; such a file is not the folder itself). Nil otherwise,
        /// and then `shown` compares characters.
        func restAfterASCIIFolder(_ file: String) -> String? {
            guard asciiFolder else { return nil }
            let prefix = folderSlash.utf8.count
            var file = file
            return file.withUTF8 { b -> String? in
                guard b.count > prefix, memcmp(b.baseAddress!, folderSlashBytes, prefix) == 0, b[prefix] < 0x80 else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: b[prefix...]), as: UTF8.self)
            }
        }

        /// The namer for the input folder `input`.
        public init(input: String) {
            var root = Substring(input)
            while root.count > 1, root.hasSuffix("/") { root = root.dropLast() }
            self.root = root
            name = SiteConfig.lastComponent(root)
            named = !name.isEmpty && name != "." && name != ".."
            let folder = root == "/" ? "" : root
            folderSlash = String(folder) + "/"
            folderCount = folder.count
            folderSlashBytes = Array(folderSlash.utf8)
            asciiFolder = folderSlash.utf8.allSatisfy { $0 < 0x80 } && !folderSlash.utf8.contains(0x0D)
        }

        /// `file` as the site shows it (`SiteConfig.shownSource`).
        public func shown(_ file: String) -> String {
            if let rest = restAfterASCIIFolder(file) { return named ? "\(name)/\(rest)" : rest }
            if file == root { return named ? String(name) : file }
            if file.hasPrefix(folderSlash) {
                let rest = file.dropFirst(folderCount + 1)
                return named ? "\(name)/\(rest)" : String(rest)
            }
            return String(SiteConfig.lastComponent(Substring(file)))
        }
    }

    /// What follows a path's last `/` (the whole path when it has none), found without splitting the path.
    static func lastComponent(_ path: Substring) -> Substring {
        // In ASCII each byte is a character (a CR LF pair holds no `/`), so the last `/` byte is the last `/` character.
        if path.utf8.allSatisfy({ $0 < 0x80 }) {
            return path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path
        }
        return path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path
    }

    static let keys: [String] = [
        "title", "base_url", "language", "default_year", "publisher", "description", "page_size", "home_days",
        "feed_size", "input", "output", "templates", "people_file", "search",
    ]

    /// Reads `hysite.yml`. An unknown key or a bad value is an error naming it (and its line).
    public static func parse(yaml: String, file: String) -> (config: SiteConfig, diagnostics: [Diagnostic]) {
        var config = SiteConfig()
        var errors: [Diagnostic] = []
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            return (config, [.error(.configSyntax, file, line: yamlLine(error), "is not valid YAML: \(error)")])
        }
        guard let root = node else { return (config, []) }
        guard let map = root.mapping else {
            return (config, [.error(.configSyntax, file, line: 1, "must be a mapping of settings (key: value), e.g. `title: 衡阳晚报`")])
        }
        for (k, v) in map {
            let key = k.string ?? ""
            let line = k.mark.map { $0.line } ?? nil
            func bad(_ what: String) { errors.append(.error(.configBadValue, file, line: line, "'\(key)' \(what)")) }
            switch key {
            case "title": if let s = v.string, !s.isEmpty { config.title = s } else { bad("must be a non-empty string") }
            case "base_url":
                if let s = v.string, s.hasPrefix("http://") || s.hasPrefix("https://"), !s.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }) {
                    config.baseURL = s.hasSuffix("/") ? s : s + "/"
                } else { bad("must be an absolute http(s) URL, e.g. https://archive.example.cn/") }
            case "language": if let s = v.string, !s.isEmpty { config.language = s } else { bad("must be a language tag like zh-CN") }
            case "default_year":
                if let i = v.int, (1900...2099).contains(i) { config.defaultYear = i } else { bad("must be a year between 1900 and 2099") }
            case "publisher": if let s = v.string, !s.isEmpty { config.publisher = s } else { bad("must be a non-empty string") }
            case "description": if let s = v.string { config.description = s } else { bad("must be a string") }
            case "page_size": if let i = v.int, (1...100_000).contains(i) { config.pageSize = i } else { bad("must be a whole number from 1") }
            case "home_days": if let i = v.int, (1...1000).contains(i) { config.homeDays = i } else { bad("must be a whole number from 1 to 1000") }
            case "feed_size": if let i = v.int, (1...1000).contains(i) { config.feedSize = i } else { bad("must be a whole number from 1 to 1000") }
            case "input": if let s = v.string, !s.isEmpty { config.input = s } else { bad("must be a folder path") }
            case "output": if let s = v.string, !s.isEmpty { config.output = s } else { bad("must be a folder path") }
            case "templates": if let s = v.string, !s.isEmpty { config.templates = s } else { bad("must be a folder path") }
            case "people_file": if let s = v.string, !s.isEmpty { config.peopleFile = s } else { bad("must be a file path") }
            case "search": if let b = v.bool { config.search = b } else { bad("must be true or false") }
            default:
                errors.append(.error(.configUnknownKey, file, line: line, "unknown setting '\(key)'; known settings: \(keys.joined(separator: ", "))"))
            }
        }
        return (config, errors)
    }

    static func yamlLine(_ error: Error) -> Int? {
        if let y = error as? YamlError {
            switch y {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                return mark.line
            default: return nil
            }
        }
        return nil
    }
}

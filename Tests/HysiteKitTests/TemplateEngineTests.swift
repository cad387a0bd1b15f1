import Foundation
import Mustache
import Testing
@testable import HysiteKit

/// A small model for trying each Mustache construct.
struct TryItem: ViewModel {
    var name: String
    var tag: String?
    var words: [String] = []

    static let fields: [String: Field<Self>] = ["name": .text(\.name), "tag": .text(\.tag), "words": .list(\.words)]
}

struct TryPage: ViewModel {
    var title = "A <b>&\"'</b> title"
    var html = "<em>raw</em>"
    var items = [TryItem(name: "one", tag: "x", words: ["a", "b"]), TryItem(name: "two", tag: nil)]
    var empty: [TryItem] = []
    var words = ["alpha", "<beta>"]
    var on = true
    var off = false
    var count = 42
    var zero = 0
    var blank = ""
    var missing: String?
    var noNumber: Int?
    var child: TryItem? = TryItem(name: "kid", tag: "t")
    var none: TryItem?
    var site = TryItem(name: "site name", tag: nil)

    static let fields: [String: Field<Self>] = [
        "title": .text(\.title), "html": .text(\.html), "items": .list(\.items), "empty": .list(\.empty), "words": .list(\.words),
        "on": .flag(\.on), "off": .flag(\.off), "count": .number(\.count), "zero": .number(\.zero), "blank": .text(\.blank),
        "missing": .text(\.missing), "no_number": .number(\.noNumber), "child": .model(\.child), "none": .model(\.none),
        "site": .model(\.site),
    ]
}

/// The template engine construct by construct: each template renders to the expected bytes, and to the
/// same bytes as swift-mustache rendering the same model.
@Suite struct TemplateEngineTests {
    /// Compiled output and swift-mustache's output of template `page` among `templates`.
    func both(_ templates: [String: String], page: String = "page", model: TryPage = TryPage()) throws -> (String, String) {
        var parsed: [String: [TemplateNode]] = [:]
        var library = MustacheLibrary()
        FastHTMLEscaping.install()
        for (name, text) in templates {
            parsed[name] = try TemplateParser.parse(text, name: name)
            library.register(try MustacheTemplate(string: text), named: name)
        }
        let compiled = try TemplateCompiler(templates: parsed).compile(page, for: TryPage.self)
        let context = withUnsafePointer(to: model) { ModelType.of(TryPage.self).dictionary(Ptr($0)) }
        return (String(decoding: compiled.render(model), as: UTF8.self), library.render(context, withTemplate: page) ?? "")
    }

    func check(_ text: String, _ expected: String, partials: [String: String] = [:]) throws {
        let (compiled, oracle) = try both(partials.merging(["page": text]) { a, _ in a })
        #expect(compiled == expected)
        #expect(compiled == oracle)
    }

    @Test func variablesEscapedAndRaw() throws {
        try check("{{title}}|{{{html}}}|{{&html}}|{{html}}", "A &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; title|<em>raw</em>|<em>raw</em>|&lt;em&gt;raw&lt;/em&gt;")
        try check("{{count}} {{zero}} {{on}} {{off}} [{{missing}}] [{{no_number}}]", "42 0 true false [] []")
        try check("{{% CONTENT_TYPE: TEXT }}\n{{title}}", "A <b>&\"'</b> title")
    }

    @Test func sectionsOverListsFlagsOptionalsAndText() throws {
        try check("{{#items}}<{{name}}>{{/items}}", "<one><two>")
        try check("{{#words}}[{{.}}]{{/words}}", "[alpha][&lt;beta&gt;]")
        try check("{{#on}}on{{/on}}{{#off}}off{{/off}}", "on")
        try check("{{#child}}{{name}}{{/child}}{{#none}}none{{/none}}", "kid")
        try check("{{#missing}}m{{/missing}}{{#blank}}blank is shown{{/blank}}{{#zero}}zero too{{/zero}}", "blank is shownzero too")
        try check("{{#title}}{{.}}{{/title}}", "A &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; title")
    }

    @Test func invertedSections() throws {
        try check("{{^empty}}none{{/empty}}{{^items}}x{{/items}}{{^off}}off{{/off}}{{^on}}on{{/on}}", "noneoff")
        try check("{{^missing}}no text{{/missing}}{{^none}}no model{{/none}}{{^child}}x{{/child}}{{^no_number}}no number{{/no_number}}", "no textno modelno number")
    }

    /// Names not on the innermost model are found on the enclosing ones, as Mustache looks them up at run time.
    @Test func enclosingContextsAndDottedNames() throws {
        try check("{{#items}}{{name}}/{{title}}/{{#tag}}{{tag}}:{{count}}{{/tag}};{{/items}}", "one/A &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; title/x:42;two/A &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; title/;")
        try check("{{site.name}} {{#child}}{{site.name}} {{.name}}{{/child}} {{none.name}}.", "site name site name kid .")
        try check("{{#items}}{{#words}}{{.}}{{name}}{{/words}}{{/items}}", "aonebone")
    }

    @Test func transforms() throws {
        try check("{{#first(items)}}{{name}}{{/first(items)}}{{#first(empty)}}x{{/first(empty)}}", "one")
        try check("{{#last(items)}}{{name}}{{/last(items)}} {{count(items)}}", "two 2")
        try check("{{^equalzero(count)}}not zero{{/equalzero(count)}}{{#equalzero(zero)}} zero{{/equalzero(zero)}}", "not zero zero")
    }

    @Test func commentsDelimitersAndStandaloneLines() throws {
        try check("a{{! a comment }}b\n  {{! standalone }}\nc\n", "ab\nc\n")
        try check("{{=<% %>=}}<% title %>|<%={{ }}=%>{{count}}", "A &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; title|42")
        try check("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n</ul>\n", "<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>\n")
        // swift-mustache's quirk, kept: after a section whose opening tag was not alone on its line, the next
        // line's tags are not taken as standalone.
        try check("{{#on}}x\n{{/on}}\n  {{#on}}\ny\n  {{/on}}\n", "x\n  \ny\n")
    }

    @Test func partialsWithIndentation() throws {
        let partials = ["item": "<li>{{name}}</li>\n<i>{{title}}</i>\n"]
        try check("{{#items}}{{>item}}{{/items}}", "<li>one</li>\n<i>A &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; title</i>\n<li>two</li>\n<i>A &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; title</i>\n", partials: partials)
        try check("<ul>\n  {{>item}}\n</ul>\n", "<ul>\n  <li></li>\n  <i>A &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; title</i>\n</ul>\n", partials: ["item": "<li>{{#child}}{{/child}}</li>\n<i>{{title}}</i>\n"])
    }

    @Test func layoutBlocks() throws {
        let base = "{{% CONTENT_TYPE: HTML }}\n<title>{{$title}}Default {{count}}{{/title}}</title>\n<main>\n{{$content}}{{/content}}\n</main>\n"
        try check("{{<base}}\n{{$content}}\n  <p>{{title}}</p>\n{{/content}}\n{{/base}}\n",
                  "<title>Default 42</title>\n<main>\n<p>A &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; title</p>\n\n</main>\n", partials: ["base": base])
        try check("{{<base}}{{$title}}Mine{{/title}}{{/base}}", "<title>Mine</title>\n<main>\n\n</main>\n", partials: ["base": base])
    }

    /// Every `Templates/` page template through both engines with a model full of characters to escape.
    @Test func escapingMatchesSwiftMustacheByteForByte() throws {
        let hostile = ["<script>alert('x')</script>", "a & b \"c\" 'd'", "衡阳 &amp; ", "\u{1F600}<\u{301}", "\"\u{301}", "=`/"]
        for s in hostile {
            var m = TryPage()
            m.title = s
            m.words = [s]
            let (compiled, oracle) = try both(["page": "{{% CONTENT_TYPE: HTML }}\n{{title}}|{{#words}}{{.}}{{/words}}|{{{title}}}"], model: m)
            #expect(compiled == oracle, "\(s)")
        }
        var out: [UInt8] = []
        ByteEscaper.append("<>&\"'=`/ 衡", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "&lt;&gt;&amp;&quot;&#39;=`/ 衡")
    }

    // MARK: - Errors at load

    func loadError(_ template: String, replacing old: String, with new: String) throws -> [Diagnostic] {
        var files: [(path: String, bytes: [UInt8])] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: repoRoot + "/Templates") where name.hasSuffix(".mustache") {
            var text = try String(contentsOfFile: repoRoot + "/Templates/" + name, encoding: .utf8)
            if name == template + ".mustache" {
                #expect(text.contains(old))
                text = text.replacingOccurrences(of: old, with: new)
            }
            files.append((name, Array(text.utf8)))
        }
        let (set, diagnostics) = TemplateSet.make(files: files, folder: "tpl")
        #expect(set == nil)
        return diagnostics
    }

    /// A template naming a field its page kind does not have fails at load, naming the template, line and field.
    @Test func unknownFieldIsAnErrorNamingTemplateLineAndField() throws {
        let d = try loadError("article", replacing: "<h1 data-pagefind-meta=\"title\">{{title}}</h1>", with: "<h1 data-pagefind-meta=\"title\">{{titel}}</h1>")
        #expect(d.count == 1)
        #expect(d.first?.file == "tpl/article.mustache")
        #expect(d.first?.line == 16)
        #expect(d.first?.message.contains("unknown field `titel`") == true)
        #expect(d.first?.message.contains("ArticlePage") == true)
    }

    @Test func unknownFieldInPartialOrDottedNameOrSection() throws {
        let partial = try loadError("teaser", replacing: "{{excerpt}}", with: "{{excerpts}}")
        #expect(partial.map(\.file) == ["tpl/teaser.mustache"])
        #expect(partial.first?.line == 7)
        #expect(partial.first?.message.contains("`excerpts`") == true)
        let dotted = try loadError("base", replacing: "<title>{{$title}}{{page_title}} · {{site.title}}", with: "<title>{{$title}}{{page_title}} · {{site.titel}}")
        #expect(dotted.count == 1)  // once, though the layout is compiled for every page kind
        #expect(dotted.first?.file == "tpl/base.mustache")
        #expect(dotted.first?.line == 8)
        #expect(dotted.first?.message.contains("SiteInfo has no field `titel`") == true)
        let section = try loadError("person", replacing: "{{#profile}}<p class=\"profile\">{{profile}}</p>{{/profile}}",
                                    with: "{{#profiles}}<p class=\"profile\">{{profile}}</p>{{/profiles}}")
        #expect(section.first?.message.contains("unknown field `profiles`") == true)
    }

    @Test func everyUnknownFieldIsReported() throws {
        let d = try loadError("article", replacing: "来源：{{file}} 第 {{line}} 行", with: "来源：{{files}} 第 {{lines}} 行")
        #expect(d.map(\.message) == ["unknown field `files` in `{{files}}`: ArticlePage has no field `files`",
                                     "unknown field `lines` in `{{lines}}`: ArticlePage has no field `lines`"])
        #expect(d.map(\.line) == [48, 48])
    }

    @Test func listPrintedAsAValueAndUnknownPartialAreErrors() throws {
        let list = try loadError("day", replacing: "本日 {{count}} 篇报道", with: "本日 {{pages}} 篇报道")
        #expect(list.first?.line == 6)
        #expect(list.first?.message.contains("is a list of DayPageGroup") == true)
        let partial = try loadError("day", replacing: "{{>teaser}}", with: "{{>teasers}}")
        #expect(partial.first?.message.contains("no template named `teasers`") == true)
    }

    @Test func buildWithATypoFailsAndWritesNothing() throws {
        var text = try String(contentsOfFile: repoRoot + "/Templates/person.mustache", encoding: .utf8)
        text = text.replacingOccurrences(of: "{{pinyin}}", with: "{{pin_yin}}")
        let fs = try memoryFS(copying: [(repoRoot + "/Templates", "tpl"), (repoRoot + "/seeds", "in")])
        try fs.write(Data(text.utf8), to: "tpl/person.mustache")
        let report = Pipeline.build(BuildOptions(input: "in", output: "out", templates: "tpl"), fs: fs, clock: FixedClock())
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.description) == ["tpl/person.mustache:6: error: unknown field `pin_yin` in `{{pin_yin}}`: PersonPage has no field `pin_yin`"])
        #expect(!fs.allFiles.keys.contains { $0.hasPrefix("out/") })
    }
}

/// The byte-level text steps (Markdown source, JSON strings, excerpts) against the scalar-by-scalar code they replaced.
@Suite struct ByteLevelTextTests {
    static let alphabet: [Unicode.Scalar] = ["a", " ", "\t", "\n", "\r", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}",
                                             "\u{A0}", "\u{2028}", "\u{2029}", "\u{301}", "衡", "。", "\u{1F600}", "\"", "\\", "<", ">", "&",
                                             "'", "*", "#", "_", "[", "`", "{", "~", "=", "/", "0", "\u{FFFD}", "\u{E2}", "\u{FEFF}", "\u{3000}", "1", ".", ")", "-"]

    static func randomTexts(_ count: Int) -> [String] {
        var rng = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            var v = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...120, using: &rng) { v.append(alphabet.randomElement(using: &rng)!) }
            return String(v)
        }
    }

    /// Paragraphs dense in ASCII punctuation and digits, so every character starts a paragraph, ends one, follows digits
    /// and sits in a subheading.
    static let markdownAlphabet: [Unicode.Scalar] = alphabet + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789 衡".unicodeScalars

    /// The site's Markdown source escapes only what cmark could read as markup; the HTML must be that of the source
    /// with every ASCII punctuation character escaped (hysite 9571b93's), paragraph by paragraph and in subheadings.
    @Test func markdownSourceRendersAsFullyEscapedSource() throws {
        var rng = SplitMix(seed: 20261203)
        func text() -> String {
            var v = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &rng) { v.append(Self.markdownAlphabet.randomElement(using: &rng)!) }
            return String(v)
        }
        func same(_ paragraphs: [String], _ subheadings: Set<Int>) {
            let site = String(decoding: Markdown.html(bytes: Markdown.sourceBytes(paragraphs, subheadings: subheadings)), as: UTF8.self)
            // cmark skips a byte order mark at the document's start; the old source then let the spaces after it make a
            // code block. The site's source drops every mark before the document's first visible character, so the
            // oracle is given the text without them (one left in had cmark drop it and show the next: a failure in CI
            // on three marks in a row).
            var plain = paragraphs
            while !subheadings.contains(0), let first = plain.first,
                  let mark = first.unicodeScalars.firstIndex(where: { !(0...0x20 ~= $0.value || 0x7F...0x9F ~= $0.value) }),
                  first.unicodeScalars[mark] == "\u{FEFF}" {
                plain[0].unicodeScalars.remove(at: mark)  // what comes before it the source drops too
            }
            let full = Markdown.html(LegacyText.markdownSource(plain, subheadings: subheadings))
            #expect(site == full, "\(paragraphs.map { $0.unicodeScalars.map(\.value) }) \(subheadings.sorted())")
        }
        for _ in 0..<4000 {
            let paragraphs = (0..<3).map { _ in text() }
            same(paragraphs, Set((0..<3).filter { _ in Bool.random(using: &rng) }))
        }
        // Three marks, a carriage return and a NUL before the text (the CI failure's input, shortened).
        let marks = String(String.UnicodeScalarView([0xFEFF, 0xFEFF, 0xFEFF, 0x0D, 0x00].map { Unicode.Scalar($0)! })) + "_0#衡- 1. \u{FEFF}x"
        same([marks], []); same([marks], [0]); same(["", marks], [])
        for t in Self.randomTexts(1000) { same([t], []); same([t], [0]) }
        let (pages, _) = Pipeline.loadPages([repoRoot + "/seeds", fixtures + "/labelled"], fs: LocalFileSystem())
        for a in Pipeline.parse(pages).articles { same(a.paragraphs, Set(a.subheadings)) }
    }

    /// The escaper's eight-bytes-at-a-time scan against a plain byte loop, at every length and alignment.
    @Test func htmlEscaperMatchesPlainLoop() throws {
        func plain(_ s: String) -> String {
            var out = ""
            for c in s.unicodeScalars {
                switch c {
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "&": out += "&amp;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        }
        for t in Self.randomTexts(3000) {
            for cut in [0, 1, 3, 7] where cut <= t.unicodeScalars.count {
                let s = String(t.unicodeScalars.dropFirst(cut))
                var out: [UInt8] = []
                ByteEscaper.append(s, to: &out)
                #expect(String(decoding: out, as: UTF8.self) == plain(s), "\(s.unicodeScalars.map(\.value))")
            }
        }
    }

    @Test func jsonStringAndExcerptMatchScalarVersions() throws {
        let renderer = Renderer(archive: Archive(articles: [], config: SiteConfig()),
                                templates: try #require(Pipeline.loadTemplates(repoRoot + "/Templates", fs: LocalFileSystem()).0))
        for t in Self.randomTexts(3000) + [String(repeating: "衡", count: 90), String(repeating: "衡", count: 91), String(repeating: "a", count: 200)] {
            #expect(Escape.jsonString(t) == LegacyText.jsonString(t), "\(t.unicodeScalars.map(\.value))")
            let a = Article(id: "x", file: "x.txt", position: 1, line: 1, kicker: nil, title: "t", subtitles: [],
                            byline: Byline(source: nil, reporters: []), date: nil, timeOfDay: nil, paragraphs: [t])
            #expect(renderer.excerpt(a.paragraphs.first) == LegacyText.excerpt(t), "\(t.unicodeScalars.map(\.value))")
        }
    }
}

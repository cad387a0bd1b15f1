import Foundation
import HysiteKit

/// What must hold for any bytes given to hysite: checked on every fuzz input. A broken invariant prints what
/// broke and calls `fatalError`, which libFuzzer reports as a crash (and saves the input).
enum Invariants {
    static func check(_ data: Data) {
        guard case .success(let text) = TextDecoding.decode(data) else { return }
        let page = PageSource(file: "fuzz.txt", key: "fuzz.txt", text: text)
        let parsed = PageParser.parse(page)
        // The pipeline's parse step on this one page (people are named there).
        let archive = Pipeline.parse([page])
        let articles = archive.articles

        require(articles.count == parsed.articles.count,
                "Pipeline.parse found \(articles.count) articles, PageParser.parse \(parsed.articles.count)")
        for (k, (a, b)) in zip(articles, parsed.articles).enumerated() {
            var plain = a
            plain.people = []
            plain.titles = []
            require(plain == b, "article \(k + 1) differs between Pipeline.parse and PageParser.parse")
        }

        for (k, a) in articles.enumerated() {
            require(!a.title.isEmpty, "article \(k + 1) (line \(a.line)) has an empty title")
            // Paragraphs are single lines: what makes cmark's output plain paragraphs below.
            require(!a.paragraphs.contains { $0.unicodeScalars.contains("\n") },
                    "article \(k + 1) (line \(a.line)) has a paragraph holding a line break")
            require(!a.people.contains { $0.isEmpty }, "article \(k + 1) (line \(a.line)) names a person with an empty name")
            checkHTML(Markdown.body(a.paragraphs), allowed: ["<p>", "</p>"], what: "article \(k + 1)'s body")
        }
        // The raw page as one "paragraph": it still holds line ends, so cmark may also emit hard breaks and an
        // indented code block (text indented by 4 spaces after a blank line); all of it escaped text.
        checkHTML(Markdown.body([text]), allowed: ["<p>", "</p>", "<br />", "<pre><code>", "</code></pre>"],
                  what: "the raw page text")

        checkNothingDropped(text, articles)
    }

    // MARK: - HTML

    /// Every `<` in cmark's output starts one of `allowed` (all input is escaped, so nothing else may appear);
    /// and, spelled out, no tag is a script, carries an `on…=` handler or a `javascript:` link.
    static func checkHTML(_ html: String, allowed: [String], what: String) {
        let u = Array(html.utf8)
        var i = 0
        while i < u.count {
            defer { i += 1 }
            guard u[i] == UInt8(ascii: "<") else { continue }
            let end = u[i...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? u.count
            let tag = String(decoding: u[i..<end], as: UTF8.self)
            let lower = tag.lowercased()
            require(!lower.hasPrefix("<script"), "\(what): cmark emitted a script tag: \(tag.prefix(80))")
            require(!hasEventHandler(lower), "\(what): cmark emitted an on…= attribute: \(tag.prefix(80))")
            require(!lower.contains("javascript:"), "\(what): cmark emitted a javascript: link: \(tag.prefix(80))")
            require(allowed.contains { u[i...].starts(with: $0.utf8) },
                    "\(what): cmark emitted a tag other than \(allowed.joined(separator: " ")): \(tag.prefix(80))")
        }
    }

    /// ` on` + letters + `=` inside a tag.
    static func hasEventHandler(_ tag: String) -> Bool {
        let u = Array(tag.utf8)
        var i = 0
        while i + 3 < u.count {
            defer { i += 1 }
            guard u[i] == UInt8(ascii: " ") || u[i] == UInt8(ascii: "\t") || u[i] == UInt8(ascii: "\n"),
                  u[i + 1] == UInt8(ascii: "o"), u[i + 2] == UInt8(ascii: "n") else { continue }
            var k = i + 3
            while k < u.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(u[k]) { k += 1 }
            if k > i + 3, k < u.count, u[k] == UInt8(ascii: "=") { return true }
        }
        return false
    }

    // MARK: - No text silently dropped

    /// `PageParser.isSpace`: what the parser trims from line ends (and the only characters it may drop there).
    static let spaces: Set<Unicode.Scalar> = [" ", "\t", "\u{3000}", "\u{A0}", "\u{FEFF}", "\u{0B}", "\u{0C}",
                                              "\u{2002}", "\u{2003}", "\u{200B}"]
    static let brackets: Set<Unicode.Scalar> = ["（", "）", "(", ")"]

    struct InputLine {
        var number: Int
        var text: [Unicode.Scalar]
    }

    /// The input's lines as documented: trimmed, and a title's `# ` marker (a run of `#` before a space) removed.
    static func inputLines(_ text: String) -> [InputLine] {
        var out: [InputLine] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var t = trim(raw)
            if t.hasPrefix("#") {
                let stripped = t.drop { $0 == "#" }
                if stripped.first == " " || stripped.first == "\u{3000}" || stripped.first == "\t" { t = trim(stripped) }
            }
            out.append(InputLine(number: number, text: Array(t.unicodeScalars)))
        }
        return out
    }

    static func trim<S: StringProtocol>(_ s: S) -> String {
        let u = s.unicodeScalars
        guard let first = u.firstIndex(where: { !spaces.contains($0) }) else { return "" }
        let last = u.lastIndex(where: { !spaces.contains($0) })!
        return String(String.UnicodeScalarView(u[first...last]))
    }

    /// Every non-space character of the page ends up in the article whose lines hold it: in its kicker, title,
    /// subtitles, byline (source, reporters' roles and names) or paragraphs. Allowed to vanish, by design: spaces
    /// and line ends, `# ` markers, the rest of a byline's brackets (`（…）` holds only reporters in the model)
    /// and the brackets and `/` of a closing signature (`（雁城时评员 江南）`, `文/张三`).
    /// Compared as counts of each character per article; articles cover consecutive runs of lines.
    static func checkNothingDropped(_ text: String, _ articles: [Article]) {
        let lines = inputLines(text)
        checkStartsInOrder(articles)
        checkNothingAbove(articles.first?.line ?? Int.max, lines)
        // Lines are numbered 1, 2, …: an article's lines are a slice.
        for (k, a) in articles.enumerated() {
            let end = k + 1 < articles.count ? articles[k + 1].line : Int.max
            let own = lines[min(a.line - 1, lines.count)..<min(end - 1, lines.count)]
            checkKept(a, number: k + 1, own: own)
        }
    }

    /// Each article starts on a line after the previous article's first line.
    static func checkStartsInOrder(_ articles: [Article]) {
        var previous = 0
        for (k, a) in articles.enumerated() {
            require(a.line > previous, "article \(k + 1) starts on line \(a.line), not after article \(k)'s line \(previous)")
            previous = a.line
        }
    }

    /// The lines above the first article's line `firstLine` hold nothing but spaces.
    static func checkNothingAbove(_ firstLine: Int, _ lines: [InputLine]) {
        for l in lines where l.number < firstLine {
            if let c = l.text.first(where: { !spaces.contains($0) }) {
                fail("line \(l.number) holds text (\(describe(c))) but is in no article: \(String(String.UnicodeScalarView(l.text)).prefix(60))")
            }
        }
    }

    /// Article `number` holds each non-space character of its lines `own` as often, bar those allowed to vanish.
    static func checkKept(_ a: Article, number: Int, own: ArraySlice<InputLine>) {
        var input: [Unicode.Scalar: Int] = [:]
        for l in own { for c in l.text where !spaces.contains(c) { input[c, default: 0] += 1 } }
        let output = fieldCounts(a)
        var allowed: [Unicode.Scalar: Int] = [:]
        allowBylineBrackets(a, own, in: &allowed)
        allowSignatureMarks(a, own, in: &allowed)
        for (c, n) in input.sorted(by: { $0.key.value < $1.key.value }) {
            let kept = output[c, default: 0] + allowed[c, default: 0]
            if n > kept {
                let where_ = own.first { $0.text.contains(c) }.map { "line \($0.number): \(String(String.UnicodeScalarView($0.text)).prefix(60))" } ?? ""
                fail("article \(number) (line \(a.line), title '\(a.title.prefix(30))') dropped \(describe(c)): \(n) in its lines, \(output[c, default: 0]) in the article; \(where_)")
            }
        }
    }

    /// How often each character occurs in the article's kicker, title, subtitles, byline, paragraphs and furniture.
    static func fieldCounts(_ a: Article) -> [Unicode.Scalar: Int] {
        var output: [Unicode.Scalar: Int] = [:]
        var fields = [a.title] + a.subtitles + a.paragraphs + a.furniture
        if let kicker = a.kicker { fields.append(kicker) }
        if let source = a.byline.source { fields.append(source) }
        for r in a.reporters { fields += [r.role, r.name] }
        for f in fields { for c in f.unicodeScalars { output[c, default: 0] += 1 } }
        return output
    }

    /// Adds to `allowed` the brackets after the byline line's source (`（…）` holds only reporters in the model).
    static func allowBylineBrackets(_ a: Article, _ own: ArraySlice<InputLine>, in allowed: inout [Unicode.Scalar: Int]) {
        guard let source = a.byline.source else { return }
        // The byline line: starts with the source and comes right after the title and subtitles (or
        // opens the article, titled （无题）); not a headline line that merely looks like one.
        let s = Array(source.unicodeScalars)
        let texts = own.filter { !$0.text.isEmpty }.map(\.text)
        let head = ([a.title] + a.subtitles).map { Array($0.unicodeScalars) }
        for (k, u) in texts.enumerated() where u.starts(with: s) {
            guard (k == 0 && a.title == "（无题）") || (k >= head.count && Array(texts[(k - head.count)..<k]) == head) else { continue }
            let i = s.count
            if i < u.count, u[i] == "（" || u[i] == "(" {
                guard let j = u[(i + 1)...].firstIndex(where: { $0 == "）" || $0 == ")" }) else { continue }
                for c in u[i...j] { allowed[c, default: 0] += 1 }
            }
            break
        }
    }

    /// Adds to `allowed` the brackets and `/` of each closing signature line (`（雁城时评员 江南）`, `文/张三`).
    static func allowSignatureMarks(_ a: Article, _ own: ArraySlice<InputLine>, in allowed: inout [Unicode.Scalar: Int]) {
        for r in a.reporters {
            let signed = Array((r.role + r.name).unicodeScalars)
            for l in own where l.text.count <= 20 {
                let marks = l.text.filter { brackets.contains($0) || $0 == "/" || $0 == "／" }
                let core = l.text.filter { !spaces.contains($0) && !brackets.contains($0) && $0 != "/" && $0 != "／" }
                if core == signed { for c in marks { allowed[c, default: 0] += 1 } }
            }
        }
    }

    static func describe(_ c: Unicode.Scalar) -> String {
        "'\(String(c))' U+\(String(c.value, radix: 16, uppercase: true))"
    }

    // MARK: -

    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fail(message()) }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("hysite-fuzz: invariant broken: \(message)\n".utf8))
        fatalError("hysite-fuzz: invariant broken: \(message)")
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import HysiteKit

/// A hostile page (GB18030 with a stray byte and control characters; markup, attribute breakers, `]]>`,
/// `</script>`, Markdown links and images) is built, and every page is checked by parsing its HTML:
/// nothing from the input becomes a script, an event handler or a `javascript:` URL.
@Suite struct HostileInputTests {
    static let title = "标题</script><script>alert(2)</script>\"><img src=x onerror=alert(1)>]]>"
    static let body = "7月2日上午，<script>alert(1)</script>、\"><b onmouseover=alert(9)>、[链接](javascript:alert(3))、![图](javascript:alert(4))、<a href=\"javascript:alert(5)\">点</a>、]]>、&lt;、\u{1}\u{7}结束。"
    static let page = "# \(title)\n\n本报讯（记者 张三）\n\n\(body)\n\n市委书记刘越高出席。\n"

    static let built: (BuildReport, [String: String]) = {
        var bytes = [UInt8](page.data(using: TextDecoding.gb18030)!)
        bytes.insert(0xFF, at: bytes.count - 2)  // a byte GB18030 never uses
        return try! buildInMemory(pages: [:], extra: ["in/2023-07-02_01.txt": Data(bytes)])
    }()

    @Test func builtWithAWarningNotAnError() {
        let r = Self.built.0
        #expect(r.succeeded && r.articles == 1)
        #expect(r.diagnostics.contains { $0.severity == .warning && $0.message.contains("U+FFFD") })
    }

    @Test func noScriptHandlerOrJavascriptURLFromInput() {
        let allowedScripts: Set<String> = ["assets/search.js", "pagefind/2023/pagefind-ui.js"]  // the one article is from 2023
        for (path, html) in Self.built.1 where path.hasSuffix(".html") {
            for tag in HTMLScanner.tags(Array(html.utf8)) {
                for a in tag.attributes {
                    #expect(!a.name.hasPrefix("on"), "\(path): <\(tag.name) \(a.name)>")
                    if ["href", "src", "action", "formaction", "srcset"].contains(a.name) {
                        let v = a.value.trimmingCharacters(in: .whitespaces).lowercased()
                        #expect(!v.hasPrefix("javascript:") && !v.hasPrefix("vbscript:") && !v.hasPrefix("data:"), "\(path): \(a.name)=\(a.value)")
                    }
                }
                #expect(tag.name != "img" && tag.name != "iframe" && tag.name != "object", "\(path): <\(tag.name)>")
                if tag.name == "script" {
                    let type = tag.attribute("type")
                    let src = tag.attribute("src").map { $0.replacingOccurrences(of: "../", with: "") }
                    #expect(type == "application/ld+json" || src.map(allowedScripts.contains) == true, "\(path): script \(tag.attributes)")
                }
            }
        }
    }

    @Test func titleAndBodyShowAsText() throws {
        let html = try #require(Self.built.1["articles/2023/07/2023-07-02_01-1.html"])
        var text = ""
        var inTitle = false, h1Text = ""
        HTMLScanner.scan(Array(html.utf8)) { token in
            switch token {
            case .startTag(let t): if t.name == "h1" { inTitle = true }
            case .endTag(let n, _): if n == "h1" { inTitle = false }
            case .text(let bytes, _):
                let s = HTMLScanner.decodeEntities(bytes)
                text += s
                if inTitle { h1Text += s }
            default: break
            }
        }
        #expect(h1Text == Self.title)
        #expect(text.contains("<script>alert(1)</script>"))
        #expect(text.contains("[链接](javascript:alert(3))"))
        #expect(text.contains("&lt;、"), "an entity in the paper stays as printed")
        #expect(!text.contains("\u{1}") && !text.contains("\u{7}"))
    }

    @Test func jsonLDParsesAndKeepsTheTitle() throws {
        let html = try #require(Self.built.1["articles/2023/07/2023-07-02_01-1.html"])
        let bytes = Array(html.utf8)
        let script = try #require(HTMLScanner.tags(bytes).first { $0.name == "script" && $0.attribute("type") == "application/ld+json" })
        let open = try #require(html.utf8.index(html.utf8.startIndex, offsetBy: script.offset, limitedBy: html.utf8.endIndex))
        let rest = html[open...]
        let start = try #require(rest.range(of: ">")).upperBound
        let end = try #require(rest.range(of: "</script>")).lowerBound
        let json = try #require(try JSONSerialization.jsonObject(with: Data(rest[start..<end].utf8)) as? [String: Any])
        #expect(json["headline"] as? String == Self.title)
        #expect(json["@type"] as? String == "NewsArticle")
    }

    @Test func feedAndSitemapAreWellFormed() throws {
        let feed = try #require(Self.built.1["feed.xml"])
        let doc = try XMLDocument(data: Data(feed.utf8))
        let titles = try doc.nodes(forXPath: "//*[local-name()='entry']/*[local-name()='title']").map { $0.stringValue ?? "" }
        #expect(titles == [Self.title])
    }

    /// Every kind of control character is dropped and counted (the byte pre-scan must not let one through);
    /// look-alikes that are text (no-break space, �, U+FFFD's neighbours) stay.
    @Test(arguments: ["\u{1}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{FFFE}", "\u{FFFF}"])
    func controlCharactersAreDropped(_ control: String) throws {
        let text = "标题\n本报讯 5月1日，市民\(control)王小明\u{A0}来了\u{FFFD}\u{FFFC}。\n"
        guard case .success(let d) = TextDecoding.decodeReporting(Data(text.utf8)) else { Issue.record("not decoded"); return }
        #expect(d.text == text.replacingOccurrences(of: control, with: ""))
        #expect(d.droppedControls == 1)
    }
}

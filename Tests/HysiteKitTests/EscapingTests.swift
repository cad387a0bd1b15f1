import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import HysiteKit

/// Text that looks like HTML or Markdown renders literally, on every page where it lands.
@Suite struct EscapingTests {
    static let hostileTitle = "标题<script>alert(1)</script>\"引号\"&符号*星号*"
    static let hostileBody = "7月25日上午，正文里有<script>alert(\"x\")</script>、\"引号\"、&amp;、*强调*、[链接](javascript:alert(1))和![图](x.png)以及<img src=x onerror=alert(1)>。"
    static let page = """
    # \(hostileTitle)

    衡阳晚报讯（全媒体记者 陈润）

    \(hostileBody)

    市委书记刘越高出席。
    """

    static let built = try! buildInMemory(pages: ["2023-07-26_01.txt": page])

    @Test func bodyRendersLiterally() throws {
        let html = try #require(Self.built.1["articles/2023/07/2023-07-26_01-1.html"])
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("href=\"javascript:"))
        #expect(!html.contains("<em>强调</em>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("[链接](javascript:alert(1))"))
        #expect(html.contains("*强调*"))
        #expect(html.contains("&amp;amp;"))
    }

    @Test func titleIsEscapedOnEveryPage() {
        var pagesWithTitle = 0
        for (path, html) in Self.built.1 where path.hasSuffix(".html") {
            #expect(!html.contains("<script>alert(1)"), "\(path)")
            if html.contains("标题&lt;script&gt;alert(1)&lt;/script&gt;&quot;引号&quot;&amp;符号*星号*") { pagesWithTitle += 1 }
        }
        // article, day, month, year? (year lists no titles), home, person pages of 陈润 and 刘越高
        #expect(pagesWithTitle >= 5)
    }

    @Test func jsonLDCannotCloseItsScript() throws {
        let html = try #require(Self.built.1["articles/2023/07/2023-07-26_01-1.html"])
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        let json = String(html[start.upperBound..<end.lowerBound])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(obj["headline"] as? String == Self.hostileTitle)
        #expect(!json.contains("<"))
    }

    @Test func feedIsWellFormedXML() throws {
        let feed = try #require(Self.built.1["feed.xml"])
        let doc = try XMLDocument(data: Data(feed.utf8))
        let title = try doc.nodes(forXPath: "//*[local-name()='entry']/*[local-name()='title']").first?.stringValue
        #expect(title == Self.hostileTitle)
    }

    @Test func markdownEscaperTable() {
        let cases: [(String, String)] = [
            ("a*b*", "<p>a*b*</p>\n"),
            ("# 不是标题", "<p># 不是标题</p>\n"),
            ("1. 不是列表", "<p>1. 不是列表</p>\n"),
            ("- 不是列表", "<p>- 不是列表</p>\n"),
            ("<b>x</b>", "<p>&lt;b&gt;x&lt;/b&gt;</p>\n"),
            ("[a](javascript:x)", "<p>[a](javascript:x)</p>\n"),
            ("`code`", "<p>`code`</p>\n"),
            ("&copy;", "<p>&amp;copy;</p>\n"),
            ("    四个空格", "<p>四个空格</p>\n"),
            ("a\\b", "<p>a\\b</p>\n"),
            // Found by the fuzzer: a control character (dropped) before indentation made a code block.
            ("\u{1}\t\t\t\t制表符", "<p>制表符</p>\n"),
            ("\u{85}     空格\u{1} 中间", "<p>空格 中间</p>\n"),
            // cmark skips a byte order mark that starts the document: what follows it is still not markup.
            ("\u{FEFF}    四个空格", "<p>四个空格</p>\n"),
            ("\u{FEFF}> 不是引用", "<p>&gt; 不是引用</p>\n"),
            ("2023. 不是列表", "<p>2023. 不是列表</p>\n"),
            ("2023) 不是列表", "<p>2023) 不是列表</p>\n"),
            ("标题 ##", "<p>标题 ##</p>\n"),
        ]
        for (input, html) in cases {
            #expect(Markdown.body([input.trimmingCharacters(in: .whitespaces)]) == html, "\(input)")
        }
    }
}

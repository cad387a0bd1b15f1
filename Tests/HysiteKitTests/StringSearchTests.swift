import Foundation
import Testing
@testable import HysiteKit

/// The parser's substring tests (`String.contains(_:)`, searched as UTF-8 bytes) and word search (`firstOffset`).
@Suite struct StringSearchTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var word: String
        var found: Bool
        var testDescription: String { "\(word) in \(text)" }
    }

    static let cases: [Case] = [
        Case(text: "衡阳晚报讯（全媒体记者 陈润）", word: "记者", found: true),
        Case(text: "衡阳晚报讯（全媒体记者 陈润）", word: "通讯员", found: false),
        Case(text: "扫描二维码阅读全文", word: "二维码", found: true),
        Case(text: "记", word: "记者", found: false),
        Case(text: "文/图 王小明", word: "图/", found: false),
        Case(text: "图/文 王小明", word: "图/", found: true),
        Case(text: "丨", word: "丨", found: true),
        Case(text: "abc", word: "", found: false),
        Case(text: "", word: "", found: false),
        Case(text: "市报社", word: "报社", found: true),
        Case(text: "新华社长沙7月25日电", word: "7月25日", found: true),
    ]

    @Test(arguments: cases)
    func containsFindsWordsLiterally(_ c: Case) {
        #expect(c.text.contains(c.word) == c.found)
        if !c.word.isEmpty {
            #expect((firstOffset(of: Array(c.word.unicodeScalars), in: Array(c.text.unicodeScalars)[...]) != nil) == c.found)
        }
    }
}

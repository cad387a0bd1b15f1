import Foundation
import Testing
@testable import HysiteKit

/// Small table-driven tests for the parser's rules.
@Suite struct ParserRuleTests {
    @Test(arguments: [
        ("会议还研究了其他事项。", true),
        ("认真筹备第三届湖南旅发", false),
        ("打好打赢安全生产“翻身仗”", false),
        ("坚决守住安全生产这条“红线”。", true),
        ("他说：“要抓好落实。”", true),
        ("就大家所提、", false),
        ("输变电装备", false),
        ("真的吗？", true),
        ("（完）", true),
    ])
    func sentenceEnds(_ text: String, _ ends: Bool) {
        #expect(PageParser.endsSentence(text) == ends)
    }

    @Test func rejoinSplitParagraphs() {
        #expect(PageParser.rejoin(["…责", "任清单，一项项。", "下一段。"]) == ["…责任清单，一项项。", "下一段。"])
        #expect(PageParser.rejoin(["未完", "待续"]) == ["未完待续"])
    }

    @Test(arguments: [
        ("衡阳晚报讯（全媒体记者 陈润）", "衡阳晚报讯", ["全媒体记者 陈润"], ""),
        ("衡阳晚报讯(全媒体记者 陈润)12月13日下午,市委书记", "衡阳晚报讯", ["全媒体记者 陈润"], "12月13日下午,市委书记"),
        ("本报讯（记者 张三、李四 通讯员 王五）", "本报讯", ["记者 张三", "记者 李四", "通讯员 王五"], ""),
        ("新华社长沙7月25日电（记者 赵六）", "新华社长沙7月25日电", ["记者 赵六"], ""),
        ("本报讯 7月25日，全市", "本报讯", [], "7月25日，全市"),
        ("本报讯 记者 张三 通讯员 李四、王五 7月25日，全市", "本报讯", ["记者 张三", "通讯员 李四", "通讯员 王五"], "7月25日，全市"),
        ("衡阳晚报讯 全媒体记者 陈润", "衡阳晚报讯", ["全媒体记者 陈润"], ""),
        ("本报讯 记者 张三 报道称，全市", "本报讯", ["记者 张三"], "报道称，全市"),
    ])
    func bylines(_ line: String, _ source: String, _ reporters: [String], _ rest: String) throws {
        let m = try #require(BylineMatch.parse(line))
        #expect(m.source == source)
        #expect(m.reporters.map { "\($0.role) \($0.name)" } == reporters)
        #expect(m.rest == rest)
    }

    @Test(arguments: ["会议听取了有关情况汇报（讨论稿）。", "市政府召开常务会议", "通讯员队伍不断壮大（图）"])
    func notBylines(_ line: String) {
        #expect(BylineMatch.parse(line) == nil)
    }

    @Test func signatures() {
        #expect(Signature.parse("雁城时评员 江南") == Reporter(name: "江南", role: "雁城时评员"))
        #expect(Signature.parse("文/张三") == Reporter(name: "张三", role: "文"))
        #expect(Signature.parse("会议还研究了其他事项。") == nil)
    }

    @Test(arguments: [
        ("7月25日上午，市委", 7, 25, "上午" as String?),
        ("12月13日下午,市长", 12, 13, "下午"),
        ("7月25日晚，", 7, 25, "晚"),
        ("7月25日晚上，", 7, 25, "晚上"),
        ("7月25日凌晨", 7, 25, "凌晨"),
        ("7月25日，记者从", 7, 25, nil),
        ("７月２５日上午", 7, 25, "上午"),
    ])
    func datelines(_ text: String, _ month: Int, _ day: Int, _ tod: String?) throws {
        let d = try #require(PageDating.dateline(text))
        #expect(d.month == month && d.day == day && d.timeOfDay == tod)
    }

    /// Found by the fuzzer: a paragraph opening with 20+ digits overflowed Int in the dateline reader.
    @Test(arguments: [
        String(repeating: "5", count: 24) + "月1日上午",
        String(repeating: "9", count: 20) + "年7月25日",
        "7月" + String(repeating: "3", count: 22) + "日",
    ])
    func longDigitRunsAreNoDateline(_ text: String) {
        #expect(PageDating.dateline(text) == nil)
        let page = PageSource(file: "p.txt", key: "p.txt", text: "# 标题\n\n\(text)，会议召开。\n")
        let parsed = PageParser.parse(page)
        #expect(parsed.articles.count == 1 && parsed.articles[0].date == nil)
    }

    @Test func leadingZerosStillReadAsADateline() {
        #expect(PageDating.dateline(String(repeating: "0", count: 15) + "7月25日上午") == PageDating.Dateline(year: nil, month: 7, day: 25, timeOfDay: "上午"))
    }

    @Test(arguments: [
        ("2023-07-26_01.txt", "2023-07-26" as String?),
        ("20230726.txt", "2023-07-26"),
        ("hy_2023_07_26.txt", "2023-07-26"),
        ("000_7ef2a64ad5261223.txt", nil),
        ("page-20231340.txt", nil),
        ("a20230726.txt", nil),
    ])
    func fileNameDates(_ name: String, _ iso: String?) {
        #expect(PageDating.dateInFileName(name)?.iso == iso)
    }

    /// A day's ISO form: four-digit years written in place, any other year as its number.
    @Test func dayISOIsZeroPaddedYearMonthDay() {
        #expect(Day(year: 2023, month: 7, day: 5).iso == "2023-07-05" && Day(year: 1999, month: 12, day: 31).iso == "1999-12-31")
        #expect(Day(year: 1000, month: 10, day: 1).iso == "1000-10-01" && Day(year: 9999, month: 1, day: 10).iso == "9999-01-10")
        #expect(Day(year: 999, month: 1, day: 2).iso == "999-01-02" && Day(year: 12345, month: 1, day: 1).iso == "12345-01-01")
    }

    @Test func yearFromFileNameRollsBackAcrossNewYear() {
        let page = PageSource(file: "2024-01-02_01.txt", key: "2024-01-02_01.txt", text: "# 标题\n\n本报讯（记者 张三）\n\n12月31日晚，全市举行活动。\n")
        #expect(PageParser.parse(page).articles.first?.date?.iso == "2023-12-31")
    }

    @Test func pageYearWhenFileNameHasNone() {
        let page = PageSource(file: "p.txt", key: "p.txt", text: "# 标题\n\n本报讯（记者 张三）\n\n7月2日上午，2021年度总结会召开。\n")
        #expect(PageParser.parse(page).articles.first?.date?.iso == "2021-07-02")
    }

    @Test func undatedWarnsNamingTheFile() {
        let r = PageParser.parse(PageSource(file: "in/p.txt", key: "p.txt", text: "# 标题\n\n本报讯（记者 张三）\n\n7月2日上午，会议召开。\n"))
        #expect(r.articles.count == 1 && r.articles[0].date == nil)
        #expect(r.diagnostics.contains { $0.file == "in/p.txt" && $0.line == 1 && $0.severity == .warning })
    }

    @Test(arguments: [
        ("市委书记刘越高主持会议。", ["刘越高"]),
        ("市委副书记、市长朱健强调，", ["朱健"]),
        ("市领导黄立、朱春光、谢宏出席。", ["黄立", "朱春光", "谢宏"]),
        ("市领导尹培国、颜和平出席。", ["尹培国", "颜和平"]),
        ("市人大常委会主任刘正兴主持。", ["刘正兴"]),
        ("学习贯彻习近平总书记重要讲话", ["习近平"]),
        ("市领导欧阳明、司马光出席。", ["欧阳明", "司马光"]),
        ("市领导萧龙衡、阎健、傅生出席。", ["萧龙衡", "阎健", "傅生"]),
        ("市领导黄立、禤海、谢宏出席。", ["黄立", "禤海", "谢宏"]),
        ("出席的领导有黄立、谢宏。", ["黄立", "谢宏"]),
        ("衡阳市安全生产委员会召开会议。", []),
        ("市民李女士说", []),
    ])
    func namesWithEvidence(_ text: String, _ names: [String]) {
        let hits = PeopleFinder.scan(Array(text.unicodeScalars))
        var seen: [String] = []
        for h in hits.sorted(by: { $0.offset < $1.offset }) where !seen.contains(h.name) { seen.append(h.name) }
        #expect(seen == names)
    }
}

@Suite struct DecodingTests {
    static let text = "# 标题\n\n本报讯（记者 张三）\n\n7月2日上午，会议召开。\n"

    @Test func utf8BomCrlfAndGB18030GiveTheSameText() throws {
        let utf8 = Data(Self.text.utf8)
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(Self.text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let cr = Data(Self.text.replacingOccurrences(of: "\n", with: "\r").utf8)
        let gb = try #require(Self.text.data(using: TextDecoding.gb18030))
        #expect(String(validating: [UInt8](gb), as: UTF8.self) == nil, "the GB18030 bytes are not UTF-8")
        for d in [utf8, bom, cr, gb] {
            #expect(try TextDecoding.decode(d).get() == Self.text)
        }
    }

    @Test func binaryIsAnError() {
        #expect(TextDecoding.decode(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])) == .failure(.binary(offset: 4)))
    }

    @Test func aStrayByteInGB18030KeepsThePage() throws {
        var gb = [UInt8](try #require(Self.text.data(using: TextDecoding.gb18030)))
        gb.insert(0xFF, at: gb.count - 3)  // a byte GB18030 never uses, on the last line
        let d = try TextDecoding.decodeReporting(Data(gb)).get()
        #expect(d.text.contains("7月2日上午，会议召开"))
        #expect(d.repairedLines == [5])
        let parsed = PageParser.parse(PageSource(file: "x.txt", key: "x.txt", text: d.text))
        #expect(parsed.articles.count == 1)
    }

    @Test func everyLineEndBecomesLF() throws {
        // A CR before a combining mark (found by the fuzzer) and LF CR pairs are line ends too.
        let d = try TextDecoding.decode(Data("a\r\u{05AF}b\n\rc\r\nd\re".utf8)).get()
        #expect(d == "a\n\u{05AF}b\n\nc\nd\ne")
        #expect(!d.unicodeScalars.contains("\r"))
    }

    @Test func controlCharactersAreDropped() throws {
        let d = try TextDecoding.decodeReporting(Data("标题\u{1}\u{7}内容".utf8)).get()
        #expect(d.text == "标题内容" && d.droppedControls == 2)
    }
}

@Suite struct BareMentionTests {
    static func people(_ text: String, known: Set<String>) -> [String] {
        let a = Article(id: "x-1", file: "x.txt", position: 1, line: 1, kicker: nil, title: "标题", subtitles: [],
                        byline: Byline(source: nil, reporters: []), date: nil, timeOfDay: nil, paragraphs: [text])
        return PeopleFinder(known: known).people(in: a).people
    }

    @Test func knownNamesAreFoundBare() {
        #expect(Self.people("刘越高强调，谢宏和黄立参加。胡斌提醒市民注意安全。", known: ["刘越高", "谢宏", "黄立", "胡斌"]) == ["刘越高", "谢宏", "黄立", "胡斌"])
    }

    @Test func aTwoCharacterNameInsideAWordIsNotAMention() {
        #expect(Self.people("最大程度凝聚各方智慧。", known: ["方智"]).isEmpty)
        // Mid-sentence: at a paragraph's start the name model reads 萧龙衡 and 罗兰秀 as names of their own.
        #expect(Self.people("会议由萧龙衡主持。", known: ["龙衡"]).isEmpty)
        #expect(Self.people("会上罗兰秀发言。", known: ["罗兰"]).isEmpty)
    }
}

@Suite struct ListTitleTests {
    @Test func aListOpenerIsNoTitle() {
        let hits = PeopleFinder.scan(Array("出席的领导有黄立、谢宏。市领导周玉梅出席。".unicodeScalars))
        #expect(hits.filter { $0.name == "黄立" || $0.name == "谢宏" }.allSatisfy { $0.titles.isEmpty })
        #expect(hits.first { $0.name == "周玉梅" }?.titles == ["市领导"])
    }
}

import Foundation
import Testing
@testable import HysiteKit

/// The seven seed articles, field by field, as written and checked by hand against the seed text.
@Suite struct SeedModelTests {
    static let parsed: ParsedArchive = {
        let (pages, _) = Pipeline.loadPages([repoRoot + "/seeds"], fs: LocalFileSystem())
        return Pipeline.parse(pages)
    }()

    struct Expected: Sendable, CustomTestStringConvertible {
        var id: String
        var kicker: String?
        var title: String
        var subtitles: [String]
        var reporters: [String]
        var date: String
        var timeOfDay: String
        var paragraphs: Int
        var people: [String]
        var testDescription: String { id }
    }

    static let expected: [Expected] = [
        Expected(id: "000_7ef2a64ad5261223-1", kicker: "市委常委会召开会议", title: "学习贯彻习近平总书记重要讲话 和重要指示批示精神",
                 subtitles: ["会议还听取了有关情况汇报，审议有关方案 刘越高主持会议"], reporters: ["全媒体记者 陈润"],
                 date: "2023-07-25", timeOfDay: "上午", paragraphs: 7, people: ["习近平", "刘越高", "陈润"]),
        Expected(id: "000_7ef2a64ad5261223-2", kicker: "刘越高主持召开“加快建设国家区域中心城市”课题调研座谈会",
                 title: "珍惜机遇 加压奋进 加快推进区域中心化建设", subtitles: [], reporters: ["全媒体记者 陈润"],
                 date: "2023-07-25", timeOfDay: "下午", paragraphs: 7, people: ["刘越高", "习近平", "尹培国", "颜和平", "陈润"]),
        Expected(id: "000_7ef2a64ad5261223-3", kicker: nil, title: "以最坚决态度最果断举措最有力保障 打好打赢安全生产“翻身仗”",
                 subtitles: ["衡阳市安全生产委员会 2023年第三次全体会议召开 朱健出席并讲话"], reporters: ["全媒体记者 罗文鹏"],
                 date: "2023-07-25", timeOfDay: "下午", paragraphs: 6,
                 people: ["朱健", "习近平", "于新凡", "黄立", "朱春光", "谢宏", "黄艳娥", "曾建华", "廖义智", "罗文鹏"]),
        Expected(id: "002_9162d9dbe36b24a1-1", kicker: nil, title: "加快推进“夜游湘江”项目建设 为确保第三届湖南旅发大会精彩呈现提供有力支撑",
                 subtitles: ["刘越高专题听取“夜游湘江”项目情况汇报"], reporters: ["全媒体记者 陈润"],
                 date: "2023-12-13", timeOfDay: "下午", paragraphs: 7, people: ["刘越高", "习近平", "刘章宇", "周玉梅", "尹培国", "谢宏", "陈润"]),
        Expected(id: "002_9162d9dbe36b24a1-2", kicker: nil, title: "市政府召开常务会议",
                 subtitles: ["学习中央经济工作会议精神,审议《政府工作报告(讨论稿)》《关于2023年国民经济和社会发展计划草案的报告(审议稿)》,研究部署市属国有企业薪酬制度改革等工作 朱健主持"],
                 reporters: ["全媒体记者 罗文鹏"], date: "2023-12-13", timeOfDay: "下午", paragraphs: 7, people: ["朱健", "罗文鹏"]),
        Expected(id: "002_9162d9dbe36b24a1-3", kicker: nil, title: "契合人民期盼 凝聚发展合力",
                 subtitles: ["朱健带队征求市人大常委会领导班子及机关干部对《政府工作报告》的意见和建议"], reporters: ["全媒体记者 罗文鹏"],
                 date: "2023-12-12", timeOfDay: "下午", paragraphs: 7,
                 people: ["朱健", "刘正兴", "黄立", "谭敦龙", "谢明芳", "欧杏", "谢宏", "黄艳娥", "赵胜平", "刘平", "谢茂文", "廖义智", "罗文鹏"]),
        Expected(id: "002_9162d9dbe36b24a1-4", kicker: nil, title: "建诤言献良策 深入把握历史机遇",
                 subtitles: ["朱健带队征求市政协领导班子、机关干部和政协委员对《政府工作报告》的意见建议"], reporters: ["全媒体记者 罗文鹏"],
                 date: "2023-12-13", timeOfDay: "上午", paragraphs: 6,
                 people: ["朱健", "刘丽华", "习近平", "于新凡", "谢宏", "黄艳娥", "赵胜平", "刘平", "肖吉顺", "许云生", "陈淼", "刘达祥", "罗文鹏"]),
    ]

    @Test func sevenArticlesThreeAndFour() {
        #expect(Self.parsed.articles.count == 7)
        #expect(Self.parsed.articles.filter { $0.file.hasSuffix("000_7ef2a64ad5261223.txt") }.count == 3)
        #expect(Self.parsed.articles.filter { $0.file.hasSuffix("002_9162d9dbe36b24a1.txt") }.count == 4)
        #expect(Self.parsed.diagnostics.isEmpty)
    }

    @Test(arguments: expected) func article(_ e: Expected) throws {
        let a = try #require(Self.parsed.articles.first { $0.id == e.id })
        #expect(a.kicker == e.kicker)
        #expect(a.title == e.title)
        #expect(a.subtitles == e.subtitles)
        #expect(a.byline.source == "衡阳晚报讯")
        #expect(a.reporters.map { "\($0.role) \($0.name)" } == e.reporters)
        #expect(a.date?.iso == e.date)
        #expect(a.timeOfDay == e.timeOfDay)
        #expect(a.paragraphs.count == e.paragraphs)
        #expect(a.people == e.people)
        // The byline is cut; the dateline stays at the start of the first paragraph.
        let ymd = e.date.split(separator: "-").map { Int($0)! }
        #expect(a.paragraphs.first?.hasPrefix("\(ymd[1])月\(ymd[2])日\(e.timeOfDay)") == true)
        #expect(!a.paragraphs.contains { $0.contains("衡阳晚报讯") })
    }

    @Test func twentyEightPeople() {
        #expect(Set(Self.parsed.articles.flatMap(\.people)).count == 28)
    }

    @Test func pageBreakSplitsAreRejoined() throws {
        let all = Self.parsed.articles.flatMap(\.paragraphs)
        #expect(all.contains { $0.contains("认真筹备第三届湖南旅发大会，狠抓消费复苏升级") })
        #expect(all.contains { $0.contains("问题清单、任务清单、责任清单，一项项") })
        #expect(all.contains { $0.contains("形成更多“人无我有、人有我优、人优我特”") })
        #expect(all.contains { $0.contains("输变电装备(产业)、绿色产业") })
        #expect(all.contains { $0.contains("就大家所提、所思、所想") })
        #expect(all.contains { $0.contains("落实习近平新时代中国特色社会主义思想") })
        // No fragment survives on its own.
        #expect(!all.contains { $0.hasPrefix("任清单") || $0.hasPrefix("大会，狠抓") || $0.hasPrefix("(产业)") })
    }

    @Test func titlesSeenWithNames() throws {
        let titles = Self.parsed.articles.flatMap(\.titles)
        #expect(titles.contains(TitleMention(name: "刘越高", title: "市委书记")))
        #expect(titles.contains(TitleMention(name: "朱健", title: "市委副书记")))
        #expect(titles.contains(TitleMention(name: "朱健", title: "市长")))
        #expect(titles.contains(TitleMention(name: "刘正兴", title: "市人大常委会主任")))
        #expect(titles.contains(TitleMention(name: "刘丽华", title: "市政协主席")))
        #expect(titles.contains(TitleMention(name: "廖义智", title: "市政府秘书长")))
        #expect(titles.contains(TitleMention(name: "黄立", title: "市领导")))
        #expect(titles.contains(TitleMention(name: "陈润", title: "全媒体记者")))
        #expect(titles.contains(TitleMention(name: "习近平", title: "总书记")))
    }

    /// The whole model, every field, against the golden file reviewed by eye.
    @Test func goldenJSON() throws {
        let (pages, _) = Pipeline.loadPages(["seeds"].map { repoRoot + "/" + $0 }, fs: LocalFileSystem())
        let got = try JSONSerialization.jsonObject(with: ParseJSON(articles: Pipeline.parse(pages).articles, diagnostics: []).encoded()) as! [String: Any]
        let want = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixtures + "/seeds.expected.json"))) as! [String: Any]
        let keys = ["id", "kicker", "title", "subtitles", "source", "reporters", "date", "time_of_day", "paragraphs", "people", "url"]
        let g = (got["articles"] as! [[String: Any]]), w = (want["articles"] as! [[String: Any]])
        #expect(g.count == w.count)
        for (a, b) in zip(g, w) {
            for k in keys {
                #expect(try canonical(a[k]) == canonical(b[k]), "\(b["id"]!) \(k)")
            }
            #expect((a["file"] as! String).hasSuffix((b["file"] as! String)))
        }
    }
}

/// A JSON value as sorted-key JSON text, for comparing decoded documents.
func canonical(_ v: Any?) throws -> String {
    guard let v, !(v is NSNull) else { return "null" }
    let data = try JSONSerialization.data(withJSONObject: [v], options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

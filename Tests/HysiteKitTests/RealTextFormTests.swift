import Foundation
import Testing
@testable import HysiteKit

/// The forms found in real newspaper text (issue 9), each as a small page written for this test with
/// invented names: what a reader of the archive would check — the article's title, who is credited,
/// and its date.
@Suite struct RealTextFormTests {
    /// One form: a page (file name gives the page's date) and what its articles must come out as.
    struct Case: CustomTestStringConvertible, Sendable {
        var form: String
        var page: String
        var titles: [String]
        /// `role 名字` per article.
        var reporters: [[String]]
        var dates: [String?]
        var approximate: [Bool] = []
        var testDescription: String { form }
    }

    static func parse(_ text: String, file: String = "2023-05-20_01.txt") -> [Article] {
        PageParser.parse(PageSource(file: file, key: file, text: text)).articles
    }

    static let bylineCases: [Case] = [
        Case(form: "reporter line with no 讯, under the title",
             page: "城区新添三座口袋公园\n记者 王小明 通讯员 李华\n5月19日，三座口袋公园同时开放。\n",
             titles: ["城区新添三座口袋公园"], reporters: [["记者 王小明", "通讯员 李华"]], dates: ["2023-05-19"]),
        Case(form: "several reporter lines",
             page: "夜市重开\n全媒体记者 王小明\n通讯员 李华 赵一鸣\n5月19日晚，夜市重开。\n",
             titles: ["夜市重开"], reporters: [["全媒体记者 王小明", "通讯员 李华", "通讯员 赵一鸣"]], dates: ["2023-05-19"]),
        Case(form: "e-paper form: names above the source line, spaced out",
             page: "老街换新颜\n■本报记者 王小明\n通 讯 员 李 华\n本报讯 5月19日，老街改造完工。\n",
             titles: ["老街换新颜"], reporters: [["记者 王小明", "通讯员 李华"]], dates: ["2023-05-19"]),
        Case(form: "space before the bracket",
             page: "图书馆延时开放\n本报讯 (记者 王小明) 5月18日，市图书馆延时开放。\n",
             titles: ["图书馆延时开放"], reporters: [["记者 王小明"]], dates: ["2023-05-18"]),
        Case(form: "paper name glued to the role",
             page: "江堤加固\n长江信息报记者王小明\n5月17日，江堤加固工程开工。\n",
             titles: ["江堤加固"], reporters: [["记者 王小明"]], dates: ["2023-05-17"]),
        Case(form: "names with no separator",
             page: "农机下乡\n本报讯（通讯员王小明李华）5月16日，农机下乡活动举行。\n",
             titles: ["农机下乡"], reporters: [["通讯员 王小明", "通讯员 李华"]], dates: ["2023-05-16"]),
        Case(form: "文/图, 策划/ and 图/ credits",
             page: "湘江晨曦\n策划/赵一鸣 文/图 王小明\n5月16日清晨，湘江边晨练的人络绎不绝。\n",
             titles: ["湘江晨曦"], reporters: [["策划 赵一鸣", "文/图 王小明"]], dates: ["2023-05-16"]),
        Case(form: "图/ credit under a caption",
             page: "月照湘江\n5月19日，湘江边的月亮。图/通讯员王小明\n文/潇湘晨报记者李华\n",
             titles: ["月照湘江"], reporters: [["图 王小明", "文 李华"]], dates: ["2023-05-19"]),
        Case(form: "(name 报道) at the end",
             page: "社区义诊\n5月15日，社区义诊活动在广场举行。\n（王小明 报道）\n",
             titles: ["社区义诊"], reporters: [["报道 王小明"]], dates: ["2023-05-15"]),
        Case(form: "本报衡阳讯 with the paragraph glued",
             page: "新年第一课\n本报衡阳讯5月14日，全市中小学上好新学期第一课。\n通讯员李华 记者王小明\n",
             titles: ["新年第一课"], reporters: [["通讯员 李华", "记者 王小明"]], dates: ["2023-05-14"]),
        Case(form: "site's source with its date, no dateline",
             page: "油菜花开\n华声在线4月29日讯（记者 王小明）油菜花开满田野，游客纷至沓来。\n",
             titles: ["油菜花开"], reporters: [["记者 王小明"]], dates: ["2023-04-29"]),
        Case(form: "paper's source with its date, glued",
             page: "春运收官\n湖南日报1月30日讯（记者 王小明）春运落下帷幕，全省发送旅客千万人次。\n",
             titles: ["春运收官"], reporters: [["记者 王小明"]], dates: ["2023-01-30"]),
        Case(form: "signature glued to the last paragraph",
             page: "消防演练进校园\n5月12日，消防演练走进校园。学生们有序撤离。 通讯员李华 记者王小明\n",
             titles: ["消防演练进校园"], reporters: [["通讯员 李华", "记者 王小明"]], dates: ["2023-05-12"]),
        Case(form: "photo credit on its own line inside the body, and glued to a caption",
             page: "龙舟竞渡\n本报讯（记者 赵一鸣）5月11日，龙舟赛开赛。\n王小明 摄\n比赛吸引了上万名观众。\n选手奋力划桨。李华摄\n终点线前争夺激烈。\n",
             titles: ["龙舟竞渡"], reporters: [["记者 赵一鸣", "摄 王小明", "摄 李华"]], dates: ["2023-05-11"]),
        Case(form: "headline ending in ！ above an e-paper credit line",
             page: "江边烧纸，污染环境！\n■文/图  本报记者  王小明\n本报讯  5月10日，记者在江边看到成堆灰烬。\n",
             titles: ["江边烧纸，污染环境！"], reporters: [["文/图 王小明"]], dates: ["2023-05-10"]),
        Case(form: "photo caption between the title and the byline",
             page: "江边垃圾成堆\n江边残留的垃圾。\n衡阳晚报讯（全媒体记者 王小明）5月9日下午，记者在江边看到垃圾成堆。\n",
             titles: ["江边垃圾成堆"], reporters: [["全媒体记者 王小明"]], dates: ["2023-05-09"]),
        Case(form: "web copy's meta line and editor credit are no title and no reporter",
             page: "义卖献爱心\n2023-05-20 09:45 来源：华声在线 作者：王小明 编辑：李华\n5月8日，义卖活动举行。\n",
             titles: ["义卖献爱心"], reporters: [["作者 王小明"]], dates: ["2023-05-08"]),
    ]

    static let dateCases: [Case] = [
        Case(form: "dateline after a quote", page: "好人好事\n“谢谢你们！”5月19日上午，一面锦旗送到派出所。\n",
             titles: ["好人好事"], reporters: [[]], dates: ["2023-05-19"]),
        Case(form: "date in the 讯 line", page: "义诊\n本报6月12日讯（记者 王小明）社区开展义诊。\n",
             titles: ["义诊"], reporters: [["记者 王小明"]], dates: ["2022-06-12"]),
        Case(form: "day-only dateline takes the month from the 讯 line", page: "赛事\n本报5月1日讯 30日上午，马拉松开跑。\n",
             titles: ["赛事"], reporters: [[]], dates: ["2023-04-30"]),
        Case(form: "day-only dateline takes the month from the page", page: "赛事\n本报讯 18日上午，马拉松开跑。\n",
             titles: ["赛事"], reporters: [[]], dates: ["2023-05-18"]),
        Case(form: "昨日 is the page's day before", page: "停电通知\n本报讯昨日下午，城区部分路段停电。\n",
             titles: ["停电通知"], reporters: [[]], dates: ["2023-05-19"]),
        Case(form: "前天 is two days before", page: "失物招领\n前天晚上，一位市民捡到钱包。\n",
             titles: ["失物招领"], reporters: [[]], dates: ["2023-05-18"]),
        Case(form: "今天 is the page's day", page: "开学\n今天上午，新生报到。\n",
             titles: ["开学"], reporters: [[]], dates: ["2023-05-20"]),
        Case(form: "昨晚 is the page's day before", page: "演唱会\n昨晚，体育中心座无虚席。\n",
             titles: ["演唱会"], reporters: [[]], dates: ["2023-05-19"]),
        Case(form: "当天 alone is the page's day", page: "义卖\n当天下午，义卖所得全部捐出。\n",
             titles: ["义卖"], reporters: [[]], dates: ["2023-05-20"]),
        Case(form: "日前 gives the page's day, approximate", page: "获奖\n日前，我市一项目获省级奖励。\n",
             titles: ["获奖"], reporters: [[]], dates: ["2023-05-20"], approximate: [true]),
        Case(form: "今天 followed by the printed date", page: "开幕\n今天（5月19日）上午，博览会开幕。\n",
             titles: ["开幕"], reporters: [[]], dates: ["2023-05-19"]),
        Case(form: "近日 gives the page's day, approximate, even before an exact date",
             page: "表彰\n近日，市里表彰了一批先进。早在3月2日，评选就已启动。\n",
             titles: ["表彰"], reporters: [[]], dates: ["2023-05-20"], approximate: [true]),
        Case(form: "a full date long before the page is background, not the dateline",
             page: "十年回望\n2013年3月2日上午，大桥开工。十年来，大桥见证了城市的发展。\n",
             titles: ["十年回望"], reporters: [[]], dates: ["2023-05-20"], approximate: [true]),
        Case(form: "no date at all gives the page's day, approximate", page: "随笔\n江风拂面，满城花香。\n",
             titles: ["随笔"], reporters: [[]], dates: ["2023-05-20"], approximate: [true]),
    ]

    static let boundaryCases: [Case] = [
        Case(form: "articles without # titles, ended by signatures",
             page: "城区新添口袋公园\n本报讯（记者 王小明）5月19日，三座口袋公园开放。\n市民纷纷前来游玩。\n"
                + "夜市重开\n5月18日晚，夜市重开。\n（通讯员 李华）\n老街换新颜\n5月17日，老街改造完工。\n",
             titles: ["城区新添口袋公园", "夜市重开", "老街换新颜"], reporters: [["记者 王小明"], ["通讯员 李华"], []],
             dates: ["2023-05-19", "2023-05-18", "2023-05-17"]),
        Case(form: "continuation markers are never titles or text",
             page: "大桥合龙\n本报讯（记者 王小明）5月19日，大桥顺利合龙。建设者们\n（下转第二版）\n",
             titles: ["大桥合龙"], reporters: [["记者 王小明"]], dates: ["2023-05-19"]),
        Case(form: "a column label above the title is its kicker",
             page: "图说衡阳丨正是湘江好时节\n沙滩倩影\n5月19日，游人在东洲岛沙滩留影。王小明 摄\n",
             titles: ["沙滩倩影"], reporters: [["摄 王小明"]], dates: ["2023-05-19"]),
        Case(form: "a long explanatory line above a short headline is its kicker",
             page: "小龙人延续根脉 女子龙吐故纳新 龙舟文化生生不息\n赛龙讲龙育龙\n本报讯（记者 王小明）5月19日，龙舟赛开锣。\n",
             titles: ["赛龙讲龙育龙"], reporters: [["记者 王小明"]], dates: ["2023-05-19"]),
        Case(form: "a kicker ending in —— above the title",
             page: "乡村振兴看一线——\n小山村的新产业\n本报讯（记者 王小明）5月19日，山村茶园开采。\n",
             titles: ["小山村的新产业"], reporters: [["记者 王小明"]], dates: ["2023-05-19"]),
        Case(form: "a web copy's publishing line under the title is no headline",
             page: "走进园区看信心丨订单多、生产忙——重点园区一线见闻\n发布日期:2023-05-20      来源:新华社\n"
                + "园区里，工人正抢工赶订单。\n记者:王小明 李华\n",
             titles: ["走进园区看信心丨订单多、生产忙——重点园区一线见闻"], reporters: [["记者 王小明", "记者 李华"]],
             dates: ["2023-05-20"], approximate: [true]),
        Case(form: "an e-paper's scan prompt under the title is no headline",
             page: "2023“暖”衡阳·动人“心”弦\n  专题报道扫码阅读\n  从烈焰中的舍生忘死，到生命线上的分秒必争。（王小明）\n",
             titles: ["2023“暖”衡阳·动人“心”弦"], reporters: [["作者 王小明"]], dates: ["2023-05-20"], approximate: [true]),
        Case(form: "a second article whose subtitle holds a comma, after a paragraph ending in its source",
             page: "疫苗接种须知\n5月18日，新冠疫苗获批上市。目前接种年龄为18至59岁。 据央视\n"
                + "首批重点人群接种疫苗\n目前主要用于紧急使用，预计六月上旬完成接种\n5月19日起，首批重点人群开始接种。\n",
             titles: ["疫苗接种须知", "首批重点人群接种疫苗"], reporters: [[], []], dates: ["2023-05-18", "2023-05-19"]),
        Case(form: "an editorial's exclaiming last line and its ——本报编辑部 sign-off end it",
             page: "这两年我们一起走过\n  今天，晚报面世整整两年了。\n  祝福2023，也祝福你们，亲爱的读者！\n"
                + "              ——本报编辑部\n\n  让阳光温暖他人\n  ■ 本报记者 王小明\n  本报讯 5月19日，市民李华在街上扶起老人。\n",
             titles: ["这两年我们一起走过", "让阳光温暖他人"], reporters: [[], ["记者 王小明"]], dates: ["2023-05-20", "2023-05-19"],
             approximate: [false, false]),
    ]

    @Test(arguments: bylineCases + dateCases + boundaryCases)
    func form(_ c: Case) {
        let file = c.form.hasPrefix("date in the 讯 line") ? "2022-06-13_02.txt" : "2023-05-20_01.txt"
        let articles = Self.parse(c.page, file: file)
        #expect(articles.map(\.title) == c.titles)
        #expect(articles.map { $0.reporters.map { "\($0.role) \($0.name)" } } == c.reporters)
        #expect(articles.map { $0.date?.iso } == c.dates)
        for (k, approx) in c.approximate.enumerated() where k < articles.count {
            #expect((articles[k].datePrecision == .approximate) == approx)
        }
    }

    @Test func continuationTextIsRemoved() {
        let a = Self.parse("大桥合龙\n本报讯（记者 王小明）5月19日，大桥顺利合龙。（下转第二版）\n")
        #expect(a.first?.paragraphs == ["5月19日，大桥顺利合龙。"])
    }

    @Test func diagnosticsCarryCodes() {
        let parsed = PageParser.parse(PageSource(file: "x.txt", key: "x.txt", text: "无日期\n江风拂面。\n"))
        #expect(parsed.diagnostics.map(\.code) == [.undated])
    }
}

/// `hysite parse` runs the same load and parse steps as `hysite build`, with the same settings and people file.
@Suite struct OnePipelineTests {
    @Test func parseReadsThePeopleFileAndConfig() throws {
        let page = "会议召开\n本报讯（记者 王小明）5月19日，市委书记赵一鸣主持会议。\n"
        let fs = MemoryFileSystem([
            "in/2023-05-20_01.txt": Data(page.utf8),
            "in/people.yml": Data("drop: [赵一鸣]\n".utf8),
            "hysite.yml": Data("input: in\n".utf8),
        ])
        let parsed = Pipeline.parseInputs([], configFile: "hysite.yml", fs: fs)
        #expect(parsed.articles.count == 1)
        #expect(parsed.articles.first?.people == ["王小明"])
        let withoutPeopleFile = Pipeline.parseInputs([], configFile: "none.yml", fs: MemoryFileSystem(["seeds/2023-05-20_01.txt": Data(page.utf8)]))
        #expect(withoutPeopleFile.articles.first?.people.contains("赵一鸣") == true)
    }

    @Test func aBadConfigIsReportedByParseToo() {
        let fs = MemoryFileSystem(["hysite.yml": Data("default_year: soon\n".utf8), "seeds/a.txt": Data("标题\n正文。\n".utf8)])
        let parsed = Pipeline.parseInputs([], configFile: "hysite.yml", fs: fs)
        #expect(parsed.diagnostics.contains { $0.code == .configBadValue && $0.file == "hysite.yml" })
    }
}

/// Articles printed in two parts, and subheadings inside an article.
@Suite struct ContinuationAndSubheadingTests {
    static func page(_ name: String, _ text: String) -> PageSource { PageSource(file: name, key: name, text: text) }

    @Test func partsOnTwoPagesOfADayAreJoined() {
        let first = Self.page("2023-05-20_01.txt", "大桥合龙\n本报讯（记者 王小明）5月19日，大桥顺利合龙。建设者们\n（下转第二版）\n城区新添公园\n5月19日，公园开放。\n")
        let second = Self.page("2023-05-20_02.txt", "（上接第一版）\n克服了重重困难。\n通讯员 李华\n另一篇\n5月19日，别的事。\n")
        let archive = Pipeline.parse([first, second])
        #expect(archive.articles.map(\.title) == ["大桥合龙", "城区新添公园", "另一篇"])
        #expect(archive.articles[0].paragraphs == ["5月19日，大桥顺利合龙。建设者们克服了重重困难。"])
        #expect(archive.articles[0].reporters.map(\.name) == ["王小明", "李华"])
        #expect(archive.diagnostics.isEmpty)
    }

    @Test func aPartWhoseOtherPartIsMissingStaysAndWarns() {
        let first = Self.page("2023-05-20_01.txt", "大桥合龙\n本报讯（记者 王小明）5月19日，大桥顺利合龙。建设者们\n（下转第三版）\n")
        let archive = Pipeline.parse([first])
        #expect(archive.articles.map(\.title) == ["大桥合龙"])
        #expect(archive.diagnostics.map(\.code) == [.continuationUnmatched])
        #expect(archive.articles[0].continuesOn == 3)
    }

    @Test(arguments: [("2023-07-26_01.txt", 1), ("hy_2023-07-26_p03.txt", 3), ("2023-07-26-A12.txt", 12), ("20230726.txt", nil),
                      ("000_7ef2a64ad5261223.txt", nil)] as [(String, Int?)])
    func printedPageFromFileName(_ name: String, _ page: Int?) {
        #expect(ContinuedArticles.pageNumber(name) == page)
    }

    @Test func subheadingsStayInsideTheirArticle() {
        let text = "城区新添公园\n本报讯（记者 王小明）5月19日，三座公园开放。\n加强管护\n5月20日，管护队伍进驻。\n（二）下一步打算\n年内再建两座。\n"
        let a = PageParser.parse(Self.page("2023-05-21_01.txt", text)).articles
        #expect(a.count == 1)
        #expect(a.first?.paragraphs == ["5月19日，三座公园开放。", "加强管护", "5月20日，管护队伍进驻。", "（二）下一步打算", "年内再建两座。"])
        #expect(a.first?.subheadings == [1, 3])
    }
}

/// What a reader sees of the real-text forms on the built site.
@Suite struct RealTextOnThePageTests {
    @Test func approximateDatesAndSubheadingsShowOnTheArticlePage() throws {
        let (report, site) = try buildInMemory(pages: [
            "2023-05-20_01.txt": "城区新添公园\n本报讯（记者 王小明）5月19日，三座公园开放。\n加强管护\n5月20日，管护队伍进驻。\n",
            "2023-05-20_02.txt": "随笔\n近日，江风拂面。\n",
        ], config: "search: false\n")
        #expect(report.succeeded)
        let park = try #require(site["articles/2023/05/2023-05-20_01-1.html"])
        #expect(park.contains("<h2>加强管护</h2>"))
        #expect(!park.contains("（约，见报日期）"))
        let essay = try #require(site["articles/2023/05/2023-05-20_02-1.html"])
        #expect(essay.contains("（约，见报日期）"))
    }
}

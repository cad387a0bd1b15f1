import Testing
@testable import HysiteKit

/// One form in which real newspaper text names people (or seems to and does not), with invented names.
struct PeopleFormCase: CustomTestStringConvertible, Sendable {
    /// What the case shows.
    var form: String
    /// Paragraphs of one article.
    var text: [String]
    /// Everyone the article names, in order (reporters none).
    var people: [String]
    /// Paragraphs of another article in the same archive (evidence for bare mentions), if any.
    var elsewhere: [String] = []

    var testDescription: String { form }
}

/// Each form of issue 9, item 5: found by the two passes (`evidence` over the archive, then `people`).
@Suite struct PeopleFormTests {
    static func article(_ id: String, _ paragraphs: [String]) -> Article {
        Article(id: id, file: "x.txt", position: 1, line: 1, kicker: nil, title: "标题", subtitles: [],
                byline: Byline(source: nil, reporters: []), date: nil, timeOfDay: nil, paragraphs: paragraphs)
    }

    /// The people of the case's article, parsed as part of a two-article archive.
    static func people(_ c: PeopleFormCase) -> [String] {
        let a = article("x-1", c.text), b = article("x-2", c.elsewhere)
        let hits = PeopleFinder.evidence(in: a)
        let known = Set((hits + PeopleFinder.evidence(in: b)).map(\.name))
        return PeopleFinder(known: known).people(in: a, evidence: hits).people
    }

    static let cases: [PeopleFormCase] = [
        PeopleFormCase(form: "民警 before the name", text: ["民警欧立群在巡逻时发现一名走失老人。"], people: ["欧立群"]),
        PeopleFormCase(form: "辅警 before the name", text: ["辅警尚志飞立即赶到现场。"], people: ["尚志飞"]),
        PeopleFormCase(form: "代表 before the name", text: ["全国人大代表柯雨桐建议加强乡村教育。"], people: ["柯雨桐"]),
        PeopleFormCase(form: "委员 before the name", text: ["市政协委员廖文舟表示，将继续关注此事。"], people: ["廖文舟"]),
        PeopleFormCase(form: "参事 before the name", text: ["省政府参事童国安指出，要因地制宜。"], people: ["童国安"]),
        PeopleFormCase(form: "志愿者 before the name", text: ["志愿者苗佳琪每周都来社区帮忙。"], people: ["苗佳琪"]),
        PeopleFormCase(form: "居民 before the name", text: ["居民戚红英告诉记者，路灯终于亮了。"], people: ["戚红英"]),
        PeopleFormCase(form: "医生 before the name", text: ["医生卢思远介绍，患者已脱离危险。"], people: ["卢思远"]),
        PeopleFormCase(form: "教师 before the name", text: ["教师危晓兰坚持送教上门。"], people: ["危晓兰"]),
        PeopleFormCase(form: "员工 before the name", text: ["员工闵浩然回忆，当时火势很大。"], people: ["闵浩然"]),
        PeopleFormCase(form: "企业家 before the name", text: ["企业家封宏图捐赠了一批物资。"], people: ["封宏图"]),
        PeopleFormCase(form: "老领导 before the name", text: ["老领导贝玉山出席了座谈会。"], people: ["贝玉山"]),
        PeopleFormCase(form: "名叫 before the name", text: ["经多方打听，得知救人者名叫甘子墨，是一名大学生。"], people: ["甘子墨"]),
        PeopleFormCase(form: "叫 before the name", text: ["他叫房雨辰，今年二十五岁。"], people: ["房雨辰"]),
        PeopleFormCase(form: "honoree list after a quoted label", text: ["“中国好人”易成林、聂秀芝、骆晨阳受到表彰。"],
                       people: ["易成林", "聂秀芝", "骆晨阳"]),
        PeopleFormCase(form: "paragraph opening with the name and a comma", text: ["柴启明，市消防救援支队特勤站队长。"], people: ["柴启明"]),
        PeopleFormCase(form: "list before 等N位代表", text: ["会上，龚海涛、尹秋菊等5位代表作了发言。"], people: ["龚海涛", "尹秋菊"]),
        PeopleFormCase(form: "title after the name", text: ["会上，严立德教授作了专题讲座。"], people: ["严立德"]),
        PeopleFormCase(form: "leader list after a colon", text: ["出席的市领导还有：阮明辉、谭小燕、祁红军。"],
                       people: ["阮明辉", "谭小燕", "祁红军"]),
        PeopleFormCase(form: "leader list with commas", text: ["市领导阮明辉，谭小燕出席。"], people: ["阮明辉", "谭小燕"]),
        PeopleFormCase(form: "rarer surname 匡", text: ["副县长匡文彬主持会议。"], people: ["匡文彬"]),
        PeopleFormCase(form: "rarer surname 卿", text: ["村支书卿晓峰带领村民修路。"], people: ["卿晓峰"]),
        PeopleFormCase(form: "rarer surname 羊", text: ["通讯员羊晓帆 记者阮明辉"], people: ["羊晓帆", "阮明辉"]),
        PeopleFormCase(form: "rarer surname 才", text: ["民警才旺介绍，案件已告破。"], people: ["才旺"]),
        PeopleFormCase(form: "月 in the given name", text: ["市长邹月明主持会议。"], people: ["邹月明"]),
        PeopleFormCase(form: "家 in the given name", text: ["县委书记谭家顺调研。"], people: ["谭家顺"]),
        PeopleFormCase(form: "a name proven elsewhere counts bare", text: ["易成林说，这是应该做的。"], people: ["易成林"],
                       elsewhere: ["“中国好人”易成林受到表彰。"]),
        PeopleFormCase(form: "市长向前 is a name", text: ["市长向前出席会议。"], people: ["向前"]),
        PeopleFormCase(form: "names run together after a role", text: ["我们为市民危晓兰卢思远的善举点赞。"], people: ["危晓兰", "卢思远"]),
        PeopleFormCase(form: "a clearly name-like string after 的", text: ["来自郴州的龚海涛，已在这里工作十年。"], people: ["龚海涛"]),
        PeopleFormCase(form: "an ordinary word after 的 is no name", text: ["推动城市的高质量发展，提升群众的满意度。"], people: []),
        PeopleFormCase(form: "a headline with a space after the position", text: ["市人大常委会主任 柯雨桐当选市长"], people: ["柯雨桐"]),
        PeopleFormCase(form: "credits with spaces", text: ["（作者 危晓兰 通讯员 卢思远）"], people: ["危晓兰", "卢思远"]),
        PeopleFormCase(form: "a name alone in brackets at the end", text: ["活动吸引了三百多名市民参加。（龚海涛）"], people: ["龚海涛"]),
        PeopleFormCase(form: "a title and a name separated by the editor's space", text: ["严立德教授 讲座"], people: ["严立德"]),
        // Never names.
        PeopleFormCase(form: "anonymised 李某", text: ["民警李某介绍了情况。"], people: []),
        PeopleFormCase(form: "anonymised 王女士", text: ["市民王女士说，她很感激。"], people: []),
        PeopleFormCase(form: "anonymised 刘老太", text: ["刘老太今年八十岁了。"], people: []),
        PeopleFormCase(form: "anonymised 小汤", text: ["快递员小汤每天送件两百多件。"], people: []),
        PeopleFormCase(form: "a place: 夏明翰广场", text: ["活动在夏明翰广场举行。", "夏明翰广场上人头攒动。"], people: []),
        PeopleFormCase(form: "报道 is no name", text: ["（柴启明 报道）"], people: ["柴启明"]),
        PeopleFormCase(form: "向前推进 is no name", text: ["各项工作向前推进。", "向前推进，不停步。"], people: []),
        PeopleFormCase(form: "a quoted term is no name", text: ["身穿“红马甲”的志愿者忙碌着。"], people: []),
        PeopleFormCase(form: "an ordinary word after a role is no name", text: ["活动吸引了不少市民关注。"], people: []),
        PeopleFormCase(form: "a role, a space and a phrase are no name", text: ["邀请部分专家教授 利长远的事", "制定路线图 利长远的工作"], people: []),
        PeopleFormCase(form: "an editor's credit names no person of the article", text: ["（责任编辑：龚海涛 尹秋菊）"], people: []),
        PeopleFormCase(form: "a list of places is no list of names", text: ["代表团参观了黄石寨、金鞭溪等景区。"], people: []),
    ]

    @Test(arguments: cases)
    func form(_ c: PeopleFormCase) {
        #expect(Self.people(c) == c.people, "\(c.form)")
    }
}

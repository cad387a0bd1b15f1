/// Word lists the parser's rules lean on. Kept in one place so an editor can read (and extend) them.
enum Lexicon {
    /// Common single-character surnames (百家姓, most frequent first few hundred).
    static let surnames: ScalarSet = ScalarSet(
        ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
            + "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习都官封鄢瞿植郁钮晁諾揭鞠蔺邸檀傅洪萧赖阎禹甄冼凤勾栗晏闻郦衣阚訾荆储谌戈隆楚钭逯盘"
            + "蓬寿滑盖堵浦雍郜扈燕厉夔颉茅粟蒯濮裘芮竺邰昝卢漆谯帅冯")
            .unicodeScalars)

    /// Two-character surnames; a name starting with one has a 1–2 character given name.
    static let compoundSurnames: [String] = [
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
        "令狐", "钟离", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "万俟", "闻人", "赫连", "申屠", "太史",
    ]

    /// Positions that stand right before a name: `市委书记刘越高`, `市长朱健`.
    static let positions: [String] = [
        "总书记", "副书记", "书记", "副市长", "市长", "副省长", "省长", "副县长", "县长", "副区长", "区长", "副镇长", "镇长",
        "副乡长", "乡长", "副主任", "主任", "副主席", "主席", "副秘书长", "秘书长", "副局长", "局长", "副部长", "部长",
        "副院长", "院长", "副厅长", "厅长", "副处长", "处长", "副科长", "科长", "副所长", "所长", "副校长", "校长",
        "副总经理", "总经理", "董事长", "副董事长", "理事长", "副会长", "会长", "检察长", "副检察长", "庭长", "政委",
        "委员长", "副委员长", "总理", "副总理", "常委", "党组书记", "村支书", "支书", "社长", "总编辑", "主编", "队长",
        "站长", "馆长", "行长", "副行长", "组长", "副组长", "指挥长", "总指挥", "园长", "司令员", "主委", "总工程师",
        "巡视员", "调研员", "督察长", "关工委主任", "负责人",
        // Leader lists: `市领导黄立、谢宏出席`, `出席的领导有黄立、谢宏`.
        "市领导", "省领导", "县领导", "区领导", "领导有",
    ]

    /// Role words that stand right before a person's name (`民警王小明`, `编辑：王小明`), besides `positions`.
    static let roleWords: [String] = [
        "民警", "辅警", "交警", "干警", "警官", "特警", "刑警", "代表", "委员", "参事", "志愿者", "居民", "村民", "市民",
        "网友", "群众", "医生", "医师", "护士", "护士长", "教师", "老师", "班主任", "校长", "员工", "职工", "工人",
        "企业家", "老领导", "老干部", "老党员", "党员", "老人", "学生", "同学", "小记者", "记者", "通讯员", "实习生",
        "作者", "摄影", "摄影师", "师傅", "主持人", "发帖人", "传承人", "作家", "画家", "诗人", "同事", "队员", "选手",
        "游客", "车主", "司机", "保洁员", "环卫工", "普查员", "网格员", "工作人员", "专家", "教授", "院士", "博士",
        "律师", "法官", "检察官", "台长", "副台长", "总裁", "副总裁", "团长", "副团长", "督学", "干部", "农民",
        "快递员", "外卖员", "店主", "老板", "创始人", "获得者", "劳模", "模范", "英雄", "烈士", "先进", "指导老师",
        "信息来源", "监制", "策划", "审核", "校对", "制图", "供图", "报道员", "报告人",
        "队长", "副队长", "政委", "所长", "主任医师", "副主任医师", "书法家", "艺术家", "演员", "歌手", "运动员",
        "教练", "裁判", "村医", "乡贤", "妈妈", "爸爸", "母亲", "父亲", "丈夫", "妻子", "儿子", "女儿", "爷爷", "奶奶",
        "孙子", "孙女", "哥哥", "姐姐", "弟弟", "妹妹", "战士", "老兵", "民兵", "消防员", "指战员", "联络员", "宣讲员",
        "讲解员", "调解员", "信息员", "驾驶员", "乘务员", "安全员", "技术员", "研究员", "业主", "租户", "患者", "病人",
        "家属", "考生", "新郎", "新娘", "嫌疑人", "犯罪嫌疑人", "被告人", "当事人", "受害人", "失主", "好心人", "热心人",
        "凶手", "嫌犯", "班", "教导员", "指导员", "读者", "老读者", "青年", "少年", "小伙", "姑娘",
        "大学生", "中学生", "小学生", "研究生", "老前辈", "老住户", "住户", "书记员", "主治医生", "大夫", "厨师", "设计师", "工程师", "会计", "营业员",
    ]

    /// Words that introduce a name as strongly as a role: `名叫王小明`, `岁的王小明`, `文/王小明`.
    static let nameIntroducers: [String] = [
        "名叫", "叫做", "名为", "他叫", "她叫", "我叫", "岁的", "文/", "图/", "文／", "图／", "策划/", "■", "□", "▲", "●", "授予",
    ]

    /// Words right after a name that mark it as one: `王小明教授`, `王小明 摄`, `王小明同志`.
    static let titlesAfterName: [String] = [
        "教授", "副教授", "代表", "委员", "医师", "医生", "老人", "图/", "文/", "文／", "图／", "主任医师", "博士", "先生", "女士", "同志", "老师", "院士",
        "摄", "老前辈", "前辈", "母女", "母子", "父子", "父女", "夫妇", "一家", "烈士", "将军", "大师", "师傅", "老先生", "研究员",
        "律师", "法官", "报道", "供图", "整理", "文/图", "/文", "/图", "（右", "（左", "(右", "(左",
    ]

    /// Characters right before which no name starts: opening quotes (a quoted term), digits (`602班叶凯`).
    static let beforeNoName: ScalarSet = ScalarSet("“‘「『《〈\"'0123456789０１２３４５６７８９".unicodeScalars)

    /// Credits that may stand apart from their names by a space (`作者 王小明`), besides `bylineRoles`.
    static let creditRoles: [String] = ["作者", "信息来源", "来源", "指导老师", "小记者", "报道员", "监制", "策划", "供图"]

    /// Credits whose names are not the article's people: a web copy's editors (`责任编辑：王小明`).
    static let notPeopleCredits: [String] = ["编辑", "责编", "责任编辑"]

    /// One-character verbs after which a three-character name may end (`龙正良为…颁奖`, `陶国华领队`).
    static let verbsAfterFullName: ScalarSet = ScalarSet("为领参开顶带来去用拿打获让请家".unicodeScalars)

    /// Characters that end a sentence (a closing quote after one ends a quotation, not a label).
    static let sentenceEnds: ScalarSet = ScalarSet("。！？!?…".unicodeScalars)

    /// Separators inside a list of names: `王小明、李华`, `王小明，李华`, `王小明 李华`.
    static let listSeparators: ScalarSet = ScalarSet("、，, \u{3000}".unicodeScalars)

    /// Characters never inside a given name found by the model (fewer than `notInGivenName`: `月`, `家` may be).
    static let notInModelGivenName: ScalarSet = ScalarSet(
        "的了是在与及等市县区省委会局部院镇乡村们某这那个上下日时分第各该其此每而于从对把被让给也还都就再已将并或说讲称为".unicodeScalars)

    /// Roles in bylines, longest first.
    static let bylineRoles: [String] = [
        "全媒体记者", "融媒体记者", "首席记者", "特约记者", "见习记者", "实习记者", "本报记者", "摄影记者", "记者",
        "特约通讯员", "通讯员", "实习生", "摄影", "文/图", "文／图", "图/文", "文", "图", "编辑", "评论员",
    ]

    /// What may follow a name: verbs and particles that end it (`朱健强调`, `刘越高主持`, `黄立在会上`).
    static let afterName: [String] = [
        "强调", "指出", "主持", "出席", "参加", "表示", "要求", "带队", "专题", "听取", "认真", "衷心", "讲话", "一行",
        "同志", "率队", "会见", "调研", "检查", "前往", "深入", "实地", "察看", "宣布", "介绍", "发表", "代表", "陪同",
        "一同", "分别", "汇报", "走访", "慰问", "看望", "主讲", "致辞", "宣读", "部署", "提出", "希望", "当选", "先后",
        "亲切", "充分", "肯定", "首先", "随后", "详细", "了解", "总书记", "书记", "市长", "主任", "认为", "介绍", "来到",
        "通报", "传达", "解读", "宣讲", "发言", "回答", "批示", "签署", "颁发", "揭牌", "点评", "总结", "布置", "安排",
        "提醒", "号召", "呼吁", "解释", "回应", "提到", "谈到", "说道", "补充", "指示", "走进", "抵达", "视察", "考察",
        "率领", "现场", "告诫", "表扬", "答复", "强化", "重申", "明确", "倡议", "点赞", "致信", "会见", "接见", "签约",
        "透露", "告诉", "坦言", "说明", "主张", "建议", "叮嘱", "勉励", "鼓励", "感谢", "祝贺", "致以", "寄语", "带领",
        "正在", "发自", "获", "赴", "在", "到", "对", "与", "和", "及", "向", "就", "的", "也", "还", "又", "都", "已", "将", "说", "等", "率",
        "称", "讲", "谈", "作", "做", "并", "主", "从", "以", "是", "同", "跟", "给", "被", "把",
    ]

    /// Given-name endings that make a generic mention, never a person: `李女士`, `张某`, `王先生`.
    static let genericSuffixes: [String] = [
        "女士", "先生", "某某", "某", "小姐", "师傅", "老师", "同学", "阿姨", "大爷", "大妈", "奶奶", "爷爷", "医生",
        "警官", "姓", "家", "氏", "总", "老伯", "大伯", "大叔", "大姐", "大哥", "大嫂", "大娘", "老汉", "老太", "婆婆", "伯伯",
        "叔叔", "某人", "姓男子", "姓女子",
    ]

    /// Characters never seen inside a given name here (they make a phrase, not a name).
    static let notInGivenName: ScalarSet = ScalarSet(
        "的了是在与及等市县区省委会局部院镇乡村们某这那个们中上下年日时分第各全该其此每之而于从对把被让向给也还都就再又已将并或".unicodeScalars)

    /// Not a person even though it starts with a surname and sits in a name slot.
    static let notNames: Set<String> = [
        "衡阳", "湘江", "华侨城", "石鼓", "雁峰", "珠晖", "蒸湘", "南岳", "常宁", "耒阳", "祁东", "衡南", "衡东", "衡山",
        "湖南", "长沙", "高新区", "全市", "全省", "全国", "全县", "全区", "安全", "任务", "文化", "时代", "常务", "方面",
        "方案", "高度", "高质量", "周边", "黄金", "于是", "党委", "党组", "政府", "人大", "政协", "委员", "会议",
        "师傅", "左一", "左二", "左三", "左四", "右一", "右二", "右三", "右四", "相关", "有关", "同时", "明确", "严格", "强化", "加强", "深入", "认真", "全面", "宣传", "和平", "和谐",
    ]

    /// Organisations that precede a position in a title: the longest is taken. Other titles are read back
    /// to the nearest of `titleAnchors`.
    static let titleAnchors: [String] = ["中共", "全国", "国务院", "中央", "湖南", "衡阳", "省", "市", "县", "区", "镇", "乡", "村", "党", "团"]

    /// Time-of-day words right after a dateline's 日.
    static let timesOfDay: [String] = [
        "凌晨", "清晨", "早上", "早晨", "上午", "中午", "下午", "傍晚", "晚上", "晚间", "夜间", "夜里", "深夜", "晚",
    ]
}

extension Unicode.Scalar {
    /// CJK ideographs (Han), including extension A and the compatibility block.
    var isHan: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2A6DF: return true
        default: return false
        }
    }
}

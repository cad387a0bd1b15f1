/// A calendar day, as printed in a dateline (`7月25日`) plus the year the build settled on.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year: from the dateline when it names one, else the year the build settled on.
    public var year: Int
    /// The month, 1–12 in a valid day.
    public var month: Int
    /// The day of the month, 1-based.
    public var day: Int

    /// A day as given, not checked (see `isValid`).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2023-07-25`
    public var iso: String {
        guard (1000...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
            return "\(y)-\(m)-\(d)"
        }
        // Ten ASCII digits and dashes written in place (interpolating three strings was a fifth of people.csv's time).
        return String(unsafeUninitializedCapacity: 10) { b in
            func two(_ v: Int, at k: Int) { b[k] = UInt8(48 + v / 10); b[k + 1] = UInt8(48 + v % 10) }
            two(year / 100, at: 0)
            two(year % 100, at: 2)
            b[4] = 0x2D
            two(month, at: 5)
            b[7] = 0x2D
            two(day, at: 8)
            return 10
        }
    }

    /// The day as `2023-07-25` (`iso`).
    public var description: String { iso }

    /// Earlier days come first: by year, then month, then day.
    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Whether the month and day form a real date (leap years included).
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= Day.daysIn(month: month, year: year)
    }

    /// The number of days in `month` of `year` (February has 29 in leap years); 31 for any month not 2, 4, 6, 9 or 11.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday (Sakamoto's method).
    public var weekdayFromMonday: Int {
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        let sunday0 = (y + y / 4 - y / 100 + y / 400 + t[month - 1] + day) % 7
        return (sunday0 + 6) % 7
    }
}

/// One reporter (or author) named in a byline or signature: `全媒体记者 陈润`.
public struct Reporter: Hashable, Sendable, Codable {
    /// The reporter's name (`陈润`).
    public var name: String
    /// The role written before the name (`全媒体记者`, `通讯员`); empty when none was written.
    public var role: String

    /// A reporter with their name and role as printed.
    public init(name: String, role: String) {
        self.name = name
        self.role = role
    }
}

/// The byline under a headline: `衡阳晚报讯（全媒体记者 陈润）`.
public struct Byline: Hashable, Sendable, Codable {
    /// `衡阳晚报讯`, `本报讯`, `新华社长沙7月25日电`; nil for a signature-only article.
    public var source: String?
    /// The people the byline or the signature names, each once, in printed order.
    public var reporters: [Reporter]

    /// A byline with its source line and reporters as found.
    public init(source: String?, reporters: [Reporter]) {
        self.source = source
        self.reporters = reporters
    }
}

/// A title seen next to a person's name in one article (`市委书记` before `刘越高`).
public struct TitleMention: Hashable, Sendable, Codable {
    /// The person's name (`刘越高`).
    public var name: String
    /// The title seen with the name (`市委书记`).
    public var title: String

    /// One title seen with one name.
    public init(name: String, title: String) {
        self.name = name
        self.title = title
    }
}

/// How exact an article's date is: the day its dateline names, or only the page's day (`近日`, `日前`, no date).
public enum DatePrecision: String, Hashable, Sendable, Codable {
    case day
    case approximate
}

/// One article as printed on a page: headline block, byline, dateline and body.
public struct Article: Hashable, Sendable, Codable {
    /// Stable identifier derived from the page file and the article's position on it: `000_7ef2a64ad5261223-1`.
    public var id: String
    /// The page file, as given to the loader (relative to the input folder, or as named on the command line).
    public var file: String
    /// 1-based position on its page.
    public var position: Int
    /// 1-based line where the article starts in its file.
    public var line: Int
    /// The line above the headline that introduces it (引题), or nil when there is none.
    public var kicker: String?
    /// The headline; empty when the article has no headline line.
    public var title: String
    /// The headline block's lines below the title (副题), in printed order.
    public var subtitles: [String]
    /// The source and reporters under the headline, or from a signature at the end.
    public var byline: Byline
    /// The day the article reports from, from its dateline or else its page; nil when neither gives one.
    public var date: Day?
    /// `.approximate` when the date is the page's, for want of a dateline.
    public var datePrecision: DatePrecision = .day
    /// The part of the day the dateline names (`上午`, `晚上`), or nil.
    public var timeOfDay: String?
    /// The body's paragraphs as held: strings, or the parse cache's bytes until read (see `paragraphs`).
    public var paragraphText: ParagraphText
    /// Every person named, in order of first appearance: body, then headline, then reporters.
    public var people: [String]
    /// Titles seen with names in this article (`市委书记` for `刘越高`), in order of appearance.
    public var titles: [TitleMention]
    /// Printed text that is not the article's text: byline and credit lines, a web copy's meta lines,
    /// continuation markers, a title's dressing (`原标题:`). Kept so that nothing read is lost unaccounted.
    public var furniture: [String] = []
    /// Indices of `paragraphs` that are subheadings inside the article.
    public var subheadings: [Int] = []
    /// The printed page this article continues on (`（下转第二版）` → 2), if it says so.
    public var continuesOn: Int?
    /// The printed page this part continues from (`（上接第一版）` → 1), if it says so.
    public var continuedFrom: Int?

    /// An article as the parser builds it: its paragraphs as strings, date precision `.day`, no furniture or subheadings.
    public init(
        id: String, file: String, position: Int, line: Int, kicker: String?, title: String,
        subtitles: [String], byline: Byline, date: Day?, timeOfDay: String?, paragraphs: [String],
        people: [String] = [], titles: [TitleMention] = []
    ) {
        self.id = id
        self.file = file
        self.position = position
        self.line = line
        self.kicker = kicker
        self.title = title
        self.subtitles = subtitles
        self.byline = byline
        self.date = date
        self.timeOfDay = timeOfDay
        self.paragraphText = .strings(paragraphs)
        self.people = people
        self.titles = titles
    }

    /// The body's paragraphs.
    public var paragraphs: [String] {
        get { paragraphText.strings }
        set { paragraphText = .strings(newValue) }
    }

    /// The people the byline names (`byline.reporters`).
    public var reporters: [Reporter] { byline.reporters }

    /// The coded keys: the paragraphs keep their name (`paragraphs`).
    enum CodingKeys: String, CodingKey {
        case id, file, position, line, kicker, title, subtitles, byline, date, datePrecision, timeOfDay
        case paragraphText = "paragraphs"
        case people, titles, furniture, subheadings, continuesOn, continuedFrom
    }
}

// One view model per page kind, each rendered by the template of the same name. Every page that uses
// `base.mustache` has the layout's fields plus `page_title`, `description` and `breadcrumbs`.

/// An article's page: `article.mustache`.
struct ArticlePage: ViewModel {
    var layout: Layout
    var pageTitle, title: String
    var subtitles: [String]
    /// The body as Markdown and the people to link in it; templates get its HTML (`ArticleBody.html`).
    var body: ArticleBody
    var file: String
    var line: Int
    var description: String
    var people: [PersonLink]
    var reporters: [ReporterLink]
    /// Written into the page as it is rendered (`ArticleJSONLD.write`).
    var jsonLD: ArticleJSONLD
    var kicker, source, timeOfDay: String?
    var date, dateISO, weekday, dayHref, undatedHref: String?
    var year: Int?
    /// The date is the page's, for want of a dateline (`近日`, `日前`, none).
    var dateApproximate = false
    var breadcrumbs: [Crumb]
    var prev, next: CompactTeaser?
    /// The printed page the article is on (`2023年7月25日 第1版`).
    var printedPage: Link?
    /// The GB/T 7714-2015 reference: `陈润. 标题[N]. 衡阳晚报, 2023-07-25(1).`
    var citation = ""
    /// The article's permanent URL (absolute with `base_url`, else its path in the site).
    var permalink = ""

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "printed_page": .model(\.printedPage), "citation": .text(\.citation), "permalink": .text(\.permalink),
        "page_title": .text(\.pageTitle), "title": .text(\.title), "subtitles": .list(\.subtitles),
        "body": .html(from: \.body, hashedAs: \.hashBytes, { $0.html() }, write: { $0.write(into: &$1) }),
        "file": .text(\.file), "line": .number(\.line), "description": .text(\.description), "people": .list(\.people),
        "reporters": .list(\.reporters), "kicker": .text(\.kicker), "source": .text(\.source),
        "json_ld": .html(from: \.jsonLD, hashedAs: \.bytes, { $0.bytes }, write: { $0.write(into: &$1) }),
        "time_of_day": .text(\.timeOfDay), "date": .text(\.date), "date_iso": .text(\.dateISO), "weekday": .text(\.weekday),
        "day_href": .text(\.dayHref), "undated_href": .text(\.undatedHref), "year": .number(\.year),
        "date_approximate": .flag(\.dateApproximate),
        "breadcrumbs": .list(\.breadcrumbs), "prev": .model(\.prev), "next": .model(\.next),
    ])
}

/// An article's body before it is HTML: its Markdown (`Markdown.sourceBytes`) and the people whose first mention
/// links to their page. The page's model is hashed by these, so a rebuild runs cmark only for pages it renders.
struct ArticleBody {
    var markdown: [UInt8]
    var links: [PeopleLinks.Target]

    /// cmark's HTML of the Markdown, each person's first mention linked.
    func html() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    /// Appends the HTML to `out`, linked straight from cmark's buffer.
    func write(into out: inout some ByteSink) {
        Markdown.withHTML(markdown) { PeopleLinks.apply($0, targets: links, into: &out) }
    }

    /// What the body's HTML depends on, as bytes: the Markdown, then each name and link (0-separated).
    var hashBytes: [UInt8] {
        var out = markdown
        for t in links { out.append(0); out += Array(t.name.utf8); out.append(0); out += Array(t.href.utf8) }
        return out
    }
}

/// A person's page (one page of their articles): `person.mustache`.
struct PersonPage: ViewModel {
    /// A title seen with the person, with the first and last day it was.
    struct TitleRow: ViewModel {
        var title: String
        var count: Int
        var first, firstHref, last, lastHref: String?

        static let fields: [String: Field<Self>] = [
            "title": .text(\.title), "count": .number(\.count), "first": .text(\.first), "first_href": .text(\.firstHref),
            "last": .text(\.last), "last_href": .text(\.lastHref),
        ]
    }

    /// The articles of one year (or undated), newest first.
    struct YearGroup: ViewModel {
        var year: String
        var articles: [CompactTeaser]

        static let fields: [String: Field<Self>] = ["year": .text(\.year), "articles": .list(\.articles)]
    }

    var layout: Layout
    var pageTitle, name, pinyin: String
    var titles: [TitleRow]
    var articleCount, authoredCount: Int
    var years: [YearGroup]
    var companions: [CountedLink]
    var description: String
    var breadcrumbs: [Crumb]
    var profile, firstSeen, lastSeen: String?
    var pagination: Pagination?
    /// Their dated articles per year or month (`timeline_svg` draws them): every page of the person shows it.
    var timeline: [ChartBar] = []
    var timelineSVG: [UInt8] = []

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "name": .text(\.name), "pinyin": .text(\.pinyin), "titles": .list(\.titles),
        "article_count": .number(\.articleCount), "authored_count": .number(\.authoredCount), "years": .list(\.years),
        "companions": .list(\.companions), "description": .text(\.description), "breadcrumbs": .list(\.breadcrumbs),
        "profile": .text(\.profile), "first_seen": .text(\.firstSeen), "last_seen": .text(\.lastSeen),
        "pagination": .model(\.pagination), "timeline": .list(\.timeline), "timeline_svg": .html(\.timelineSVG),
    ])
}

/// A day's page: `day.mustache`.
struct DayPage: ViewModel {
    var layout: Layout
    var pageTitle, date, dateISO, weekday: String
    /// The day's articles grouped by the printed page they are on, in print order.
    var pages: [DayPageGroup]
    var count: Int
    var breadcrumbs: [Crumb]
    var description: String
    var prev, next: Link?

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "date": .text(\.date), "date_iso": .text(\.dateISO), "weekday": .text(\.weekday),
        "pages": .list(\.pages), "count": .number(\.count), "breadcrumbs": .list(\.breadcrumbs),
        "description": .text(\.description), "prev": .model(\.prev), "next": .model(\.next),
    ])
}

/// A month's page with its calendar: `month.mustache`.
struct MonthPage: ViewModel {
    /// A calendar row, Monday first.
    struct Week: ViewModel {
        var days: [Cell]

        static let fields: [String: Field<Self>] = ["days": .list(\.days)]
    }

    /// A calendar cell: blank, a day without articles, or a day linked with its article count.
    struct Cell: ViewModel {
        var empty: Bool
        var n: Int?
        var href: String?
        var count: Int?

        static let fields: [String: Field<Self>] = [
            "empty": .flag(\.empty), "n": .number(\.n), "href": .text(\.href), "count": .number(\.count),
        ]
    }

    /// A day of the month with its articles listed.
    struct Day: ViewModel {
        var date, weekday, href: String
        var articles: [CompactTeaser]

        static let fields: [String: Field<Self>] = [
            "date": .text(\.date), "weekday": .text(\.weekday), "href": .text(\.href), "articles": .list(\.articles),
        ]
    }

    var layout: Layout
    var pageTitle: String
    var year, month: Int
    var weeks: [Week]
    var weekdays: [String]
    var count: Int
    var days: [Day]
    var breadcrumbs: [Crumb]
    var description: String
    var prev, next: Link?

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "year": .number(\.year), "month": .number(\.month), "weeks": .list(\.weeks),
        "weekdays": .list(\.weekdays), "count": .number(\.count), "days": .list(\.days), "breadcrumbs": .list(\.breadcrumbs),
        "description": .text(\.description), "prev": .model(\.prev), "next": .model(\.next),
    ])
}

/// A year's page: `year.mustache`.
struct YearPage: ViewModel {
    var layout: Layout
    var pageTitle: String
    var year: Int
    var months: [MonthSummary]
    var count: Int
    var breadcrumbs: [Crumb]
    var description: String
    var prev, next: Link?
    /// The year's calendar heatmap (SVG); its data is `months`.
    var heatmap: [UInt8] = []

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "year": .number(\.year), "months": .list(\.months), "count": .number(\.count),
        "breadcrumbs": .list(\.breadcrumbs), "description": .text(\.description), "prev": .model(\.prev), "next": .model(\.next),
        "heatmap": .html(\.heatmap),
    ])
}

/// The index of years, months and days: `dates.mustache`.
struct DatesPage: ViewModel {
    /// A year with its months.
    struct Year: ViewModel {
        var year: Int
        var href: String
        var months: [MonthSummary]
        var count: Int

        static let fields: [String: Field<Self>] = [
            "year": .number(\.year), "href": .text(\.href), "months": .list(\.months), "count": .number(\.count),
        ]
    }

    var layout: Layout
    var pageTitle: String
    var years: [Year]
    var breadcrumbs: [Crumb]
    var description: String
    var undated: UndatedLink?
    /// Articles per year (SVG); its data is `years`.
    var yearsChart: [UInt8] = []

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "years": .list(\.years), "breadcrumbs": .list(\.breadcrumbs),
        "description": .text(\.description), "undated": .model(\.undated), "years_chart": .html(\.yearsChart),
    ])
}

/// The index of people by pinyin initial: `people.mustache`.
struct PeoplePage: ViewModel {
    /// The people under one initial.
    struct Group: ViewModel {
        var initial: String
        var people: [Row]

        static let fields: [String: Field<Self>] = ["initial": .text(\.initial), "people": .list(\.people)]
    }

    /// A person with their latest title and article count.
    struct Row: ViewModel {
        var name, href: String
        var count: Int
        var title: String?

        static let fields: [String: Field<Self>] = [
            "name": .text(\.name), "href": .text(\.href), "count": .number(\.count), "title": .text(\.title),
        ]
    }

    /// A jump link to one initial's group.
    struct Initial: ViewModel {
        var initial: String

        static let fields: [String: Field<Self>] = ["initial": .text(\.initial)]
    }

    var layout: Layout
    var pageTitle: String
    var groups: [Group]
    var count: Int
    var initials: [Initial]
    var breadcrumbs: [Crumb]
    var description: String

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "groups": .list(\.groups), "count": .number(\.count),
        "initials": .list(\.initials), "breadcrumbs": .list(\.breadcrumbs), "description": .text(\.description),
    ])
}

/// The home page: `home.mustache`.
struct HomePage: ViewModel {
    /// One of the latest days with its teasers.
    struct Day: ViewModel {
        var date, weekday, href: String
        var articles: [Teaser]

        static let fields: [String: Field<Self>] = [
            "date": .text(\.date), "weekday": .text(\.weekday), "href": .text(\.href), "articles": .list(\.articles),
        ]
    }

    var layout: Layout
    var pageTitle: String
    var isHome: Bool
    var latestDays: [Day]
    var articleCount, peopleCount, dayCount: Int
    var description: String
    var topPeople: [CountedLink]
    var firstDay, lastDay: String?
    var undated: UndatedLink?
    var breadcrumbs: [Crumb] = []
    var onThisDay: OnThisDay?
    /// The archive's articles per year, drawn by `years_chart`.
    var yearBars: [ChartBar] = []
    var yearsChart: [UInt8] = []

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "is_home": .flag(\.isHome), "latest_days": .list(\.latestDays),
        "article_count": .number(\.articleCount), "people_count": .number(\.peopleCount), "day_count": .number(\.dayCount),
        "description": .text(\.description), "top_people": .list(\.topPeople), "first_day": .text(\.firstDay),
        "last_day": .text(\.lastDay), "undated": .model(\.undated), "breadcrumbs": .list(\.breadcrumbs),
        "on_this_day": .model(\.onThisDay),
        "year_bars": .list(\.yearBars), "years_chart": .html(\.yearsChart),
    ])
}

/// The undated articles (one page of them): `undated.mustache`.
struct UndatedPage: ViewModel {
    var layout: Layout
    var pageTitle: String
    var articles: [Teaser]
    var count: Int
    var breadcrumbs: [Crumb]
    var pagination: Pagination?
    var description: String?

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "articles": .list(\.articles), "count": .number(\.count),
        "breadcrumbs": .list(\.breadcrumbs), "pagination": .model(\.pagination), "description": .text(\.description),
    ])
}

/// The search page: `search.mustache`, with the years whose search indexes it merges (newest first).
struct SearchPage: ViewModel {
    /// One year's Pagefind index: `pagefind/2023/`, or `pagefind/undated/` for articles without a date.
    struct Index: ViewModel {
        var key, label, bundle: String

        static let fields: [String: Field<Self>] = ["key": .text(\.key), "label": .text(\.label), "bundle": .text(\.bundle)]
    }

    var layout: Layout
    var pageTitle: String
    var breadcrumbs: [Crumb]
    var description: String?
    var indexes: [Index]
    /// The folder Pagefind's UI script and stylesheet are loaded from (the newest year's index); nil without articles.
    var ui: String?

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "breadcrumbs": .list(\.breadcrumbs), "description": .text(\.description),
        "search_indexes": .list(\.indexes), "search_ui": .text(\.ui),
    ])
}

/// A page with nothing but a title and breadcrumbs: `notfound.mustache`.
struct PlainPage: ViewModel {
    var layout: Layout
    var pageTitle: String
    var breadcrumbs: [Crumb]
    var description: String?

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "breadcrumbs": .list(\.breadcrumbs), "description": .text(\.description),
    ])
}

/// The Atom feed: `feed.mustache`.
struct FeedPage: ViewModel {
    /// One article in the feed.
    struct Entry: ViewModel {
        var title, link, id, updated: String
        var authors: [Author]
        var summary, content: String

        static let fields: [String: Field<Self>] = [
            "title": .text(\.title), "link": .text(\.link), "id": .text(\.id), "updated": .text(\.updated),
            "authors": .list(\.authors), "summary": .text(\.summary), "content": .text(\.content),
        ]
    }

    /// An entry's author.
    struct Author: ViewModel {
        var name: String

        static let fields: [String: Field<Self>] = ["name": .text(\.name)]
    }

    var layout: Layout
    var updated, feedID, home, selfLink: String
    var entries: [Entry]

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "updated": .text(\.updated), "feed_id": .text(\.feedID), "home": .text(\.home), "self": .text(\.selfLink),
        "entries": .list(\.entries),
    ])
}

/// A printed page (版面) with its articles in print order: `printed.mustache`.
struct PrintedPageView: ViewModel {
    /// One page of the same day in the page strip (第1版 第2版 …); the current one has no link.
    struct Tab: ViewModel {
        var label: String
        var href: String?
        var current: Bool

        static let fields: [String: Field<Self>] = ["label": .text(\.label), "href": .text(\.href), "current": .flag(\.current)]
    }

    var layout: Layout
    var pageTitle, heading, label, file: String
    var date, dateISO, dayHref: String?
    var articles: [Teaser]
    var count: Int
    var tabs: [Tab]
    var breadcrumbs: [Crumb]
    var description: String
    var prev, next: Link?

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "heading": .text(\.heading), "label": .text(\.label), "file": .text(\.file),
        "date": .text(\.date), "date_iso": .text(\.dateISO), "day_href": .text(\.dayHref), "articles": .list(\.articles),
        "count": .number(\.count), "tabs": .list(\.tabs), "breadcrumbs": .list(\.breadcrumbs),
        "description": .text(\.description), "prev": .model(\.prev), "next": .model(\.next),
    ])
}

/// The about page: what the archive holds, how it was made, its open data: `about.mustache`.
struct AboutPage: ViewModel {
    var layout: Layout
    var pageTitle: String
    var articleCount, peopleCount, dayCount, printedPageCount, yearCount: Int
    /// How many articles have no date; nil when none.
    var undatedCount: Int?
    var firstDay, lastDay: String?
    /// The article data files, a year each (`2023.jsonl`, …, `undated.jsonl`) with their article counts.
    var articleFiles: [CountedLink]
    var peopleHref, version: String
    var breadcrumbs: [Crumb]
    var description: String

    static let fields: [String: Field<Self>] = Field.page(\.layout, [
        "page_title": .text(\.pageTitle), "article_count": .number(\.articleCount), "people_count": .number(\.peopleCount),
        "day_count": .number(\.dayCount), "printed_page_count": .number(\.printedPageCount),
        "undated_count": .number(\.undatedCount), "year_count": .number(\.yearCount), "first_day": .text(\.firstDay),
        "last_day": .text(\.lastDay), "article_files": .list(\.articleFiles), "people_href": .text(\.peopleHref),
        "version": .text(\.version), "breadcrumbs": .list(\.breadcrumbs), "description": .text(\.description),
    ])
}

/// 历史上的今天 on the home page: articles from the archive's latest month and day in earlier years.
struct OnThisDay: ViewModel {
    /// One earlier year's articles of that day.
    struct Year: ViewModel {
        /// That day in an earlier year: `2022年7月25日`.
        var date: String
        var href: String
        var articles: [CompactTeaser]

        static let fields: [String: Field<Self>] = ["date": .text(\.date), "href": .text(\.href), "articles": .list(\.articles)]
    }

    /// The archive's latest day (`2023年7月25日`): the "today" the list is for.
    var today: String
    /// `7月25日`
    var monthDay: String
    var years: [Year]

    static let fields: [String: Field<Self>] = [
        "today": .text(\.today), "month_day": .text(\.monthDay), "years": .list(\.years),
    ]
}

/// A day's articles printed on one page: the day page's groups.
struct DayPageGroup: ViewModel {
    var label, href: String
    var articles: [Teaser]

    static let fields: [String: Field<Self>] = ["label": .text(\.label), "href": .text(\.href), "articles": .list(\.articles)]
}

// The pieces pages share: layout, breadcrumbs, links, teasers, pagination. Field names are the ones the
// templates use; a field that is nil prints nothing and hides its section.

/// The site-wide values every page's layout shows (`{{site.title}}`, `{{site.articles}}`, …).
struct SiteInfo: ViewModel {
    var title, description, language, publisher: String
    var search: Bool
    var stylesheet: String

    static let fields: [String: Field<Self>] = [
        "title": .text(\.title), "description": .text(\.description), "language": .text(\.language),
        "publisher": .text(\.publisher), "search": .flag(\.search), "stylesheet": .text(\.stylesheet),
    ]
}

/// What `base.mustache` needs on every page: the way back to the site's root, the site, the canonical URL.
struct Layout {
    var root: String
    var site: SiteInfo
    var canonical: String?
}

extension Field {
    /// The layout's fields (`root`, `site`, `canonical`) for a page that keeps its `Layout` at `kp`.
    static func layout(_ kp: KeyPath<M, Layout>) -> [String: Field] {
        ["root": .text(kp.appending(path: \.root)), "site": .model(kp.appending(path: \.site)),
         "canonical": .text(kp.appending(path: \.canonical))]
    }

    /// A page's field table: the layout's fields plus its own.
    static func page(_ kp: KeyPath<M, Layout>, _ own: [String: Field]) -> [String: Field] {
        layout(kp).merging(own) { _, mine in mine }
    }
}

/// One step of the breadcrumb trail; the last (current page) has no link.
struct Crumb: ViewModel {
    var label: String
    var href: String?
    var current: Bool

    static let fields: [String: Field<Self>] = ["label": .text(\.label), "href": .text(\.href), "current": .flag(\.current)]
}

/// A person named in an article, linked to their page when they have one.
struct PersonLink: ViewModel {
    var name: String
    var href: String?
    var reporter: Bool

    static let fields: [String: Field<Self>] = ["name": .text(\.name), "href": .text(\.href), "reporter": .flag(\.reporter)]
}

/// A byline's reporter with their role (`全媒体记者`), linked to their person page.
struct ReporterLink: ViewModel {
    var name: String
    var href: String?
    var reporter: Bool
    var role: String

    static let fields: [String: Field<Self>] = [
        "name": .text(\.name), "href": .text(\.href), "reporter": .flag(\.reporter), "role": .text(\.role),
    ]
}

/// A labelled link (previous/next day, month, year).
struct Link: ViewModel {
    var label: String
    var href: String

    static let fields: [String: Field<Self>] = ["label": .text(\.label), "href": .text(\.href)]
}

/// A name with a link and a count (top people, companions).
struct CountedLink: ViewModel {
    var name: String
    var href: String
    var count: Int

    static let fields: [String: Field<Self>] = ["name": .text(\.name), "href": .text(\.href), "count": .number(\.count)]
}

/// The link to the undated articles' page, with how many there are.
struct UndatedLink: ViewModel {
    var href: String
    var count: Int

    static let fields: [String: Field<Self>] = ["href": .text(\.href), "count": .number(\.count)]
}

/// An article in lists of whole teasers (day, home, undated pages): `teaser.mustache`.
struct Teaser: ViewModel {
    var title, href: String
    var subtitles: [String]
    var reporters: [ReporterLink]
    var excerpt: String
    var kicker, date, dateISO, timeOfDay: String?
    var authored: Bool
    /// The page file (undated page only).
    var file: String?

    static let fields: [String: Field<Self>] = [
        "title": .text(\.title), "href": .text(\.href), "subtitles": .list(\.subtitles), "reporters": .list(\.reporters),
        "excerpt": .text(\.excerpt), "kicker": .text(\.kicker), "date": .text(\.date), "date_iso": .text(\.dateISO),
        "time_of_day": .text(\.timeOfDay), "authored": .flag(\.authored), "file": .text(\.file),
    ]
}

/// A one-line article entry (person and month pages, previous/next): `teaser-compact.mustache`.
struct CompactTeaser: ViewModel {
    var title, href: String
    var date, dateISO: String?
    var authored: Bool

    static let fields: [String: Field<Self>] = [
        "title": .text(\.title), "href": .text(\.href), "date": .text(\.date), "date_iso": .text(\.dateISO),
        "authored": .flag(\.authored),
    ]
}

/// Page links of a long list: `pagination.mustache`.
struct Pagination: ViewModel {
    var page, pages: Int
    var items: [PageItem]
    var prev, next: String?

    static let fields: [String: Field<Self>] = [
        "page": .number(\.page), "pages": .number(\.pages), "items": .list(\.items), "prev": .text(\.prev), "next": .text(\.next),
    ]
}

/// One page number (linked unless current) or a gap (`…`).
struct PageItem: ViewModel {
    var n: String
    var href: String?
    var current, gap: Bool

    static let fields: [String: Field<Self>] = [
        "n": .text(\.n), "href": .text(\.href), "current": .flag(\.current), "gap": .flag(\.gap),
    ]
}

/// A month in a year's list (year and dates pages) with its days.
struct MonthSummary: ViewModel {
    var month: Int
    var label, href: String
    var count: Int
    var days: [DaySummary]

    static let fields: [String: Field<Self>] = [
        "month": .number(\.month), "label": .text(\.label), "href": .text(\.href), "count": .number(\.count), "days": .list(\.days),
    ]
}

/// A day in a month's list, with its article count.
struct DaySummary: ViewModel {
    var day: Int
    var label, href: String
    var count: Int

    static let fields: [String: Field<Self>] = [
        "day": .number(\.day), "label": .text(\.label), "href": .text(\.href), "count": .number(\.count),
    ]
}

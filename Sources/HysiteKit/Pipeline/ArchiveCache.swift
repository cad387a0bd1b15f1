import Foundation

/// The assembled archive's structure as the last build made it (`.site.hysite-cache/archive`): the articles' order,
/// the days, the printed pages and the people. A build whose edits all keep the archive's shape (`ArticleShape`:
/// no date, name, title seen, reporter, file or place changed) takes it instead of assembling the archive again,
/// which cost 1.7 s of a one-file build at 100,000 articles. It holds for the inputs fingerprinted as `inputs` (page
/// files, settings, people file, templates, hysite): the structure is made from nothing else. A damaged file, one
/// from another hysite, or one that does not fit the articles is not used.
struct ArchiveCache: Sendable {
    static func path(_ folder: String) -> String { "\(folder)/archive" }
    static var header: String { "hysite-archive 1 \(HysiteInfo.build)" }

    /// The inputs fingerprint of the build that wrote it.
    var inputs: String
    /// For each article in archive order, its index in the list the archive was made from.
    var order: [Int]
    var days: [DayEntry]
    var undated: [Int]
    var printedPages: [PrintedPage]
    var printedPageOf: [Int]
    var people: [Person]

    /// What to keep of `archive`, built from inputs fingerprinted as `inputs`.
    init(inputs: String, archive: Archive) {
        self.inputs = inputs
        order = archive.inputOrder
        (days, undated) = (archive.days, archive.undated)
        (printedPages, printedPageOf) = (archive.printedPages, archive.printedPageOf)
        people = archive.people
    }

    /// The cache as last written; nil when missing, damaged or from another hysite.
    static func load(folder: String, fs: FileSystem) -> ArchiveCache? {
        ParseCache.withHashedBody(path(folder), fs: fs) { try ArchiveCache(cacheBytes: $0) }
    }

    /// Writes the cache (atomically); errors are ignored (a missing cache only costs work).
    func save(folder: String, fs: FileSystem) {
        try? fs.createDirectory(folder)
        ParseCache.writeHashed(cacheBytes(), to: Self.path(folder), fs: fs)
    }
}

extension Archive {
    /// The archive of `articles` (in the order the build made them, as `Archive.init` takes them) with the structure
    /// `kept`, which must fit them (`fits(_:_:)`).
    init(articles input: consuming [Article], config: SiteConfig, restoring kept: ArchiveCache) {
        var sorted = consume input
        Self.permute(&sorted, kept.order)
        (self.articles, self.config, self.inputOrder) = (sorted, config, kept.order)
        (days, undated, printedPages, printedPageOf) = (kept.days, kept.undated, kept.printedPages, kept.printedPageOf)
        people = kept.people
        dayIndex = Dictionary(uniqueKeysWithValues: kept.days.enumerated().map { ($1.day, $0) })
        personIndex = Dictionary(uniqueKeysWithValues: kept.people.enumerated().map { ($1.name, $0) })
    }

    /// Whether `kept` is a structure of `input` (read through `kept.order`, before the articles are moved): one
    /// index per article, each article listed once on a printed page of its file (the page `printedPageOf` names)
    /// and once on the day of its date or among the undated, every person's articles there, no day or name twice.
    static func fits(_ kept: ArchiveCache, _ input: [Article]) -> Bool {
        let n = input.count
        guard kept.order.count == n, kept.printedPageOf.count == n else { return false }
        var seen = [Bool](repeating: false, count: n)
        for k in kept.order {
            guard k >= 0, k < n, !seen[k] else { return false }
            seen[k] = true
        }
        let inRange = { (i: Int) in i >= 0 && i < n }
        // Each article listed once on a printed page, and once on its day or among the undated.
        var onPage = [Int](repeating: 0, count: n), onDay = [Int](repeating: 0, count: n)
        for (p, page) in kept.printedPages.enumerated() {
            for i in page.articles {
                guard inRange(i), kept.printedPageOf[i] == p, input[kept.order[i]].file == page.file else { return false }
                onPage[i] += 1
            }
        }
        var days = Set<Day>()
        for d in kept.days {
            guard days.insert(d.day).inserted else { return false }
            for i in d.articles {
                guard inRange(i), input[kept.order[i]].date == d.day else { return false }
                onDay[i] += 1
            }
        }
        for i in kept.undated {
            guard inRange(i), input[kept.order[i]].date == nil else { return false }
            onDay[i] += 1
        }
        guard onPage.allSatisfy({ $0 == 1 }), onDay.allSatisfy({ $0 == 1 }) else { return false }
        var names = Set<String>()
        for p in kept.people {
            guard names.insert(p.name).inserted, p.articles.allSatisfy(inRange), p.authored.allSatisfy(inRange),
                  p.companions.allSatisfy({ $0.person >= 0 && $0.person < kept.people.count }) else { return false }
        }
        return true
    }
}

extension ArchiveCache: CacheCodable {
    func write(to w: inout CacheWriter) {
        w.string(Self.header); w.string(inputs); w.list(order); w.list(days); w.list(undated); w.list(printedPages)
        w.list(printedPageOf); w.list(people)
    }

    init(from r: inout CacheReader) throws {
        guard try r.string() == Self.header else { throw CacheReader.Malformed.badValue }
        inputs = try r.string()
        order = try r.list(Int.self)
        days = try r.list(DayEntry.self)
        undated = try r.list(Int.self)
        printedPages = try r.list(PrintedPage.self)
        printedPageOf = try r.list(Int.self)
        people = try r.list(Person.self)
    }
}

extension DayEntry: CacheCodable {
    func write(to w: inout CacheWriter) { day.write(to: &w); w.list(articles) }
    init(from r: inout CacheReader) throws { self.init(day: try Day(from: &r), articles: try r.list(Int.self)) }
}

extension PrintedPage: CacheCodable {
    func write(to w: inout CacheWriter) {
        w.string(file); w.optional(day) { $1.write(to: &$0) }; w.optional(number) { $0.int($1) }; w.string(stem); w.string(slug)
        w.list(articles)
    }
    init(from r: inout CacheReader) throws {
        let file = try r.string(), day = try r.optional { try Day(from: &$0) }, number = try r.optional { try $0.int() }
        self.init(file: file, day: day, number: number, stem: try r.string(), slug: try r.string(), articles: try r.list(Int.self))
    }
}

extension Person.SeenTitle: CacheCodable {
    func write(to w: inout CacheWriter) {
        w.string(title); w.optional(first) { $1.write(to: &$0) }; w.optional(last) { $1.write(to: &$0) }; w.int(count)
    }
    init(from r: inout CacheReader) throws {
        self.init(title: try r.string(), first: try r.optional { try Day(from: &$0) }, last: try r.optional { try Day(from: &$0) },
                  count: try r.int())
    }
}

extension Person: CacheCodable {
    func write(to w: inout CacheWriter) {
        w.string(name); w.string(slug); w.string(pinyin); w.list(titles); w.list(articles); w.list(authored.sorted())
        w.int(companions.count)
        for c in companions { w.int(c.person); w.int(c.count) }
        w.optional(profile) { $0.string($1) }
    }
    init(from r: inout CacheReader) throws {
        let name = try r.string(), slug = try r.string(), pinyin = try r.string(), titles = try r.list(SeenTitle.self)
        let articles = try r.list(Int.self), authored = Set(try r.list(Int.self))
        let n = try r.count()
        let companions = try (0..<n).map { _ in (person: try r.int(), count: try r.int()) }
        self.init(name: name, slug: slug, pinyin: pinyin, titles: titles, articles: articles, authored: authored,
                  companions: companions, profile: try r.optional { try $0.string() })
    }
}

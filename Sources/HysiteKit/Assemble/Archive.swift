import Dispatch
/// A person as the archive knows them: every article naming them and the titles seen with their name.
/// Like a Hugo taxonomy term, each person is an ordinary page.
public struct Person: Sendable, Hashable {
    /// A title a person was named with (`市委书记`): the first and last day it was seen, and in how many articles.
    public struct SeenTitle: Sendable, Hashable {
        /// The title as read before the name (`市委副书记`), or the role a byline gave them (`全媒体记者`).
        public var title: String
        /// The earliest day of a dated article giving this title; nil when every such article is undated.
        public var first: Day?
        /// The latest day of a dated article giving this title; nil when every such article is undated.
        public var last: Day?
        /// How many articles named the person with this title.
        public var count: Int
    }

    /// The name as the articles write it (`刘越高`); no two people in an archive share one.
    public var name: String
    /// The person's page folder under `people/`: the pinyin slug, plus a short hash of the name when several names share it.
    public var slug: String
    /// Latin transliteration used for sorting and grouping (`liu yue gao`).
    public var pinyin: String
    /// The titles they were named with, by the day each was first seen (titles never dated last, then by title).
    public var titles: [SeenTitle]
    /// Indices into `Archive.articles`, newest first.
    public var articles: [Int]
    /// Indices of the articles they wrote (bylines, signatures).
    public var authored: Set<Int>
    /// People most often named in the same articles: (index into `Archive.people`, shared articles).
    public var companions: [(person: Int, count: Int)]
    /// The profile the editors wrote for them in the people file, or nil.
    public var profile: String?

    /// Compares name, slug and articles only (not the titles, companions or profile).
    public static func == (a: Person, b: Person) -> Bool { a.name == b.name && a.slug == b.slug && a.articles == b.articles }
    /// Hashes the name alone, which equal people always share.
    public func hash(into h: inout Hasher) { h.combine(name) }

    /// The uppercase first letter of the pinyin, which groups the people index; `#` when the pinyin does not start with a–z.
    public var initial: String {
        guard let c = pinyin.unicodeScalars.first, ("a"..."z").contains(c) else { return "#" }
        return String(c).uppercased()
    }
}

/// All articles of one day, in page order.
public struct DayEntry: Sendable, Hashable {
    /// The date these articles appeared on.
    public var day: Day
    /// Indices into `Archive.articles` of that day's articles.
    public var articles: [Int]
}

/// The assembled archive: articles in reading order, people, days, and every page's route.
/// Pure: built from parsed articles and settings, no disk.
public struct Archive: Sendable {
    /// The site settings the archive was assembled with (title, page size, base URL, …).
    public var config: SiteConfig
    /// Dated articles oldest first (by day, then page file, then position), undated ones last.
    public var articles: [Article]
    /// People in pinyin order.
    public var people: [Person]
    /// Each person's name to their index in `people`.
    public var personIndex: [String: Int]
    /// Days that have articles, oldest first.
    public var days: [DayEntry]
    /// Each day that has articles to its index in `days`.
    public var dayIndex: [Day: Int]
    /// Indices of undated articles, in page order.
    public var undated: [Int]
    /// The printed pages (版面), by day, then page number (see `PrintedPages`).
    public var printedPages: [PrintedPage]
    /// For each article, the index of its printed page in `printedPages`.
    public var printedPageOf: [Int]
    /// For each article, its index in the list the archive was made from (what `ArchiveCache` keeps to sort the
    /// next build's articles the same way).
    var inputOrder: [Int]

    /// Each name's pinyin: from `known` when there, the rest transliterated in two batches at once (ICU takes about
    /// 80 µs a name: 2.4 s of one core for the 30,000 people of a clean build, on the way to rendering).
    static func pinyin(of names: [String], known: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        var missing: [String] = []
        for n in names {
            if let p = known[n] { out[n] = p } else { missing.append(n) }
        }
        let made = Parallel.halves(missing.count) { Slug.pinyin(batch: Array(missing[$0])) }.joined()
        for (n, p) in zip(missing, made) { out[n] = p }
        return out
    }

    /// `knownPinyin`: names' transliterations from an earlier build (`PinyinCache`); others are made here.
    /// Articles by date (undated last), then page file (byte order), then place on the page. Sorted as indices
    /// with each file's rank made once, then moved once: sorting the articles themselves moved 100,000 large
    /// values around and compared file paths as Strings over and over.
    static func archiveOrder(_ input: consuming [Article]) -> (sorted: [Article], order: [Int]) {
        let files = Set(input.map(\.file)).sorted { $0.bytesPrecede($1) }
        var fileRank: [String: Int] = [:]
        for (k, f) in files.enumerated() { fileRank[f] = k }
        let keys = input.map { a in
            (day: a.date.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? Int.max, file: fileRank[a.file]!, position: a.position)
        }
        let order = input.indices.sorted { i, j in
            let x = keys[i], y = keys[j]
            if x.day != y.day { return x.day < y.day }
            if x.file != y.file { return x.file < y.file }
            if x.position != y.position { return x.position < y.position }
            return i < j
        }
        var sorted = consume input
        permute(&sorted, order)
        return (sorted: sorted, order: order)
    }

    /// Puts `array[order[k]]` at `k` for every `k`, by swapping along the permutation's cycles: elements are moved,
    /// never copied (copying 100,000 articles retained each one's two dozen fields, and released them again).
    static func permute<T>(_ array: inout [T], _ order: [Int]) {
        var placed = [Bool](repeating: false, count: order.count)
        for start in order.indices where !placed[start] {
            var k = start
            placed[k] = true
            while order[k] != start {
                array.swapAt(k, order[k])
                k = order[k]
                placed[k] = true
            }
        }
    }

    /// (Pass the articles without keeping another reference to them, so they are sorted in place.)
    public init(articles input: consuming [Article], config: SiteConfig, profiles: [String: String] = [:], knownPinyin: [String: String] = [:]) {
        self.config = config
        let (sorted, order) = Self.archiveOrder(consume input)
        self.articles = sorted
        self.inputOrder = order
        // The days and printed pages are found on another thread while the people are tallied on this one: each
        // goes through all the articles on one core (0.3 and 0.6 s at 100,000 articles).
        let datedLater = Pending { Self.dated(sorted) }
        let tally = PeopleTally(sorted)
        let dated = datedLater.value
        (days, dayIndex, undated) = (dated.days, dated.dayIndex, dated.undated)
        (printedPages, printedPageOf) = (dated.printedPages, dated.printedPageOf)
        var people = Self.people(from: tally, articles: sorted, profiles: profiles, knownPinyin: knownPinyin)
        Self.giveSlugs(&people)
        let (personIndex, rank) = Self.personIndexAndRank(people, slot: tally.slot)
        let companions = Self.companions(people, articlePeople: tally.articleSlots.map { $0.map { rank[$0] } })
        for i in people.indices { people[i].companions = companions[i] }
        self.people = people
        self.personIndex = personIndex
    }

    /// The people tallied, in pinyin order, with their titles, profile and articles (newest first); no slug yet.
    static func people(from tally: PeopleTally, articles sorted: [Article], profiles: [String: String], knownPinyin: [String: String]) -> [Person] {
        let pinyins = pinyin(of: tally.names, known: knownPinyin)
        // Each article's date as one number (undated: -1), read once: reading `sorted[i].date` in a comparison
        // copied the whole article.
        let dayKeys = sorted.map { a in a.date.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? -1 }
        var people: [Person] = zip(tally.names, tally.accs).map { name, x in
            let newestFirst = x.articles.sorted { i, j in dayKeys[i] != dayKeys[j] ? dayKeys[i] > dayKeys[j] : i < j }
            return Person(name: name, slug: "", pinyin: pinyins[name]!, titles: x.titlesInOrder, articles: newestFirst,
                          authored: x.authored, companions: [], profile: profiles[name])
        }
        people.sort { $0.pinyin != $1.pinyin ? $0.pinyin < $1.pinyin : $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
        return people
    }

    /// Gives each person a slug: their pinyin's; names that share one all carry a short hash of the name, so each stays distinct.
    static func giveSlugs(_ people: inout [Person]) {
        var bySlug: [String: [Int]] = [:]
        for (i, p) in people.enumerated() { bySlug[Slug.ascii(latin: p.pinyin), default: []].append(i) }
        var taken = Set<String>()
        for (slug, idx) in bySlug where idx.count == 1 { taken.insert(slug) }
        for (slug, idx) in bySlug.sorted(by: { $0.key < $1.key }) where idx.count > 1 {
            for i in idx {
                // Grow the hash until it is unique (it practically always is at 6 digits).
                var n = 6
                var s = "\(slug)-\(Slug.hash(people[i].name).prefix(n))"
                while taken.contains(s) { n += 1; s = n <= 8 ? "\(slug)-\(Slug.hash(people[i].name).prefix(n))" : "\(s)-\(i)" }
                taken.insert(s)
                people[i].slug = s
            }
        }
        for (slug, idx) in bySlug where idx.count == 1 { people[idx[0]].slug = slug }
    }

    /// Each person's name to their index in `people`, and each name's number (`slot`) to that index.
    static func personIndexAndRank(_ people: [Person], slot: [String: Int]) -> (personIndex: [String: Int], rank: [Int]) {
        var personIndex: [String: Int] = [:]
        var rank = [Int](repeating: 0, count: people.count)  // a name's number → its index in `people`
        for (i, p) in people.enumerated() {
            personIndex[p.name] = i
            rank[slot[p.name]!] = i
        }
        return (personIndex: personIndex, rank: rank)
    }

    /// The days that have articles (oldest first), the undated articles, and the printed pages.
    static func dated(_ sorted: [Article]) -> (days: [DayEntry], dayIndex: [Day: Int], undated: [Int], printedPages: [PrintedPage], printedPageOf: [Int]) {
        var days: [DayEntry] = []
        var dayIndex: [Day: Int] = [:]
        var undated: [Int] = []
        // By index, not `for (i, a) in sorted.enumerated()`, which copies each article.
        for i in sorted.indices {
            guard let d = sorted[i].date else { undated.append(i); continue }
            if let k = dayIndex[d] {
                days[k].articles.append(i)
            } else {
                dayIndex[d] = days.count
                days.append(DayEntry(day: d, articles: [i]))
            }
        }
        let (printedPages, printedPageOf) = PrintedPages.make(sorted)
        return (days: days, dayIndex: dayIndex, undated: undated, printedPages: printedPages, printedPageOf: printedPageOf)
    }

    /// Per person, the people most often named in the same articles (the first 200 names of an article count;
    /// `articlePeople` holds them per article): counted person by person over their own articles in an array,
    /// in parallel (a dictionary per person, pair by pair, cost 2 s at 100,000 articles).
    static func companions(_ people: [Person], articlePeople: [[Int]]) -> [[(person: Int, count: Int)]] {
        var out = [[(person: Int, count: Int)]](repeating: [], count: people.count)
        out.withUnsafeMutableBufferPointer { buf in
            let result = UnsafeSendable(buf)
            let chunks = max(1, min(people.count, 64))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var counts = [Int](repeating: 0, count: people.count)
                var touched: [Int] = []
                for x in stride(from: c, to: people.count, by: chunks) {
                    for a in people[x].articles where articlePeople[a].contains(x) {
                        for y in articlePeople[a] where y != x {
                            if counts[y] == 0 { touched.append(y) }
                            counts[y] += 1
                        }
                    }
                    result.value[x] = touched.map { (person: $0, count: counts[$0]) }
                        .sorted { $0.count != $1.count ? $0.count > $1.count : $0.person < $1.person }
                        .prefix(12).map { $0 }
                    for y in touched { counts[y] = 0 }
                    touched.removeAll(keepingCapacity: true)
                }
            }
        }
        return out
    }
}

/// Everyone the articles name, each found once per mention by name and then reached by number (a Chinese name's
/// hash is normalised each time it is taken: five lookups per title mention cost 0.7 s at 100,000 articles).
struct PeopleTally {
    /// A name's number.
    var slot: [String: Int] = [:]
    /// By number: the name, and what was found of them.
    var names: [String] = []
    var accs: [PersonTally] = []
    /// Per article, the numbers of the first 200 people it names (the companions count them).
    var articleSlots: [[Int]]

    init(_ sorted: [Article]) {
        articleSlots = [[Int]](repeating: [], count: sorted.count)
        for i in sorted.indices {
            let date = sorted[i].date
            for name in sorted[i].people {
                let k: Int
                if let known = slot[name] {
                    k = known
                    accs[k].articles.append(i)
                } else {
                    k = accs.count
                    slot[name] = k
                    names.append(name)
                    accs.append(PersonTally(articles: [i]))
                }
                if articleSlots[i].count < 200 { articleSlots[i].append(k) }
            }
            for r in sorted[i].reporters { if let k = slot[r.name] { accs[k].authored.insert(i) } }
            for t in sorted[i].titles { if let k = slot[t.name] { accs[k].see(t.title, on: date) } }
        }
    }
}

/// What assembling finds of one person while going through the articles: the articles naming them, those they
/// wrote, and the titles they were given (with when).
struct PersonTally {
    var articles: [Int] = []
    var authored = Set<Int>()
    var titles: [String: Person.SeenTitle] = [:]
    var titleOrder: [String] = []

    /// One mention of the person with `title`, in an article of `date`.
    mutating func see(_ title: String, on date: Day?) {
        // Changed in place, so the title (a Chinese string, whose hash is normalised) is hashed once.
        if Self.count(&titles[title, default: Person.SeenTitle(title: title, first: date, last: date, count: 0)], on: date) {
            titleOrder.append(title)
        }
    }

    /// One more mention in `seen`, of `date`; whether it is the first.
    static func count(_ seen: inout Person.SeenTitle, on date: Day?) -> Bool {
        seen.count += 1
        if let d = date {
            if seen.first == nil || d < seen.first! { seen.first = d }
            if seen.last == nil || d > seen.last! { seen.last = d }
        }
        return seen.count == 1
    }

    /// The titles, earliest first (undated last, then by title).
    var titlesInOrder: [Person.SeenTitle] {
        titleOrder.map { titles[$0]! }.sorted { a, b in
            switch (a.first, b.first) {
            case let (p?, q?) where p != q: return p < q
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.title < b.title
            }
        }
    }
}

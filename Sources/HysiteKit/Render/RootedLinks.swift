import Foundation

/// Links article pages repeat, each made once per page root (`../../../../`) on first use and kept: a person's page,
/// a day's crumbs (its year's and month's pages, and its own), a printed page's heading and page. Every article page
/// made its own copy of each (a dozen new strings a page, and as many freed), though only two roots occur.
/// Shape-keeping edits (`Renderer.replaceArticles`) change none of them.
final class RootedLinks: @unchecked Sendable {
    /// A day's crumbs from one root: `2023年` → its year's page, its month's page, its own page.
    typealias DayLinks = (yearLabel: String, yearHref: String, monthHref: String, dayHref: String)
    /// A printed page's heading (`2023年7月25日 第1版`) and its page from one root.
    typealias PrintedLink = (heading: String, href: String)

    /// The links from one root, each made when first asked for.
    final class Table: @unchecked Sendable {
        let root: String
        /// `index.html` from the root (the first crumb).
        let home: String
        private let lock = NSLock()
        private var siteInfo: SiteInfo?

        /// The layout's site-wide values from the root (`make` gives them the first time).
        func site(_ make: () -> SiteInfo) -> SiteInfo {
            lock.withLock {
                if let made = siteInfo { return made }
                let made = make()
                siteInfo = made
                return made
            }
        }

        private let people: LazyRows<String>, days: LazyRows<DayLinks>, printed: LazyRows<PrintedLink>
        private var articleHrefs: [String]?

        init(root: String, people: Int, days: Int, printedPages: Int) {
            self.root = root
            home = root + Routes.home
            self.people = LazyRows(count: people)
            self.days = LazyRows(count: days)
            printed = LazyRows(count: printedPages)
        }

        /// Every article's page from the root, by article (`make` gives them the first time): a person page lists a
        /// hundred articles, and joining the root to each path made and freed a string per row (700,000 rows at
        /// 100,000 articles).
        func articles(_ make: () -> [String]) -> [String] {
            lock.withLock {
                if let made = articleHrefs { return made }
                let made = make()
                articleHrefs = made
                return made
            }
        }

        /// Person `k`'s page from the root (`make` gives it the first time).
        func person(_ k: Int, _ make: () -> String) -> String { people.get(k, make: make) }

        /// Day `k`'s links from the root (`make` gives them the first time).
        func day(_ k: Int, _ make: () -> DayLinks) -> DayLinks { days.get(k, make: make) }

        /// Printed page `k`'s heading and link from the root (`make` gives them the first time).
        func printedPage(_ k: Int, _ make: () -> PrintedLink) -> PrintedLink { printed.get(k, make: make) }
    }

    private let lock = NSLock()
    private var tables: [String: Table] = [:]
    private let counts: (people: Int, days: Int, printedPages: Int)
    private var names: PersonNames?

    /// The archive's people by their names' bytes, made from `index` (`Archive.personIndex`) the first time.
    func personNames(_ index: [String: Int]) -> PersonNames {
        lock.withLock {
            if let made = names { return made }
            let made = PersonNames(index)
            names = made
            return made
        }
    }

    /// Room for the links of `people` people, `days` days and `printedPages` printed pages from any root.
    init(people: Int, days: Int, printedPages: Int) {
        counts = (people: people, days: days, printedPages: printedPages)
    }

    /// The links from `root`.
    func table(_ root: String) -> Table {
        lock.withLock {
            if let made = tables[root] { return made }
            let made = Table(root: root, people: counts.people, days: counts.days, printedPages: counts.printedPages)
            tables[root] = made
            return made
        }
    }
}

/// The archive's people by the UTF-8 bytes of their names: FNV-1a hashes in an open-addressed table, names in one
/// byte pool. Looking a Chinese name up in `Archive.personIndex` hashed and compared it with Unicode normalisation
/// (~500 instructions a lookup, fourteen lookups an article page); equal bytes are equal names, so a name found here
/// is the person `personIndex` gives, and one not found is looked up there (`index(of:in:)`).
struct PersonNames: Sendable {
    private var slots: [(hash: UInt64, start: Int32, count: Int32, person: Int32)]
    private var pool: [UInt8] = []
    private let mask: Int

    /// The table of `index`'s names.
    init(_ index: [String: Int]) {
        var capacity = 16
        while capacity < 2 * index.count { capacity *= 2 }
        mask = capacity - 1
        slots = Array(repeating: (hash: 0, start: -1, count: 0, person: 0), count: capacity)
        for (name, person) in index { insert(name, person) }
    }

    private mutating func insert(_ name: String, _ person: Int) {
        var name = name
        name.withUTF8 { bytes in
            let h = Self.hash(bytes)
            var k = Int(truncatingIfNeeded: h) & mask
            while slots[k].start >= 0 { k = (k + 1) & mask }
            slots[k] = (hash: h, start: Int32(pool.count), count: Int32(bytes.count), person: Int32(person))
            pool.append(contentsOf: bytes)
        }
    }

    /// The person named `name` (by bytes here, else in `index`).
    func index(of name: String, in index: [String: Int]) -> Int? {
        var bytes = name
        return bytes.withUTF8 { find($0) } ?? index[name]
    }

    /// The person whose name is `bytes`, if one's is.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(bytes)
        var k = Int(truncatingIfNeeded: h) & mask
        return pool.withUnsafeBufferPointer { pool in
            while slots[k].start >= 0 {
                let s = slots[k]
                if s.hash == h, Int(s.count) == bytes.count,
                   memcmp(pool.baseAddress! + Int(s.start), bytes.baseAddress!, bytes.count) == 0 { return Int(s.person) }
                k = (k + 1) & mask
            }
            return nil
        }
    }

    /// FNV-1a over the bytes.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}

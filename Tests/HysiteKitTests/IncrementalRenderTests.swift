import Foundation
import Testing
@testable import HysiteKit

/// Rebuilds render only the pages whose view model changed, and never trust a damaged cache or manifest.
@Suite struct IncrementalRenderTests {
    let b = BuildBehaviourTests()
    static let edited = "000_7ef2a64ad5261223.txt"

    /// The seeds with one sentence of one article changed.
    static var editedPages: [String: String] {
        var pages = BuildBehaviourTests.seedPages
        pages[edited] = pages[edited]!.replacingOccurrences(of: "会议还研究了其他事项。", with: "会议还研究了其他重要事项。")
        return pages
    }

    func rewrite(_ f: MemoryFileSystem, _ pages: [String: String]) throws {
        for (k, _) in f.allFiles where k.hasPrefix("in/") { try f.removeItem(k) }
        for (k, v) in pages { try f.write(Data(v.utf8), to: "in/\(k)") }
    }

    func cleanSite(_ pages: [String: String]) throws -> [String: Data] {
        let clean = try b.fs(pages)
        #expect(b.build(clean).succeeded)
        return b.site(clean)
    }

    /// The site in `f` holds exactly the files, and bytes, of a clean build of `pages` (the manifest apart).
    func expectSameAsCleanBuild(_ f: MemoryFileSystem, _ pages: [String: String], _ label: String) throws {
        let expected = try cleanSite(pages)
        let got = b.site(f)
        #expect(Set(got.keys) == Set(expected.keys), "\(label)")
        for (k, v) in expected where k != Manifest.fileName { #expect(got[k] == v, "\(label): \(k)") }
    }

    @Test func editingOneArticleRendersOnlyThePagesThatShowIt() throws {
        let f = try b.fs(BuildBehaviourTests.seedPages)
        let first = b.build(f)
        #expect(first.succeeded)
        try rewrite(f, Self.editedPages)
        let second = b.build(f)
        #expect(second.succeeded && second.incremental)
        #expect(first.pagesParsed == first.files && second.pagesParsed == 1, "parsed \(second.pagesParsed) of \(second.files) files")
        // The article, its day, month and year, its people's pages, the home page and the feed at most.
        #expect(second.pagesRendered >= 1 && second.pagesRendered <= 12 && second.pagesRendered * 3 < first.pagesRendered,
                "rendered \(second.pagesRendered) of \(first.pagesRendered)")
        print("one article edited: rendered \(second.pagesRendered) of \(first.pagesRendered) pages, wrote \(second.pagesWritten)")
        try expectSameAsCleanBuild(f, Self.editedPages, "one article edited")
    }

    /// The pinyin cache only saves work: a wrong one (damaged, or another hysite's) is ignored, a right one is used.
    @Test(arguments: ["garble", "otherHysite", "wrongWithRightHash"])
    func damagedPinyinCacheIsNeverTrusted(_ damage: String) throws {
        let f = try b.fs(BuildBehaviourTests.seedPages)
        #expect(b.build(f).succeeded)
        let path = ".out.hysite-cache/pinyin"
        let saved = String(decoding: try f.read(path), as: UTF8.self)
        #expect(saved.contains("朱健\tzhu jian\n"))
        var body = String(saved.dropFirst(17))
        switch damage {
        case "garble": body = body.replacingOccurrences(of: "zhu jian", with: "zhu jiax")
        case "otherHysite": body = body.replacingOccurrences(of: "hysite-pinyin 1 ", with: "hysite-pinyin 1 x").replacingOccurrences(of: "zhu jian", with: "aaa")
        default: body = body.replacingOccurrences(of: "zhu jian", with: "aaa")
        }
        let hash = damage == "garble" ? String(saved.prefix(16)) : CacheChecksum.hex(Array(body.utf8))
        try f.write(Data((hash + "\n" + body).utf8), to: path)
        // The edit keeps the archive's shape: without this, the last build's structure (slugs included) would be
        // taken whole and the pinyin cache not read at all.
        try f.removeItem(ArchiveCache.path(".out.hysite-cache"))
        try rewrite(f, Self.editedPages)
        #expect(b.build(f).succeeded)
        let got = b.site(f)
        if damage == "wrongWithRightHash" {
            // Made by this very hysite and whole: trusted (it is what this hysite wrote), so the slug follows it.
            #expect(got.keys.contains { $0.hasPrefix("people/aaa") })
            return
        }
        let expected = try cleanSite(Self.editedPages)
        for (k, v) in expected where k != Manifest.fileName { #expect(got[k] == v, "\(damage): \(k)") }
    }

    /// A page file dated another day: the year's heatmap and the timeline of a person it names are drawn again (their
    /// view models hold the charts), and the rebuilt site is the clean build's, byte for byte.
    /// A name proven for the first time in an edited page makes its bare mention in an unchanged page count
    /// (that page's naming is not taken from the last build); taking the proof away again undoes it.
    @Test func aNameNewlyProvenElsewhereIsNamedInUnchangedPages() throws {
        let bare = BuildBehaviourTests.page("座谈会召开", "7月1日上午，座谈会召开。同学们向欧阳明华赠送了锦旗。")
        let plain = BuildBehaviourTests.page("防汛工作部署", "7月2日上午，会议部署防汛工作。")
        let proving = BuildBehaviourTests.page("防汛工作部署", "7月2日上午，会议部署防汛工作。副市长欧阳明华出席会议。")
        var pages = ["2023-07-01_01.txt": bare, "2023-07-02_01.txt": plain]
        let f = try b.fs(pages)
        #expect(b.build(f).succeeded)
        #expect(!b.site(f).keys.contains { $0.hasPrefix("people/ou/ou-yang-ming-hua") })
        for (step, page) in [(1, proving), (2, plain)] {
            pages["2023-07-02_01.txt"] = page
            try rewrite(f, pages)
            let again = b.build(f)
            #expect(again.succeeded && again.pagesParsed == 1)
            try expectSameAsCleanBuild(f, pages, "step \(step)")
            let got = b.site(f)
            let person = got.keys.first { $0.hasPrefix("people/ou/ou-yang-ming-hua") && $0.hasSuffix("index.html") }
            #expect((person != nil) == (step == 1), "step \(step)")
            if let person {
                let html = String(decoding: got[person]!, as: UTF8.self)
                #expect(html.contains("座谈会召开"), "the unchanged page's article is on the person's page")
            }
        }
    }

    @Test func aNewDayRedrawsTheCharts() throws {
        let f = try b.fs(BuildBehaviourTests.seedPages)
        #expect(b.build(f).succeeded)
        let before = b.site(f)
        var pages = BuildBehaviourTests.seedPages
        let added = "2023-08-02_05.txt"
        pages[added] = try String(contentsOfFile: fixtures + "/labelled/" + added, encoding: .utf8)
        try rewrite(f, pages)
        let second = b.build(f)
        #expect(second.succeeded && second.incremental)
        let got = b.site(f)
        let year = "dates/2023/index.html"
        #expect(got[year] != before[year])
        #expect(String(decoding: got[year] ?? Data(), as: UTF8.self).contains("<a href=\"../../dates/2023/08/02/index.html\"><title>2023年8月2日："))
        let expected = try cleanSite(pages)
        #expect(Set(got.keys) == Set(expected.keys))
        for (k, v) in expected where k != Manifest.fileName { #expect(got[k] == v, "\(k)") }
    }

    @Test func templateChangeRendersEverything() throws {
        let f = try b.fs(BuildBehaviourTests.seedPages)
        let first = b.build(f)
        let base = String(decoding: try f.read("tpl/base.mustache"), as: UTF8.self)
        try f.write(Data(base.replacingOccurrences(of: "订阅 Atom", with: "订阅").utf8), to: "tpl/base.mustache")
        let second = b.build(f)
        #expect(second.succeeded && second.pagesRendered == first.pagesRendered)
    }

    /// A site written by an older hysite, whose article and printed pages were folders (`x-1/index.html` where this
    /// one writes `x-1.html`), rebuilt in place: exactly a clean build's files, bytes and folders remain (no old page,
    /// no emptied folder). On disk, where an emptied folder stays unless removed.
    @Test func rebuildOverTheFolderLayoutLeavesACleanBuildsFilesAndFolders() throws {
        let tmp = NSTemporaryDirectory() + "hysite-layout-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let disk = LocalFileSystem()
        var o = BuildOptions(input: repoRoot + "/seeds", output: "\(tmp)/clean", templates: repoRoot + "/Templates")
        (o.search, o.configFile) = (false, "\(tmp)/none.yml")
        #expect(Pipeline.build(o, fs: disk, clock: FixedClock()).succeeded)
        let site = "\(tmp)/site"
        o.output = site
        #expect(Pipeline.build(o, fs: disk, clock: FixedClock()).succeeded)
        let moved = try plantFolderLayout(site, disk)
        #expect(moved == 7 + 2, "the seeds' 7 article pages and 2 printed pages")
        #expect(disk.exists("\(site)/articles/2023/07/000_7ef2a64ad5261223-1/index.html"))
        let r = Pipeline.build(o, fs: disk, clock: FixedClock())
        #expect(r.succeeded && r.incremental, "\(r.diagnostics)")
        let (got, want) = (try treeOf(site), try treeOf("\(tmp)/clean"))
        let onlyInOne = Set(got.keys).symmetricDifference(want.keys).sorted()
        #expect(onlyInOne.isEmpty, "files and folders that only one of the two sites has: \(onlyInOne)")
        for (path, bytes) in want where path != Manifest.fileName { #expect(got[path] == bytes, "\(path)") }
    }

    /// Moves every article and printed page of the site (`….html` in `articles/` and `dates/`, except `index.html`)
    /// to `…/index.html`, as an older hysite wrote them, and writes a manifest of another hysite naming those paths;
    /// returns how many pages moved.
    func plantFolderLayout(_ site: String, _ disk: LocalFileSystem) throws -> Int {
        let manifest = try #require(SiteWriter.currentManifest(site, fs: disk))
        var outputs: [String: String] = [:]
        for (path, hash) in manifest.outputs {
            let page = (path.hasPrefix("articles/") || path.hasPrefix("dates/")) && path.hasSuffix(".html") && !path.hasSuffix("/index.html")
            let old = page ? String(path.dropLast(".html".count)) + "/index.html" : path
            if page {
                try disk.write(try disk.read("\(site)/\(path)"), to: "\(site)/\(old)")
                try disk.removeItem("\(site)/\(path)")
            }
            outputs[old] = hash
        }
        let older = Manifest(inputs: "an older hysite", render: "an older hysite", outputs: outputs)
        try disk.write(Data(older.encoded()), to: "\(site)/\(Manifest.fileName)")
        return outputs.keys.filter { manifest.outputs[$0] == nil }.count
    }

    /// Every file (with its bytes) and folder (with nil) below `root`, by path inside it.
    func treeOf(_ root: String) throws -> [String: Data?] {
        var tree: [String: Data?] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root) {
            var folder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &folder)
            tree[path] = folder.boolValue ? Data?.none : try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(path)"))
        }
        return tree
    }

    @Test(arguments: ["truncate", "garble", "oldVersion", "otherRender", "empty"])
    func damagedManifestIsNeverTrusted(_ damage: String) throws {
        let f = try b.fs(BuildBehaviourTests.seedPages)
        #expect(b.build(f).succeeded)
        let path = "out/\(Manifest.fileName)"
        var bytes = [UInt8](try f.read(path))
        switch damage {
        case "truncate": bytes = Array(bytes.prefix(bytes.count / 2))
        case "garble":
            var rng = SystemRandomNumberGenerator()
            for _ in 0..<40 { bytes[Int.random(in: 60..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
        case "oldVersion": bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: Manifest.formatVersion, with: "hysite-manifest 1").utf8)
        case "otherRender":
            let text = String(decoding: bytes, as: UTF8.self)
            let line = text.split(separator: "\n")[2]
            bytes = Array(text.replacingOccurrences(of: String(line), with: "render 0123456789abcdef").utf8)
        default: bytes = []
        }
        try f.write(Data(bytes), to: path)
        try rewrite(f, Self.editedPages)
        #expect(b.build(f).succeeded)
        try expectSameAsCleanBuild(f, Self.editedPages, damage)
    }

    /// A rebuild that keeps every page writes the manifest's paths in the order it read them, without sorting, only
    /// when that order is the sorted one: a manifest whose lines were put out of order (same entries) is written
    /// sorted again, byte for byte as a clean build's, and so is one read in order.
    @Test(arguments: ["reversed", "asWritten"])
    func rebuiltManifestIsAsACleanBuildsWhateverOrderItWasReadIn(_ order: String) throws {
        let f = try b.fs(BuildBehaviourTests.seedPages)
        #expect(b.build(f).succeeded)
        let path = "out/\(Manifest.fileName)"
        let lines = String(decoding: try f.read(path), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count > 20)
        if order == "reversed" {
            try f.write(Data((lines.prefix(3) + lines.dropFirst(3).reversed()).map { $0 + "\n" }.joined().utf8), to: path)
            #expect(Manifest.decodeWithOrder(Array(try f.read(path)))?.order == [], "an order that is not sorted is not kept")
        }
        try rewrite(f, Self.editedPages)
        let rebuilt = b.build(f)
        #expect(rebuilt.succeeded && rebuilt.incremental)
        let clean = try b.fs(Self.editedPages)
        #expect(b.build(clean).succeeded)
        let (got, expected) = (try f.read(path), try clean.read(path))
        #expect(got == expected, "\(order): the manifest differs from a clean build's")
        let read = try #require(Manifest.decodeWithOrder(Array(got)))
        #expect(read.order == read.manifest.sortedPaths())
    }

    @Test(arguments: ["truncate", "garble", "otherVersion", "otherOptions", "empty"])
    func damagedParseCacheIsNeverTrusted(_ damage: String) throws {
        let f = try b.fs(BuildBehaviourTests.seedPages)
        #expect(b.build(f).succeeded)
        let shards = f.allFiles.keys.filter { $0.hasPrefix(".out.hysite-cache/parse-") }.sorted()
        #expect(!shards.isEmpty)
        for path in shards {
            var bytes = [UInt8](try f.read(path))
            switch damage {
            case "truncate": bytes = Array(bytes.prefix(bytes.count - 7))
            case "garble":
                for k in stride(from: 20, to: bytes.count, by: 97) { bytes[k] = bytes[k] ^ 0x5a }
            case "otherVersion", "otherOptions":
                // A shard whose checksum is right but that another hysite or another setting made.
                var shard = try ParseCache.Shard(cacheBytes: Array(bytes.dropFirst(17)))
                if damage == "otherVersion" { shard.version = "9" + shard.version } else { shard.options = "x" + shard.options }
                let body = shard.cacheBytes()
                bytes = Array((CacheChecksum.hex(body) + "\n").utf8) + body
            default: bytes = []
            }
            try f.write(Data(bytes), to: path)
        }
        try rewrite(f, Self.editedPages)
        let r = b.build(f)
        #expect(r.succeeded)
        #expect(r.pagesParsed == r.files, "\(damage): every file parsed again")
        try expectSameAsCleanBuild(f, Self.editedPages, damage)
    }

    /// A naming cache that is garbled, truncated, or (with a right checksum) from another hysite is not used:
    /// here its entries name nobody, which would show if it were.
    @Test(arguments: ["truncate", "garble", "otherHysite"])
    func damagedNamingCacheIsNeverTrusted(_ damage: String) throws {
        let f = try b.fs(BuildBehaviourTests.seedPages)
        #expect(b.build(f).succeeded)
        let path = NamingCache.path(".out.hysite-cache")
        guard var naming = NamingCache.load(folder: ".out.hysite-cache", fs: f) else {
            Issue.record("no naming cache after a build")
            return
        }
        #expect(naming.entries.values.contains { !$0.people.isEmpty })
        for k in naming.entries.keys { naming.entries[k] = NamingCache.Named(people: [], titles: []) }
        naming.context += "x"  // forces a write
        naming.save(folder: ".out.hysite-cache", loaded: nil, fs: f)
        var bytes = [UInt8](try f.read(path))
        switch damage {
        case "truncate": bytes = Array(bytes.prefix(bytes.count - 7))
        case "garble": bytes[bytes.count / 2] ^= 0x5a
        default:
            let body = String(decoding: bytes.dropFirst(17), as: UTF8.self)
                .replacingOccurrences(of: NamingCache.header, with: "hysite-naming 1 other")
                .replacingOccurrences(of: "context \(naming.context)", with: "context \(naming.context.dropLast())")
            bytes = Array((CacheChecksum.hex(Array(body.utf8)) + "\n").utf8) + Array(body.utf8)
        }
        try f.write(Data(bytes), to: path)
        try rewrite(f, Self.editedPages)
        #expect(b.build(f).succeeded)
        try expectSameAsCleanBuild(f, Self.editedPages, damage)
    }

    /// What the naming cache cannot hold (a path or name with a tab or line break) is left out, and the rest
    /// reads back as written.
    @Test func namingCacheRoundTripsAndLeavesOutWhatItCannotHold() throws {
        let f = MemoryFileSystem()
        let named = NamingCache.Named(people: ["刘越高", "陈润"], titles: [TitleMention(name: "刘越高", title: "市委书记")])
        let cache = NamingCache(context: "c", known: ["刘越高", "陈润"], entries: [
            NamingCache.key(page: "a.txt", hash: "0123456789abcdef", position: 0): named,
            NamingCache.key(page: "b\tc.txt", hash: "0123456789abcdef", position: 0): named,
            NamingCache.key(page: "d.txt", hash: "0123456789abcdef", position: 1): NamingCache.Named(people: ["王\n五"], titles: []),
            NamingCache.key(page: "e.txt", hash: "0123456789abcdef", position: 2): NamingCache.Named(people: [], titles: []),
        ])
        cache.save(folder: "c", loaded: nil, fs: f)
        let back = try #require(NamingCache.load(folder: "c", fs: f))
        #expect(back.context == "c" && back.known == cache.known)
        #expect(back.entries == cache.entries.filter { !$0.key.hasPrefix("b\t") && !$0.key.hasPrefix("d.txt") })
    }

    /// A naming cache with a right checksum but a line of the wrong shape is not used at all.
    @Test(arguments: ["a.txt\th\t0\t刘越高", "a.txt\th\t0\t刘越高\t\tx", "a.txt\th\t0\t刘越高\t刘越高市委书记",
                      "a.txt\th\t0\t刘越高\t刘越高\u{1E}市委\u{1E}书记"])
    func aMisshapenNamingLineIsNeverTrusted(_ line: String) throws {
        let f = MemoryFileSystem()
        let good = "a.txt\th\t1\t刘越高\u{1F}陈润\t刘越高\u{1E}市委书记\u{1F}\u{1F}陈润\u{1E}"
        for (body, usable) in [(good, true), (line, false)] {
            let text = "\(NamingCache.header)\ncontext c\n刘越高\t陈润\n\(body)\n"
            ParseCache.writeHashed(Array(text.utf8), to: NamingCache.path("c"), fs: f)
            let back = NamingCache.load(folder: "c", fs: f)
            #expect((back != nil) == usable, "\(body)")
            if usable {
                #expect(back?.entries["a.txt\th\t1"] == NamingCache.Named(people: ["刘越高", "陈润"], titles: [
                    TitleMention(name: "刘越高", title: "市委书记"), TitleMention(name: "陈润", title: "")]))
            }
        }
    }
}

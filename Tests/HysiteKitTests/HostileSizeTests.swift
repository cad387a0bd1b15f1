import Foundation
import Testing
@testable import HysiteKit

/// Hostile sizes build in time proportional to their size. The bounds are far above the normal case
/// (a debug build on a loaded 2-core machine); what they catch is quadratic behaviour, which takes minutes.
@Suite struct HostileSizeTests {
    func time(_ body: () throws -> Void) rethrows -> Double {
        let s = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - s) / 1e9
    }

    @Test func tenThousandTinyArticlesInOneFile() throws {
        var page = ""
        for i in 1...10_000 { page += "# 简讯第\(i)条\n\n本报讯（记者 张三）\n\n\(1 + i % 12)月\(1 + i % 28)日上午，第\(i)项活动举行。\n\n" }
        var articles = 0
        let t = try time {
            let (r, site) = try buildInMemory(pages: ["2023-12-31_01.txt": page])
            #expect(r.succeeded)
            articles = r.articles
            #expect(site["articles/2023/05/2023-12-31_01-10000.html"] != nil, "5月5日")
        }
        #expect(articles == 10_000)
        #expect(t < 240, "took \(t) s")
    }

    @Test func aOneMegabyteLine() throws {
        let line = String(repeating: "这是一段没有句号的很长的文字，", count: 70_000)  // ~1 MB of UTF-8, one line
        let page = "# 长行\n\n本报讯（记者 张三）\n\n7月2日上午，\(line)\n"
        let t = try time {
            let (r, site) = try buildInMemory(pages: ["2023-07-02_01.txt": page])
            #expect(r.succeeded && r.articles == 1)
            #expect((site["articles/2023/07/2023-07-02_01-1.html"]?.utf8.count ?? 0) > 1_000_000)
        }
        #expect(t < 60, "took \(t) s")
    }

    @Test func tenThousandPeopleInOneArticle() throws {
        let given = Array("一二三四五六七八九十明华国强伟芳娜敏静丽军杰涛超勇艳秀英")
        var names: [String] = []
        outer: for a in given { for b in given { for c in Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗") { names.append("\(c)\(a)\(b)"); if names.count == 10_000 { break outer } } } }
        let page = "# 大会\n\n本报讯（记者 张三）\n\n7月2日上午，大会召开。市领导\(names.joined(separator: "、"))出席。\n"
        let t = try time {
            let (r, site) = try buildInMemory(pages: ["2023-07-02_01.txt": page])
            #expect(r.succeeded)
            #expect(r.people >= 9_000)
            // A static host takes about 10,000 entries a folder: the people's pages go in a folder per surname.
            #expect(SiteChecker.crowdedFolders(Array(site.keys)).isEmpty, "\(SiteChecker.crowdedFolders(Array(site.keys)))")
            #expect(site.keys.filter { $0.hasPrefix("people/wang/") && $0.hasSuffix("/index.html") }.count >= 400)
        }
        #expect(t < 240, "took \(t) s")
    }

    @Test func fiftyMegabytePageParses() throws {
        let disk = LocalFileSystem()
        let seed = String(decoding: try disk.read(repoRoot + "/seeds/000_7ef2a64ad5261223.txt"), as: UTF8.self)
        let copies = 50_000_000 / seed.utf8.count + 1
        let text = String(repeating: seed + "\n", count: copies)
        #expect(text.utf8.count >= 50_000_000)
        var count = 0
        let t = time {
            let parsed = Pipeline.parse([PageSource(file: "big.txt", key: "2023-07-26_big.txt", text: text)])
            count = parsed.articles.count
        }
        #expect(count == copies * 3, "no article lost")
        #expect(t < 300, "took \(t) s")
    }
}

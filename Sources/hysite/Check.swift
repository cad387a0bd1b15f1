import ArgumentParser
import Foundation
import HysiteKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a built site: links, anchors and assets resolve; every page has lang, title, one h1 and text; search covers every article.",
        discussion: """
            Needs nothing but the site folder. Checks every local href, src and srcset in every .html page \
            (x/ means x/index.html; a #fragment must name an id in the target page), flags javascript: URLs and \
            root-absolute links outside 404.html, and, when pagefind/ exists, that each year with articles has \
            its own index (pagefind/<year>/, pagefind/undated/) counting at least as many pages as the year has \
            articles (articles/<year>/<MM>/<id>.html, articles/undated/<id>.html), and that pagefind/ holds nothing \
            else. Also reports any folder holding more than 10,000 entries. Prints one line per problem, naming the \
            file, then a summary; exits 1 when there is any problem.
            """
    )

    @Argument(help: "The built site folder.")
    var site = "site"

    @Flag(name: .shortAndLong, help: "Print only the summary line.")
    var quiet = false

    func run() throws {
        let fs = LocalFileSystem()
        guard fs.isDirectory(site) else {
            var err = FileHandle.standardError
            print("hysite check: \(site) is not a folder; build the site first (hysite build --output \(site))", to: &err)
            throw ExitCode(1)
        }
        let report = SiteChecker.check(site: site, fs: fs)
        if !quiet {
            for p in report.problems { print("\(report.site)\(p)") }
        }
        print("hysite: \(report.summary)")
        if !report.passed { throw ExitCode(1) }
    }
}

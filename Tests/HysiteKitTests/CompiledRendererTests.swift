import Foundation
import Testing
@testable import HysiteKit

/// The compiled templates against swift-mustache, page by page: every page of the seeds' site, the labelled
/// set's site and a generated 1,000-article site must be byte-identical to what swift-mustache renders, both
/// from the same typed view models (`MustacheOracle`) and from the old renderer's dictionaries (`LegacyRenderer`).
@Suite struct CompiledRendererTests {
    static let templatesFolder = repoRoot + "/Templates"
    static let diffFolder = FileManager.default.temporaryDirectory.appendingPathComponent("hysite-render-diff").path

    /// Renders every page three ways and returns the paths whose bytes differ (the first few written to a temp folder).
    func mismatches(input: String, config: SiteConfig) throws -> (pages: Int, differing: [String]) {
        let (pages, _) = Pipeline.loadPages([input], fs: LocalFileSystem())
        let archive = Archive(articles: Pipeline.parse(pages).articles, config: config)
        let (templates, diagnostics, _) = Pipeline.loadTemplates(Self.templatesFolder, fs: LocalFileSystem())
        let renderer = Renderer(archive: archive, templates: try #require(templates, "\(diagnostics)"))
        let legacy = try LegacyRenderer(renderer, templatesFolder: Self.templatesFolder)
        let oracle = try MustacheOracle(templatesFolder: Self.templatesFolder)
        var differing: [String] = []
        let jobs = renderer.jobs()
        for job in jobs {
            let compiled = renderer.render(job)
            let fromModels = renderer.render(job, using: oracle)
            let old = legacy.render(job)
            if compiled.bytes != fromModels.bytes || compiled.bytes != old.bytes {
                if differing.count < 3 { dump(compiled, fromModels, old) }
                differing.append(compiled.path)
            }
        }
        return (jobs.count, differing)
    }

    func dump(_ files: OutputFile...) {
        let dir = Self.diffFolder
        for (f, kind) in zip(files, ["compiled", "oracle", "legacy"]) {
            let path = "\(dir)/\(kind)/\(f.path)"
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(f.bytes))
        }
    }

    @Test func seedsSiteIsByteIdentical() throws {
        let r = try mismatches(input: repoRoot + "/seeds", config: SiteConfig())
        #expect(r.pages > 40)
        #expect(r.differing.isEmpty, "\(r.differing.count) pages differ, e.g. \(r.differing.prefix(5)); see \(Self.diffFolder)")
    }

    /// Canonical links, the sitemap, no search and pagination on every person page with more than two articles.
    @Test func seedsSiteWithBaseURLAndSmallPagesIsByteIdentical() throws {
        var config = SiteConfig()
        config.baseURL = "https://archive.example.cn/news/"
        config.search = false
        config.pageSize = 2
        config.homeDays = 2
        let r = try mismatches(input: repoRoot + "/seeds", config: config)
        #expect(r.differing.isEmpty, "\(r.differing.count) pages differ, e.g. \(r.differing.prefix(5)); see \(Self.diffFolder)")
    }

    @Test func labelledSetSiteIsByteIdentical() throws {
        var config = SiteConfig()
        config.pageSize = 3
        let r = try mismatches(input: fixtures + "/labelled", config: config)
        #expect(r.pages > 100)
        #expect(r.differing.isEmpty, "\(r.differing.count) pages differ, e.g. \(r.differing.prefix(5)); see \(Self.diffFolder)")
    }

    @Test func generatedThousandArticleSiteIsByteIdentical() throws {
        let dir = try generateCorpus(1000)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try mismatches(input: dir + "/pages", config: SiteConfig())
        #expect(r.pages > 1000)
        #expect(r.differing.isEmpty, "\(r.differing.count) pages differ, e.g. \(r.differing.prefix(5)); see \(Self.diffFolder)")
    }
}

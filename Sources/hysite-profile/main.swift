// Developer tool: where does a build spend its time? Prints seconds per stage and per page kind (one thread).
import Foundation
import HysiteKit

let args = CommandLine.arguments
let input = args.count > 1 ? args[1] : "seeds"
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
let fs = LocalFileSystem()
var t = now()
let (pages, _) = Pipeline.loadPages([input], fs: fs)
print(String(format: "load      %7.3f s  %d pages", now() - t, pages.count)); t = now()
let parsed = Pipeline.parse(pages)
print(String(format: "parse     %7.3f s  %d articles", now() - t, parsed.articles.count)); t = now()
let archive = Archive(articles: parsed.articles, config: SiteConfig())
print(String(format: "assemble  %7.3f s  %d people", now() - t, archive.people.count)); t = now()
let (templates, _, _) = Pipeline.loadTemplates("Templates", fs: fs)
let renderer = Renderer(archive: archive, templates: templates!)
// Each page kind rendered REPS times (default 5); the fastest run counts (robust against a busy machine).
// Per kind: seconds, pages, bytes, and the seconds spent in the compiled template (the rest builds the view model,
// cmark included for articles).
var best: [String: (Double, Int, Int, Double)] = [:]
let jobs = renderer.jobs()
let reps = Int(ProcessInfo.processInfo.environment["REPS"] ?? "5") ?? 5
// ONLY=kind: render that kind's first 200 pages over and over (for a profiler), then stop.
if let only = ProcessInfo.processInfo.environment["ONLY"] {
    let picked = jobs.filter { String(describing: $0).hasPrefix(only) }.prefix(200)
    var templateSeconds = 0.0, n = 0
    let start = now()
    for _ in 0..<(reps * 20) {
        for j in picked { templateSeconds += renderer.renderTimed(j).templateSeconds; n += 1 }
    }
    print(String(format: "%@: %.1f µs/page, template %.1f µs/page", only, (now() - start) / Double(n) * 1e6, templateSeconds / Double(n) * 1e6))
    exit(0)
}
for _ in 0..<reps {
    var byKind: [String: (Double, Int, Int, Double)] = [:]
    for job in jobs {
        let kind = String(describing: job).split(separator: "(").first.map(String.init) ?? "?"
        let s = now()
        let (f, templateSeconds) = renderer.renderTimed(job)
        let e = now() - s
        let v = byKind[kind] ?? (0, 0, 0, 0)
        byKind[kind] = (v.0 + e, v.1 + 1, v.2 + f.bytes.count, v.3 + templateSeconds)
    }
    for (k, v) in byKind where best[k] == nil || best[k]!.0 > v.0 { best[k] = v }
}
print("render kind          seconds   pages   µs/page  (template)   KB/page   µs/KB")
for (k, v) in best.sorted(by: { $0.value.0 > $1.value.0 }) {
    let kb = Double(v.2) / 1024
    print(String(format: "render %-12@ %7.3f s  %6d  %8.1f  (%8.1f)  %7.1f  %6.2f",
                 k as NSString, v.0, v.1, v.0 / Double(v.1) * 1e6, v.3 / Double(v.1) * 1e6, kb / Double(v.1), kb > 0 ? v.0 * 1e6 / kb : 0))
}
// The Markdown step alone (cmark), which the article pages' times include.
var cmarkBest = Double.infinity
for _ in 0..<reps {
    let s = now()
    for a in archive.articles { _ = Markdown.body(a.paragraphs) }
    cmarkBest = min(cmarkBest, now() - s)
}
print(String(format: "cmark  %-12@ %7.3f s  %6d bodies  %7.1f µs/body", "(in article)" as NSString, cmarkBest, archive.articles.count,
             cmarkBest / Double(max(1, archive.articles.count)) * 1e6))

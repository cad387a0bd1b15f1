// Developer tool: where does a build spend its time? Prints seconds per stage and per page kind (one thread).
import Foundation
import HysiteKit

let args = CommandLine.arguments
let input = args.count > 1 ? args[1] : "seeds"
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
/// This thread's CPU time (rendering is timed by it: other processes on a busy machine do not count).
func cpu() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
let fs = LocalFileSystem()
var t = now()
let (pages, _) = Pipeline.loadPages([input], fs: fs)
print(String(format: "load      %7.3f s  %d pages", now() - t, pages.count)); t = now()
// Passes over the picked pages (ONLY=…) or renders of each kind: REPS, default 5.
let reps = Int(ProcessInfo.processInfo.environment["REPS"] ?? "5") ?? 5
// ONLY=parse: parse the first 200 pages over and over in this thread (page parse, then each article's names), then
// stop; prints the fastest pass in CPU time per article (parsing in parallel measured the machine more than the parser).
if ProcessInfo.processInfo.environment["ONLY"] == "parse" {
    let picked = pages.prefix(200)
    var fastest = Double.infinity, articles = 0
    for _ in 0..<(reps * 4) {
        let pass = cpu()
        articles = 0
        for page in picked {
            let parsed = PageParser.parse(page)
            articles += parsed.articles.map(PeopleFinder.evidence(in:)).count
        }
        fastest = min(fastest, cpu() - pass)
    }
    print(String(format: "parse: fastest pass %.1f µs/article (%d pages, %d articles, CPU time)", fastest / Double(max(1, articles)) * 1e6,
                 picked.count, articles))
    exit(0)
}
let parsed = Pipeline.parse(pages)
print(String(format: "parse     %7.3f s  %d articles", now() - t, parsed.articles.count)); t = now()
let archive = Archive(articles: parsed.articles, config: SiteConfig())
print(String(format: "assemble  %7.3f s  %d people", now() - t, archive.people.count)); t = now()
let (loaded, templateDiagnostics, _) = Pipeline.loadTemplates("Templates", fs: fs)
guard let templates = loaded else {
    for d in templateDiagnostics { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
    FileHandle.standardError.write(Data("hysite-profile: the templates in ./Templates did not load (run it from the repository)\n".utf8))
    exit(1)
}
let renderer = Renderer(archive: archive, templates: templates)
// Each page kind rendered REPS times (default 5), timed in this thread's CPU time; the fastest run counts.
// Per kind: seconds, pages, bytes, and the seconds spent in the compiled template (the rest builds the view model,
// cmark included for articles).
let jobs = renderer.jobs()
func kind(_ job: PageJob) -> String { String(describing: job).split(separator: "(").first.map(String.init) ?? "?" }
// ONLY=kind: render that kind's first 200 pages over and over (for a profiler), then stop. Besides the mean, the
// fastest pass over the 200 pages: on a shared machine the mean of two runs of the same binary differed by a third.
if let only = ProcessInfo.processInfo.environment["ONLY"] {
    let picked = jobs.filter { kind($0) == only }.prefix(200)
    // Timed passes (the template's share, read from the clock around it) alternate with plain passes as a build
    // renders, whose fastest is the figure: reading the thread's CPU clock twice a page cost about 1.5 µs.
    var templateSeconds = 0.0, n = 0, fastest = Double.infinity, timedSeconds = 0.0
    for pass in 0..<(reps * 20) {
        let start = cpu()
        if pass % 2 == 0 {
            for j in picked { templateSeconds += renderer.renderTimed(j).templateSeconds; n += 1 }
            timedSeconds += cpu() - start
        } else {
            for j in picked { _ = renderer.render(j) }
            fastest = min(fastest, cpu() - start)
        }
    }
    print(String(format: "%@: %.1f µs/page timed, template %.1f µs/page of it; fastest plain pass %.1f µs/page (CPU time)", only,
                 timedSeconds / Double(n) * 1e6, templateSeconds / Double(n) * 1e6, fastest / Double(max(1, picked.count)) * 1e6))
    exit(0)
}
var byKindJobs: [String: [PageJob]] = [:]
for job in jobs { byKindJobs[kind(job), default: []].append(job) }
var best: [String: (seconds: Double, pages: Int, bytes: Int, templateSeconds: Double)] = [:]
for _ in 0..<reps {
    for (k, list) in byKindJobs {
        // A kind with few pages is rendered over and over (at least 200 renders), so its figure is not one cold run.
        let rounds = max(1, 200 / list.count)
        var bytes = 0, templateSeconds = 0.0
        let s = cpu()
        for _ in 0..<rounds { for job in list {
            let (f, t) = renderer.renderTimed(job)
            bytes += f.bytes.count
            templateSeconds += t
        } }
        let e = (cpu() - s) / Double(rounds)
        if best[k] == nil || best[k]!.seconds > e { best[k] = (e, list.count, bytes / rounds, templateSeconds / Double(rounds)) }
    }
}
print("render kind       CPU seconds   pages   µs/page  (template)   KB/page   µs/KB")
for (k, v) in best.sorted(by: { $0.value.seconds > $1.value.seconds }) {
    let kb = Double(v.bytes) / 1024
    print(String(format: "render %-12@ %7.3f s  %6d  %8.1f  (%8.1f)  %7.1f  %6.2f",
                 k as NSString, v.seconds, v.pages, v.seconds / Double(v.pages) * 1e6, v.templateSeconds / Double(v.pages) * 1e6, kb / Double(v.pages),
                 kb > 0 ? v.seconds * 1e6 / kb : 0))
}
// The article body alone, through libcmark as the site makes it.
for (name, body) in [("cmark", { Markdown.body($0) })] as [(name: String, body: ([String]) -> String)] {
    var bestBody = Double.infinity
    for _ in 0..<reps {
        let s = cpu()
        for a in archive.articles { _ = body(a.paragraphs) }
        bestBody = min(bestBody, cpu() - s)
    }
    print(String(format: "%-5@ (article body) %7.3f s  %6d bodies  %7.1f µs/body", name as NSString, bestBody, archive.articles.count,
                 bestBody / Double(max(1, archive.articles.count)) * 1e6))
}

import ArgumentParser
import Dispatch
import FlyingFox
import Foundation
import HysiteKit

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the site on this machine, and rebuild and reload open pages when a file changes.",
        discussion: """
            Watches the input folder, the templates, hysite.yml and the people file. A failed rebuild keeps \
            serving the last good site and shows the errors over the open pages and here. Binds 127.0.0.1 \
            unless --host says otherwise. Ctrl-C stops it.
            """
    )

    @OptionGroup var site: SiteArguments

    @Option(name: .long, help: "Port to listen on.")
    var port: UInt16 = 1313

    @Option(name: .long, help: "Address to listen on (an IPv4 or IPv6 literal). Default: loopback only.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "URL path the site is served under, e.g. /archive/.")
    var basePath: String = "/"

    @Flag(name: .long, help: "Leave search out (faster rebuilds: with search, Pagefind indexes the edited year again).")
    var noSearch = false

    @Flag(name: .shortAndLong, help: "Print only errors and one line per rebuild.")
    var quiet = false

    @Flag(name: .long, help: "Print each step of every build with its wall-clock time.")
    var timings = false

    func run() throws {
        let options = site.buildOptions(search: !noSearch)
        let (siteConfig, _) = Pipeline.loadConfig(site.config, fs: LocalFileSystem())
        let out = site.output ?? siteConfig.output
        let lock = try takeLock(output: out, wait: false)
        if !quiet && TerminalProgress.isTerminal { BuildProgress.sink = TerminalProgress() }
        let session = ServeSession(options: options, config: siteConfig, output: out, quiet: quiet, timings: timings)
        session.buildOnce(first: true)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let handler = SiteHTTPHandler(root: out, basePath: basePath, live: session.live)
        let server = try DevServer.make(host: host, port: port, handler: handler)
        startServer(server, url: "http://\(host.contains(":") ? "[\(host)]" : host):\(port)\(handler.paths.basePath)", output: out)
        session.watch()
        stopOnSignals(server, lock: lock)
        dispatchMain()
    }

    func startServer(_ server: HTTPServer, url: String, output: String) {
        Task {
            do { try await server.run() } catch {
                if stopping.isSet { return }
                complain("hysite: cannot serve on \(host):\(port): \(error)")
                Foundation.exit(1)
            }
        }
        Task {
            try? await server.waitUntilListening(timeout: 10)
            say("hysite: serving \(output)/ at \(url) (Ctrl-C to stop)")
        }
    }

    func stopOnSignals(_ server: HTTPServer, lock: BuildLock) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler {
                say("\nhysite: stopping")
                stopping.set()
                Task {
                    await server.stop(timeout: 1)
                    lock.release()
                    Foundation.exit(0)
                }
            }
            source.resume()
            signalSources.append(source)
        }
    }
}

/// Set once Ctrl-C (or SIGTERM) arrives: the server's end is then expected, not an error.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

let stopping = StopSignal()

/// Kept alive for the process's life.
nonisolated(unsafe) var signalSources: [any DispatchSourceSignal] = []

/// The serve loop's builds: the first one, then one per settled change of the watched files.
final class ServeSession: @unchecked Sendable {
    let options: BuildOptions
    let config: SiteConfig
    let output: String
    let quiet: Bool
    let timings: Bool
    let live = LiveState()
    /// The last build, kept so that an edit of an article's text patches it instead of building the archive again.
    let memory = BuildMemory()

    init(options: BuildOptions, config: SiteConfig, output: String, quiet: Bool, timings: Bool) {
        self.options = options
        self.config = config
        self.output = output
        self.quiet = quiet
        self.timings = timings
    }

    /// Builds; on success open pages reload, on failure they show the errors and the last good site stays. The
    /// first build keeps nothing (an up-to-date site is served at once); later ones keep and reuse `memory`
    /// (`priming`: the one that fills it, before any change).
    func buildOnce(first: Bool, priming: Bool = false) {
        let report = first ? Pipeline.build(options) : Pipeline.build(options, memory: memory)
        BuildProgress.finish()
        let errors = report.diagnostics.filter { $0.severity == .error }.sortedForDisplay().map { "\($0)" }
        printDiagnostics(report.diagnostics, quiet: quiet || !first)
        if timings {
            for line in report.timingLines { say(line) }
        }
        if report.succeeded {
            say("hysite: \(first ? "built" : priming ? "archive kept in memory for quick rebuilds" : "rebuilt"): \(report.summary)")
            // Open pages reload when a file changed; otherwise an error shown over them is cleared.
            if !first && report.pagesWritten + report.pagesRemoved > 0 { live.published() }
            if !first && report.pagesWritten + report.pagesRemoved == 0 { live.failed([]) }
        } else {
            say("hysite: \(first ? "build" : "rebuild") failed; serving the last good site")
            live.failed(errors.isEmpty ? ["build failed (see the terminal)"] : errors)
        }
    }

    /// The files whose changes trigger a rebuild.
    func watchedPaths() -> [String] {
        let input = options.input ?? config.input
        let parent = (input as NSString).deletingLastPathComponent
        var paths = [input, options.templates ?? config.templates, options.configFile,
                     parent.isEmpty ? "people.yml" : parent + "/people.yml"]
        if let p = config.peopleFile { paths.append(p) }
        return paths
    }

    /// Polls the watched files on a background thread and rebuilds after changes settle. Before the first change,
    /// the archive is assembled once more to be kept in memory (the site is served meanwhile).
    func watch() {
        let watcher = FileWatcher(paths: watchedPaths())
        Thread.detachNewThread { [self] in
            buildOnce(first: false, priming: true)
            while true {
                watcher.waitForChange()
                buildOnce(first: false)
            }
        }
    }
}

/// One line to standard output, unbuffered (the serve loop prints from several threads).
func say(_ line: String) { FileHandle.standardOutput.write(line + "\n") }

/// One line to standard error.
func complain(_ line: String) { FileHandle.standardError.write(line + "\n") }

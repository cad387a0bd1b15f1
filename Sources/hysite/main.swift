import ArgumentParser
import Foundation
import HysiteKit

struct Hysite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hysite",
        abstract: "Turns a folder of newspaper page files into a linked static archive site.",
        version: HysiteInfo.version,
        subcommands: [Build.self, Serve.self, Init.self, Parse.self, Check.self],
        defaultSubcommand: Build.self
    )
}

/// The folders and settings file the site commands read (`build`, `serve`).
struct SiteArguments: ParsableArguments {
    @Option(name: .shortAndLong, help: "Folder of page files (.txt). Default: 'input' in hysite.yml, else seeds.")
    var input: String?

    @Option(name: .shortAndLong, help: "Folder the site is built into, replaced only when a build completes. Default: 'output' in hysite.yml, else site.")
    var output: String?

    @Option(name: .shortAndLong, help: "Folder of Mustache templates and assets. Default: Templates, else the built-in ones.")
    var templates: String?

    @Option(name: .long, help: "Configuration file, read when it exists.")
    var config: String = "hysite.yml"

    /// Build options for these folders and settings file.
    func buildOptions(search: Bool) -> BuildOptions {
        var options = BuildOptions(input: input, output: output, templates: templates)
        options.configFile = config
        options.search = search
        return options
    }

    /// The output folder: the option, else hysite.yml's `output`.
    func outputFolder() -> String {
        output ?? Pipeline.loadConfig(config, fs: LocalFileSystem()).config.output
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site: one page per article, person and date, with indexes, search and feeds.",
        discussion: """
            Reads hysite.yml in the current folder when it exists. Warnings (undated article, empty file, \
            unknown byline form) never fail the build. Errors (a file that is not UTF-8 or GB18030 text, a \
            malformed people file or config, a template error) leave the output folder untouched and exit 1; \
            with --keep-going everything else is built and the exit code is still 1.
            """
    )

    @OptionGroup var site: SiteArguments

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "Build everything that can be built despite errors; still exit 1.")
    var keepGoing = false

    @Flag(name: .long, help: "Leave search out: no Pagefind index, no search page, no 搜索 link.")
    var noSearch = false

    @Flag(name: .shortAndLong, help: "Print only errors and the summary.")
    var quiet = false

    @Flag(name: .long, help: "When another hysite is building into the same output, wait for it instead of exiting 1.")
    var wait = false

    @Flag(name: .long, help: "Print each step of the build with its wall-clock time.")
    var timings = false

    func run() throws {
        let lock = try takeLock(output: site.outputFolder(), wait: wait)
        defer { lock.release() }
        var options = site.buildOptions(search: !noSearch)
        options.strict = strict
        options.keepGoing = keepGoing
        if !quiet && TerminalProgress.isTerminal { BuildProgress.sink = TerminalProgress() }
        options.exitsAfter = true  // the process ends with this build: its archive is not freed piece by piece
        let report = Pipeline.build(options)
        BuildProgress.finish()
        printDiagnostics(report.diagnostics, quiet: quiet)
        if timings {
            for line in report.timingLines { print(line) }
        }
        if report.succeeded {
            print("hysite: \(report.summary) → \(report.output)/")
        } else {
            let why = report.diagnostics.hasErrors ? "errors above" : "warnings above (--strict)"
            if report.pagesWritten > 0 {
                print("hysite: built with \(why): \(report.summary) → \(report.output)/")
            } else {
                print("hysite: build failed (\(why)); \(report.output)/ was left as it was")
            }
            throw ExitCode(1)
        }
    }
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse page files and print the article model (for inspection and other tools)."
    )

    @Argument(help: "Page files or folders of page files. Default: 'input' in hysite.yml, else seeds.")
    var paths: [String] = []

    @Flag(name: .long, help: "Print JSON: {articles:[{id,file,kicker,title,subtitles,source,reporters,date,time_of_day,paragraphs,people,url}],diagnostics:[…]}.")
    var json = false

    @Option(name: .long, help: "Year for pages whose file name and text name none (default: default_year in hysite.yml).")
    var defaultYear: Int?

    @Option(name: .long, help: "Configuration file, read when it exists (its input, default_year and people file apply, as in build).")
    var config: String = "hysite.yml"

    func run() throws {
        let parsed = Pipeline.parseInputs(paths, configFile: config, defaultYear: defaultYear, fs: LocalFileSystem())
        let diagnostics = parsed.diagnostics
        if json {
            FileHandle.standardOutput.write(try ParseJSON(articles: parsed.articles, diagnostics: diagnostics).encoded())
            print()
        } else {
            for a in parsed.articles {
                print("\(a.file):\(a.line)  \(a.date?.iso ?? "undated")  \(a.title)")
                print("    \(a.reporters.map { "\($0.role) \($0.name)" }.joined(separator: ", "))  people: \(a.people.joined(separator: "、"))")
            }
            printDiagnostics(diagnostics, quiet: false)
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic], quiet: Bool) {
    let errors = diagnostics.filter { $0.severity == .error }
    let warnings = diagnostics.filter { $0.severity == .warning }
    var err = FileHandle.standardError
    if !errors.isEmpty {
        print("\(errors.count) error\(errors.count == 1 ? "" : "s"):", to: &err)
        for d in errors.sortedForDisplay() { print("  \(d)", to: &err) }
    }
    if !warnings.isEmpty && !quiet {
        print("\(warnings.count) warning\(warnings.count == 1 ? "" : "s"):", to: &err)
        for d in warnings.sortedForDisplay() { print("  \(d)", to: &err) }
    }
}

extension FileHandle: @retroactive TextOutputStream {
    /// Writes the string's UTF-8 bytes, so `print(_:to:)` can print to a file handle such as standard error.
    public func write(_ string: String) { write(Data(string.utf8)) }
}

HugePageMalloc.restartIfUseful()
Hysite.main()

import FlyingFox
import Foundation
import Testing
@testable import HysiteKit
#if canImport(Glibc)
import Glibc
#endif

/// `hysite serve`'s request paths: only files of the site, never a way out of it.
@Suite struct SitePathTests {
    /// A site folder with pages as files and as folders (an article, a person), a folder without index.html, the
    /// manifest, and links in and out.
    static func makeSite() throws -> (root: String, outside: String) {
        let tmp = NSTemporaryDirectory() + "hysite-paths-\(UUID().uuidString)"
        let fm = FileManager.default
        let disk = LocalFileSystem()
        try disk.write(Data("<p>home</p></body>".utf8), to: "\(tmp)/site/index.html")
        try disk.write(Data("a".utf8), to: "\(tmp)/site/articles/2023/07/a-1.html")
        try disk.write(Data("p".utf8), to: "\(tmp)/site/people/a/index.html")
        try disk.write(Data("css".utf8), to: "\(tmp)/site/assets/site.css")
        try disk.write(Data("m".utf8), to: "\(tmp)/site/.hysite-manifest")
        try disk.createDirectory("\(tmp)/site/empty")
        try disk.write(Data("secret".utf8), to: "\(tmp)/secret/passwd")
        try fm.createSymbolicLink(atPath: "\(tmp)/site/out-file", withDestinationPath: "\(tmp)/secret/passwd")
        try fm.createSymbolicLink(atPath: "\(tmp)/site/out-dir", withDestinationPath: "\(tmp)/secret")
        try fm.createSymbolicLink(atPath: "\(tmp)/site/in-link.css", withDestinationPath: "\(tmp)/site/assets/site.css")
        return ("\(tmp)/site", "\(tmp)/secret")
    }

    @Test func pathsStayInsideTheSite() throws {
        let (root, _) = try Self.makeSite()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let paths = SitePath(root: root)
        let real = paths.root
        #expect(paths.resolve("/") == .file(real + "/index.html"))
        #expect(paths.resolve("/articles/2023/07/a-1.html") == .file(real + "/articles/2023/07/a-1.html"))
        #expect(paths.resolve("/people/a/") == .file(real + "/people/a/index.html"))
        #expect(paths.resolve("/people/a") == .redirect("/people/a/"))
        #expect(paths.resolve("/assets/site.css") == .file(real + "/assets/site.css"))
        #expect(paths.resolve("/in-link.css") == .file(real + "/assets/site.css"), "a link inside the site is fine")
        #expect(paths.resolve("/empty/") == .notFound, "no directory listings")
        #expect(paths.resolve("/missing.html") == .notFound)
        #expect(paths.resolve("/.hysite-manifest") == .notFound, "hidden files are not served")
        for escape in ["/../secret/passwd", "/articles/../../secret/passwd", "/%2e%2e/secret/passwd", "/%2E%2E/secret/passwd",
                       "/..%2fsecret/passwd", "/%2e%2e%2fsecret%2fpasswd", "/articles/%2e%2e/%2e%2e/secret/passwd", "/./index.html",
                       "/index.html%00.css", "/..%5csecret", "/%zz"] {
            #expect(paths.resolve(escape) == .rejected, "\(escape)")
        }
        #expect(paths.resolve("/out-file") == .rejected, "a link to a file outside the site")
        #expect(paths.resolve("/out-dir/passwd") == .rejected, "a link to a folder outside the site")
        #expect(paths.resolve("/out-dir/") == .rejected)
    }

    @Test func basePath() throws {
        let (root, _) = try Self.makeSite()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let paths = SitePath(root: root, basePath: "archive")
        #expect(paths.basePath == "/archive/")
        #expect(paths.resolve("/") == .redirect("/archive/"))
        #expect(paths.resolve("/archive") == .redirect("/archive/"))
        #expect(paths.resolve("/archive/") == .file(paths.root + "/index.html"))
        #expect(paths.resolve("/index.html") == .notFound)
        #expect(paths.resolve("/archive/../archive/index.html") == .rejected)
    }

    @Test func mediaTypes() {
        #expect(MediaType.of("feed.xml").hasPrefix("application/xml"))
        #expect(MediaType.of("pagefind/pagefind-entry.json") == "application/json")
        #expect(MediaType.of("pagefind/index/en_1a2b.pf_index") == "application/octet-stream")
        #expect(MediaType.of("pagefind/wasm.zh.pagefind") == "application/octet-stream")
        #expect(MediaType.of("x/pagefind.wasm") == "application/wasm")
        #expect(MediaType.of("assets/site.css").hasPrefix("text/css"))
        #expect(MediaType.of("assets/search.js").hasPrefix("text/javascript"))
        #expect(MediaType.of("logo.svg") == "image/svg+xml")
        #expect(MediaType.of("index.html") == "text/html; charset=utf-8")
    }

    @Test func liveReloadHookGoesBeforeTheLastBodyEnd() {
        let html = Data("<html><body><p>x</p></body></html>".utf8)
        let out = String(decoding: LiveReloadScript.inject(into: html, generation: 7), as: UTF8.self)
        #expect(out.hasPrefix("<html><body><p>x</p><script data-hysite-live>"))
        #expect(out.hasSuffix("</script></body></html>"))
        #expect(out.contains("var shown=7;"))
    }
}

/// The server itself over a real loopback socket, with raw request lines (no client normalises them first).
@Suite(.serialized) struct DevServerTests {
    /// Sends one raw HTTP/1.1 request to 127.0.0.1:port; returns the status code and the body.
    static func get(_ target: String, port: UInt16) throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { throw FileSystemError(path: "127.0.0.1:\(port)", reason: "connect failed") }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        // Until the connection closes or the body announced by Content-Length is complete.
        while !complete(response) {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response += buffer[..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status: status, body: body)
    }

    static func complete(_ response: [UInt8]) -> Bool {
        let text = String(decoding: response, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else { return false }
        return Array(text[end.upperBound...].utf8).count >= length
    }

    @Test func servesTheSiteAndNothingElse() async throws {
        let (root, _) = try SitePathTests.makeSite()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        try LocalFileSystem().write(Data("<h1>不在</h1></body>".utf8), to: "\(root)/404.html")
        let handler = SiteHTTPHandler(root: root, basePath: "/", live: LiveState())
        let port = UInt16.random(in: 20000...40000)
        let server = try DevServer.make(host: "127.0.0.1", port: port, handler: handler)
        let task = Task { try await server.run() }
        defer { task.cancel() }
        try await server.waitUntilListening(timeout: 10)
        let home = try Self.get("/", port: port)
        #expect(home.status == 200 && home.body.contains("home") && home.body.contains("data-hysite-live"))
        #expect(try String(contentsOfFile: root + "/index.html", encoding: .utf8) == "<p>home</p></body>", "the site's file is untouched")
        for escape in ["/../secret/passwd", "/%2e%2e/secret/passwd", "/%2e%2e%2fsecret%2fpasswd", "/out-file", "/out-dir/passwd", "/.hysite-manifest"] {
            let r = try Self.get(escape, port: port)
            #expect(r.status == 404 && !r.body.contains("secret"), "\(escape)")
            #expect(r.body.contains("不在"), "the site's 404.html")
        }
        #expect(try Self.get("/people/a", port: port).status == 301)
        #expect(try Self.get("/articles/2023/07/a-1.html", port: port).status == 200)
        #expect(try Self.get("/empty/", port: port).status == 404)
        await server.stop(timeout: 1)
    }
}

/// One build at a time per output folder.
@Suite(.serialized) struct BuildLockTests {
    @Test func secondTakerIsToldWhoHoldsIt() throws {
        let tmp = NSTemporaryDirectory() + "hysite-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        guard case .acquired(let first) = BuildLock.acquire(output: "\(tmp)/site", wait: false) else { Issue.record("first"); return }
        #expect(first.path == "\(tmp)/.site.hysite-lock")
        guard case .held(let pid, _) = BuildLock.acquire(output: "\(tmp)/site/", wait: false) else { Issue.record("second"); return }
        #expect(pid == getpid())
        first.release()
        guard case .acquired(let again) = BuildLock.acquire(output: "\(tmp)/site", wait: false) else { Issue.record("after release"); return }
        #expect(again.tookOverFrom == nil)
    }

    @Test func staleLockIsTakenOver() throws {
        let tmp = NSTemporaryDirectory() + "hysite-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        try LocalFileSystem().write(Data("\(gone.processIdentifier)\n".utf8), to: "\(tmp)/.site.hysite-lock")
        guard case .acquired(let lock) = BuildLock.acquire(output: "\(tmp)/site", wait: false) else { Issue.record("stale"); return }
        #expect(lock.tookOverFrom == gone.processIdentifier)
        #expect(try String(contentsOfFile: lock.path, encoding: .utf8) == "\(getpid())\n")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CrashSafetyTests.binary), "needs the debug binary (swift build)"))
    func twoBuildsOnOneOutput() throws {
        let tmp = NSTemporaryDirectory() + "hysite-twobuilds-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try CrashSafetyTests.makeCorpus("\(tmp)/big", pages: 300)
        let args = ["build", "--input", "\(tmp)/big", "--output", "\(tmp)/site", "--templates", repoRoot + "/Templates",
                    "--no-search", "--config", "\(tmp)/none.yml"]
        let first = try CLI.start(args)
        // Wait until the first build holds the lock (its pid is in the file).
        let lockFile = "\(tmp)/.site.hysite-lock"
        for _ in 0..<200 where (try? String(contentsOfFile: lockFile, encoding: .utf8)) != "\(first.processIdentifier)\n" {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let second = try CLI.run(args)
        #expect(second.status == 1)
        #expect(second.stderr.contains("process \(first.processIdentifier)"), "names the holder: \(second.stderr)")
        let waiting = try CLI.run(args + ["--wait"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(waiting.status == 0, "--wait waits for the first build, then builds: \(waiting.stderr)")
    }
}

/// The hysite binary, run as a user would.
enum CLI {
    static func start(_ args: [String], in folder: String? = nil) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CrashSafetyTests.binary)
        p.arguments = args
        if let folder { p.currentDirectoryURL = URL(fileURLWithPath: folder) }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func run(_ args: [String], in folder: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CrashSafetyTests.binary)
        p.arguments = args
        if let folder { p.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

/// The default look is built into the binary, so hysite builds anywhere.
@Suite struct EmbeddedTemplatesTests {
    @Test func embeddedCopyEqualsTemplatesFolderByteForByte() throws {
        let disk = LocalFileSystem()
        let folder = repoRoot + "/Templates"
        let onDisk = try disk.files(under: folder).filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
        let embedded = EmbeddedTemplates.files
        #expect(embedded.map(\.path) == onDisk, "run scripts/embed-templates.sh after changing Templates/")
        for file in embedded {
            #expect(file.bytes == [UInt8](try disk.read("\(folder)/\(file.path)")), "\(file.path) differs: run scripts/embed-templates.sh")
        }
    }

    @Test func buildWithOnlyPageFilesUsesTheBuiltInTemplates() throws {
        var pages: [String: Data] = [:]
        for f in try LocalFileSystem().files(under: repoRoot + "/seeds") { pages["pages/\(f)"] = try LocalFileSystem().read(repoRoot + "/seeds/" + f) }
        let fs = MemoryFileSystem(pages)
        let report = Pipeline.build(BuildOptions(input: "pages", output: "site"), fs: fs, clock: FixedClock())
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(fs.exists("site/index.html") && fs.exists("site/assets/site.css"))
        let explicit = Pipeline.build(BuildOptions(input: "pages", output: "site2", templates: "Templates"), fs: fs, clock: FixedClock())
        #expect(!explicit.succeeded, "a templates folder given with --templates must exist")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CrashSafetyTests.binary), "needs the debug binary (swift build)"))
    func binaryBuildsInAnEmptyFolderAndPrintsItsVersion() throws {
        let tmp = NSTemporaryDirectory() + "hysite-anywhere-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let disk = LocalFileSystem()
        for f in try disk.files(under: repoRoot + "/seeds") { try disk.write(try disk.read(repoRoot + "/seeds/" + f), to: "\(tmp)/seeds/\(f)") }
        let build = try CLI.run(["build", "--no-search"], in: tmp)
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        #expect(disk.exists("\(tmp)/site/index.html") && disk.exists("\(tmp)/site/assets/site.css"))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0 && version.stdout == HysiteInfo.version + "\n")
        let initialized = try CLI.run(["init", "\(tmp)/new"])
        #expect(initialized.status == 0)
        #expect(try disk.files(under: "\(tmp)/new/Templates") == disk.files(under: repoRoot + "/Templates"))
        #expect(try CLI.run(["init", "\(tmp)/new"]).status == 1, "init never overwrites")
    }
}

/// The live progress line's text.
@Suite struct ProgressTests {
    @Test func lineShowsCountsAndRate() {
        #expect(TerminalProgress.format(stage: .rendering, done: 1536, total: 4210, unit: "pages", seconds: 2) == "  rendering  1,536/4,210 pages  768/s")
        #expect(TerminalProgress.format(stage: .parsing, done: 7, total: nil, unit: "articles", seconds: 0) == "  parsing    7 articles")
        #expect(TerminalProgress.grouped(100_000) == "100,000")
    }
}

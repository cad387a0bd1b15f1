import ArgumentParser
import Foundation
import HysiteKit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a site in a folder: a starter hysite.yml, a copy of the templates to restyle, a pages/ folder."
    )

    @Argument(help: "Folder to set up (made when missing). Default: the current folder.")
    var directory: String = "."

    func run() throws {
        let fs = LocalFileSystem()
        let config = "\(directory)/hysite.yml", templates = "\(directory)/Templates"
        for existing in [config, templates] where fs.exists(existing) {
            complain("hysite: \(existing) already exists; init leaves existing files alone (move it away or pick another folder)")
            throw ExitCode(1)
        }
        try fs.createDirectory("\(directory)/pages")
        try fs.write(Data(Init.starterConfig.utf8), to: config)
        let written = try EmbeddedTemplates.write(to: templates, fs: fs)
        print("hysite: wrote \(config), \(written.count) files in \(templates)/ and an empty \(directory)/pages/")
        print("next: put page files (.txt) in \(directory)/pages/, then run `hysite serve` (or `hysite build`) in \(directory)")
    }

    /// The starter settings: every key the README lists, most commented out at their defaults.
    static let starterConfig = """
        # hysite settings (all optional; README.md, "Configuration", lists them all)
        title: 衡阳晚报数字档案
        # base_url: https://archive.example.cn/   # enables canonical links, absolute feed links and sitemap.xml
        language: zh-CN
        # default_year: 2023                      # for pages whose file name and text name no year
        page_size: 50
        home_days: 10
        feed_size: 50
        input: pages
        output: site
        templates: Templates                      # delete the folder to use the built-in look
        # people_file: people.yml
        search: true

        """
}

/// Takes the build lock for `output`, or exits 1 naming the process that holds it.
func takeLock(output: String, wait: Bool) throws -> BuildLock {
    let outcome = BuildLock.acquire(output: output, wait: wait) { pid in
        complain("hysite: waiting for \(pid.map { "process \($0)" } ?? "another hysite") building into \(output)/")
    }
    switch outcome {
    case .acquired(let lock):
        if let old = lock.tookOverFrom {
            complain("hysite: took over the lock left by process \(old), which is no longer running")
        }
        return lock
    case .held(let pid, let path):
        complain("hysite: another hysite (\(pid.map { "process \($0)" } ?? "unknown process")) is building into \(output)/ (lock \(path)); wait for it, stop it, or pass --wait")
        throw ExitCode(1)
    case .failed(let reason, let path):
        complain("hysite: cannot take the build lock \(path): \(reason)")
        throw ExitCode(1)
    }
}

import Foundation

/// Writes the rendered site. A full build renders into a fresh folder beside the output and swaps it in
/// only when every file is written, so a failed or killed build leaves the previous site intact.
public enum SiteWriter {
    /// `site` → `.site.hysite-new` / `.site.hysite-old`, beside it.
    static func sibling(_ output: String, _ suffix: String) -> String {
        let trimmed = output.hasSuffix("/") ? String(output.dropLast()) : output
        var parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name = parts.removeLast()
        parts.append(".\(name).hysite-\(suffix)")
        return parts.joined(separator: "/")
    }

    /// Renders every page (in parallel batches) and streams it to disk; returns the number of files written.
    @discardableResult
    public static func write(_ renderer: Renderer, to output: String, fs: FileSystem) throws -> Int {
        let fresh = sibling(output, "new")
        let old = sibling(output, "old")
        try recover(output, fs: fs)
        try fs.removeItem(fresh)
        try fs.createDirectory(fresh)
        let jobs = renderer.jobs()
        let batch = 256
        var written = 0
        let failure = LockedBox<Error?>(nil)
        for start in stride(from: 0, to: jobs.count, by: batch) {
            let slice = Array(jobs[start..<min(start + batch, jobs.count)])
            DispatchQueue.concurrentPerform(iterations: slice.count) { k in
                let file = renderer.render(slice[k])
                do {
                    try fs.write(Data(file.bytes), to: "\(fresh)/\(file.path)")
                } catch {
                    failure.update { $0 = $0 ?? error }
                }
            }
            if let f = failure.value {
                try? fs.removeItem(fresh)
                throw f
            }
            written += slice.count
        }
        // Swap: the old site stays whole until the new one is complete.
        try fs.removeItem(old)
        if fs.exists(output) { try fs.moveItem(output, to: old) }
        try fs.moveItem(fresh, to: output)
        try fs.removeItem(old)
        return written
    }

    /// A build killed between the two renames leaves `.site.hysite-old` and no `site`: put it back.
    static func recover(_ output: String, fs: FileSystem) throws {
        let old = sibling(output, "old")
        if !fs.exists(output) && fs.exists(old) { try fs.moveItem(old, to: output) }
    }
}

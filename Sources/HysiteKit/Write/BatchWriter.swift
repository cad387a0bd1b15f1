import Foundation

/// Writes a clean build's files on a thread of its own, one batch behind the rendering. On ext4 a second thread
/// making files gains little (the kernel makes them one at a time: the benchmark's floor writes 153,000 files in
/// 7.9 s with one thread and 7.4 s with two), so while one thread makes the files of the batch before, both
/// cores' rendering threads go on with the next; the files and their bytes are the same, only the order they are
/// made in changes. At most two batches are held: the one being written and the one being rendered; a file of a
/// megabyte or more (a year's open data) is written at once by the thread that made it, so that a batch of them
/// does not hold hundreds of megabytes.
final class BatchWriter: @unchecked Sendable {
    private let fs: FileSystem
    private let folder: String
    private let queue = DispatchQueue(label: "hysite.batch-writer")
    private let inFlight = DispatchGroup()
    private let lock = NSLock()
    private var pending: [OutputFile] = []
    private var failure: Error?

    /// A writer of files into `folder` (a clean build's fresh folder) through `fs`.
    init(fs: FileSystem, into folder: String) {
        self.fs = fs
        self.folder = folder
    }

    /// Files of this many bytes or more are written by the thread that made them, not held for the writing thread.
    static let largeFile = 1 << 20

    /// Adds a rendered file to the batch being gathered (from any thread); a large file is written now.
    func add(_ file: OutputFile) throws {
        if file.bytes.count >= Self.largeFile {
            try fs.write(bytes: file.bytes, to: "\(folder)/\(file.path)")
        } else {
            lock.withLock { pending.append(file) }
        }
    }

    /// Hands the batch gathered so far to the writing thread, once the batch before it is written; throws the first
    /// write's error, if one failed.
    func flush() throws {
        inFlight.wait()
        try rethrowFailure()
        let batch: [OutputFile] = lock.withLock {
            defer { pending = [] }
            return pending
        }
        guard !batch.isEmpty else { return }
        inFlight.enter()
        queue.async { [self] in
            defer { inFlight.leave() }
            for file in batch {
                do {
                    try fs.write(bytes: file.bytes, to: "\(folder)/\(file.path)")
                } catch {
                    lock.withLock { failure = failure ?? error }
                    return
                }
            }
        }
    }

    /// Writes what is left and waits for every file to be written; throws the first write's error, if one failed.
    func finish() throws {
        try flush()
        inFlight.wait()
        try rethrowFailure()
    }

    /// Waits until no batch is being written (before the folder is removed after another step failed).
    func waitForWrites() {
        inFlight.wait()
    }

    private func rethrowFailure() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}

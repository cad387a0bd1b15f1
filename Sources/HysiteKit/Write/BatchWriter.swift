import Foundation

/// Writes a clean build's files on a thread of its own, one batch behind the rendering. On ext4 a second thread
/// making files gains little (the kernel makes them one at a time: the benchmark's floor writes 153,000 files in
/// 7.9 s with one thread and 7.4 s with two), so while one thread makes the files of the batch before, both
/// cores' rendering threads go on with the next; the files and their bytes are the same, only the order they are
/// made in changes. At most two batches are held: the one being written and the one being rendered, each at most
/// `heldBytes`; a file of a megabyte or more (a year's open data), or one that would take a batch past that, is
/// written at once by the thread that made it, so that a batch of them does not hold hundreds of megabytes.
final class BatchWriter: @unchecked Sendable {
    private let fs: FileSystem
    private let folder: String
    private let queue = DispatchQueue(label: "hysite.batch-writer")
    private let inFlight = DispatchGroup()
    private let lock = NSLock()
    private var pending: [OutputFile] = []
    private var pendingBytes = 0
    private var failure: Error?

    /// Files of this many bytes or more are written by the thread that made them, not held for the writing thread.
    private let largeFile: Int
    /// The most bytes a batch holds for the writing thread.
    private let heldBytes: Int

    /// A writer of files into `folder` (a clean build's fresh folder) through `fs`, holding files under `largeFile`
    /// bytes, at most `heldBytes` a batch.
    init(fs: FileSystem, into folder: String, largeFile: Int = 1 << 20, heldBytes: Int = 32 << 20) {
        (self.fs, self.folder, self.largeFile, self.heldBytes) = (fs, folder, largeFile, heldBytes)
    }

    /// Adds a rendered file to the batch being gathered (from any thread); a large file, or one the batch has no
    /// room left for, is written now.
    func add(_ file: OutputFile) throws {
        let held: Bool = file.bytes.count >= largeFile ? false : lock.withLock {
            guard pendingBytes + file.bytes.count <= heldBytes else { return false }
            pending.append(file)
            pendingBytes += file.bytes.count
            return true
        }
        if !held { try fs.write(bytes: file.bytes, to: "\(folder)/\(file.path)") }
    }

    /// Hands the batch gathered so far to the writing thread, once the batch before it is written; throws the first
    /// write's error, if one failed.
    func flush() throws {
        inFlight.wait()
        try rethrowFailure()
        let batch: [OutputFile] = lock.withLock {
            defer { (pending, pendingBytes) = ([], 0) }
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

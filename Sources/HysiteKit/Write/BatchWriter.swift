import Foundation

/// Writes a clean build's files on a thread of its own, behind the rendering. On ext4 a second thread making files
/// gains little (the kernel makes them one at a time: the benchmark's floor writes 153,000 files in 7.9 s with one
/// thread and 7.4 s with two), so while one thread makes the files of the batches before, both cores' rendering
/// threads go on with the next; the files and their bytes are the same, only the order they are made in changes.
/// Batches wait in a queue of at most `queuedBytes`; when it is full, and at the end, the rendering thread writes
/// queued batches itself beside the writing thread instead of waiting for it (waiting left a core idle: a clean
/// build at 100,000 articles used 1.65 of 2 cores while rendering and writing). A file of a megabyte or more (a
/// year's open data), or one that would take a batch past `heldBytes`, is written at once by the thread that made
/// it, so that batches of them do not hold hundreds of megabytes.
final class BatchWriter: @unchecked Sendable {
    private let fs: FileSystem
    private let folder: String
    private let writing = DispatchQueue(label: "hysite.batch-writer")
    private let inFlight = DispatchGroup()
    private let lock = NSLock()
    /// The batch being gathered, and its bytes.
    private var pending: [OutputFile] = []
    private var pendingBytes = 0
    /// Batches handed over and not yet taken by a thread to write, with their bytes; whether the writing thread is on.
    private var queue: [(files: [OutputFile], bytes: Int)] = []
    private var queueBytes = 0
    private var draining = false
    /// The first write's error; once set (or after `waitForWrites`), no queued batch is taken.
    private var failure: Error?
    private var stopped = false

    /// Files of this many bytes or more are written by the thread that made them, not held for the writing thread.
    private let largeFile: Int
    /// The most bytes a batch holds for the writing thread.
    private let heldBytes: Int
    /// The most bytes of batches waiting for a thread to write them.
    private let queuedBytes: Int

    /// A writer of files into `folder` (a clean build's fresh folder) through `fs`, holding files under `largeFile`
    /// bytes, at most `heldBytes` a batch and `queuedBytes` in the batches waiting.
    init(fs: FileSystem, into folder: String, largeFile: Int = 1 << 20, heldBytes: Int = 32 << 20, queuedBytes: Int = 32 << 20) {
        (self.fs, self.folder, self.largeFile, self.heldBytes, self.queuedBytes) = (fs, folder, largeFile, heldBytes, queuedBytes)
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
        if !held { try write(file) }
    }

    /// Queues the batch gathered so far for the writing thread; while the queue holds more than `queuedBytes`, writes
    /// queued batches on this thread. Throws the first write's error, if one failed.
    func flush() throws {
        try rethrowFailure()
        let start: Bool = lock.withLock {
            defer { (pending, pendingBytes) = ([], 0) }
            guard !pending.isEmpty else { return false }
            queue.append((files: pending, bytes: pendingBytes))
            queueBytes += pendingBytes
            guard !draining else { return false }
            draining = true
            return true
        }
        if start {
            inFlight.enter()
            writing.async { [self] in
                defer { inFlight.leave() }
                drain()
            }
        }
        try help { queueBytes > queuedBytes }
    }

    /// Writes what is left, on this thread beside the writing thread, and waits for every file to be written; throws
    /// the first write's error, if one failed.
    func finish() throws {
        try flush()
        try help { true }
        inFlight.wait()
        try rethrowFailure()
    }

    /// Stops taking queued batches and waits until no file is being written (before the folder is removed after
    /// another step failed).
    func waitForWrites() {
        lock.withLock { stopped = true }
        inFlight.wait()
    }

    /// The writing thread: takes queued batches until none is left (a failure is kept for `flush` and `finish`).
    private func drain() {
        try? writeQueued(while: { true }, leaving: true)
    }

    /// Writes queued batches on the calling thread while `more` (read under the lock) holds; throws a write's error.
    private func help(while more: () -> Bool) throws {
        try writeQueued(while: more, leaving: false)
    }

    /// Takes and writes queued batches while `more` holds; the first failure is kept and thrown (and the writing
    /// thread, `leaving`, is marked as gone).
    private func writeQueued(while more: () -> Bool, leaving: Bool) throws {
        while let batch = take(while: more, leaving: leaving) {
            do {
                for file in batch { try write(file) }
            } catch {
                lock.withLock {
                    failure = failure ?? error
                    if leaving { draining = false }
                }
                throw error
            }
        }
    }

    /// The oldest queued batch when `more` holds and nothing failed, taken off the queue; nil otherwise (then, for the
    /// writing thread (`leaving`), it is marked as gone, so the next `flush` starts it again).
    private func take(while more: () -> Bool, leaving: Bool) -> [OutputFile]? {
        lock.withLock {
            guard failure == nil, !stopped, !queue.isEmpty, more() else {
                if leaving { draining = false }
                return nil
            }
            let batch = queue.removeFirst()
            queueBytes -= batch.bytes
            return batch.files
        }
    }

    private func write(_ file: OutputFile) throws {
        try fs.write(bytes: file.bytes, to: "\(folder)/\(file.path)")
    }

    private func rethrowFailure() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}

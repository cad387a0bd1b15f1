import Foundation

/// A file's bytes kept for as long as anything points into them: the parse cache's articles keep their paragraphs
/// as slices of their shard file instead of copies (copying 300 MB of paragraphs at 100,000 articles cost a tenth
/// of a one-file rebuild, and as much memory). On the local disk the bytes are the file mapped read-only; other
/// file systems read the file into memory owned here.
public final class KeptBytes: @unchecked Sendable {
    /// The bytes; valid until this is released.
    public let bytes: UnsafeBufferPointer<UInt8>
    private let unmapLength: Int

    /// Bytes read into memory owned by this object.
    init(copying data: Data) {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, data.count))
        _ = buffer.initialize(from: data)
        bytes = UnsafeBufferPointer(start: buffer.baseAddress, count: data.count)
        unmapLength = 0
    }

    /// A read-only mapping of `length` bytes at `base`, unmapped when this is released.
    init(mapped base: UnsafeRawPointer, length: Int) {
        bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: length)
        unmapLength = length
        KeptBytes.reportCutShortMappings()
    }

    /// Lets the kernel drop this process's view of mapped pages that were read (they stay in the page cache and
    /// come back on the next read): a rebuild reads a few dozen articles' paragraphs again, not 370 MB, and the
    /// pages do not count in the process's memory meanwhile. Nothing for bytes owned in memory.
    public func dropReadPages() {
        guard unmapLength > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: bytes.baseAddress), unmapLength, MADV_DONTNEED)
    }

    deinit {
        if unmapLength > 0 {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), unmapLength)
        } else {
            UnsafeMutableBufferPointer(mutating: bytes).deallocate()
        }
    }

    /// hysite replaces its cache files by renaming, so a kept mapping never shrinks under hysite. If someone cuts a
    /// kept cache file short by hand during a build, reading a paragraph from it raises SIGBUS: that ends the build
    /// with a message saying what happened and what to do instead of a crash report.
    static func reportCutShortMappings() { _ = installed }

    /// Ends the process with the message: kept bytes were changed in place (hysite never does that).
    static func changedUnderneath() -> Never {
        _ = write(2, message, strlen(message))
        exit(1)
    }

    /// The message, made before the handler can run (a signal handler must not allocate).
    nonisolated(unsafe) private static let message: UnsafeMutablePointer<CChar> = strdup(
        "hysite: a cache file was cut short or changed by another program while this build read it. Delete the cache folder "
            + "beside the output (`.<output>.hysite-cache`) and run the build again.\n")!

    private static let installed: Bool = {
        _ = message
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            _ = write(2, KeptBytes.message, strlen(KeptBytes.message))
            _exit(1)
        }
        sigemptyset(&action.sa_mask)
        return sigaction(SIGBUS, &action, nil) == 0
    }()
}

/// A run of bytes inside kept bytes, holding them alive.
public struct KeptSlice: @unchecked Sendable {
    /// What the bytes belong to.
    let owner: KeptBytes
    /// The bytes themselves.
    let bytes: UnsafeBufferPointer<UInt8>
}

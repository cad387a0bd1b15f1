import Foundation

/// Values by index, each made on first use from any thread (`make` runs outside the lock; two threads may both make
/// one, and the value is the same).
final class LazyRows<T>: @unchecked Sendable {
    private var rows: [T?]
    private let lock = NSLock()

    /// `count` rows, none made.
    init(count: Int) { rows = Array(repeating: nil, count: count) }

    /// Row `i`, made by `make` when it was not yet.
    func get(_ i: Int, make: () -> T) -> T {
        if let made = lock.withLock({ rows[i] }) { return made }
        let made = make()
        lock.withLock { rows[i] = made }
        return made
    }

    /// Sets row `i` (an article edited in place).
    func set(_ i: Int, _ value: T) { lock.withLock { rows[i] = value } }
}

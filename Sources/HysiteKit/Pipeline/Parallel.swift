import Foundation

/// Work spread over the cores.
enum Parallel {
    /// `[make(0), make(1), …, make(count - 1)]`, made in a few chunks at once (`make` must be safe to call from
    /// several threads).
    static func map<T>(_ count: Int, _ make: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let chunks = min(count, 8)
        return withoutActuallyEscaping(make) { make in
            let maker = UnsafeSendable(make)
            return Array(unsafeUninitializedCapacity: count) { buf, made in
                let out = UnsafeSendable(buf.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    for i in c * count / chunks..<(c + 1) * count / chunks { (out.value + i).initialize(to: maker.value(i)) }
                }
                made = count
            }
        }
    }

    /// `[make(0..<count / 2), make(count / 2..<count)]`, both made at once.
    static func halves<T>(_ count: Int, _ make: (Range<Int>) -> T) -> [T] {
        map(2) { k in make(k == 0 ? 0..<count / 2 : count / 2..<count) }
    }
}

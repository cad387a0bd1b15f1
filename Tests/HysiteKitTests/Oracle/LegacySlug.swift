@testable import HysiteKit

/// The page stem as it was made before its byte-level path for ASCII names in no folder: the oracle of
/// `PageStemTests`.
enum LegacySlug {
    /// `Slug.pageStem` read on Characters.
    static func pageStem(_ key: String) -> String {
        var k = key
        if let dot = k.lastIndex(of: "."), !k[dot...].contains("/") { k = String(k[..<dot]) }
        let joined = k.split(separator: "/").joined(separator: "-")
        if Slug.isSafe(joined) { return joined }
        return Slug.ascii(joined).prefix(60) + "-" + Slug.hash(key)
    }
}

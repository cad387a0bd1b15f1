/// Continuation markers between printed pages: `（下转第二版）`, `（上接第一版）`, `转A3版`, `(下转2版)`.
/// They are never titles and never body text.
enum Continuation {
    /// Whether the whole line is a continuation marker.
    static func isMarker(_ text: String) -> Bool {
        let core = text.unicodeScalars.filter { !"（）()【】[] 　".unicodeScalars.contains($0) }
        let s = String(String.UnicodeScalarView(core))
        guard s.unicodeScalars.count <= 12 else { return false }
        guard s.hasPrefix("下转") || s.hasPrefix("上接") || s.hasPrefix("转") || s.hasPrefix("接") else { return false }
        return s.hasSuffix("版") || s.hasSuffix("页")
    }

    /// A paragraph without a marker glued to its end (`……。（下转第二版）`); nil when it was only a marker.
    static func strip(_ p: String) -> String? {
        if isMarker(p) { return nil }
        guard let open = p.lastIndex(where: { $0 == "（" || $0 == "(" }), p.hasSuffix("）") || p.hasSuffix(")"),
              isMarker(String(p[open...])) else { return p }
        let kept = String(p[..<open])
        return kept.isEmpty ? nil : kept
    }
}

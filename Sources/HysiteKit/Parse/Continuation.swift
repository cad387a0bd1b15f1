/// Continuation markers between printed pages: `（下转第二版）`, `（上接第一版）`, `转A3版`, `(下转2版)`.
/// They are never titles and never body text.
enum Continuation {
    /// Whether the whole line is a continuation marker.
    static func isMarker(_ text: String) -> Bool {
        // Cheap tests first: a marker is short and ends in 版 or 页 (E7 89 88, E9 A1 B5), perhaps before a bracket.
        guard text.utf8.count <= 60, text.unicodeScalars.suffix(3).contains(where: { $0 == "版" || $0 == "页" }) else { return false }
        let core = text.unicodeScalars.filter { !"（）()【】[] 　".unicodeScalars.contains($0) }
        let s = String(scalars: core)
        guard s.unicodeScalars.count <= 12 else { return false }
        guard s.startsWithBytes("下转") || s.startsWithBytes("上接") || s.startsWithBytes("转") || s.startsWithBytes("接") else { return false }
        return s.endsWithBytes("版") || s.endsWithBytes("页")
    }

    /// Whether a marker says the text comes from an earlier page (`上接第一版`).
    static func isFromEarlier(_ text: String) -> Bool {
        isMarker(text) && text.unicodeScalars.contains { $0 == "上" || $0 == "接" } && !text.contains("转")
    }

    /// The page a marker names: `第二版` → 2, `2版` → 2, `A3版` → 3, `第十二版` → 12.
    static func page(_ text: String) -> Int? {
        let u = Array(text.unicodeScalars.filter { !"（）()【】[] 　第".unicodeScalars.contains($0) })
        guard let v = u.lastIndex(where: { $0 == "版" || $0 == "页" }) else { return nil }
        var digits: [Unicode.Scalar] = []
        var k = v - 1
        while k >= 0, u[k].properties.numericType != nil || "一二三四五六七八九十".unicodeScalars.contains(u[k]) {
            digits.insert(u[k], at: 0)
            k -= 1
        }
        return number(digits)
    }

    /// `12` or `十二` as a number.
    static func number(_ u: [Unicode.Scalar]) -> Int? {
        if !u.isEmpty, u.allSatisfy({ PageDating.asciiDigit($0) != nil }) { return u.reduce(0) { $0 * 10 + PageDating.asciiDigit($1)! } }
        let values: [Unicode.Scalar: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        guard !u.isEmpty else { return nil }
        if let ten = u.firstIndex(of: "十") {
            let tens = ten == 0 ? 1 : values[u[0]] ?? 0
            let ones = ten + 1 < u.count ? values[u[ten + 1]] ?? 0 : 0
            return tens * 10 + ones
        }
        return u.count == 1 ? values[u[0]] : nil
    }

    /// The pages an article's markers name: where it continues, where it came from.
    static func pages(in furniture: [String]) -> (continuesOn: Int?, continuedFrom: Int?) {
        var on: Int?, from: Int?
        for f in furniture where isMarker(f) {
            if isFromEarlier(f) { from = from ?? page(f) } else { on = on ?? page(f) }
        }
        return (on, from)
    }

    /// A paragraph without a marker glued to its end (`……。（下转第二版）`); nil when it was only a marker.
    static func strip(_ p: String) -> String? {
        guard let last = p.unicodeScalars.last, last == "）" || last == ")" || last == "版" || last == "页" else { return p }
        if isMarker(p) { return nil }
        let tail = p.unicodeScalars.suffix(16)
        guard let open = tail.lastIndex(where: { $0 == "（" || $0 == "(" }),
              isMarker(String(scalars: p.unicodeScalars[open...])) else { return p }
        let kept = String(scalars: p.unicodeScalars[..<open])
        return kept.isEmpty ? nil : kept
    }
}

@testable import HysiteKit

/// The scalar-array year count `PageDating.mostNamedYear` had before it read bytes (hysite da3c052), kept as its oracle.
enum LegacyDating {
    static func mostNamedYear(_ text: String) -> Int? {
        let u = Array(text.unicodeScalars)
        var counts: [Int: Int] = [:]
        var order: [Int] = []
        var i = 0
        while i + 4 < u.count {
            if u[i + 4] == "年", i == 0 || !(u[i - 1].isASCII && u[i - 1].properties.numericType != nil) {
                let s = String(String.UnicodeScalarView(u[i..<(i + 4)]))
                if let y = Int(s), (1900...2099).contains(y), s.unicodeScalars.allSatisfy(\.isASCII) {
                    if counts[y] == nil { order.append(y) }
                    counts[y, default: 0] += 1
                }
            }
            i += 1
        }
        return order.max { a, b in counts[a]! < counts[b]! || (counts[a]! == counts[b]! && order.firstIndex(of: a)! > order.firstIndex(of: b)!) }
    }
}

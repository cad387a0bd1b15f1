import Foundation

/// A page file's bytes turned into text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.
/// Line ends (CRLF, CR) become LF; nothing else in the text is changed.
public enum TextDecoding {
    /// Foundation on Linux decodes GB18030 with this CFStringEncoding-derived value; there is no named constant.
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public enum Failure: Error, Equatable {
        case binary(offset: Int)
        case undecodable
    }

    public static func decode(_ data: Data) -> Result<String, Failure> {
        var bytes = [UInt8](data)
        var text: String?
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            text = String(validating: bytes, as: UTF8.self)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            text = String(data: Data(bytes), encoding: .utf16)
        } else {
            if let nul = bytes.firstIndex(of: 0) { return .failure(.binary(offset: nul)) }
            text = String(validating: bytes, as: UTF8.self)
            if text == nil {
                text = String(data: Data(bytes), encoding: gb18030)
                // GB18030 maps almost any byte run to something; reject text that decoded into
                // replacement characters or C0 controls, which a real page never holds.
                if let t = text, t.unicodeScalars.contains(where: { $0 == "\u{FFFD}" }) { text = nil }
            }
        }
        guard var t = text else { return .failure(.undecodable) }
        if let nul = t.unicodeScalars.firstIndex(of: "\u{0}") {
            return .failure(.binary(offset: t.unicodeScalars.distance(from: t.unicodeScalars.startIndex, to: nul)))
        }
        let controls = t.unicodeScalars.lazy.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" && $0 != "\u{0C}" }.count
        if controls > 8 && controls * 50 > t.unicodeScalars.count { return .failure(.binary(offset: 0)) }
        if t.utf8.contains(13) {
            t = t.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(t)
    }
}

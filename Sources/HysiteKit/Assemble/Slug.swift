import Foundation

/// URL-safe names built only from the build's own rules: lowercase ASCII letters, digits, `-` and `_`.
/// Nothing from the input reaches a path without passing through here.
public enum Slug {
    /// ASCII slug of arbitrary text: Han → pinyin (`刘越高` → `liu-yue-gao`), other letters lose diacritics,
    /// everything else becomes `-`. Never empty, never `.`/`..`, at most 80 characters.
    public static func ascii(_ text: String) -> String {
        ascii(latin: pinyin(text))
    }

    /// The slug of text already transliterated (`pinyin(_:)`'s result).
    static func ascii(latin: String) -> String {
        var out = ""
        var lastDash = true
        func add(_ c: Character) {
            if c == "-" {
                if !lastDash { out.append("-"); lastDash = true }
            } else {
                out.append(c); lastDash = false
            }
        }
        for s in latin.lowercased().unicodeScalars {
            switch s {
            case "a"..."z", "0"..."9", "_": add(Character(s))
            default: add("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > 80 { out = String(out.prefix(80)); while out.hasSuffix("-") { out.removeLast() } }
        return out.isEmpty ? "x" : out
    }

    /// Whether `text` is already a safe slug (then it is used as is).
    static func isSafe(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 80 && text != "." && text != ".."
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
            && !text.hasPrefix("-") && !text.hasPrefix("_")
    }

    /// Short stable hash (FNV-1a, 32 bits, hex) to keep lossy slugs distinct.
    public static func hash(_ text: String) -> String {
        var h: UInt32 = 2_166_136_261
        for b in text.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The stem that names a page's articles: its path inside the input folder without extension,
    /// folders joined by `-`. `2023/07/26_01.txt` → `2023-07-26_01`. Lossy stems get a hash suffix.
    public static func pageStem(_ key: String) -> String {
        // An ASCII name in no folder, as most are: the name without its extension, read on bytes.
        var k = key
        let plain = k.withUTF8 { b -> String? in
            guard !b.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "/") }) else { return nil }
            let end = b.lastIndex(of: UInt8(ascii: ".")) ?? b.count
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<end]), as: UTF8.self)
        }
        if let plain, isSafe(plain) { return plain }
        if let dot = k.lastIndex(of: "."), !k[dot...].contains("/") { k = String(k[..<dot]) }
        let joined = k.split(separator: "/").joined(separator: "-")
        if isSafe(joined) { return joined }
        return ascii(joined).prefix(60) + "-" + hash(key)
    }
}

extension Slug {
    /// Latin transliteration for sorting: `刘越高` → `liu yue gao`.
    public static func pinyin(_ text: String) -> String {
        let (reading, rest) = surnameReading(text)
        guard let reading else { return latin(text) }
        return rest.isEmpty ? reading : reading + " " + latin(rest)
    }

    /// A polyphonic surname's reading as a surname (曾 zēng, not céng) and the rest of the name; nil reading otherwise.
    static func surnameReading(_ text: String) -> (reading: String?, rest: String) {
        for (surname, reading) in surnameReadings where text.hasPrefix(surname) {
            return (reading, String(text.dropFirst(surname.count)))
        }
        return (nil, text)
    }

    /// `pinyin(_:)` of many texts at once: one transliteration over them all (each call of ICU's transform builds
    /// its transliterator again, which cost 7% of a rebuild with 2,000 people). Same results as one by one.
    static func pinyin(batch texts: [String]) -> [String] {
        // Nothing to ask ICU (a build whose names all have cached pinyin, or the empty half of a one-name batch).
        guard !texts.isEmpty else { return [] }
        let split = texts.map(surnameReading)
        let prefix = split.map(\.reading), rest = split.map(\.rest)
        // Lines transliterate apart; a text holding a line break itself goes alone.
        let joinable = rest.allSatisfy { !$0.contains("\n") && !$0.contains("\r") }
        var latins = joinable ? latin(rest.joined(separator: "\n")).components(separatedBy: "\n") : []
        if latins.count != rest.count { latins = rest.map(latin) }
        return texts.indices.map { i in
            guard let p = prefix[i] else { return latins[i] }
            return rest[i].isEmpty ? p : p + " " + latins[i]
        }
    }

    static func latin(_ text: String) -> String {
        (text.applyingTransform(.toLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false) ?? text).lowercased()
    }

    /// Polyphonic characters as surnames, longest first.
    static let surnameReadings: [(surname: String, reading: String)] = [
        ("尉迟", "yu chi"), ("万俟", "mo qi"), ("长孙", "zhang sun"), ("澹台", "tan tai"),
        ("曾", "zeng"), ("单", "shan"), ("解", "xie"), ("仇", "qiu"), ("朴", "piao"), ("查", "zha"), ("区", "ou"),
        ("盖", "ge"), ("乐", "yue"), ("覃", "qin"), ("翟", "zhai"), ("召", "shao"), ("种", "chong"), ("员", "yun"),
        ("缪", "miao"), ("秘", "bi"), ("宿", "su"), ("句", "gou"), ("尉", "wei"), ("重", "chong"), ("过", "guo"),
        ("藏", "zang"), ("柏", "bai"), ("薄", "bo"), ("贲", "ben"), ("能", "nai"), ("华", "hua"), ("纪", "ji"),
    ]
}

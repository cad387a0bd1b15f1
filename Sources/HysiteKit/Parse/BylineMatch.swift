/// A byline line: `衡阳晚报讯（全媒体记者 陈润）`, `本报讯(记者 张三、李四 通讯员 王五)`, optionally with the
/// first body paragraph glued after it.
struct BylineMatch: Hashable {
    var source: String
    var reporters: [Reporter]
    /// Text after the byline on the same line (the first paragraph, when glued).
    var rest: String
    var hadBrackets: Bool

    static let open: ScalarSet = ["（", "("]
    static let close: ScalarSet = ["）", ")"]

    /// Cheap test before `parse`: a byline has 讯 or 电 within its first 30 characters.
    static func mayBeByline(_ line: String) -> Bool {
        var text = line
        return text.withUTF8 { b in
            // 讯 = E8 AE AF, 电 = E7 94 B5; over the bytes in place (the generic prefix of the UTF-8 view was 2.5 % of a parse).
            var i = 2
            while i < min(b.count, 96) {
                let c = b[i]
                if c == 0xAF && b[i - 1] == 0xAE && b[i - 2] == 0xE8 || c == 0xB5 && b[i - 1] == 0x94 && b[i - 2] == 0xE7 { return true }
                i += 1
            }
            return false
        }
    }

    static func parse(_ line: String) -> BylineMatch? {
        let u = Array(line.unicodeScalars)
        // The source ends in 讯 or 电 within the first 30 characters: `衡阳晚报讯`, `新华社长沙7月25日电`.
        var end: Int?
        for i in 1..<min(u.count, 30) {
            let c = u[i]
            if c == "讯" || c == "电" {
                let next: Unicode.Scalar? = i + 1 < u.count ? u[i + 1] : nil
                if let n = next, open.contains(n) || PageParser.isSpace(n) || n.properties.numericType != nil { end = i; break }
                if next == nil { end = i; break }
                // `本报讯昨日下午…`, `衡阳晚报讯7月…`: the first paragraph glued straight after a paper's source.
                if let n = next, n.isHan || "“\"".unicodeScalars.contains(n), isGluedSource(Array(u[0...i])) { end = i; break }
            }
            // A source is a short run of Han, digits and a few marks; anything else ends the search.
            if !(c.isHan || c.properties.numericType != nil || c == "·" || c == "-") { break }
        }
        guard let e = end else { return nil }
        let source = String(scalars: u[0...e])
        guard u[e] == "电" || isSourceForNews(source) else { return nil }
        if u[e] == "电" && !source.contains("社") && !source.contains("报") && !source.contains("台") && !source.contains("网") { return nil }
        var i = e + 1
        var reporters: [Reporter] = []
        var hadBrackets = false
        // `本报讯 （记者 …）`: a space before the bracket.
        var k = i
        while k < u.count, PageParser.isSpace(u[k]) { k += 1 }
        if k < u.count, open.contains(u[k]) { i = k }
        if i < u.count, open.contains(u[i]) {
            guard let j = u[(i + 1)...].firstIndex(where: { close.contains($0) }), j - i <= 80 else { return nil }
            let inner = String(scalars: u[(i + 1)..<j])
            reporters = Credits.tokenize(Array(inner.unicodeScalars)).flatMap { Credits.read($0, bareNames: true, rareNames: true) }
                ?? parseReporters(inner)
            // Brackets that hold no role and no name are part of a sentence, not a byline.
            if reporters.isEmpty && !inner.isEmpty && !Lexicon.bylineRoles.contains(where: { inner.contains($0) }) { return nil }
            hadBrackets = true
            i = j + 1
        } else if u[e] == "讯" && !isGluedSource(Array(source.unicodeScalars)) {
            return nil
        } else {
            // Unbracketed: `本报讯 记者 张三 通讯员 李四、王五 7月25日，…` — roles and names separated by spaces,
            // up to the first token that is neither.
            (reporters, i) = unbracketedReporters(u, from: i)
        }
        let rest = PageParser.trim(String(scalars: u[min(i, u.count)...]))
        return BylineMatch(source: source, reporters: reporters, rest: rest, hadBrackets: hadBrackets)
    }

    static func unbracketedReporters(_ u: [Unicode.Scalar], from start: Int) -> (reporters: [Reporter], end: Int) {
        var i = start
        var reporters: [Reporter] = []
        var role: String?
        var consumed = start
        while true {
            while i < u.count, PageParser.isSpace(u[i]) { i += 1 }
            guard i < u.count else { break }
            if let r = Lexicon.bylineRoles.first(where: { matches($0, u, at: i) }), !(role == nil && r.count == 1 && u.count > i + 1 && !PageParser.isSpace(u[i + 1]) && u[i + 1] != "/") {
                role = r
                i += r.unicodeScalars.count
                if i < u.count, u[i] == "：" || u[i] == ":" || u[i] == "/" || u[i] == "／" { i += 1 }
                continue
            }
            guard let currentRole = role else { break }
            // Names: Han runs of 2–4 split by 、; the token must end at a space or the line's end.
            var j = i
            while j < u.count, !PageParser.isSpace(u[j]) { j += 1 }
            let token = String(scalars: u[i..<j])
            let names = token.split(separator: "、").map(String.init)
            guard !names.isEmpty, names.allSatisfy({ (2...4).contains($0.unicodeScalars.count) && $0.unicodeScalars.allSatisfy(\.isHan) }),
                  j == u.count || PageParser.isSpace(u[j]) else { break }
            for n in names { reporters.append(Reporter(name: n, role: currentRole)) }
            i = j
            consumed = j
        }
        return reporters.isEmpty ? ([], start) : (reporters, consumed)
    }

    /// A source a paragraph may be glued to: a paper's (`本报讯`, `…报讯`, `…网讯`, `本报衡阳讯`, `…6月12日讯`).
    static func isGluedSource(_ u: [Unicode.Scalar]) -> Bool {
        let s = String(scalars: u)
        guard s.endsWithBytes("讯"), isSourceForNews(s) else { return false }
        return s.startsWithBytes("本报") || s.endsWithBytes("日讯") || s.dropLast().contains { "报网台社".contains($0) }
    }

    static func isSourceForNews(_ s: String) -> Bool {
        guard s.endsWithBytes("讯"), s.unicodeScalars.count >= 3 else { return false }
        for bad in ["通讯", "资讯", "喜讯", "音讯", "审讯", "死讯", "质讯", "警讯", "短讯"] where s.endsWithBytes(bad) { return false }
        return true
    }

    /// `全媒体记者 陈润 通讯员 李明、王芳` → [(陈润, 全媒体记者), (李明, 通讯员), (王芳, 通讯员)]
    static func parseReporters(_ inner: String) -> [Reporter] {
        var out: [Reporter] = []
        var role = ""
        let u = Array(inner.unicodeScalars)
        var i = 0
        var name: [Unicode.Scalar] = []
        func flush() {
            if name.count >= 2, name.count <= 5, name.allSatisfy({ $0.isHan || $0 == "·" }) {
                out.append(Reporter(name: String(scalars: name), role: role))
            }
            name = []
        }
        while i < u.count {
            let c = u[i]
            if PageParser.isSpace(c) || c == "、" || c == "，" || c == "," || c == "；" || c == ";" {
                flush(); i += 1; continue
            }
            if name.isEmpty, let r = Lexicon.bylineRoles.first(where: { matches($0, u, at: i) }) {
                role = r
                i += r.unicodeScalars.count
                if i < u.count, u[i] == "：" || u[i] == ":" || u[i] == "/" || u[i] == "／" { i += 1 }
                continue
            }
            name.append(c)
            i += 1
        }
        flush()
        return out
    }

    static func matches(_ word: String, _ u: [Unicode.Scalar], at i: Int) -> Bool {
        var k = i
        for c in word.unicodeScalars {
            guard k < u.count, u[k] == c else { return false }
            k += 1
        }
        return true
    }
}

/// A signature closing an article: `雁城时评员 江南`, `文/张三`.
enum Signature {
    static let roleEndings: [String] = ["评论员", "时评员", "员", "者", "人", "家", "编辑", "长"]

    static func parse(_ line: PageParser.Line) -> Reporter? {
        guard line.length >= 4, line.length <= 20 else { return nil }
        return parse(line.text)
    }

    static func parse(_ line: String) -> Reporter? {
        let u = Array(line.unicodeScalars)
        guard u.count >= 4, u.count <= 20 else { return nil }
        var core = u
        if let f = core.first, BylineMatch.open.contains(f), let l = core.last, BylineMatch.close.contains(l) {
            core = Array(core.dropFirst().dropLast())
        }
        // `文/张三`
        if core.count >= 3, core[0] == "文" || core[0] == "图", core[1] == "/" || core[1] == "／" {
            let name = Array(core[2...])
            if (2...4).contains(name.count), name.allSatisfy(\.isHan) {
                return Reporter(name: String(scalars: name), role: String(core[0]))
            }
            return nil
        }
        guard let sp = core.firstIndex(where: PageParser.isSpace) else { return nil }
        let role = Array(core[..<sp])
        let name = Array(core[sp...].drop(while: PageParser.isSpace))
        guard (2...10).contains(role.count), role.allSatisfy(\.isHan), (2...4).contains(name.count), name.allSatisfy(\.isHan)
        else { return nil }
        let roleText = String(scalars: role)
        guard roleEndings.contains(where: { roleText.endsWithBytes($0) }) else { return nil }
        return Reporter(name: String(scalars: name), role: roleText)
    }
}

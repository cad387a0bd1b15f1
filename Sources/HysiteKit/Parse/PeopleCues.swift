/// Names found by context cues weighed with the name model: a role word before the name (`民警王小明`),
/// `名叫`, a quoted honour before a list (`"中国好人"王小明、李华`), a credit (`文/王小明`, `编辑：王小明`,
/// `王小明 摄`), a title after the name (`王小明教授`), `等N位`, a list after a colon, a paragraph that opens
/// with a name and a comma. Each cue adds a bonus to the model's score; a candidate counts when the sum is
/// above zero. Items of a list joined by `、`, `，` or spaces follow the first one.
extension PeopleFinder {
    /// Bonus for a cue, in the model's units (nats).
    enum Cue {
        static let role: Float = 6
        static let strongLeft: Float = 6
        static let quoteLabel: Float = 3
        static let colon: Float = 1
        static let paragraphStart: Float = 0
        static let bracket: Float = 0.5
        static let titleAfter: Float = 4
        static let listItem: Float = 3
        static let countAfter: Float = 4
        /// A paragraph that opens with the name and a comma (`王小明，市消防救援支队特勤站队长`).
        static let paragraphComma: Float = 1.5
        /// The model's score a name run together with the one before it needs.
        static let glued: Float = 0.5
        /// After `的` (`邵阳的王小明`): only a clearly name-like string (the model's score above 2) counts.
        static let possessive: Float = -2
        /// A name alone in brackets or on its line.
        static let enclosed: Float = 2.5
        /// The model's score a name after other Han text needs besides a cue after it.
        static let selfEvident: Float = 0.5
        /// A 3-character reading whose last character starts a word that ends names (`黄飞正在`).
        static let splitWord: Float = -3
        /// After a credit that names no person of the article (`编辑：`).
        static let blocked: Float = -100
    }

    static let rolesByLast = grouped(Lexicon.roleWords + Lexicon.positions, byLast: true)
    /// Roles that may stand apart from the name by a space: credits and positions (`主任 王小明当选市长`).
    static let spacedRolesByLast = grouped((Lexicon.bylineRoles + Lexicon.creditRoles + Lexicon.positions).filter { $0.count >= 2 },
                                           byLast: true)
    static let notNameKeys = KeySet(Lexicon.notNames.map { NameModel.key($0.unicodeScalars) })
    static let rolesByFirst = grouped(Lexicon.roleWords + Lexicon.positions, byLast: false)
    static let titlesAfterByFirst = grouped(Lexicon.titlesAfterName, byLast: false)
    static let notPeopleCreditsByLast = grouped(Lexicon.notPeopleCredits, byLast: true)
    static let strongLeftByLast = grouped(Lexicon.nameIntroducers, byLast: true)

    /// Names with a cue anywhere in `u`.
    static func cueScan(_ u: [Unicode.Scalar]) -> [Hit] {
        var hits: [Hit] = []
        var i = 0
        // Read once: every read of a static goes through `swift_once`, and this test runs at every scalar.
        let compounds = compoundByFirst, surnames = NameModel.tables.surname
        while i < u.count {
            let c = u[i]
            guard compounds[c] != nil || (c.value < 0x10000 && surnames[Int(c.value)] != Int8.min),
                  let sl = surnameLength(at: i, in: u), let len = bestCandidate(at: i, surnameLength: sl, in: u) else {
                i += 1
                continue
            }
            // A credit that names no person of the article (`责编：王小明 李华`): skip it with its list.
            if leftBonus(at: i, in: u) == Cue.blocked {
                var skipped: [Hit] = []
                i = followList(from: i + len, in: u, into: &skipped)
                continue
            }
            hits.append(Hit(name: string(u[i..<(i + len)]), offset: i, titles: []))
            i = followList(from: i + len, in: u, into: &hits)
        }
        return hits
    }

    /// 1 or 2 when a (compound) surname starts at `i`.
    static func surnameLength(at i: Int, in u: [Unicode.Scalar]) -> Int? {
        if startsWithAny(compoundByFirst, u, at: i) != nil { return 2 }
        return NameModel.isSurname(u[i]) ? 1 : nil
    }

    /// The length of the best-scoring name at `i` whose left and right context, with the model, make it count.
    static func bestCandidate(at i: Int, surnameLength sl: Int, in u: [Unicode.Scalar]) -> Int? {
        guard i == 0 || !Lexicon.beforeNoName.contains(u[i - 1]) else { return nil }
        // Most surname characters stand inside running text with no cue on either side: turned away here before the
        // left cue's word lookups (the checks below would all come to nil too).
        if i > 0, !mayStartWithoutLeftCue(at: i, in: u), !mayHaveRightCue(at: i + sl + 1, in: u),
           !mayHaveRightCue(at: i + sl + 2, in: u), !mayHaveLeftCue(before: u[i - 1]) { return nil }
        // The surname must not end a role word (`摄影师同拍`: 师 ends 摄影师).
        if endsWithAny(rolesByLast, u, at: i + 1) { return nil }
        var left = leftBonus(at: i, in: u)
        if left == Cue.blocked { left = Cue.role }
        let open = left > 0 || left == Cue.possessive || mayStartWithoutLeftCue(at: i, in: u)
        // Right after another surname character with no cue, the name would start inside a word (`黄石寨`: 石寨).
        // A verb that ends in a surname character (`感谢江少波`) is no such word.
        if !open, i > 0, NameModel.isSurname(u[i - 1]), !(i >= 2 && NameModel.followWordStarts(at: i - 2, in: u)) { return nil }
        guard open || mayHaveRightCue(at: i + sl + 1, in: u) || mayHaveRightCue(at: i + sl + 2, in: u) else { return nil }
        var best: (length: Int, score: Float)?
        for given in 1...2 {
            let len = sl + given
            guard i + len <= u.count,
                  var right = rightBonus(at: i + len, in: u) ?? (given == 2 && endsBeforeVerb(at: i + len, in: u) ? 0 : nil)
                    ?? (given == 2 && left >= Cue.role && gluedName(at: i + len, in: u) != nil ? 0 : nil)
            else { continue }
            if right == 0, startsList(at: i + len, in: u) { right = Cue.listItem }
            // With nothing before it, a name needs a strong cue after it: a title, or the next item of a list.
            guard open || right > 0, plausibleGiven(u, from: i + sl, to: i + len) else { continue }
            let model = NameModel.score(u, start: i, length: len, surnameLength: sl)
            if !open { guard model > Cue.selfEvident else { continue } }
            // 和, 于, 向 … start a name only after a role word and with the model's support (`村民于登银`).
            if joiners.contains(u[i]) { guard left >= Cue.role, model > 0 else { continue } }
            let s = model + left + right + splitPenalty(i, sl, given, u) + paragraphOpening(i, i + len, u) + enclosed(i, i + len, u)
            if s > 0, s > (best?.score ?? -.infinity) { best = (len, s) }
        }
        return best?.length
    }

    /// Given-name characters are Han and not on the stop list; `某` and kin words are never names.
    static func plausibleGiven(_ u: [Unicode.Scalar], from s: Int, to e: Int) -> Bool {
        guard e <= u.count, s < e else { return false }
        for k in s..<e where !u[k].isHan || Lexicon.notInModelGivenName.contains(u[k]) { return false }
        if let w = startsWithAny(genericByFirst, u, at: s), w.count >= e - s || w.first == "某" { return false }
        // `志愿者和居民`: a role word is no given name.
        if e - s == 2, startsWithAny(rolesByFirst, u, at: s)?.count == 2 { return false }
        return !notNameKeys.contains(NameModel.key(u[(s - 1)..<e])) && !notNameKeys.contains(NameModel.key(u[(s - 1)...s]))
    }

    /// A paragraph's start, a colon, an opening bracket or punctuation may open a name without a cue word.
    static func mayStartWithoutLeftCue(at i: Int, in u: [Unicode.Scalar]) -> Bool {
        // After `、` the list's earlier item was no name (a list of names is followed from its first name).
        i == 0 || (!u[i - 1].isHan && u[i - 1] != "、")
    }

    /// Whether `leftBonus` may find a cue (or a block) ending with `c` right before a name: `c` ends a role, introducer
    /// or credit word, or is `的`, a colon, quote or bracket. A quick superset test, told from one scalar.
    static func mayHaveLeftCue(before c: Unicode.Scalar) -> Bool { leftCueEnds.contains(c) }

    /// The scalars `mayHaveLeftCue` is true for, in one set: `的`, the cue marks, and the last scalar of every word in
    /// `rolesByLast`, `spacedRolesByLast`, `strongLeftByLast` and `notPeopleCreditsByLast` (four table lookups, each
    /// through its static's initialiser check, were 2 % of a parse's instructions).
    static let leftCueEnds: ScalarSet = {
        var set = leftCueMarks
        set.insert("的")
        let spaced = (Lexicon.bylineRoles + Lexicon.creditRoles + Lexicon.positions).filter { $0.count >= 2 }
        for w in Lexicon.roleWords + Lexicon.positions + spaced + Lexicon.nameIntroducers + Lexicon.notPeopleCredits {
            if let last = w.unicodeScalars.last { set.insert(last) }
        }
        return set
    }()

    /// The marks before a name that `leftBonus` reads as a cue: colons, closing quotes, opening brackets.
    static let leftCueMarks = ScalarSet("：:”\"」』（(【[".unicodeScalars)

    /// What the text before `i` says: a role or position word, an introducer (`名叫`, `文/`), a quoted label,
    /// a colon, an opening bracket or a paragraph's start.
    static func leftBonus(at i: Int, in u: [Unicode.Scalar]) -> Float {
        if i == 0 { return Cue.paragraphStart }
        var e = i
        while e > 0, u[e - 1] == " " || u[e - 1] == "\u{3000}" { e -= 1 }
        if e > 0, u[e - 1] == "：" || u[e - 1] == ":" {
            e -= 1
            while e > 0, u[e - 1] == " " || u[e - 1] == "\u{3000}" { e -= 1 }
            if endsWithAny(notPeopleCreditsByLast, u, at: e) { return Cue.blocked }
            return endsWithAny(rolesByLast, u, at: e) ? Cue.role : Cue.colon
        }
        if endsWithAny(notPeopleCreditsByLast, u, at: e) { return Cue.blocked }
        // A space between role and name only in credits (`记者 王小明`), not in running text (`教授 利长远的事`).
        if endsWithAny(e < i ? spacedRolesByLast : rolesByLast, u, at: e) { return Cue.role }
        if endsWithAny(strongLeftByLast, u, at: e) { return Cue.strongLeft }
        guard e > 0 else { return Cue.paragraphStart }
        switch u[e - 1] {
        case "的": return e == i ? Cue.possessive : 0
        // A quoted label (`"中国好人"王小明`), not the end of a quotation (`…。"王小明说`).
        // The label touches the name: `"翻身仗" 利长远的事` is no label.
        case "”", "\"", "」", "』": return e < i || (e >= 2 && Lexicon.sentenceEnds.contains(u[e - 2])) ? 0 : Cue.quoteLabel
        case "\n": return Cue.paragraphStart
        case "（", "(", "【", "[": return Cue.bracket
        default: return e < i ? Cue.paragraphStart : 0
        }
    }

    /// What follows a candidate ending at `e`: nil when it cannot end there; else a bonus for a title after
    /// the name (`教授`), a photo credit (`摄`), `等N位`, `（男，` — zero for a plain delimiter.
    static func rightBonus(at e: Int, in u: [Unicode.Scalar]) -> Float? {
        if e >= u.count { return 0 }
        var k = e
        while k < u.count, u[k] == " " || u[k] == "\u{3000}" { k += 1 }
        if startsWithAny(titlesAfterByFirst, u, at: k) != nil { return Cue.titleAfter }
        if k + 1 < u.count, u[k] == "等", u[k + 1].isCountStart { return Cue.countAfter }
        if k + 1 < u.count, u[k] == "（" || u[k] == "(", u[k + 1] == "男" || u[k + 1] == "女" { return Cue.titleAfter }
        return isDelimiter(at: e, in: u) || NameModel.followWordStarts(at: e, in: u) ? 0 : nil
    }

    /// A quick test: could a cue after a name (a title, `等`, a bracket, `、`) start at `e`?
    @inline(__always) static func mayHaveRightCue(at e: Int, in u: [Unicode.Scalar]) -> Bool {
        guard e < u.count else { return false }
        return rightCueStarts.contains(u[e])
    }

    /// The scalars `mayHaveRightCue` is true for: `、`, `等`, opening brackets, spaces, and the first scalar of every
    /// title that may follow a name (`titlesAfterByFirst`).
    static let rightCueStarts: ScalarSet = {
        var set = ScalarSet("、等（( \u{3000}".unicodeScalars)
        for w in Lexicon.titlesAfterName { if let first = w.unicodeScalars.first { set.insert(first) } }
        return set
    }()

    /// Whether a three-character name may end at `e` before a one-character verb (`龙正良为`, `陶国华领队`).
    static func endsBeforeVerb(at e: Int, in u: [Unicode.Scalar]) -> Bool {
        e < u.count && Lexicon.verbsAfterFullName.contains(u[e])
    }

    /// A bonus for a name alone in its brackets (`（王小明）`) or alone on its line (an author line).
    static func enclosed(_ s: Int, _ e: Int, _ u: [Unicode.Scalar]) -> Float {
        let before: Unicode.Scalar = s == 0 ? "\n" : u[s - 1], after: Unicode.Scalar = e >= u.count ? "\n" : u[e]
        if (before == "（" || before == "(") && (after == "）" || after == ")") { return Cue.enclosed }
        return before == "\n" && after == "\n" ? Cue.enclosed : 0
    }

    /// Follows a list from `k` (just after a name): items joined by `、`, `，` or spaces, each a name by the model.
    static func followList(from k: Int, in u: [Unicode.Scalar], into hits: inout [Hit]) -> Int {
        var k = k
        // Names run together after a role (`市民王小明李华强`): the next one must be clearly a name.
        while let len = gluedName(at: k, in: u) {
            hits.append(Hit(name: string(u[k..<(k + len)]), offset: k, titles: []))
            k += len
        }
        while k < u.count, Lexicon.listSeparators.contains(u[k]) {
            var s = k + 1
            while s < u.count, u[s] == " " || u[s] == "\u{3000}" { s += 1 }
            guard s < u.count, let sl = surnameLength(at: s, in: u), let len = listItem(at: s, surnameLength: sl, in: u) else { break }
            hits.append(Hit(name: string(u[s..<(s + len)]), offset: s, titles: []))
            k = s + len
        }
        return k
    }

    /// `Cue.paragraphComma` when a paragraph opens with `u[s..<e]` and a comma.
    static func paragraphOpening(_ s: Int, _ e: Int, _ u: [Unicode.Scalar]) -> Float {
        guard s == 0 || u[s - 1] == "\n", e < u.count, u[e] == "，" || u[e] == "," else { return 0 }
        return Cue.paragraphComma
    }

    /// The length of a clearly name-like three-character name starting right at `k` with no separator before it.
    static func gluedName(at k: Int, in u: [Unicode.Scalar]) -> Int? {
        guard k + 3 <= u.count, NameModel.isSurname(u[k]), !joiners.contains(u[k]), plausibleGiven(u, from: k + 1, to: k + 3),
              rightBonus(at: k + 3, in: u) != nil else { return nil }
        return NameModel.score(u, start: k, length: 3) > Cue.glued ? 3 : nil
    }

    /// Whether a list item that is a name by the model follows `、` at `k`.
    static func startsList(at k: Int, in u: [Unicode.Scalar]) -> Bool {
        guard k + 1 < u.count, u[k] == "、", let sl = surnameLength(at: k + 1, in: u) else { return false }
        return listItem(at: k + 1, surnameLength: sl, in: u) != nil
    }

    /// A list item: a name by the model that ends at a separator, a cue or a delimiter.
    static func listItem(at s: Int, surnameLength sl: Int, in u: [Unicode.Scalar]) -> Int? {
        var best: (length: Int, score: Float)?
        for given in 1...2 {
            let len = sl + given
            guard let right = rightBonus(at: s + len, in: u) ?? (given == 2 && endsBeforeVerb(at: s + len, in: u) ? 0 : nil),
                  plausibleGiven(u, from: s + sl, to: s + len) else { continue }
            let sc = NameModel.score(u, start: s, length: len, surnameLength: sl) + Cue.listItem + right + splitPenalty(s, sl, given, u)
            if sc > 0, sc > (best?.score ?? -.infinity) { best = (len, sc) }
        }
        return best?.length
    }

    /// `Cue.splitWord` for a two-character given name whose last character starts a name-ending word.
    static func splitPenalty(_ i: Int, _ sl: Int, _ given: Int, _ u: [Unicode.Scalar]) -> Float {
        guard given == 2 else { return 0 }
        let k = i + sl + 1
        if let w = startsWithAny(afterNameByFirst, u, at: k), w.count >= 2 { return Cue.splitWord }
        return NameModel.followWordStarts(at: k, in: u) ? Cue.splitWord : 0
    }

    static func endsWithAny(_ map: ScalarTable, _ u: [Unicode.Scalar], at e: Int) -> Bool {
        guard e > 0, let words = map[u[e - 1]] else { return false }
        return words.contains { endsWith($0, u, at: e) }
    }
}

extension Unicode.Scalar {
    /// A digit or a Chinese numeral that starts a count (`等5位`, `等十余人`).
    var isCountStart: Bool {
        ("0"..."9").contains(self) || ("０"..."９").contains(self) || Unicode.Scalar.countNumerals.contains(self)
    }

    /// Chinese numerals and words that start a count.
    static let countNumerals = ScalarSet("一二两三四五六七八九十百多余".unicodeScalars)
}

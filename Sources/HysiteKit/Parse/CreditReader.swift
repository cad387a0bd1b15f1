/// Reads a credit line token by token: roles before names (`记者 王小明`), roles after them (`王小明 摄`),
/// names with no role (authors, where allowed), and the web copy's meta tokens it passes over.
struct CreditReader {
    /// Tokens made only of these are separators (`|`, `/`, `—`, `：`).
    static let separators = ScalarSet("|｜/／-—:：".unicodeScalars)
    /// Characters a credited name never holds (`图`, `摄`, `报`, `讯` …).
    static let notInCreditName = ScalarSet("图摄版报讯电网资料".unicodeScalars)
    let bareNames: Bool
    /// Whether a name with a surname not on the list may stand alone (in brackets, after a mark).
    let rareNames: Bool
    let count: Int
    var out: [Reporter] = []
    var role: String?
    /// Names waiting for a role printed after them.
    var pending: [String] = []
    var sawRole = false
    var skipNext = false
    /// Whether the current role has named anyone yet (`文/图 全媒体记者 王小明` keeps 文/图).
    var roleNamed = false

    init(bareNames: Bool, rareNames: Bool, count: Int) {
        self.bareNames = bareNames
        self.rareNames = rareNames
        self.count = count
    }

    /// Takes one token; false when it is neither a role, a name nor a meta token (the line is prose).
    mutating func take(_ t: [Unicode.Scalar], at n: Int) -> Bool {
        if skipNext { skipNext = false; return true }
        if t.isEmpty || t.allSatisfy({ Self.separators.contains($0) }) { return true }
        if let m = Credits.metaScalars.prefix(of: t) {
            return takeMeta(t, word: String(scalars: m))
        }
        if Credits.isMetaToken(t) { return true }
        if !out.isEmpty, pending.isEmpty, n == count - 1 || Credits.isPlaceReport(t), Credits.isClosingRole(t) { return true }
        if let after = Credits.roleAfter(t, pending: &pending) {
            for name in pending { out.append(Reporter(name: name, role: after)) }
            pending = []
            sawRole = true
            return true
        }
        if let (r, rest) = Credits.roleBefore(t) { return takeRole(r, rest) }
        if n == 0 || out.isEmpty && pending.isEmpty, Credits.isSourceToken(t) { return true }
        return takeNames(t, at: n)
    }

    /// `来源: 华声在线` (the source's name is the next token), `来源:某某网在线通讯员 董计` (a role inside).
    mutating func takeMeta(_ t: [Unicode.Scalar], word: String) -> Bool {
        var rest = Array(t.dropFirst(word.unicodeScalars.count))
        if let f = rest.first, f == ":" || f == "：" { rest.removeFirst() }
        if rest.isEmpty { skipNext = true; return true }
        if word.endsWithBytes("来源"), let k = (0..<rest.count).first(where: { Credits.roleBefore(Array(rest[$0...])) != nil && $0 > 0 }),
           let (r, names) = Credits.roleBefore(Array(rest[k...])) {
            return takeRole(r, names)
        }
        return true
    }

    /// A role, with any names glued after it (`记者王小明`, `图/通讯员李华`, `通讯员李继敏报道`).
    mutating func takeRole(_ r: String, _ glued: [Unicode.Scalar]) -> Bool {
        var rest = glued
        // `图/通讯员蒋克青`, `文/潇湘晨报记者李华`: a second role after the first names the same people.
        if let (_, inner) = Credits.roleBefore(rest) { rest = inner }
        Credits.dropClosingRole(&rest)
        // `查甜 记者 张闽`: a first name printed with no role is an author.
        if !pending.isEmpty {
            out.append(contentsOf: pending.map { Reporter(name: $0, role: "作者") })
            pending = []
        }
        var kept = Credits.editorRoles.contains(r) ? "" : r
        if let outer = role, !outer.isEmpty, !roleNamed, !kept.isEmpty { kept = outer }
        role = kept
        roleNamed = false
        sawRole = true
        guard !rest.isEmpty else { return true }
        guard let names = Credits.splitNames(rest) ?? rareName(rest, allowed: true) else { return false }
        out.append(contentsOf: names.map { Reporter(name: $0, role: kept) })
        roleNamed = true
        return true
    }

    mutating func takeNames(_ t: [Unicode.Scalar], at n: Int) -> Bool {
        // A name whose surname is not on the list counts where bare names do, or before a role / after one.
        guard let names = Credits.splitNames(t) ?? rareName(t, allowed: rareNames || role != nil || n + 1 < count) else { return false }
        if let r = role {
            out.append(contentsOf: names.map { Reporter(name: $0, role: r) })
            roleNamed = true
        } else {
            pending.append(contentsOf: names)
        }
        return true
    }

    /// A 2–3 character name whose surname is not on the list (`查甜甜 记者 张敏`, `记者 昂莹莹`); names waiting for
    /// a role that never comes still fail the line in `finish`.
    func rareName(_ t: [Unicode.Scalar], allowed: Bool) -> [String]? {
        guard allowed, (2...3).contains(t.count), t.allSatisfy(\.isHan), Credits.roleWordScalars.prefix(of: t) == nil,
              !t.contains(where: { Lexicon.notInGivenName.contains($0) || Self.notInCreditName.contains($0) })
        else { return nil }
        let s = String(scalars: t)
        return Lexicon.notNames.contains(s) ? nil : [s]
    }

    /// The credits read, editors left out; nil when names wait for a role that never came (and bare names
    /// are not allowed here).
    func finish() -> [Reporter]? {
        var all = out
        if !pending.isEmpty {
            guard bareNames, !sawRole else { return nil }
            all.append(contentsOf: pending.map { Reporter(name: $0, role: "作者") })
        }
        return all.filter { !$0.role.isEmpty }
    }
}

import Yams

/// The editors' people file (`people.yml` beside the input folder, or `people_file` in hysite.yml):
///
/// ```yaml
/// people:            # names to know, with an optional profile and other spellings
///   刘越高:
///     profile: 中共衡阳市委书记。
///     aliases: [刘悦高]
/// add: [张三]         # names to find even without a title nearby
/// drop: [华侨城]      # never a person
/// ```
public struct PeopleFile: Sendable, Hashable {
    /// Each other spelling of a name (`aliases:`) to the name it stands for.
    public var aliases: [String: String] = [:]
    /// Names to find even without a title nearby: those under `add:` and every name under `people:`.
    public var added: Set<String> = []
    /// Names under `drop:`, never taken for a person.
    public var dropped: Set<String> = []
    /// Each name's `profile:` text, shown on their page.
    public var profiles: [String: String] = [:]

    /// An empty people file: no names added, dropped, aliased or profiled.
    public init() {}

    /// Reads the people file's YAML; what it could not use is reported as errors naming `file` and the line.
    public static func parse(yaml: String, file: String) -> (people: PeopleFile, diagnostics: [Diagnostic]) {
        var pf = PeopleFile()
        var errors: [Diagnostic] = []
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            return (pf, [.error(.peopleSyntax, file, line: SiteConfig.yamlLine(error), "is not valid YAML: \(error); see README › People file")])
        }
        guard let node = root else { return (pf, []) }
        guard let map = node.mapping else { return (pf, [.error(.peopleSyntax, file, line: 1, "must be a mapping with keys people, add, drop")]) }
        for (k, v) in map {
            switch k.string ?? "" {
            case "add": pf.added.formUnion(names(v, "add", file: file, errors: &errors))
            case "drop": pf.dropped.formUnion(names(v, "drop", file: file, errors: &errors))
            case "people": pf.readPeople(v, file: file, errors: &errors)
            default:
                errors.append(.error(.peopleUnknownKey, file, line: k.mark?.line, "unknown key '\(k.string ?? "")'; use people, add or drop"))
            }
        }
        return (pf, errors)
    }

    /// The names in the list under `key`; an entry that is not a list, or not a name, is reported in `errors`.
    static func names(_ n: Node, _ key: String, file: String, errors: inout [Diagnostic]) -> [String] {
        guard let seq = n.sequence else {
            errors.append(.error(.peopleBadEntry, file, line: n.mark?.line, "'\(key)' must be a list of names, e.g. [张三, 李四]"))
            return []
        }
        return seq.compactMap { item in
            guard let s = item.string, !s.isEmpty else {
                errors.append(.error(.peopleBadEntry, file, line: item.mark?.line, "'\(key)' holds something that is not a name"))
                return nil
            }
            return s
        }
    }

    /// Reads `people:`: adds each name, with its profile and aliases; what it could not use goes to `errors`.
    mutating func readPeople(_ v: Node, file: String, errors: inout [Diagnostic]) {
        guard let people = v.mapping else {
            errors.append(.error(.peopleBadEntry, file, line: v.mark?.line, "'people' must map each name to its profile and aliases"))
            return
        }
        for (nameNode, entry) in people {
            guard let name = nameNode.string, !name.isEmpty else { continue }
            added.insert(name)
            if entry.null != nil { continue }
            guard let fields = entry.mapping else {
                errors.append(.error(.peopleBadEntry, file, line: entry.mark?.line, "'\(name)' must have profile: and/or aliases:"))
                continue
            }
            readFields(fields, of: name, file: file, errors: &errors)
        }
    }

    /// Reads one name's `profile:` and `aliases:`; other fields, and a profile that is not text, go to `errors`.
    mutating func readFields(_ fields: Node.Mapping, of name: String, file: String, errors: inout [Diagnostic]) {
        for (fk, fv) in fields {
            switch fk.string ?? "" {
            case "profile":
                if let s = fv.string { profiles[name] = s } else {
                    errors.append(.error(.peopleBadEntry, file, line: fv.mark?.line, "profile of '\(name)' must be text"))
                }
            case "aliases":
                for a in Self.names(fv, "aliases", file: file, errors: &errors) { aliases[a] = name }
            default:
                errors.append(.error(.peopleUnknownKey, file, line: fk.mark?.line, "unknown field '\(fk.string ?? "")' for '\(name)'; use profile or aliases"))
            }
        }
    }

    /// `people_file` from the config, else `people.yml` next to the input folder or inside it.
    static func load(config: SiteConfig, input: String, fs: FileSystem) -> (people: PeopleFile, diagnostics: [Diagnostic]) {
        var candidates: [String] = []
        if let p = config.peopleFile {
            candidates = [p]
            if !fs.exists(p) { return (PeopleFile(), [.error(.peopleFileMissing, p, "people file named in hysite.yml does not exist")]) }
        } else {
            let trimmed = input.hasSuffix("/") ? String(input.dropLast()) : input
            let parent = trimmed.split(separator: "/").dropLast().joined(separator: "/")
            candidates = [trimmed + "/people.yml", (trimmed.hasPrefix("/") ? "/" : "") + (parent.isEmpty ? "" : parent + "/") + "people.yml"]
        }
        for c in candidates where fs.exists(c) && !fs.isDirectory(c) {
            guard let data = try? fs.read(c) else { return (PeopleFile(), [.error(.peopleFileMissing, c, "cannot be read")]) }
            return parse(yaml: String(decoding: data, as: UTF8.self), file: c)
        }
        return (PeopleFile(), [])
    }
}

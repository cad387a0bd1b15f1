/// Compiles parsed templates for one page kind: partials, parents and blocks are inlined, and every name
/// is resolved against the view-model types on the context stack, innermost first (Mustache's lookup,
/// done once here instead of on every render). A name no model on the stack has is an error naming the
/// template, its line and the field.
struct TemplateCompiler {
    /// Every parsed template by name (`base`, `teaser`, …).
    let templates: [String: [TemplateNode]]

    /// Where compilation is: the template being read, the context stack's types, escaping, indentation
    /// and the blocks a parent's child overrides.
    struct Env {
        var template: String
        var scopes: [ModelType]
        var contentType = ContentType.html
        var indent = ""
        var overrides: [String: (template: String, body: [TemplateNode])] = [:]
        var nesting = 0
    }

    /// What compiling found so far: the deepest context stack and every error.
    struct Tally {
        var depth = 1
        var errors: [TemplateError] = []
    }

    /// The page template `name` compiled for models of type `M`; throws the first error (see `compileAll`).
    func compile<M: ViewModel>(_ name: String, for type: M.Type) throws(TemplateError) -> CompiledTemplate<M> {
        let (template, errors) = compileAll(name, for: type)
        guard let template else { throw errors[0] }
        return template
    }

    /// The page template `name` compiled for models of type `M`, or every error in it and what it includes.
    func compileAll<M: ViewModel>(_ name: String, for type: M.Type) -> (template: CompiledTemplate<M>?, errors: [TemplateError]) {
        guard let nodes = templates[name] else {
            return (nil, [TemplateError(template: name, line: 1, message: "required template is missing")])
        }
        var tally = Tally()
        let root = ModelType.of(M.self)
        let ops = unit(nodes, Env(template: name, scopes: [root]), &tally)
        guard tally.errors.isEmpty else { return (nil, tally.errors) }
        return (CompiledTemplate(ops: ops, depth: tally.depth, model: root), [])
    }

    /// One of swift-mustache's template renders (a whole template, a section body, a partial, a block).
    /// An error is noted and compilation goes on, so that one load reports every unknown name.
    func unit(_ nodes: [TemplateNode], _ start: Env, _ tally: inout Tally) -> [Op] {
        var env = start
        var ops: [Op] = []
        tally.depth = max(tally.depth, env.scopes.count)
        for node in nodes {
            do throws(TemplateError) {
                try step(node, &env, &ops, &tally)
            } catch {
                tally.errors.append(error)
            }
        }
        if env.indent.isEmpty || ops.isEmpty { return ops }
        return [.indented(Array(env.indent.utf8), ops)]
    }

    /// Compiles one node onto `ops`.
    func step(_ node: TemplateNode, _ env: inout Env, _ ops: inout [Op], _ tally: inout Tally) throws(TemplateError) {
        switch node {
        case .text(let s):
            if env.indent.isEmpty, case .bytes(let b)? = ops.last {
                ops[ops.count - 1] = .bytes(b + Array(s.utf8))
            } else {
                ops.append(.bytes(Array(s.utf8)))
            }
        case .contentType(let t, _):
            env.contentType = t
        case .variable(let name, let escaped, let line):
            ops.append(try variable(name, escape: escaped && env.contentType == .html, env, line))
        case .section(let name, let inverted, let body, let line):
            ops.append(try section(name, inverted: inverted, body, env, line, &tally))
        case .partial(let name, let indentation, let line):
            var inner = try enter(name, env, line)
            inner.indent += indentation ?? ""
            ops += unit(templates[name]!, inner, &tally)
        case .parent(let name, let indentation, let overrides, let line):
            var inner = try enter(name, env, line)
            inner.indent += indentation
            for (block, body) in overrides where inner.overrides[block] == nil {
                inner.overrides[block] = (env.template, body)
            }
            ops += unit(templates[name]!, inner, &tally)
        case .block(let name, let defaultBody, let indentation, _):
            var inner = env
            inner.indent += indentation
            let body: [TemplateNode]
            if let o = env.overrides[name] { (inner.template, body) = o } else { body = defaultBody }
            ops += unit(body, inner, &tally)
        case .blockDefinition:
            break  // only inside a parent, where the parser collects them
        }
    }

    /// The environment for a partial or parent: its own template, default escaping.
    func enter(_ name: String, _ env: Env, _ line: Int) throws(TemplateError) -> Env {
        guard templates[name] != nil else {
            throw TemplateError(template: env.template, line: line, message: "no template named `\(name)` (\(name).mustache)", tag: ">\(name)")
        }
        guard env.nesting < 32 else {
            throw TemplateError(template: env.template, line: line, message: "partials nest too deep at `\(name)` (does it include itself?)")
        }
        var inner = env
        inner.template = name
        inner.contentType = .html
        inner.nesting += 1
        return inner
    }

    func variable(_ name: TagName, escape: Bool, _ env: Env, _ line: Int) throws(TemplateError) -> Op {
        let (frame, slot) = try resolve(name, env, line)
        if !escape, name.transforms.isEmpty, let write = env.scopes[frame].writers[name.path] {
            return .write(frame: frame, write)  // `{{{body}}}`: written into the page, not made into an array first
        }
        switch storedField(name, env)?.kind {
        case .text?, .optionalText?:
            let s = storedField(name, env)!
            return .storedText(frame: frame, offset: s.offset, optional: s.kind == .optionalText, escape: escape)
        case .number?, .optionalNumber?:
            let s = storedField(name, env)!
            return .storedNumber(frame: frame, offset: s.offset, optional: s.kind == .optionalNumber)
        case .html?:
            return .storedHTML(frame: frame, offset: storedField(name, env)!.offset, escape: escape)
        default: break
        }
        switch slot {
        case .text(let get): return .text(frame: frame, get, escape: escape)
        case .number(let get): return .number(frame: frame, get)
        case .flag(let get): return .flag(frame: frame, get)
        case .html(let get): return .html(frame: frame, get, escape: escape)
        case .model, .list:
            throw TemplateError(template: env.template, line: line, message: "`\(name)` is \(slot.kind), not a value to print; use a section", tag: "\(name)")
        }
    }

    func section(_ name: TagName, inverted: Bool, _ body: [TemplateNode], _ env: Env, _ line: Int, _ tally: inout Tally) throws(TemplateError) -> Op {
        let (frame, slot) = try resolve(name, env, line)
        let push = env.scopes.count
        func inside(_ type: ModelType?) -> [Op] {
            var inner = env
            if let type { inner.scopes.append(type) }
            return unit(body, inner, &tally)
        }
        switch slot {
        case .text(let get):
            let body = inside(inverted ? nil : .scalarText)
            if let s = storedField(name, env), s.kind == .text || s.kind == .optionalText {
                return .ifStoredText(frame: frame, offset: s.offset, optional: s.kind == .optionalText, inverted: inverted, push: push, body: body)
            }
            return .ifText(frame: frame, get, inverted: inverted, push: push, body: body)
        case .number(let get):
            return .ifNumber(frame: frame, get, inverted: inverted, push: push, body: inside(inverted ? nil : .scalarNumber))
        case .flag(let get):
            if let s = storedField(name, env), s.kind == .flag {
                return .ifStoredFlag(frame: frame, offset: s.offset, inverted: inverted, body: inside(nil))
            }
            return .ifFlag(frame: frame, get, inverted: inverted, body: inside(nil))
        case .html(let get):
            return .ifHTML(frame: frame, get, inverted: inverted, body: inside(nil))
        case .model(let type, let with):
            if inverted { return .withoutModel(frame: frame, with, body: inside(nil)) }
            return .withModel(frame: frame, with, push: push, body: inside(type))
        case .list(let type, let list):
            if inverted { return .ifEmpty(frame: frame, list, body: inside(.emptyList)) }
            return .each(frame: frame, list, push: push, body: inside(type))
        }
    }

    /// Where a name without transforms sits in the model it resolves to, when every part of it is a stored
    /// property (`site.title`: the layout's `site`, then its `title`, offsets added up).
    func storedField(_ name: TagName, _ env: Env) -> Stored? {
        if name.transforms.isEmpty, name.path == ".", let top = env.scopes.last {
            // The string or number a section pushed, or a list's string: it is where the frame points.
            if top === ModelType.scalarText { return Stored(offset: 0, kind: .text) }
            if top === ModelType.scalarNumber { return Stored(offset: 0, kind: .number) }
        }
        guard name.transforms.isEmpty, name.path != ".", !name.path.hasPrefix(".") else { return nil }
        let parts = name.path.split(separator: ".").map(String.init)
        guard let first = parts.first,
              let k = env.scopes.indices.reversed().first(where: { env.scopes[$0].fields[first] != nil }) else { return nil }
        var type = env.scopes[k]
        var offset = 0
        for (n, part) in parts.enumerated() {
            guard let s = type.stored[part] else { return nil }
            offset += s.offset
            if n == parts.count - 1 { return Stored(offset: offset, kind: s.kind) }
            guard s.kind == .model, case .model(let inner, _)? = type.fields[part] else { return nil }
            type = inner
        }
        return nil
    }

    /// Finds a name: its first part in the innermost model on the stack that has it, the rest inside that,
    /// then the transforms, innermost first.
    func resolve(_ name: TagName, _ env: Env, _ line: Int) throws(TemplateError) -> (frame: Int, slot: Slot) {
        func fail(_ message: String) -> TemplateError {
            TemplateError(template: env.template, line: line, message: message, tag: "\(name)")
        }
        let top = env.scopes.count - 1
        var frame = top
        var slot: Slot
        if name.path == "." {
            guard let dot = env.scopes[top].dot else {
                throw fail("`\(name)`: `.` is a \(env.scopes[top].name) here, not a value")
            }
            slot = dot
        } else {
            let explicitTop = name.path.hasPrefix(".")
            let parts = name.path.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
            guard let first = parts.first else { throw fail("`\(name)`: sequence transforms are not supported") }
            let candidates = explicitTop ? [top] : Array((0...top).reversed())
            guard let k = candidates.first(where: { env.scopes[$0].fields[first] != nil }) else {
                let kinds = candidates.map { env.scopes[$0].name }
                throw fail("unknown field `\(first)` in `{{\(name)}}`: \(kinds.joined(separator: ", ")) \(kinds.count == 1 ? "has" : "have") no field `\(first)`")
            }
            frame = k
            slot = env.scopes[k].fields[first]!
            for part in parts.dropFirst() {
                guard case .model(let type, let with) = slot else {
                    throw fail("`\(name)`: `\(part)` looked up in \(slot.kind)")
                }
                guard let next = type.fields[part] else {
                    throw fail("unknown field `\(part)` in `{{\(name)}}`: \(type.name) has no field `\(part)`")
                }
                slot = Self.through(with, next)
            }
        }
        for t in name.transforms.reversed() {
            guard let next = Self.transform(t, slot) else {
                throw fail("`\(name)`: no transform `\(t)` for \(slot.kind)")
            }
            slot = next
        }
        return (frame, slot)
    }

    /// A field of a nested model, read from the outer model's pointer.
    static func through(_ with: @escaping (Ptr, (Ptr) -> Void) -> Bool, _ next: Slot) -> Slot {
        switch next {
        case .text(let g): return .text { p in var r: String?; _ = with(p) { r = g($0) }; return r }
        case .number(let g): return .number { p in var r: Int?; _ = with(p) { r = g($0) }; return r }
        case .flag(let g): return .flag { p in var r: Bool?; _ = with(p) { r = g($0) }; return r }
        case .html(let g): return .html { p in var r: [UInt8]?; _ = with(p) { r = g($0) }; return r }
        case .model(let t, let w):
            return .model(t) { p, body in var found = false; _ = with(p) { found = w($0, body) }; return found }
        case .list(let t, let l):
            return .list(t, ListAccess(count: { p in var n = 0; _ = with(p) { n = l.count($0) }; return n },
                                       visit: { p, which, body in _ = with(p) { l.visit($0, which, body) } }))
        }
    }

    /// swift-mustache's transforms that apply to these kinds (`first(list)`, `equalzero(number)`, …).
    static func transform(_ name: String, _ slot: Slot) -> Slot? {
        switch (name, slot) {
        case ("first", .list(let t, let l)), ("last", .list(let t, let l)):
            let which: ListAccess.Which = name == "first" ? .first : .last
            return .model(t) { p, body in
                guard l.count(p) > 0 else { return false }
                l.visit(p, which, body)
                return true
            }
        case ("count", .list(_, let l)): return .number { l.count($0) }
        case ("empty", .list(_, let l)): return .flag { l.count($0) == 0 }
        case ("empty", .text(let g)): return .flag { g($0).map(\.isEmpty) }
        case ("lowercased", .text(let g)): return .text { g($0)?.lowercased() }
        case ("uppercased", .text(let g)): return .text { g($0)?.uppercased() }
        case ("equalzero", .number(let g)): return .flag { g($0).map { $0 == 0 } }
        case ("even", .number(let g)): return .flag { g($0).map { $0 & 1 == 0 } }
        case ("odd", .number(let g)): return .flag { g($0).map { $0 & 1 == 1 } }
        case ("plusone", .number(let g)): return .number { g($0).map { $0 + 1 } }
        case ("minusone", .number(let g)): return .number { g($0).map { $0 - 1 } }
        default: return nil
        }
    }
}

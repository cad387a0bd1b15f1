/// One step of a compiled template. Every name is already resolved to a frame (how deep in the context
/// stack its model sits, known when compiling) and a reader for that model's field.
indirect enum Op: @unchecked Sendable {
    /// Literal bytes.
    case bytes([UInt8])
    /// A text field, escaped or raw.
    case text(frame: Int, (Ptr) -> String?, escape: Bool)
    case number(frame: Int, (Ptr) -> Int?)
    case flag(frame: Int, (Ptr) -> Bool?)
    /// HTML bytes, copied (or escaped).
    case html(frame: Int, (Ptr) -> [UInt8]?, escape: Bool)
    case storedHTML(frame: Int, offset: Int, escape: Bool)
    /// `{{#html}}` / `{{^html}}`: present or not.
    case ifHTML(frame: Int, (Ptr) -> [UInt8]?, inverted: Bool, body: [Op])
    /// A stored text or number field, read at its offset in the model.
    case storedText(frame: Int, offset: Int, optional: Bool, escape: Bool)
    case storedNumber(frame: Int, offset: Int, optional: Bool)
    /// `{{#flag}}` / `{{^flag}}` on a stored flag.
    case ifStoredFlag(frame: Int, offset: Int, inverted: Bool, body: [Op])
    /// `{{#text}}` (the text pushed at `push`) or `{{^text}}`.
    case ifText(frame: Int, (Ptr) -> String?, inverted: Bool, push: Int, body: [Op])
    case ifNumber(frame: Int, (Ptr) -> Int?, inverted: Bool, push: Int, body: [Op])
    case ifFlag(frame: Int, (Ptr) -> Bool?, inverted: Bool, body: [Op])
    /// `{{#model}}`: the body with the nested model pushed at `push`.
    case withModel(frame: Int, (Ptr, (Ptr) -> Void) -> Bool, push: Int, body: [Op])
    case withoutModel(frame: Int, (Ptr, (Ptr) -> Void) -> Bool, body: [Op])
    /// `{{#list}}`: the body once per element, each pushed at `push`.
    case each(frame: Int, ListAccess, push: Int, body: [Op])
    case ifEmpty(frame: Int, ListAccess, body: [Op])
    /// A part rendered by swift-mustache as one template with an indentation (a standalone partial):
    /// each step's output that starts a new line of this part is indented.
    case indented([UInt8], [Op])
}

/// A template compiled for one page kind: render a model into bytes.
public struct CompiledTemplate<M: ViewModel>: Sendable {
    let ops: [Op]
    /// How many models can be on the context stack at once.
    let depth: Int
    /// The page kind's fields, erased: what `ModelHasher` walks.
    let model: ModelType

    /// The page's bytes.
    public func render(_ model: M) -> [UInt8] {
        var model = model
        return render(&model)
    }

    /// The page's bytes, read from the model where it is (`inout` only to point at it without a copy).
    public func render(_ model: inout M) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 * 1024)
        render(&model, into: &out)
        return out
    }

    /// Appends the page's bytes to `out`.
    public func render(_ model: inout M, into out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: Ptr.self, capacity: depth) { frames in
            withUnsafeMutablePointer(to: &model) { root in
                frames[0] = Ptr(root)
                var state = RenderState(out: out, frames: frames.baseAddress!)
                out = []
                state.run(ops)
                out = state.out
            }
        }
    }
}

/// The output so far and the context stack: `frames[k]` points at the model at depth k.
struct RenderState {
    var out: [UInt8]
    let frames: UnsafeMutablePointer<Ptr>

    mutating func run(_ ops: [Op]) {
        for i in ops.indices { step(ops[i]) }  // borrowed in place: no copy (retain) of each step
    }

    mutating func step(_ op: Op) {
        switch op {
        case .bytes(let b): out.append(contentsOf: b)
        case .text(let f, let get, let escape):
            guard let s = get(frames[f]) else { return }
            if escape { ByteEscaper.append(s, to: &out) } else { ByteEscaper.appendRaw(s, to: &out) }
        case .number(let f, let get):
            if let n = get(frames[f]) { ByteEscaper.append(n, to: &out) }
        case .storedText(let f, let offset, let optional, let escape):
            let p = frames[f] + offset
            if optional {
                guard let s = p.load(as: String?.self) else { return }
                if escape { ByteEscaper.append(s, to: &out) } else { ByteEscaper.appendRaw(s, to: &out) }
            } else {
                let s = p.load(as: String.self)
                if escape { ByteEscaper.append(s, to: &out) } else { ByteEscaper.appendRaw(s, to: &out) }
            }
        case .storedNumber(let f, let offset, let optional):
            let p = frames[f] + offset
            if optional {
                if let n = p.load(as: Int?.self) { ByteEscaper.append(n, to: &out) }
            } else {
                ByteEscaper.append(p.load(as: Int.self), to: &out)
            }
        case .html(let f, let get, let escape):
            guard let b = get(frames[f]) else { return }
            appendHTML(b, escape: escape)
        case .storedHTML(let f, let offset, let escape):
            appendHTML((frames[f] + offset).load(as: [UInt8].self), escape: escape)
        case .ifHTML(let f, let get, let inverted, let body):
            if (get(frames[f]) != nil) != inverted { run(body) }
        case .ifStoredFlag(let f, let offset, let inverted, let body):
            if (frames[f] + offset).load(as: Bool.self) != inverted { run(body) }
        case .flag(let f, let get):
            if let b = get(frames[f]) { out.append(contentsOf: b ? Self.trueBytes : Self.falseBytes) }
        case .ifText(let f, let get, let inverted, let push, let body):
            runIf(get(frames[f]), inverted: inverted, push: push, body)
        case .ifNumber(let f, let get, let inverted, let push, let body):
            runIf(get(frames[f]), inverted: inverted, push: push, body)
        case .ifFlag(let f, let get, let inverted, let body):
            if (get(frames[f]) ?? false) != inverted { run(body) }
        case .withModel(let f, let with, let push, let body):
            _ = with(frames[f]) { frames[push] = $0; run(body) }
        case .withoutModel(let f, let with, let body):
            if !with(frames[f], { _ in }) { run(body) }
        case .each(let f, let list, let push, let body):
            list.visit(frames[f], .all) { frames[push] = $0; run(body) }
        case .ifEmpty(let f, let list, let body):
            if list.count(frames[f]) == 0 { run(body) }
        case .indented(let indent, let body):
            runIndented(body, indent)
        }
    }

    mutating func appendHTML(_ b: [UInt8], escape: Bool) {
        if escape { b.withUnsafeBufferPointer { ByteEscaper.append($0, to: &out) } } else { out.append(contentsOf: b) }
    }

    /// swift-mustache's rule: a step's non-empty output is indented when this part's output so far ends a line.
    /// A section over an optional value: runs `body` with the value pushed as its context when present (or, inverted,
    /// once when absent).
    mutating func runIf<T>(_ value: T?, inverted: Bool, push: Int, _ body: [Op]) {
        if inverted {
            if value == nil { run(body) }
        } else if let value {
            withUnsafePointer(to: value) { frames[push] = Ptr($0); run(body) }
        }
    }

    mutating func runIndented(_ ops: [Op], _ indent: [UInt8]) {
        let start = out.count
        for i in ops.indices {
            let before = out.count
            step(ops[i])
            guard out.count > before, before > start, out[before - 1] == 0x0A,
                  !(before - 2 >= start && out[before - 2] == 0x0D) else { continue }
            out.insert(contentsOf: indent, at: before)
        }
    }

    static let trueBytes: [UInt8] = Array("true".utf8), falseBytes: [UInt8] = Array("false".utf8)
}

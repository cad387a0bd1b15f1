/// One step of a compiled template, as the compiler makes it (a section holds its body). Every name is already
/// resolved to a frame (how deep in the context stack its model sits, known when compiling) and a reader for that
/// model's field. Rendering runs the same steps lowered into a `Program`.
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
    /// HTML a field writes into the page itself (`Field.writer`), unescaped.
    case write(frame: Int, Writer)
    /// `{{#html}}` / `{{^html}}`: present or not.
    case ifHTML(frame: Int, (Ptr) -> [UInt8]?, inverted: Bool, body: [Op])
    /// A stored text or number field, read at its offset in the model.
    case storedText(frame: Int, offset: Int, optional: Bool, escape: Bool)
    case storedNumber(frame: Int, offset: Int, optional: Bool)
    /// `{{#flag}}` / `{{^flag}}` on a stored flag.
    case ifStoredFlag(frame: Int, offset: Int, inverted: Bool, body: [Op])
    /// `{{#text}}` / `{{^text}}` on a stored text field: the string pushed where it is.
    case ifStoredText(frame: Int, offset: Int, optional: Bool, inverted: Bool, push: Int, body: [Op])
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
    /// The steps, lowered for rendering.
    let program: Program
    /// How many models can be on the context stack at once.
    let depth: Int
    /// The page kind's fields, erased: what `ModelHasher` walks.
    let model: ModelType

    init(ops: [Op], depth: Int, model: ModelType) {
        program = Program(ops)
        self.depth = depth
        self.model = model
    }

    /// The page's bytes.
    public func render(_ model: M) -> [UInt8] {
        var model = model
        return render(&model)
    }

    /// The page's bytes, read from the model where it is (`inout` only to point at it without a copy).
    public func render(_ model: inout M) -> [UInt8] {
        write(&model) { page in
            // One copy (`Array(page)` copied byte by byte).
            [UInt8](unsafeUninitializedCapacity: page.count) { buf, count in
                if let from = page.baseAddress { buf.baseAddress!.initialize(from: from, count: page.count) }
                count = page.count
            }
        }
    }

    /// Appends the page's bytes to `out`.
    public func render(_ model: inout M, into out: inout [UInt8]) {
        write(&model) { out.append(contentsOf: $0) }
    }

    /// Writes the page into a buffer of its own and hands its bytes to `take`.
    func write<R>(_ model: inout M, _ take: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Ptr.self, capacity: depth) { frames in
            withUnsafeMutablePointer(to: &model) { root in
                frames[0] = Ptr(root)
                let page = program.run(frames.baseAddress!)
                defer { page.free() }
                return take(page.bytes)
            }
        }
    }
}

/// The output so far, the context stack (`frames[k]` points at the model at depth k) and the program's steps and
/// literal bytes where they are.
struct RenderState {
    var out: PageBuffer
    let frames: UnsafeMutablePointer<Ptr>
    let steps: UnsafePointer<Step>
    let bytes: UnsafePointer<UInt8>
    /// The closures of fields that are not stored properties.
    let readers: Program.Readers

    /// Runs the steps in `range` (a whole template or a section's body).
    mutating func run(_ range: Range<Int>) {
        var i = range.lowerBound
        while i < range.upperBound { i = step(i) }
    }

    /// Runs step `i` (a section with its body); returns the index of the step after it.
    mutating func step(_ i: Int) -> Int {
        let s = steps[i]  // plain data: copying it retains nothing
        switch s.action {
        case .bytes(let start, let count): out.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: count))
        case .text(let f, let k, let escape):
            if let text = readers.texts[k](frames[f]) { appendText(text, escape: escape) }
        case .number(let f, let k):
            if let n = readers.numbers[k](frames[f]) { ByteEscaper.append(n, to: &out) }
        case .flag(let f, let k):
            if let b = readers.flags[k](frames[f]) { out.append(b ? "true" : "false") }
        case .html(let f, let k, let escape):
            if let b = readers.htmls[k](frames[f]) { b.withUnsafeBufferPointer { appendHTML($0, escape: escape) } }
        case .storedHTML(let f, let offset, let escape):
            let html = (frames[f] + offset).assumingMemoryBound(to: [UInt8].self)
            html.pointee.withUnsafeBufferPointer { appendHTML($0, escape: escape) }
        case .write(let f, let k):
            readers.writers[k](frames[f], &out)
        case .storedText(let f, let offset, let optional, let escape):
            let p = frames[f] + offset
            if optional { appendText(p.assumingMemoryBound(to: String?.self), escape: escape) } else {
                appendText(p.assumingMemoryBound(to: String.self), escape: escape)
            }
        case .storedNumber(let f, let offset, let optional):
            let p = frames[f] + offset
            if !optional { ByteEscaper.append(p.load(as: Int.self), to: &out) } else if let n = p.load(as: Int?.self) {
                ByteEscaper.append(n, to: &out)
            }
        default: section(s.action, body: i + 1..<s.next)
        }
        return s.next
    }

    /// Runs a section: its body once, per element, or not at all.
    mutating func section(_ action: Action, body: Range<Int>) {
        switch action {
        case .ifHTML(let f, let k, let inverted):
            if (readers.htmls[k](frames[f]) != nil) != inverted { run(body) }
        case .ifStoredFlag(let f, let offset, let inverted):
            if (frames[f] + offset).load(as: Bool.self) != inverted { run(body) }
        case .ifStoredText(let f, let offset, let optional, let inverted, let push):
            // An Optional's string sits at the Optional's own address (a single-payload enum).
            let p = frames[f] + offset
            let present = !optional || p.assumingMemoryBound(to: String?.self).pointee != nil
            if present, !inverted { frames[push] = p }
            if present != inverted { run(body) }
        case .ifText(let f, let k, let inverted, let push):
            runIf(readers.texts[k](frames[f]), inverted: inverted, push: push, body)
        case .ifNumber(let f, let k, let inverted, let push):
            runIf(readers.numbers[k](frames[f]), inverted: inverted, push: push, body)
        case .ifFlag(let f, let k, let inverted):
            if (readers.flags[k](frames[f]) ?? false) != inverted { run(body) }
        case .withModel(let f, let k, let push):
            _ = readers.models[k].with(frames[f]) { frames[push] = $0; run(body) }
        case .withoutModel(let f, let k):
            if !readers.models[k].with(frames[f], { _ in }) { run(body) }
        case .each(let f, let k, let push):
            readers.lists[k].visit(frames[f], .all) { frames[push] = $0; run(body) }
        case .ifEmpty(let f, let k):
            if readers.lists[k].count(frames[f]) == 0 { run(body) }
        case .indented(let start, let count):
            runIndented(body, UnsafeBufferPointer(start: bytes + start, count: count))
        default: break  // not a section: `step` ran it
        }
    }

    /// Appends the string at `s` (escaped or as it is), read where it is.
    mutating func appendText(_ s: UnsafePointer<String>, escape: Bool) {
        let done: Void? = s.pointee.utf8.withContiguousStorageIfAvailable { appendHTML($0, escape: escape) }
        if done == nil { appendText(s.pointee, escape: escape) }
    }

    /// Appends the optional string at `s`, if any, read where it is.
    mutating func appendText(_ s: UnsafePointer<String?>, escape: Bool) {
        guard s.pointee != nil else { return }
        appendText(UnsafeRawPointer(s).assumingMemoryBound(to: String.self), escape: escape)  // the value is where the Optional is
    }

    /// Appends a string, escaped or as it is.
    mutating func appendText(_ s: String, escape: Bool) {
        if escape { ByteEscaper.append(s, to: &out) } else { ByteEscaper.appendRaw(s, to: &out) }
    }

    /// Appends bytes, escaped or as they are.
    mutating func appendHTML(_ b: UnsafeBufferPointer<UInt8>, escape: Bool) {
        if escape { ByteEscaper.append(b, to: &out) } else { out.append(contentsOf: b) }
    }

    /// A section over an optional value: runs `body` with the value pushed as its context when present (or, inverted,
    /// once when absent).
    mutating func runIf<T>(_ value: T?, inverted: Bool, push: Int, _ body: Range<Int>) {
        if inverted {
            if value == nil { run(body) }
        } else if let value {
            withUnsafePointer(to: value) { frames[push] = Ptr($0); run(body) }
        }
    }

    /// swift-mustache's rule: a step's non-empty output is indented when this part's output so far ends a line.
    mutating func runIndented(_ body: Range<Int>, _ indent: UnsafeBufferPointer<UInt8>) {
        let start = out.count
        var i = body.lowerBound
        while i < body.upperBound {
            let before = out.count
            i = step(i)
            guard out.count > before, before > start, out[before - 1] == 0x0A,
                  !(before - 2 >= start && out[before - 2] == 0x0D) else { continue }
            out.insert(contentsOf: indent, at: before)
        }
    }

}

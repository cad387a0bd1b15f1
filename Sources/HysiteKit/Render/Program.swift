/// A compiled template lowered for rendering: its steps in one flat array, each section's body right after it (up to
/// the section's `end`), literal text in one byte pool, and the closures of fields that are not stored properties in
/// tables by kind. A step is plain data (numbers and flags), so reading one retains nothing; the compiler's `Op`s hold
/// arrays and closures, and running them copied (retained) each step's payload.
struct Program: @unchecked Sendable {
    /// The closures steps name by index.
    struct Readers {
        var texts: [(Ptr) -> String?] = []
        var numbers: [(Ptr) -> Int?] = []
        var flags: [(Ptr) -> Bool?] = []
        var htmls: [(Ptr) -> [UInt8]?] = []
        var writers: [Writer] = []
        var models: [ModelAccess] = []
        var lists: [ListAccess] = []
    }

    /// A nested model's closure (`Slot.model`), in a struct: an array of bare closures holds them in their most
    /// general form, and calling one with a closure argument made a thunk for it (an allocation per section).
    struct ModelAccess {
        let with: (Ptr, (Ptr) -> Void) -> Bool
    }

    private(set) var steps: [Step] = []
    /// Every literal piece of the template, one after the other.
    private(set) var bytes: [UInt8] = []
    private(set) var readers = Readers()

    /// Lowers the compiler's steps.
    init(_ ops: [Op]) { lower(ops) }

    /// The page, with the root model at `frames[0]`, in a buffer the caller frees.
    func run(_ frames: UnsafeMutablePointer<Ptr>) -> PageBuffer {
        steps.withUnsafeBufferPointer { steps in
            bytes.withUnsafeBufferPointer { bytes in
                var state = RenderState(out: PageBuffer(capacity: 16 * 1024), frames: frames, steps: steps.baseAddress!,
                                        bytes: bytes.baseAddress!, readers: readers)
                state.run(0..<steps.count)
                return state.out
            }
        }
    }

    private mutating func lower(_ ops: [Op]) {
        for op in ops { lower(op) }
    }

    private mutating func lower(_ op: Op) {
        guard let action = Self.leaf(op, &bytes, &readers) else { return lowerSection(op) }
        steps.append(Step(action: action, next: steps.count + 1))
    }

    /// The action of a step without a body (its literal bytes or reader added to the pool or tables); nil for a section.
    private static func leaf(_ op: Op, _ bytes: inout [UInt8], _ readers: inout Readers) -> Action? {
        switch op {
        case .bytes(let b):
            bytes += b
            return .bytes(start: bytes.count - b.count, count: b.count)
        case .text(let f, let get, let escape): return .text(frame: f, reader: add(get, to: &readers.texts), escape: escape)
        case .number(let f, let get): return .number(frame: f, reader: add(get, to: &readers.numbers))
        case .flag(let f, let get): return .flag(frame: f, reader: add(get, to: &readers.flags))
        case .html(let f, let get, let escape): return .html(frame: f, reader: add(get, to: &readers.htmls), escape: escape)
        case .storedHTML(let f, let offset, let escape): return .storedHTML(frame: f, offset: offset, escape: escape)
        case .write(let f, let write): return .write(frame: f, reader: add(write, to: &readers.writers))
        case .storedText(let f, let offset, let optional, let escape):
            return .storedText(frame: f, offset: offset, optional: optional, escape: escape)
        case .storedNumber(let f, let offset, let optional): return .storedNumber(frame: f, offset: offset, optional: optional)
        default: return nil
        }
    }

    private mutating func lowerSection(_ op: Op) {
        switch op {
        case .ifHTML(let f, let get, let inverted, let body):
            let k = Self.add(get, to: &readers.htmls)
            section(body, .ifHTML(frame: f, reader: k, inverted: inverted))
        case .ifStoredFlag(let f, let offset, let inverted, let body):
            section(body, .ifStoredFlag(frame: f, offset: offset, inverted: inverted))
        case .ifStoredText(let f, let offset, let optional, let inverted, let push, let body):
            section(body, .ifStoredText(frame: f, offset: offset, optional: optional, inverted: inverted, push: push))
        case .ifText(let f, let get, let inverted, let push, let body):
            let k = Self.add(get, to: &readers.texts)
            section(body, .ifText(frame: f, reader: k, inverted: inverted, push: push))
        case .ifNumber(let f, let get, let inverted, let push, let body):
            let k = Self.add(get, to: &readers.numbers)
            section(body, .ifNumber(frame: f, reader: k, inverted: inverted, push: push))
        case .ifFlag(let f, let get, let inverted, let body):
            let k = Self.add(get, to: &readers.flags)
            section(body, .ifFlag(frame: f, reader: k, inverted: inverted))
        default: lowerModelSection(op)
        }
    }

    private mutating func lowerModelSection(_ op: Op) {
        switch op {
        case .withModel(let f, let with, let push, let body):
            let k = Self.add(ModelAccess(with: with), to: &readers.models)
            section(body, .withModel(frame: f, reader: k, push: push))
        case .withoutModel(let f, let with, let body):
            let k = Self.add(ModelAccess(with: with), to: &readers.models)
            section(body, .withoutModel(frame: f, reader: k))
        case .each(let f, let list, let push, let body):
            let k = Self.add(list, to: &readers.lists)
            section(body, .each(frame: f, list: k, push: push))
        case .ifEmpty(let f, let list, let body):
            let k = Self.add(list, to: &readers.lists)
            section(body, .ifEmpty(frame: f, list: k))
        case .indented(let indent, let body):
            let start = bytes.count
            bytes += indent
            section(body, .indented(start: start, count: indent.count))
        default: fatalError("not a section: \(op)")
        }
    }

    /// Appends a section's step, then its body after it.
    private mutating func section(_ body: [Op], _ action: Action) {
        let at = steps.count
        steps.append(Step(action: action, next: at + 1))
        lower(body)
        steps[at].next = steps.count
    }

    /// Appends a reader to its table; returns its index.
    private static func add<T>(_ reader: T, to table: inout [T]) -> Int {
        table.append(reader)
        return table.count - 1
    }
}

/// One lowered step: what it does, and the index of the step after it (after its body, for a section: a section's
/// body is the steps between it and `next`).
struct Step {
    var action: Action
    var next: Int
}

/// What a lowered step does: `Op`'s cases with table indices for closures and byte ranges for text.
enum Action {
    case bytes(start: Int, count: Int)
    case text(frame: Int, reader: Int, escape: Bool)
    case number(frame: Int, reader: Int)
    case flag(frame: Int, reader: Int)
    case html(frame: Int, reader: Int, escape: Bool)
    case storedHTML(frame: Int, offset: Int, escape: Bool)
    case write(frame: Int, reader: Int)
    case storedText(frame: Int, offset: Int, optional: Bool, escape: Bool)
    case storedNumber(frame: Int, offset: Int, optional: Bool)
    case ifHTML(frame: Int, reader: Int, inverted: Bool)
    case ifStoredFlag(frame: Int, offset: Int, inverted: Bool)
    case ifStoredText(frame: Int, offset: Int, optional: Bool, inverted: Bool, push: Int)
    case ifText(frame: Int, reader: Int, inverted: Bool, push: Int)
    case ifNumber(frame: Int, reader: Int, inverted: Bool, push: Int)
    case ifFlag(frame: Int, reader: Int, inverted: Bool)
    case withModel(frame: Int, reader: Int, push: Int)
    case withoutModel(frame: Int, reader: Int)
    case each(frame: Int, list: Int, push: Int)
    case ifEmpty(frame: Int, list: Int)
    case indented(start: Int, count: Int)
}

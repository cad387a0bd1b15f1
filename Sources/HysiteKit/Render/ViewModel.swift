/// A typed view model: a struct whose fields templates name (`{{title}}`, `{{#reporters}}`).
/// Every name a template uses is looked up in these tables when the templates are loaded.
public protocol ViewModel {
    /// The fields templates may name, by the name they use (`"page_title": .text(\.pageTitle)`).
    static var fields: [String: Field<Self>] { get }
}

typealias Ptr = UnsafeRawPointer

/// One field of a view model `M`, as templates see it. Built from key paths; a stored property is read
/// straight from its offset in the struct, without copying the rest of the model.
public struct Field<M>: @unchecked Sendable {
    let slot: Slot
    /// Where a stored property sits in `M`, so that compiled templates read it without calling a closure.
    var stored: Stored? = nil
    /// What a model's hash covers for this field when not what templates read (HTML made on demand is
    /// hashed by its source).
    var hashSlot: Slot? = nil
    /// For HTML made on demand: writes it straight into the page a compiled template writes (`{{{name}}}`), without
    /// making an array of it first. What it writes is what `slot` reads.
    var writer: Writer? = nil
}

/// Writes a field's HTML into the page, read from its model's pointer.
typealias Writer = (Ptr, inout PageBuffer) -> Void

/// A stored property's offset in its model and what it holds.
struct Stored: Sendable {
    enum Kind: Sendable { case text, optionalText, number, optionalNumber, flag, model, html }

    let offset: Int
    let kind: Kind
}

extension Field {
    /// Text, escaped by `{{name}}`; a section over it is always shown (an empty string too, as swift-mustache does).
    public static func text(_ kp: KeyPath<M, String>) -> Field {
        let get = reader(kp)
        return Field(slot: .text { get($0) }, stored: stored(kp, .text))
    }

    /// Optional text: nil prints nothing and hides `{{#name}}` sections.
    public static func text(_ kp: KeyPath<M, String?>) -> Field { Field(slot: .text(reader(kp)), stored: stored(kp, .optionalText)) }

    /// A number, printed in decimal.
    public static func number(_ kp: KeyPath<M, Int>) -> Field {
        let get = reader(kp)
        return Field(slot: .number { get($0) }, stored: stored(kp, .number))
    }

    /// An optional number: nil prints nothing and hides `{{#name}}` sections.
    public static func number(_ kp: KeyPath<M, Int?>) -> Field { Field(slot: .number(reader(kp)), stored: stored(kp, .optionalNumber)) }

    /// A flag: `{{#name}}` shows its section when true, `{{^name}}` when false.
    public static func flag(_ kp: KeyPath<M, Bool>) -> Field {
        let get = reader(kp)
        return Field(slot: .flag { get($0) }, stored: stored(kp, .flag))
    }

    /// HTML made elsewhere (cmark's output, JSON-LD), as UTF-8 bytes: `{{{name}}}` copies them as they are.
    public static func html(_ kp: KeyPath<M, [UInt8]>) -> Field {
        let get = reader(kp)
        return Field(slot: .html { get($0) }, stored: stored(kp, .html))
    }

    /// HTML made on demand from source bytes (cmark's output from an article's Markdown): `{{{name}}}` prints
    /// `make(source)`, but the model is hashed by its source, so a rebuild runs cmark only for pages it renders.
    public static func html(from kp: KeyPath<M, [UInt8]>, _ make: @escaping ([UInt8]) -> [UInt8]) -> Field {
        let get = reader(kp)
        return Field(slot: .html { make(get($0)) }, hashSlot: .html { get($0) })
    }

    /// HTML made on demand from a source value (an article's Markdown and the people to link in it): `{{{name}}}`
    /// prints `make(source)`, which `write` writes straight into the page; the model is hashed by `hashed(source)`.
    static func html<S>(from kp: KeyPath<M, S>, hashedAs hashed: @escaping (S) -> [UInt8], _ make: @escaping (S) -> [UInt8],
                        write: @escaping (S, inout PageBuffer) -> Void) -> Field {
        let get = reader(kp)
        return Field(slot: .html { make(get($0)) }, hashSlot: .html { hashed(get($0)) }, writer: { write(get($0), &$1) })
    }

    static func stored<T>(_ kp: KeyPath<M, T>, _ kind: Stored.Kind) -> Stored? {
        MemoryLayout<M>.offset(of: kp).map { Stored(offset: $0, kind: kind) }
    }

    /// A nested model, pushed on the context stack by `{{#name}}`; its fields are also reachable as `name.field`.
    public static func model<C: ViewModel>(_ kp: KeyPath<M, C>) -> Field {
        if let offset = MemoryLayout<M>.offset(of: kp) {
            return Field(slot: .model(ModelType.of(C.self)) { p, body in body(p + offset); return true },
                         stored: Stored(offset: offset, kind: .model))
        }
        let get = reader(kp)
        return Field(slot: .model(ModelType.of(C.self)) { p, body in
            var v = get(p)
            withUnsafePointer(to: &v) { body(Ptr($0)) }
            return true
        })
    }

    /// An optional nested model: nil hides `{{#name}}` sections.
    public static func model<C: ViewModel>(_ kp: KeyPath<M, C?>) -> Field {
        if let offset = MemoryLayout<M>.offset(of: kp) {
            // Read where it is: an Optional's value sits at the Optional's own address (a single-payload enum).
            return Field(slot: .model(ModelType.of(C.self)) { p, body in
                guard (p + offset).assumingMemoryBound(to: C?.self).pointee != nil else { return false }
                body(p + offset)
                return true
            })
        }
        let get = reader(kp)
        return Field(slot: .model(ModelType.of(C.self)) { p, body in
            guard var v = get(p) else { return false }
            withUnsafePointer(to: &v) { body(Ptr($0)) }
            return true
        })
    }

    /// A list of models: `{{#name}}` renders its section once per element, with the element on top of the stack.
    public static func list<C: ViewModel>(_ kp: KeyPath<M, [C]>) -> Field {
        Field(slot: .list(ModelType.of(C.self), access(kp)))
    }

    /// A list of strings, each printed by `{{.}}` inside the section.
    public static func list(_ kp: KeyPath<M, [String]>) -> Field {
        Field(slot: .list(ModelType.scalarText, access(kp)))
    }

    /// Reads a list: where it is for a stored property (its elements not retained), else through the key path.
    static func access<C>(_ kp: KeyPath<M, [C]>) -> ListAccess {
        guard let offset = MemoryLayout<M>.offset(of: kp) else { return ListAccess(reader(kp)) }
        return ListAccess(count: { ($0 + offset).assumingMemoryBound(to: [C].self).pointee.count },
                          visit: { p, which, body in ListAccess.visit((p + offset).assumingMemoryBound(to: [C].self).pointee, which, body) })
    }

    /// Reads a field: by offset for a stored property, else through the key path.
    static func reader<T>(_ kp: KeyPath<M, T>) -> (Ptr) -> T {
        if let offset = MemoryLayout<M>.offset(of: kp) {
            return { $0.load(fromByteOffset: offset, as: T.self) }
        }
        return { $0.assumingMemoryBound(to: M.self).pointee[keyPath: kp] }
    }
}

/// A field with its type erased: how compiled templates read it from a pointer to its model.
enum Slot: @unchecked Sendable {
    case text((Ptr) -> String?)
    case number((Ptr) -> Int?)
    case flag((Ptr) -> Bool?)
    case html((Ptr) -> [UInt8]?)
    /// Calls the body with a pointer to the nested model when there is one; returns whether there was.
    case model(ModelType, (Ptr, (Ptr) -> Void) -> Bool)
    case list(ModelType, ListAccess)

    /// What the field holds, for error messages.
    var kind: String {
        switch self {
        case .text: return "text"
        case .number: return "a number"
        case .flag: return "a flag"
        case .html: return "HTML"
        case .model(let t, _): return "a \(t.name)"
        case .list(let t, _): return "a list of \(t.name)"
        }
    }
}

/// Reading a list field: its length, and a visit of all, the first or the last element by pointer.
struct ListAccess: @unchecked Sendable {
    enum Which { case all, first, last }

    let count: (Ptr) -> Int
    let visit: (Ptr, Which, (Ptr) -> Void) -> Void

    init(count: @escaping (Ptr) -> Int, visit: @escaping (Ptr, Which, (Ptr) -> Void) -> Void) {
        self.count = count
        self.visit = visit
    }

    init<C>(_ get: @escaping (Ptr) -> [C]) {
        count = { get($0).count }
        visit = { p, which, body in Self.visit(get(p), which, body) }
    }

    /// Calls `body` with a pointer to every element of `list`, its first or its last.
    static func visit<C>(_ list: borrowing [C], _ which: Which, _ body: (Ptr) -> Void) {
        list.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            switch which {
            case .all: for i in 0..<buf.count { body(Ptr(base + i)) }
            case .first: body(Ptr(base))
            case .last: body(Ptr(base + (buf.count - 1)))
            }
        }
    }
}

/// A view model's type with its fields erased, as the template compiler sees it. Scalars (a string or a
/// number a section pushed, a list's string) have no fields, only `{{.}}`.
final class ModelType: @unchecked Sendable {
    let name: String
    let fields: [String: Slot]
    /// The fields that are stored properties, by offset.
    let stored: [String: Stored]
    /// The HTML fields that write themselves into the page (`Field.writer`).
    let writers: [String: Writer]
    /// What `{{.}}` reads when this is the top of the stack (scalars only).
    let dot: Slot?
    /// The fields sorted by name, as a model's hash reads them, so a model hashes the same way every time.
    let ordered: [(name: String, slot: Slot)]

    init(name: String, fields: [String: Slot], stored: [String: Stored] = [:], hashed: [String: Slot] = [:],
         writers: [String: Writer] = [:], dot: Slot?) {
        self.name = name
        self.fields = fields
        self.ordered = fields.sorted { $0.key < $1.key }.map { (name: $0.key, slot: hashed[$0.key] ?? $0.value) }
        self.stored = stored
        self.writers = writers
        self.dot = dot
    }

    /// The erased type of a view model.
    static func of<M: ViewModel>(_ type: M.Type) -> ModelType {
        ModelType(name: String(describing: M.self), fields: M.fields.mapValues(\.slot),
                  stored: M.fields.compactMapValues(\.stored), hashed: M.fields.compactMapValues(\.hashSlot),
                  writers: M.fields.compactMapValues(\.writer), dot: nil)
    }

    static let scalarText = ModelType(name: "text", fields: [:], dot: .text { $0.load(as: String.self) })
    static let scalarNumber = ModelType(name: "number", fields: [:], dot: .number { $0.load(as: Int.self) })
    /// What an inverted section over an empty list pushes: nothing a template can name.
    static let emptyList = ModelType(name: "empty list", fields: [:], dot: nil)
}

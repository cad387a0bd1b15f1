/// A small SVG writer for the charts: elements and attributes appended to a byte buffer, every text and
/// attribute value escaped as the templates escape (`ByteEscaper`: `<>&"'`), coordinates whole numbers, so the same data gives the same bytes
/// on every run. Colours are never written here: elements carry CSS classes that the stylesheet fills from its
/// variables (`site.css`, `.chart …`), so dark mode and print restyle them.
struct SVGWriter {
    /// The markup so far.
    private(set) var bytes: [UInt8] = []

    /// A writer with room for about `capacity` bytes.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// An attribute's value: text (escaped when written) or a whole number.
    enum Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case text(String)
        case int(Int)

        init(stringLiteral s: String) { self = .text(s) }
        init(integerLiteral n: Int) { self = .int(n) }
    }

    /// Appends markup written by hysite itself (never input text).
    mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends text, escaped.
    mutating func text(_ s: String) {
        ByteEscaper.append(s, to: &bytes)
    }

    /// Appends a whole number in decimal.
    mutating func number(_ n: Int) {
        ByteEscaper.append(n, to: &bytes)
    }

    /// Writes `<name a="v" …>` (or `<name … />` when `empty`).
    mutating func open(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, Value> = [:], empty: Bool = false) {
        raw("<")
        raw(name)
        for (key, value) in attributes {
            raw(" ")
            raw(key)
            raw("=\"")
            switch value {
            case .text(let s): text(s)
            case .int(let n): number(n)
            }
            raw("\"")
        }
        if empty { raw("/") }
        raw(">")
    }

    /// Writes `</name>`.
    mutating func close(_ name: StaticString) {
        raw("</")
        raw(name)
        raw(">")
    }

    /// Writes `<name …>text</name>`, the text escaped.
    mutating func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, Value> = [:], text content: String) {
        open(name, attributes)
        text(content)
        close(name)
    }

    /// Writes a `<title>` (a tooltip on hover and the accessible name of its parent).
    mutating func title(_ s: String) {
        element("title", text: s)
    }
}

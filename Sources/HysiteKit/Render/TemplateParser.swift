/// Parses Mustache text into `TemplateNode`s. The algorithm (standalone lines, indentation, block
/// de-indenting) follows swift-mustache 2.1's parser step by step, so whitespace comes out byte for byte
/// the same as it did when swift-mustache rendered the site.
struct TemplateParser {
    /// Why a template could not be parsed.
    enum Failure: Error {
        case sectionCloseNameIncorrect, unfinishedName, expectedSectionEnd, invalidSetDelimiter
        case transformAppliedToInheritanceSection, illegalTokenInsideInheritSection
        case invalidConfigVariableSyntax, unrecognisedConfigVariable, overflow, dynamicNamesUnsupported
    }

    struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]
        var partialDefinitionIndent: [Character]?

        func withSectionName(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var s = self
            s.sectionName = name
            s.sectionTransforms = transforms
            s.isPartialDefinitionTopLevel = false
            if !newLine { s.newLine = false }
            return s
        }

        func withInheritancePartial(_ name: String) -> State {
            var s = self
            s.sectionName = name
            s.sectionTransforms = []
            s.newLine = true
            s.isPartialDefinition = true
            s.isPartialDefinitionTopLevel = true
            return s
        }
    }

    let chars: [Character]
    var pos = 0
    /// Line number (1-based) of each character, counted as swift-mustache does (`Character.isNewline`).
    let lines: [Int]

    init(_ text: String) {
        chars = Array(text)
        var lines: [Int] = []
        lines.reserveCapacity(chars.count + 1)
        var n = 1
        for c in chars {
            lines.append(n)
            if c.isNewline { n += 1 }
        }
        lines.append(n)
        self.lines = lines
    }

    /// The whole template as a tree, or an error naming the template, line and column.
    static func parse(_ text: String, name: String) throws(TemplateError) -> [TemplateNode] {
        var p = TemplateParser(text)
        do {
            return try p.parse(State())
        } catch {
            throw p.error(error, template: name)
        }
    }

    func error(_ e: Error, template: String) -> TemplateError {
        var start = pos
        while start > 0 && chars[start - 1] != "\n" { start -= 1 }
        var end = pos
        while end < chars.count && chars[end] != "\n" { end += 1 }
        let text = String(chars[start..<end]).trimmingCharacters(in: .whitespaces)
        return TemplateError(template: template, line: lines[pos], column: pos - start + 1, message: "template error \(e): \(text)")
    }

    // MARK: - Reading characters

    var atEnd: Bool { pos == chars.count }
    func current() -> Character { atEnd ? "\0" : chars[pos] }

    mutating func readChars(while test: (Character) -> Bool) -> [Character] {
        let start = pos
        while !atEnd, test(chars[pos]) { pos += 1 }
        return Array(chars[start..<pos])
    }

    mutating func read(_ c: Character) throws -> Bool {
        guard !atEnd else { throw Failure.overflow }
        if chars[pos] == c { pos += 1; return true }
        return false
    }

    mutating func read(string: [Character]) throws -> Bool {
        guard !string.isEmpty else { return true }
        guard chars.count - pos >= string.count else { throw Failure.overflow }
        guard Array(chars[pos..<(pos + string.count)]) == string else { return false }
        pos += string.count
        return true
    }

    mutating func skipWhitespace() { _ = readChars(while: \.isWhitespace) }

    // MARK: - The parser

    /// One `parse` call's work so far: the nodes read, the state, and the white space before the current tag.
    private struct Level {
        var nodes: [TemplateNode] = []
        var state: State
        var whiteSpaceBefore: [Character] = []

        /// Puts out the white space before the tag as text, if there is any, and returns it.
        @discardableResult
        mutating func takeWhiteSpace() -> String {
            let ws = String(whiteSpaceBefore)
            if !whiteSpaceBefore.isEmpty { nodes.append(.text(ws)) }
            whiteSpaceBefore = []
            return ws
        }
    }

    /// Nodes up to the end of the template or, for a section or block, up to its closing tag.
    mutating func parse(_ start: State) throws -> [TemplateNode] {
        var level = Level(state: start)
        while !atEnd {
            if level.state.newLine { readIndentation(&level) }
            let text = try readUntilDelimiterOrNewline(level.state)
            if current().isNewline {
                level.nodes.append(.text(String(level.whiteSpaceBefore + text) + String(current())))
                level.state.newLine = true
                pos += 1
                continue
            }
            if !text.isEmpty {
                level.nodes.append(.text(String(level.whiteSpaceBefore + text)))
                level.whiteSpaceBefore = []
                level.state.newLine = false
            }
            if atEnd { break }
            if try tag(&level) { return level.nodes }
        }
        guard level.state.sectionName == nil else { throw Failure.expectedSectionEnd }
        return level.nodes
    }

    /// At the start of a line: its indentation, which inside a parent's block loses the block's own indentation.
    private mutating func readIndentation(_ level: inout Level) {
        let ws = readChars { $0 == " " || $0 == "\t" }
        if level.state.isPartialDefinition, !level.state.isPartialDefinitionTopLevel {
            if let indent = level.state.partialDefinitionIndent {
                level.whiteSpaceBefore = Array(ws.dropFirst(indent.count))
            } else {
                level.state.partialDefinitionIndent = ws
            }
        } else {
            level.whiteSpaceBefore = ws
        }
    }

    /// One tag, its opening delimiter read; true when it closes the section being parsed.
    private mutating func tag(_ level: inout Level) throws -> Bool {
        let line = lines[pos]
        var setNewLine = false
        switch current() {
        case "#", "^": setNewLine = try section(&level, line: line)
        case "/":
            try closeSection(&level)
            return true
        case "!":
            pos += 1
            try skipComment(level.state)
            setNewLine = isStandalone(level.state)
        case "{", "&": try unescapedVariable(&level, line: line)
        case ">": setNewLine = try partial(&level, line: line)
        case "<": setNewLine = try parent(&level, line: line)
        case "$": setNewLine = try block(&level, line: line)
        case "=":
            pos += 1
            level.state = try setDelimiters(level.state)
            setNewLine = isStandalone(level.state)
        case "%":
            pos += 1
            level.nodes.append(.contentType(try readContentType(level.state), line: line))
            setNewLine = isStandalone(level.state)
        default:
            level.takeWhiteSpace()
            level.nodes.append(.variable(try parseName(level.state), escaped: true, line: line))
        }
        level.state.newLine = setNewLine
        return false
    }

    /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`: a section and its body; true when the tag stands alone.
    private mutating func section(_ level: inout Level, line: Int) throws -> Bool {
        let inverted = current() == "^"
        pos += 1
        let name = try parseName(level.state)
        let standalone = isStandalone(level.state)
        if !standalone { level.takeWhiteSpace() }
        let body = try parse(level.state.withSectionName(name.path, newLine: standalone, transforms: name.transforms))
        level.nodes.append(.section(name, inverted: inverted, body: body, line: line))
        return standalone
    }

    /// `{{/name}}`, which must close the section being parsed; the white space before it stays unless it stands alone.
    private mutating func closeSection(_ level: inout Level) throws {
        pos += 1
        let at = pos
        let name = try parseName(level.state)
        guard name.path == level.state.sectionName, name.transforms == level.state.sectionTransforms else {
            pos = at
            throw Failure.sectionCloseNameIncorrect
        }
        if !isStandalone(level.state) { level.takeWhiteSpace() }
    }

    /// `{{{name}}}` or `{{&name}}`: a variable put out unescaped.
    private mutating func unescapedVariable(_ level: inout Level, line: Int) throws {
        let triple = current() == "{"
        level.takeWhiteSpace()
        pos += 1
        let name = try parseName(level.state)
        if triple { guard try read("}") else { throw Failure.unfinishedName } }
        level.nodes.append(.variable(name, escaped: false, line: line))
    }

    /// `{{>name}}`: a partial, indented like its line when it stands alone there; true when it does.
    private mutating func partial(_ level: inout Level, line: Int) throws -> Bool {
        pos += 1
        skipWhitespace()
        if current() == "*" { throw Failure.dynamicNamesUnsupported }
        let name = try parsePartialName(level.state)
        let indentation = level.takeWhiteSpace()
        let standalone = isStandalone(level.state)
        level.nodes.append(.partial(name, indentation: standalone ? indentation : nil, line: line))
        return standalone
    }

    /// `{{<name}}…{{/name}}`: a parent template and the blocks it overrides; true when the tag stands alone.
    private mutating func parent(_ level: inout Level, line: Int) throws -> Bool {
        pos += 1
        skipWhitespace()
        let name = try parsePartialName(level.state)
        if name.first == "*" { throw Failure.dynamicNamesUnsupported }
        let indentation = level.takeWhiteSpace()
        let standalone = isStandalone(level.state)
        let body = try parse(level.state.withInheritancePartial(name))
        level.nodes.append(.parent(name, indentation: indentation, overrides: try Self.overrides(body), line: line))
        return standalone
    }

    /// The blocks a parent's body defines, by name; anything in it but blocks and text is an error.
    private static func overrides(_ body: [TemplateNode]) throws -> [String: [TemplateNode]] {
        var overrides: [String: [TemplateNode]] = [:]
        for node in body {
            switch node {
            case .blockDefinition(let block, let b): overrides[block] = b
            case .text: break
            default: throw Failure.illegalTokenInsideInheritSection
            }
        }
        return overrides
    }

    /// `{{$name}}…{{/name}}`: a block's new content in a parent's body, else a block and its default; true when standalone.
    private mutating func block(_ level: inout Level, line: Int) throws -> Bool {
        pos += 1
        let name = try parseName(level.state)
        guard name.transforms.isEmpty else { throw Failure.transformAppliedToInheritanceSection }
        if level.state.isPartialDefinitionTopLevel {
            let standalone = isStandalone(level.state)
            let body = try parse(level.state.withSectionName(name.path, newLine: standalone))
            level.nodes.append(.blockDefinition(name.path, body: body))
            return standalone
        }
        let indentation = level.takeWhiteSpace()
        let standalone = isStandalone(level.state)
        let body = try parse(level.state.withSectionName(name.path, newLine: standalone))
        level.nodes.append(.block(name.path, defaultBody: body, indentation: indentation, line: line))
        return standalone
    }

    /// Text up to the next tag (whose opening delimiter is consumed) or line break (not consumed).
    mutating func readUntilDelimiterOrNewline(_ state: State) throws -> [Character] {
        guard let first = state.startDelimiter.first else { return [] }
        var text: [Character] = []
        while !atEnd {
            text += readChars { $0 != "\n" && $0 != "\r\n" && $0 != first }
            if current().isNewline {
                break
            } else if current() == first {
                if try read(string: state.startDelimiter) { break }
                text.append(first)
                pos += 1
            }
        }
        return text
    }

    static let nameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    static let partialNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// A tag's name up to and including the closing delimiter: `name` or `t2(t1(name))`.
    mutating func parseName(_ state: State) throws -> TagName {
        skipWhitespace()
        let text = readChars { Self.nameChars.contains($0) || $0 == "(" || $0 == ")" }
        skipWhitespace()
        guard try read(string: state.endDelimiter) else { throw Failure.unfinishedName }
        return try Self.splitTransforms(text)
    }

    /// `a(b(name))` → name with transforms `[a, b]`, as swift-mustache reads them.
    static func splitTransforms(_ text: [Character]) throws -> TagName {
        var i = 0
        func word() -> String {
            let s = i
            while i < text.count, nameChars.contains(text[i]) { i += 1 }
            return String(text[s..<i])
        }
        var transforms = [word()]
        guard i < text.count else { return TagName(path: transforms[0]) }
        guard text[i] == "(" else { throw Failure.unfinishedName }
        i += 1
        while true {
            let name = word()
            guard i < text.count else { throw Failure.unfinishedName }
            if text[i] == "(" {
                transforms.append(name)
                i += 1
                continue
            }
            guard text[i] == ")" else { throw Failure.unfinishedName }
            let closes = text[i...].prefix { $0 == ")" }.count
            guard closes == transforms.count, i + closes == text.count else { throw Failure.unfinishedName }
            return TagName(path: name, transforms: transforms)
        }
    }

    mutating func parsePartialName(_ state: State) throws -> String {
        skipWhitespace()
        let text = readChars { Self.partialNameChars.contains($0) }
        skipWhitespace()
        guard try read(string: state.endDelimiter) else { throw Failure.unfinishedName }
        return String(text)
    }

    /// Skips to just after the closing delimiter (swift-mustache's naive search, kept for equal results).
    mutating func skipComment(_ state: State) throws {
        let end = state.endDelimiter
        let start = pos
        var k = 0
        while !atEnd {
            if chars[pos] == end[k] {
                k += 1
                if k == end.count { pos += 1; return }
            } else {
                k = 0
            }
            pos += 1
        }
        pos = start
        throw Failure.overflow
    }

    mutating func setDelimiters(_ state: State) throws -> State {
        skipWhitespace()
        let open = readChars { !$0.isWhitespace }
        skipWhitespace()
        let close = readChars { $0 != "=" && !$0.isWhitespace }
        skipWhitespace()
        guard !atEnd, !open.isEmpty, !close.isEmpty else { throw Failure.invalidSetDelimiter }
        guard try read("="), try read(string: state.endDelimiter) else { throw Failure.invalidSetDelimiter }
        var s = state
        s.startDelimiter = open
        s.endDelimiter = close
        s.isPartialDefinitionTopLevel = false
        return s
    }

    mutating func readContentType(_ state: State) throws -> ContentType {
        skipWhitespace()
        let variable = String(readChars { Self.nameChars.contains($0) })
        skipWhitespace()
        guard !atEnd, try read(":") else { throw Failure.invalidConfigVariableSyntax }
        skipWhitespace()
        let value = String(readChars { Self.nameChars.contains($0) })
        skipWhitespace()
        guard chars.count - pos >= state.endDelimiter.count, try read(string: state.endDelimiter) else { throw Failure.invalidConfigVariableSyntax }
        guard !variable.isEmpty, !value.isEmpty else { throw Failure.invalidConfigVariableSyntax }
        switch (variable, value) {
        case ("CONTENT_TYPE", "HTML"): return .html
        case ("CONTENT_TYPE", "TEXT"): return .text
        default: throw Failure.unrecognisedConfigVariable
        }
    }

    /// Whether a tag stands alone on its line; if so the rest of the line (its line break included) is consumed.
    mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var p = pos
        while p < chars.count, chars[p] == " " || chars[p] == "\t" { p += 1 }
        if p < chars.count, chars[p].isNewline {
            pos = p + 1
            return true
        }
        return false
    }
}

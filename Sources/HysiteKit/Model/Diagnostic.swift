/// A warning or error about the input, always naming the file (and the line where it helps)
/// and saying what was assumed or what to do.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    /// How bad a diagnostic is: a warning lets the build go on, an error stops it (unless `--keep-going`).
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning
        case error

        /// A warning orders before an error.
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    /// What went wrong, as a stable name tests and tools can match (`undated`, `bylineWithoutReporter`, …);
    /// the message says it for people.
    public enum Code: String, Sendable, Codable, CaseIterable {
        // Input files
        case inputMissing, inputUnreadable, binaryFile, unknownEncoding, undecodableBytes, controlCharacters
        // Pages and articles
        case emptyFile, noArticle, untitled, noBody, bylineWithoutReporter, undated, noYear, impossibleDate
        case continuationUnmatched
        // Settings, people file and templates
        case configUnreadable, configSyntax, configBadValue, configUnknownKey
        case peopleFileMissing, peopleSyntax, peopleBadEntry, peopleUnknownKey
        case templatesNotFound, templateNotText, templateSyntax, templateMissing
        // Output
        case searchUnavailable, searchFailed, writeFailed
    }

    /// What went wrong, as a stable name (see `Code`).
    public var code: Code
    /// The file it is about (a page file, `hysite.yml`, the people file or a template), as the build names it.
    public var file: String
    /// The 1-based line in `file` it is about, or nil when it is about the whole file.
    public var line: Int?
    /// Whether it is a warning or an error.
    public var severity: Severity
    /// What was wrong, and what was assumed or what to do, for the user.
    public var message: String

    /// A diagnostic with every field given (`warning(_:_:line:_:)` and `error(_:_:line:_:)` are shorter).
    public init(code: Code, file: String, line: Int? = nil, severity: Severity, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// A warning: the build goes on (errors with `--strict`).
    public static func warning(_ code: Code, _ file: String, line: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(code: code, file: file, line: line, severity: .warning, message: message)
    }

    /// An error: nothing is written (unless `--keep-going`).
    public static func error(_ code: Code, _ file: String, line: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(code: code, file: file, line: line, severity: .error, message: message)
    }

    /// `seeds/000.txt:12: warning: …`
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Stable order for printing: by file, then line, then message.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted {
            if $0.file != $1.file { return $0.file < $1.file }
            if ($0.line ?? 0) != ($1.line ?? 0) { return ($0.line ?? 0) < ($1.line ?? 0) }
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            return $0.message < $1.message
        }
    }

    /// Whether any of the diagnostics is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

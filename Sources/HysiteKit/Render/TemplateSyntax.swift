/// A Mustache template parsed into a tree, before any name is resolved (see `TemplateParser`).
indirect enum TemplateNode: Equatable, Sendable {
    /// Literal text, copied as it is.
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (raw).
    case variable(TagName, escaped: Bool, line: Int)
    /// `{{#name}}…{{/name}}`, or with `inverted` `{{^name}}…{{/name}}`.
    case section(TagName, inverted: Bool, body: [TemplateNode], line: Int)
    /// `{{> name}}`; `indentation` is set when the tag stands alone on its line.
    case partial(String, indentation: String?, line: Int)
    /// `{{< name}}{{$block}}…{{/block}}{{/name}}`: the named template with some blocks replaced.
    case parent(String, indentation: String, overrides: [String: [TemplateNode]], line: Int)
    /// `{{$name}}default{{/name}}` outside a parent: replaced by an override when there is one.
    case block(String, defaultBody: [TemplateNode], indentation: String, line: Int)
    /// `{{% CONTENT_TYPE: HTML }}` or `TEXT`: how the following variables are escaped.
    case contentType(ContentType, line: Int)
    /// `{{$name}}…{{/name}}` directly inside a parent (only seen while parsing).
    case blockDefinition(String, body: [TemplateNode])
}

/// A tag's name: a dotted path (`site.title`, `.`) and transforms applied outermost first (`first(people)`).
struct TagName: Equatable, Hashable, Sendable, CustomStringConvertible {
    var path: String
    var transforms: [String] = []

    var description: String { transforms.reversed().reduce(path) { "\($1)(\($0))" } }
}

/// How variables are escaped, set by the `CONTENT_TYPE` pragma.
public enum ContentType: Equatable, Sendable {
    /// `<>&"'` become entities (the default).
    case html
    /// Nothing is escaped.
    case text
}

/// A template that could not be parsed or compiled: names the template, line and column, and what is wrong.
public struct TemplateError: Error, Equatable, CustomStringConvertible {
    /// The template's name (`article` for `article.mustache`).
    public var template: String
    /// The line (1-based) of the tag, or where parsing stopped.
    public var line: Int
    /// The column, for syntax errors.
    public var column: Int?
    /// What is wrong.
    public var message: String
    /// The tag it is about (`{{titel}}`), when there is one: the same tag is reported once, not per page kind.
    public var tag: String?

    /// `article.mustache:16: unknown field …`
    public var description: String {
        "\(template).mustache:\(line)\(column.map { ":\($0)" } ?? ""): \(message)"
    }
}

import Mustache

/// The site's look: Mustache templates plus static assets (CSS) from the `Templates/` folder.
/// A user restyles the site by editing these files; no Swift changes.
public struct TemplateSet: Sendable {
    public var library: MustacheLibrary
    /// Non-template files (CSS, images) copied to the output as they are, by relative path.
    public var assets: [(path: String, bytes: [UInt8])]
    public var names: Set<String>

    public static let required = [
        "base", "article", "person", "day", "month", "year", "dates", "people", "home", "undated", "search", "notfound", "feed",
    ]

    /// Parses every `*.mustache` file; a parse error names the template and its line.
    public static func make(files: [(path: String, bytes: [UInt8])], folder: String) -> (TemplateSet?, [Diagnostic]) {
        var library = MustacheLibrary()
        var assets: [(String, [UInt8])] = []
        var diagnostics: [Diagnostic] = []
        var names = Set<String>()
        for f in files {
            if f.path.hasSuffix(".mustache") {
                let name = String(f.path.dropLast(".mustache".count))
                guard let text = String(validating: f.bytes, as: UTF8.self) else {
                    diagnostics.append(.error("\(folder)/\(f.path)", "template is not UTF-8 text"))
                    continue
                }
                do {
                    library.register(try MustacheTemplate(string: text), named: name)
                    names.insert(name)
                } catch let e as MustacheTemplate.ParserError {
                    diagnostics.append(.error("\(folder)/\(f.path)", line: e.context.lineNumber,
                        "template error \(e.error) at column \(e.context.columnNumber): \(e.context.line.trimmingCharacters(in: .whitespaces))"))
                } catch {
                    diagnostics.append(.error("\(folder)/\(f.path)", "template error: \(error)"))
                }
            } else if !f.path.hasPrefix(".") && !f.path.contains("/.") {
                assets.append((f.path, f.bytes))
            }
        }
        for r in required where !names.contains(r) && !diagnostics.contains(where: { $0.file.hasSuffix("/\(r).mustache") }) {
            diagnostics.append(.error("\(folder)/\(r).mustache", "required template is missing; copy it from the hysite repository's Templates/ folder"))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets, names: names), diagnostics)
    }

    public func render(_ context: [String: Any], with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}

import Foundation

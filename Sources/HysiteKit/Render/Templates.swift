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
        "teaser", "teaser-compact", "pagination",
    ]

    /// Parses every `*.mustache` file; a parse error names the template and its line.
    public static func make(files: [(path: String, bytes: [UInt8])], folder: String) -> (TemplateSet?, [Diagnostic]) {
        FastHTMLEscaping.install()
        var library = MustacheLibrary()
        var assets: [(String, [UInt8])] = []
        var diagnostics: [Diagnostic] = []
        var names = Set<String>()
        for f in files {
            if f.path.hasSuffix(".mustache") {
                let name = String(f.path.dropLast(".mustache".count))
                guard let text = String(validating: f.bytes, as: UTF8.self) else {
                    diagnostics.append(.error(.templateNotText, "\(folder)/\(f.path)", "template is not UTF-8 text"))
                    continue
                }
                do {
                    library.register(try MustacheTemplate(string: text), named: name)
                    names.insert(name)
                } catch let e as MustacheTemplate.ParserError {
                    diagnostics.append(.error(.templateSyntax, "\(folder)/\(f.path)", line: e.context.lineNumber,
                        "template error \(e.error) at column \(e.context.columnNumber): \(e.context.line.trimmingCharacters(in: .whitespaces))"))
                } catch {
                    diagnostics.append(.error(.templateSyntax, "\(folder)/\(f.path)", "template error: \(error)"))
                }
            } else if !f.path.hasPrefix(".") && !f.path.contains("/.") {
                assets.append((f.path, f.bytes))
            }
        }
        for r in required where !names.contains(r) && !diagnostics.contains(where: { $0.file.hasSuffix("/\(r).mustache") }) {
            diagnostics.append(.error(.templateMissing, "\(folder)/\(r).mustache", "required template is missing; copy it from the hysite repository's Templates/ folder"))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets, names: names), diagnostics)
    }

    public func render(_ context: [String: Any], with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}

import Foundation

/// The same escaping as swift-mustache's HTML content type (`<>&"'`), without walking grapheme clusters:
/// text with none of those bytes (most of the paper's text) is returned as it is. Templates opt in with
/// `{{% CONTENT_TYPE: HTML }}`; a template without it is escaped by swift-mustache's own, slower code.
struct FastHTMLEscaping: MustacheContentType {
    static let installOnce: Void = { MustacheContentTypes.register(FastHTMLEscaping(), named: "HTML") }()
    static func install() { _ = installOnce }

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { buf -> String in
            guard buf.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
                return String(decoding: buf, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(buf.count + 32)
            for b in buf {
                switch b {
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
                default: out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}


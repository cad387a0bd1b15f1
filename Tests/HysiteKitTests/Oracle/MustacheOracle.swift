import Foundation
import Mustache
@testable import HysiteKit

/// swift-mustache rendering the same view models the compiled templates render, converted to dictionaries
/// through their field tables (nil becomes `NSNull`: found, but empty, as for the compiled templates).
struct MustacheOracle: PageRendering {
    let library: MustacheLibrary

    init(templatesFolder: String) throws {
        library = try LegacyRenderer.library(templatesFolder)
    }

    func render<M: ViewModel>(_ model: inout M, _ template: CompiledTemplate<M>, named name: String) -> [UInt8] {
        let context = withUnsafePointer(to: &model) { ModelType.of(M.self).dictionary(Ptr($0)) }
        return Array((library.render(context, withTemplate: name) ?? "").utf8)
    }
}

extension ModelType {
    /// The model at `p` as swift-mustache's kind of context.
    func dictionary(_ p: Ptr) -> [String: Any] {
        fields.mapValues { Self.value($0, p) }
    }

    /// A list element or pushed value: a scalar as itself, a model as a dictionary.
    func element(_ p: Ptr) -> Any {
        if let dot { return Self.value(dot, p) }
        return dictionary(p)
    }

    static func value(_ slot: Slot, _ p: Ptr) -> Any {
        switch slot {
        case .text(let get): return get(p) ?? NSNull()
        case .number(let get): return get(p) ?? NSNull()
        case .flag(let get): return get(p) ?? NSNull()
        case .html(let get): return get(p).map { String(decoding: $0, as: UTF8.self) } ?? NSNull()
        case .model(let type, let with):
            var v: Any = NSNull()
            _ = with(p) { v = type.element($0) }
            return v
        case .list(let type, let list):
            var items: [Any] = []
            list.visit(p, .all) { items.append(type.element($0)) }
            return items
        }
    }
}

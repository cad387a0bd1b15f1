import Foundation

extension EmbeddedTemplates {
    /// How messages name the built-in templates.
    public static let displayName = "(built-in templates)"

    /// The embedded files, decoded: (path relative to Templates/, bytes).
    public static var files: [(path: String, bytes: [UInt8])] {
        encoded.map { (path: $0.path, bytes: [UInt8](Data(base64Encoded: $0.base64) ?? Data())) }
    }

    /// Writes a copy of every embedded file into `folder` (for `hysite init`); returns the paths written.
    public static func write(to folder: String, fs: FileSystem) throws -> [String] {
        try files.map { file in
            let path = "\(folder)/\(file.path)"
            try fs.write(Data(file.bytes), to: path)
            return path
        }
    }
}

extension Pipeline {
    /// The templates folder when it exists; the built-in templates when the folder is the default one
    /// (`Templates`, not given with --templates) and missing, so hysite builds in any folder.
    public static func loadTemplatesOrBuiltIn(_ folder: String, explicit: Bool, fs: FileSystem)
        -> (set: TemplateSet?, diagnostics: [Diagnostic], files: [(path: String, bytes: [UInt8])]) {
        if fs.isDirectory(folder) || explicit || folder != SiteConfig().templates {
            return loadTemplates(folder, fs: fs)
        }
        let files = EmbeddedTemplates.files
        let (set, diagnostics) = TemplateSet.make(files: files, folder: EmbeddedTemplates.displayName)
        return (set: set, diagnostics: diagnostics, files: files)
    }
}

import Foundation
import Mustache

/// The Markdown skeletons `debrief new` fills in: the repo's `templates/<name>` when it has
/// one, else the built-in `Templates/<name>`.
public enum DocumentTemplates {
    /// The folder of a repo's own templates, relative to its root.
    public static let overrideFolder = "templates"

    /// Renders the template `name` (e.g. `postmortem.md`) of the repo at `root` with `context`.
    public static func render(_ name: String, root: URL, context: [String: Any]) throws(AuthoringError) -> String {
        let (text, file) = try source(name, root: root)
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: text)
        } catch {
            throw .templateInvalid(file: file, reason: String(describing: error))
        }
        return template.render(context)
    }

    /// The text of template `name` and where it came from.
    static func source(_ name: String, root: URL) throws(AuthoringError) -> (String, String) {
        let relative = overrideFolder + "/" + name
        let files = RepositoryFiles(root: root)
        if files.exists(relative) {
            let bytes: [UInt8]
            switch files.read(relative, limit: RepositoryFiles.defaultMaxFileSize) {
            case .bytes(let read): bytes = read
            case .refused(let diagnostic): throw .templateInvalid(file: relative, reason: diagnostic.message)
            case .missing, .unreadable: throw .templateInvalid(file: relative, reason: "it is not a readable UTF-8 file")
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .templateInvalid(file: relative, reason: "it is not a readable UTF-8 file")
            }
            return (text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, relative)
        }
        guard let text = EmbeddedTemplates.files[name] else { throw .templateMissing(name) }
        return (text, "built-in " + name)
    }
}

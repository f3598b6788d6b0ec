import Foundation
import Mustache

/// The page templates and theme assets of a build: the ones compiled into debrief
/// (`EmbeddedTemplates`, from the package's `Templates/` folder) with the repo's own
/// `templates/` folder laid over them file by file. The Mustache library is built once per
/// build and shared by every rendering thread.
struct TemplateSet: Sendable {
    /// The repo folder whose files override the built-in ones.
    static let folder = "templates"

    /// Every template, by name (`postmortem` for `postmortem.mustache`).
    let library: MustacheLibrary
    /// The theme's static files, by path under `assets/`.
    let assets: [String: [UInt8]]
    /// Changes whenever any template or asset changes.
    let fingerprint: UInt64
    /// Overrides that could not be used (the built-in template is used instead).
    let diagnostics: [Diagnostic]
    /// Names of the templates the repo overrides or adds.
    let overridden: [String]

    /// The built-in files with the files of `root/templates/` over them, each read only when
    /// it is a regular file of at most `maxFileSize` bytes.
    static func load(root: URL, maxFileSize: Int = RepositoryFiles.defaultMaxFileSize) throws -> TemplateSet {
        var files: [String: [UInt8]] = [:]
        for (path, text) in EmbeddedTemplates.files { files[path] = Array(text.utf8) }
        let builtIn = files
        var diagnostics: [Diagnostic] = []
        let overrides = try repoFiles(root: root, maxFileSize: maxFileSize, refused: &diagnostics)
        for (path, bytes) in overrides { files[path] = bytes }

        var hasher = StableHasher(seed: 7)
        var templates: [String: MustacheTemplate] = [:]
        var assets: [String: [UInt8]] = [:]
        for path in files.keys.sorted() {
            guard let bytes = files[path] else { continue }
            hasher.combine(path)
            hasher.combine(bytes)
            if path.hasPrefix("assets/") {
                assets[String(path.dropFirst("assets/".count))] = bytes
                continue
            }
            guard path.hasSuffix(".mustache"), !path.contains("/") else { continue }
            let name = String(path.dropLast(".mustache".count))
            let repoPath = folder + "/" + path
            switch parse(bytes, file: repoPath) {
            case .success(let template):
                templates[name] = template
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                if let fallback = builtIn[path], case .success(let template) = parse(fallback, file: path) {
                    templates[name] = template
                }
            }
        }
        return TemplateSet(library: MustacheLibrary(templates: templates), assets: assets, fingerprint: hasher.finalize(),
                           diagnostics: diagnostics, overridden: overrides.keys.sorted())
    }

    /// Renders a model with a template; nil when there is no such template.
    func render(_ template: String, _ model: TemplateValue) -> String? {
        library.render(model, withTemplate: template)
    }

    // MARK: - Private

    private static func parse(_ bytes: [UInt8], file: String) -> Parsed {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(Diagnostic(.error, .templateSyntax, at: SourceLocation(file: file), "template is not valid UTF-8"))
        }
        _ = registerEscaping
        do {
            // A standalone pragma line: it selects debrief's escaping and renders as nothing.
            return .success(try MustacheTemplate(string: "{{% CONTENT_TYPE: \(HTMLEscaping.name) }}\n" + text))
        } catch let error as MustacheTemplate.ParserError {
            return .failure(Diagnostic(.error, .templateSyntax,
                                       at: SourceLocation(file: file, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber),
                                       "template cannot be parsed: \(Self.describe(error.error)); the built-in template is used instead"))
        } catch {
            return .failure(Diagnostic(.error, .templateSyntax, at: SourceLocation(file: file), "template cannot be parsed: \(error)"))
        }
    }

    /// Registers `HTMLEscaping` with swift-mustache, once, before any template is parsed.
    private static let registerEscaping: Void = {
        MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
    }()

    /// swift-mustache's parse errors in words.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section opened with {{#name}} or {{^name}} is never closed with {{/name}}"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            return "a block or parent section is malformed"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "a {{% }} tag is not understood"
        }
    }

    private enum Parsed {
        case success(MustacheTemplate)
        case failure(Diagnostic)
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    /// Every file under `root/templates/`, by path relative to it; hidden files and symbolic
    /// links skipped; a file `RepositoryFiles` refuses (too large, a FIFO) is left out with its
    /// diagnostic in `refused`.
    private static func repoFiles(root: URL, maxFileSize: Int, refused: inout [Diagnostic]) throws -> [String: [UInt8]] {
        let repo = RepositoryFiles(root: root)
        let base = root.appendingPathComponent(folder).path
        guard FileIO.isDirectory(base), !isSymbolicLink(base) else { return [:] }
        var files: [String: [UInt8]] = [:]
        var pending = [""]
        while let current = pending.popLast() {
            let absolute = current.isEmpty ? base : base + "/" + current
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: absolute)
            } catch {
                throw EnvironmentError("cannot list \(folder)/\(current): \(error.localizedDescription)")
            }
            for name in names where !name.hasPrefix(".") {
                let relative = current.isEmpty ? name : current + "/" + name
                // Never follow a symbolic link: it could publish a file from outside the repo,
                // such as a CI runner's credentials, as an asset.
                if isSymbolicLink(base + "/" + relative) { continue }
                if FileIO.isDirectory(base + "/" + relative) {
                    pending.append(relative)
                } else {
                    switch repo.read(folder + "/" + relative, limit: maxFileSize) {
                    case .bytes(let bytes): files[relative] = bytes
                    case .refused(let diagnostic): refused.append(diagnostic)
                    case .missing, .unreadable: throw EnvironmentError("cannot read \(folder)/\(relative)")
                    }
                }
            }
        }
        return files
    }
}

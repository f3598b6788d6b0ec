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
    /// Templates rendered by the compiled theme (`CompiledTheme`): built-in ones that neither
    /// are overridden nor reach, through partials, a template that is. Every other template
    /// renders through swift-mustache.
    let compiled: Set<String>

    /// Whether a template from the repo is in use: then every HTML page gets the site's
    /// Content-Security-Policy first (`ContentSecurityPolicy.inserted(into:)`), whatever the
    /// templates write, and a theme-only build stays byte for byte what the theme writes.
    let insertsPolicy: Bool

    /// Extensions (lower case) of the repo's `templates/assets/` files that are published
    /// whatever `unsafe_html` says: style sheets, images other than SVG, fonts, text and JSON.
    /// None runs script when a browser opens it, or when a template loads it, from the site.
    static let passiveAssetExtensions: Set<String> = [
        "css",
        "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp",
        "woff", "woff2", "ttf", "otf",
        "txt", "json",
    ]

    /// Templates whose output is XML (`feed.xml`, `sitemap.xml`): a browser opening one runs
    /// script in the XHTML or SVG namespace on the site's origin, and no meta tag can put a
    /// policy on it, so a repo replaces them only with `unsafe_html: true`.
    static let xmlTemplates: Set<String> = ["feed.mustache", "sitemap.mustache"]

    /// The built-in files with the files of `root/templates/` over them, each read only when
    /// it is a regular file of at most `maxFileSize` bytes. Unless `unsafeHTML`, a repo asset
    /// of another type than `passiveAssetExtensions`, or a replacement of an `xmlTemplates`
    /// file, is left out with a DB081 warning (anyone
    /// who can open a pull request writes the repo, and a script under `assets/` runs as the
    /// site). A repo template that includes itself, nests too deep or hides what it includes
    /// is DB080 and replaced by the built-in one, since swift-mustache would overflow the stack.
    /// With `engine` `.mustache`, every template renders through swift-mustache, so that tests
    /// can compare the compiled theme with it.
    static func load(root: URL, maxFileSize: Int = RepositoryFiles.defaultMaxFileSize, unsafeHTML: Bool = false,
                     engine: TemplateEngine = .compiledWhereBuiltIn) throws -> TemplateSet {
        var files: [String: [UInt8]] = [:]
        for (path, text) in EmbeddedTemplates.files { files[path] = Array(text.utf8) }
        let builtIn = files
        var diagnostics: [Diagnostic] = []
        let overrides = try repoFiles(root: root, maxFileSize: maxFileSize, refused: &diagnostics)
        for path in overrides.keys.sorted() {
            guard let bytes = overrides[path] else { continue }
            if path.hasPrefix("assets/"), !unsafeHTML {
                let type = LinkedFiles.fileExtension(path)
                guard passiveAssetExtensions.contains(type) else {
                    let kind = type.isEmpty ? "a file without an extension" : "a .\(type) file"
                    diagnostics.append(Diagnostic(.warning, .templateAssetNotPublished, at: SourceLocation(file: folder + "/" + path),
                                                  "template asset not published: \(kind) may run script on the site; only style sheets, images other than SVG, fonts, text and JSON are published unless debrief.yml sets 'unsafe_html: true'"))
                    continue
                }
            }
            if xmlTemplates.contains(path), !unsafeHTML {
                diagnostics.append(Diagnostic(.warning, .templateAssetNotPublished, at: SourceLocation(file: folder + "/" + path),
                                              "template not used: it writes XML, where a browser runs script that no Content-Security-Policy stops; the built-in template is used unless debrief.yml sets 'unsafe_html: true'"))
                continue
            }
            files[path] = bytes
        }

        var hasher = StableHasher(seed: 7)
        var assets: [String: [UInt8]] = [:]
        var sources: [String: Source] = [:]
        for path in files.keys.sorted() {
            guard let bytes = files[path] else { continue }
            hasher.combine(path)
            hasher.combine(bytes)
            if path.hasPrefix("assets/") {
                assets[String(path.dropFirst("assets/".count))] = bytes
            } else if path.hasSuffix(".mustache"), !path.contains("/") {
                sources[String(path.dropLast(".mustache".count))] = Source(bytes: bytes, fromRepo: overrides[path] != nil)
            }
        }
        func fallBack(_ name: String, _ diagnostic: Diagnostic) {
            diagnostics.append(diagnostic)
            sources[name] = builtIn[name + ".mustache"].map { Source(bytes: $0, fromRepo: false) }
        }
        // The structure first: swift-mustache's parser recurses once per nested section.
        for name in sources.keys.sorted() {
            guard let source = sources[name], source.fromRepo, let refusal = TemplateStructure(source.bytes).refusal else { continue }
            fallBack(name, Diagnostic(.error, .templateSyntax, at: SourceLocation(file: folder + "/" + name + ".mustache", line: refusal.line, column: refusal.column),
                                      refusal.message + "; the built-in template is used instead"))
        }
        var parsed: [String: MustacheTemplate] = [:]
        for name in sources.keys.sorted() {
            guard let source = sources[name], source.fromRepo else { continue }
            switch parse(source.bytes, file: folder + "/" + name + ".mustache") {
            case .success(let template): parsed[name] = template
            case .failure(let diagnostic): fallBack(name, diagnostic)
            }
        }
        while let (name, diagnostic) = inclusionProblem(sources) {
            fallBack(name, diagnostic)
        }
        var templates: [String: MustacheTemplate] = [:]
        for (name, source) in sources {
            if source.fromRepo {
                templates[name] = parsed[name]
            } else if case .success(let template) = parse(source.bytes, file: name + ".mustache") {
                templates[name] = template
            }
        }
        func isBuiltIn(_ name: String) -> Bool { sources[name].map { !$0.fromRepo } ?? false }
        var compiled: Set<String> = []
        if engine == .compiledWhereBuiltIn {
            for (name, includes) in CompiledTheme.includes where isBuiltIn(name) && includes.allSatisfy(isBuiltIn) {
                compiled.insert(name)
            }
        }
        return TemplateSet(library: MustacheLibrary(templates: templates), assets: assets, fingerprint: hasher.finalize(),
                           diagnostics: diagnostics, overridden: overrides.keys.sorted(), compiled: compiled,
                           insertsPolicy: sources.values.contains { $0.fromRepo })
    }

    /// Renders a model with a template; nil when there is no such template.
    func render(_ template: String, _ model: TemplateValue) -> String? {
        if compiled.contains(template) { return CompiledTheme.render(template, model) }
        return library.render(model, withTemplate: template)
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

    /// A template's text and whether it comes from the repo.
    private struct Source {
        let bytes: [UInt8]
        let fromRepo: Bool
    }

    /// The first repo template that is part of a cycle of partials, or that includes partials
    /// nested deeper than `TemplateStructure.maxDepth` in all, with its diagnostic; nil when
    /// there is none. Built-in templates are never blamed: the theme has neither.
    private static func inclusionProblem(_ sources: [String: Source]) -> (String, Diagnostic)? {
        let structures = sources.mapValues { TemplateStructure($0.bytes) }
        func error(_ name: String, _ inclusion: TemplateStructure.Inclusion, _ message: String) -> (String, Diagnostic) {
            (name, Diagnostic(.error, .templateSyntax, at: SourceLocation(file: folder + "/" + name + ".mustache", line: inclusion.line, column: inclusion.column),
                              message + "; the built-in template is used instead"))
        }
        // Depth-first without recursion (a repo may hold thousands of partials); `finished`
        // is the post-order, so each template comes after everything it includes.
        var state: [String: Bool] = [:] // false: on the path, true: done
        var finished: [String] = []
        for root in sources.keys.sorted() where state[root] == nil {
            var path: [(name: String, next: Int)] = [(root, 0)]
            state[root] = false
            while let (name, next) = path.last {
                let inclusions = structures[name]?.inclusions ?? []
                guard next < inclusions.count else {
                    state[name] = true
                    finished.append(name)
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let target = inclusions[next].name
                guard sources[target] != nil else { continue }
                if state[target] == nil {
                    state[target] = false
                    path.append((target, 0))
                } else if state[target] == false, let first = path.firstIndex(where: { $0.name == target }) {
                    let cycle = Array(path[first...])
                    // Blame the last repo template on the cycle, at its tag that closes it.
                    let position = cycle.lastIndex { sources[$0.name]?.fromRepo == true } ?? cycle.count - 1
                    let blamed = cycle[position]
                    let names = (cycle[position...] + cycle[..<position]).map(\.name) + [blamed.name]
                    let inclusion = structures[blamed.name]?.inclusions[blamed.next - 1] ?? inclusions[next]
                    return error(blamed.name, inclusion, "template includes itself through {{> \(inclusion.name)}} (\(names.joined(separator: " → ")))")
                }
            }
        }
        var depth: [String: Int] = [:]
        for name in finished {
            guard let structure = structures[name] else { continue }
            var deepest = structure.depth
            for inclusion in structure.inclusions {
                guard let below = depth[inclusion.name] else { continue }
                let total = inclusion.depth + 1 + below
                if total > TemplateStructure.maxDepth, below <= TemplateStructure.maxDepth, sources[name]?.fromRepo == true {
                    return error(name, inclusion, "sections and partials are nested more than \(TemplateStructure.maxDepth) deep through {{> \(inclusion.name)}}")
                }
                deepest = max(deepest, total)
            }
            depth[name] = deepest
        }
        return nil
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

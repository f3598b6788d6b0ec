import Foundation

/// Which files that documents link to (`[log](../notes/outage.log)`, `![](graph.png)`) the site
/// publishes under `files/`. Anyone who can open a pull request writes the repo, and a file
/// copied to the site is served from the site's own origin, outside the pages' Content Security
/// Policy: an HTML or SVG file there runs its script as the site. So only passive types are
/// copied (`passiveExtensions`), unless `unsafe_html: true`; and only regular files inside the
/// root, not hidden, not in `templates/` or the output folder, up to `max_linked_file_size`.
///
/// The path alone decides whether a link is rewritten to `files/` (`isPublishable(path:)`), so
/// a page never depends on another file's size; the file system decides whether the file is
/// really copied (`problem(with:files:)`). `LinkedFileRule` reports both, for `check` and
/// `build` alike.
public struct LinkedFiles: Sendable {
    /// Extensions (lower case) of files copied whatever `unsafe_html` says: images other than
    /// SVG, PDF, plain text and data, patches, archives. None of them runs script when a browser
    /// opens it from the site.
    public static let passiveExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp",
        "pdf",
        "txt", "log", "csv", "tsv", "json", "yaml", "yml", "md",
        "patch", "diff",
        "zip", "gz", "tgz", "tar", "xz",
    ]

    /// The configuration: `unsafe_html`, `output`, `max_linked_file_size`.
    public let config: Config

    /// The policy of a repo with `config`.
    public init(config: Config) {
        self.config = config
    }

    /// Why a linked file is not published.
    public enum Problem: Sendable, Equatable {
        /// Its type could run script on the site (HTML, SVG, XML, script, style) or is not
        /// known to be passive; `unsafe_html: true` publishes it. The extension, lower case
        /// (empty when there is none).
        case activeType(String)
        /// The path leaves the root, names a hidden file, or lies in `templates/` or the output.
        case outsidePublishedFiles
        /// Nothing is there.
        case missing
        /// The file was refused by the reader (too large, not regular, a link leaving the root).
        case refused(RepositoryFiles.Refusal)

        /// The diagnostic code: DB071 for a type, DB072 for the rest.
        public var code: DiagnosticCode {
            if case .activeType = self { return .linkedFileNotPublished }
            return .linkedFileRefused
        }
    }

    /// The lower-cased extension of the last path component, or "" when it has none.
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// Whether the path alone allows publishing `file` (relative to the root, normalised).
    public func isPublishable(path file: String) -> Bool {
        pathProblem(file) == nil
    }

    /// What the path alone says against publishing `file`.
    public func pathProblem(_ file: String) -> Problem? {
        let parts = file.split(separator: "/", omittingEmptySubsequences: false)
        if file.isEmpty || file.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." || $0.hasPrefix(".") }) {
            return .outsidePublishedFiles
        }
        if file == config.output || file.hasPrefix(config.output + "/") || file.hasPrefix(TemplateSet.folder + "/") {
            return .outsidePublishedFiles
        }
        let type = Self.fileExtension(file)
        if !config.unsafeHTML && !Self.passiveExtensions.contains(type) { return .activeType(type) }
        return nil
    }

    /// Everything that keeps `file` off the site, the file system included (only `stat`).
    public func problem(with file: String, files: RepositoryFiles) -> Problem? {
        if let problem = pathProblem(file) { return problem }
        if !files.exists(file) { return .missing }
        return files.configured(with: config).refusal(of: file, limit: config.maxLinkedFileSize).map(Problem.refused)
    }

    /// The diagnostic for a link to `file` written as `destination` at `location`.
    public func diagnostic(_ problem: Problem, destination: String, file: String, at location: SourceLocation) -> Diagnostic {
        let message: String
        switch problem {
        case .activeType(let type):
            let kind = type.isEmpty ? "a file without an extension" : "a .\(type) file"
            message = "linked file '\(destination)' is not published: \(kind) could run script on the site; link a passive format (PNG, PDF, text) instead, or set 'unsafe_html: true' if every author is trusted"
        case .outsidePublishedFiles:
            message = "linked file '\(destination)' is not published: only files inside the repository, outside hidden folders, 'templates/' and the output folder are; move the file"
        case .missing:
            message = "linked file '\(destination)' is not published: \(file) does not exist"
        case .refused(let refusal):
            message = "linked file '\(destination)' is not published: " + refusal.message(limitKey: "max_linked_file_size")
        }
        return Diagnostic(.warning, problem.code, at: location, message)
    }

    /// Where a link to a file that is not published points instead: the file in the repository
    /// browser when `repo_url` is set, else nowhere on the site (`#`).
    public func fallbackHref(for file: String) -> String {
        guard let repoURL = config.repoURL, pathProblem(file) != .outsidePublishedFiles else { return "#" }
        return repoURL + (file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file)
    }
}

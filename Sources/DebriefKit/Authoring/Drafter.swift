import Foundation

/// What `debrief new` is asked to write.
public struct PostmortemRequest: Sendable, Equatable {
    /// The incident's title.
    public var title: String
    /// One of the configured severities; nil for the least severe.
    public var severity: String?
    /// The incident date; nil for today.
    public var date: CalendarDate?
    /// Affected services.
    public var services: [String]
    /// The id to use instead of the next one in sequence.
    public var id: String?

    /// Creates a request.
    public init(title: String, severity: String? = nil, date: CalendarDate? = nil, services: [String] = [], id: String? = nil) {
        self.title = title
        self.severity = severity
        self.date = date
        self.services = services
        self.id = id
    }
}

/// A new document, rendered and not yet written.
public struct Draft: Sendable, Equatable {
    /// Where it goes, relative to the repository root.
    public var file: String
    /// Its content.
    public var text: String
    /// The post-mortem id, for post-mortems.
    public var id: String?
}

/// Makes new post-mortems and SOPs from the document templates: picks the id, the file name and
/// the front matter values, and refuses anything that would clash with the repo.
public struct Drafter: Sendable {
    /// The repo the documents are for.
    public let base: KnowledgeBase

    /// Creates a drafter for a loaded repo.
    public init(base: KnowledgeBase) {
        self.base = base
    }

    /// A new draft post-mortem: status `draft`, every required section with a prompt.
    ///
    /// The id is `request.id` or the next in `id_format`'s sequence for the incident's year;
    /// the file is `<postmortems>/<date>-<slug>.md`. The severity defaults to the last (least
    /// severe) configured one, the date to `today`.
    public func postmortem(_ request: PostmortemRequest, today: CalendarDate) throws(AuthoringError) -> Draft {
        let config = base.config
        let title = try Self.cleanTitle(request.title)
        let date = request.date ?? today
        let severity = try resolveSeverity(request.severity)
        let id = try resolveID(request.id, year: date.year)
        var slug = DocumentSlug.make(title)
        if slug.isEmpty { slug = DocumentSlug.make(id) }
        if slug.isEmpty { slug = "postmortem" }
        let file = config.postmortems + "/" + date.description + "-" + slug + ".md"
        try ensureAbsent(file)

        let services = request.services.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let context: [String: Any] = [
            "id": id,
            "title": title,
            "titleYAML": YAMLScalar.doubleQuoted(title),
            "date": date.description,
            "year": String(date.year),
            "severity": YAMLScalar.quoted(severity),
            "services": services,
            "servicesYAML": services.map(YAMLScalar.doubleQuoted),
            "hasServices": !services.isEmpty,
        ]
        let text = try DocumentTemplates.render("postmortem.md", root: base.root, context: context)
        return Draft(file: file, text: text, id: id)
    }

    /// A new SOP at `<sops>/<slug>.md`, reviewed `today`.
    public func sop(title rawTitle: String, today: CalendarDate) throws(AuthoringError) -> Draft {
        let title = try Self.cleanTitle(rawTitle)
        var slug = DocumentSlug.make(title)
        if slug.isEmpty {
            // Nothing of the title survives in ASCII: number the fallback rather than clash.
            slug = "sop"
            var counter = 2
            while FileIO.exists(path(of: base.config.sops + "/" + slug + ".md")) {
                slug = "sop-\(counter)"
                counter += 1
            }
        }
        let file = base.config.sops + "/" + slug + ".md"
        try ensureAbsent(file)
        let context: [String: Any] = [
            "id": slug,
            "title": title,
            "titleYAML": YAMLScalar.doubleQuoted(title),
            "date": today.description,
        ]
        let text = try DocumentTemplates.render("sop.md", root: base.root, context: context)
        return Draft(file: file, text: text, id: nil)
    }

    // MARK: - Values

    /// The title on one line, white space collapsed.
    static func cleanTitle(_ title: String) throws(AuthoringError) -> String {
        let words = title.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        guard !words.isEmpty else { throw .emptyTitle }
        return words.joined(separator: " ")
    }

    private func resolveSeverity(_ requested: String?) throws(AuthoringError) -> String {
        let severities = base.config.severities
        guard let requested else { return severities.last ?? "SEV4" }
        if let match = severities.first(where: { $0.caseInsensitiveCompare(requested) == .orderedSame }) { return match }
        throw .unknownSeverity(requested, allowed: severities)
    }

    private func resolveID(_ requested: String?, year: Int) throws(AuthoringError) -> String {
        let existing = base.postmortems.filter { !$0.id.isEmpty }
        if let requested {
            guard IDFormatRule.isValid(requested) else { throw .invalidID(requested) }
            if let clash = existing.first(where: { $0.id == requested }) { throw .idExists(id: requested, file: clash.file) }
            return requested
        }
        let format = IDFormat(base.config.idFormat)
        let id = format.next(after: existing.map(\.id), year: year)
        guard IDFormatRule.isValid(id) else { throw .invalidIDFormat(format: format.pattern, example: id) }
        return id
    }

    private func ensureAbsent(_ file: String) throws(AuthoringError) {
        if FileIO.exists(path(of: file)) { throw .fileExists(file) }
    }

    private func path(of file: String) -> String {
        base.root.path + "/" + file
    }
}

/// Writes new files without ever replacing one: the file is created exclusively, so even a
/// file that appears between the check and the write is left alone.
public enum NewFileWriter {
    /// Creates `file` (relative to `root`) with `text`, making its folders.
    public static func create(_ file: String, text: String, root: URL) throws(AuthoringError) {
        let path = root.path + "/" + file
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileIO.makeDirectories(folder)
        } catch {
            throw .writeFailed(file: file, reason: "its folder cannot be created")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw .fileExists(file) }
            throw .writeFailed(file: file, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        do {
            try FileIO.writeAll(fd: fd, bytes: Array(text.utf8), path: path)
        } catch {
            throw .writeFailed(file: file, reason: String(describing: error))
        }
    }
}

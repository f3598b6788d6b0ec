import Foundation

/// What `debrief import` is asked to do beyond the files.
public struct ImportRequest: Sendable {
    /// The status the post-mortems get: `draft` unless asked otherwise.
    public var status: PostmortemStatus = .draft
    /// The incident day to use instead of the one found in the text.
    public var date: CalendarDate?
    /// The id to use instead of the next in `id_format`'s sequence (one file only).
    public var id: String?
    /// The folder to write to (absolute); nil for the repository's post-mortem folder.
    public var outputFolder: String?
    /// Report what would be written, and write nothing.
    public var dryRun = false

    /// Creates a request.
    public init(status: PostmortemStatus = .draft, date: CalendarDate? = nil, id: String? = nil, outputFolder: String? = nil, dryRun: Bool = false) {
        self.status = status
        self.date = date
        self.id = id
        self.outputFolder = outputFolder
        self.dryRun = dryRun
    }
}

/// What became of one input file.
public struct ImportResult: Sendable, Encodable {
    /// The input as named on the command line.
    public var input: String
    /// The file written (or that would be), absolute; nil when none.
    public var output: String?
    /// The new post-mortem's id.
    public var id: String?
    /// Whether the file was written (false on a dry run or a refusal).
    public var written: Bool
    /// What was read, mapped, left as written or refused, by input line.
    public var notes: [ImportNote]

    /// Whether the file was refused.
    public var failed: Bool { notes.contains { $0.severity == .error } }
}

/// Imports documents into one repository: reads each, gives it the next free id and a file
/// name as `debrief new` does, writes it without ever replacing a file, and says what `check`
/// will find in it.
public struct Importer {
    /// The repository imported into.
    public let base: KnowledgeBase
    /// What was asked.
    public let request: ImportRequest
    /// Ids given so far in this run, so several files get consecutive ones.
    private var taken: Set<String>
    /// Files planned so far in this run (a dry run writes none, yet two inputs must not share one).
    private var planned: Set<String> = []

    /// How to name a written path in a message (relative to the working folder, say).
    public let display: @Sendable (String) -> String

    /// Creates an importer for a loaded repository.
    public init(base: KnowledgeBase, request: ImportRequest, display: @escaping @Sendable (String) -> String = { $0 }) {
        self.base = base
        self.request = request
        self.display = display
        self.taken = Set(base.postmortems.map(\.id).filter { !$0.isEmpty })
    }

    /// Imports the file at `path` (`input` is how to name it in the report).
    public mutating func importFile(_ path: String, named input: String) -> ImportResult {
        var result = ImportResult(input: input, output: nil, id: nil, written: false, notes: [])
        let text: String
        switch ImportInput.read(path, limit: base.config.maxFileSize) {
        case .success(let read): text = read
        case .failure(let note):
            result.notes = [note]
            return result
        }
        let importer = PostmortemImporter(config: base.config)
        let document = importer.read(text, name: path, date: request.date)
        result.notes = document.notes
        guard let date = document.date else {
            result.notes.append(ImportNote(.error, line: nil, "no date found (no 'Date:' line and no date in the text); pass --date YYYY-MM-DD"))
            return result
        }
        let id: String
        switch nextID(year: date.year) {
        case .success(let next): id = next
        case .failure(let note):
            result.notes.append(note)
            return result
        }
        var slug = DocumentSlug.make(document.title)
        if slug.isEmpty { slug = DocumentSlug.make(id) }
        if slug.isEmpty { slug = "postmortem" }
        let name = date.description + "-" + slug + ".md"
        let folder = request.outputFolder ?? (base.root.path + "/" + base.config.postmortems)
        let output = folder + "/" + name
        result.output = output
        // Checked as a file of the post-mortem folder, whatever folder it is written to.
        let repoFile = base.config.postmortems + "/" + name
        let rendered = importer.render(document, id: id, status: request.status.rawValue, file: repoFile)
        result.notes += rendered.notes
        for finding in checkFindings(rendered.text, file: repoFile, document: document)
        where !result.notes.contains(where: { $0.line == finding.line && finding.message.hasSuffix($0.message.replacingOccurrences(of: "left as written: ", with: "")) }) {
            result.notes.append(finding)
        }
        // By input line; notes about the whole file after them, in the order they were made.
        result.notes = result.notes.enumerated().sorted { a, b in
            (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
        }.map(\.element)
        if FileIO.exists(output) || planned.contains(output) {
            result.notes.append(ImportNote(.error, line: nil, "\(display(output)) already exists; nothing was written (move it away, or import with --output DIR)"))
            return result
        }
        planned.insert(output)
        taken.insert(id)
        result.id = id
        guard !request.dryRun else { return result }
        do {
            try ExclusiveFileWriter.create(output, bytes: Array(rendered.text.utf8))
            result.written = true
        } catch {
            switch error {
            case .exists:
                result.notes.append(ImportNote(.error, line: nil, "\(display(output)) already exists; nothing was written (move it away, or import with --output DIR)"))
            case .failed(let reason):
                result.notes.append(ImportNote(.error, line: nil, "cannot write \(display(output)): \(reason)"))
            }
        }
        return result
    }

    private func nextID(year: Int) -> Result<String, ImportNote> {
        if let requested = request.id {
            guard IDFormatRule.isValid(requested) else { return .failure(ImportNote(.error, line: nil, AuthoringError.invalidID(requested).description)) }
            if let clash = base.postmortems.first(where: { $0.id == requested }) {
                return .failure(ImportNote(.error, line: nil, AuthoringError.idExists(id: requested, file: clash.file).description))
            }
            if taken.contains(requested) { return .failure(ImportNote(.error, line: nil, "id \(requested) was given to a file imported before this one")) }
            return .success(requested)
        }
        let format = IDFormat(base.config.idFormat)
        let id = format.next(after: taken, year: year)
        guard IDFormatRule.isValid(id) else {
            return .failure(ImportNote(.error, line: nil, AuthoringError.invalidIDFormat(format: format.pattern, example: id).description))
        }
        return .success(id)
    }

    /// What `check` will say about the new post-mortem that is more than missing content: its
    /// errors, at the input's lines; and the required sections it lacks, in one note.
    private func checkFindings(_ text: String, file: String, document: ImportedDocument) -> [ImportNote] {
        let reader = PostmortemReader(layout: RepositoryLayout(config: base.config, postmortemFiles: base.layout.postmortemFiles + [file],
                                                               sopFiles: base.layout.sopFiles))
        let (postmortem, readDiagnostics) = reader.read(SourceText(path: file, text: text))
        var trial = base
        trial.postmortems = base.postmortems.filter { $0.file != file } + [postmortem]
        trial.readDiagnostics = readDiagnostics
        trial.layout = reader.layout
        let body = document.body
        let bodyStart = postmortem.bodyFirstLine
        var notes: [ImportNote] = []
        for diagnostic in Validator.standard.validate(trial) where diagnostic.location.file == file && diagnostic.severity == .error {
            let index = diagnostic.location.line - bodyStart - 1
            let line = body.indices.contains(index) ? body[index].source : nil
            notes.append(ImportNote(.warning, line: line, "check will report \(diagnostic.code.rawValue): \(diagnostic.message)"))
        }
        let missing = base.config.requiredSections.filter { postmortem.section($0) == nil }
        if !missing.isEmpty {
            notes.append(ImportNote(.note, line: nil, "no section for \(missing.joined(separator: ", ")); check warns about \(missing.count == 1 ? "it" : "them") while the post-mortem is a draft"))
        }
        return notes
    }
}

/// The report `debrief import` prints: per file where it wrote and every note, then a summary;
/// as text lines (`FILE:LINE: warning: …`) or as JSON for tools. `docs/import.md` shows both.
public struct ImportReport: Sendable {
    /// Every file's result, in the order given.
    public var results: [ImportResult]
    /// Whether nothing was written on purpose.
    public var dryRun: Bool
    /// How to show a written path (relative to the working folder, say).
    public var display: @Sendable (String) -> String

    /// Creates a report.
    public init(results: [ImportResult], dryRun: Bool, display: @escaping @Sendable (String) -> String = { $0 }) {
        self.results = results
        self.dryRun = dryRun
        self.display = display
    }

    /// How many files were refused.
    public var failedCount: Int { results.filter(\.failed).count }

    /// The text report; control characters in names and messages escaped.
    public var text: String {
        var lines: [String] = []
        for result in results {
            let input = TerminalText.escape(result.input)
            if !result.failed, let output = result.output, let id = result.id {
                let verb = dryRun ? "would write" : "wrote"
                lines.append("\(input): \(verb) \(TerminalText.escape(display(output))) (\(TerminalText.escape(id)))")
            }
            // A refusal first: it is what happened to the file; the notes say what it held.
            for note in result.notes.filter({ $0.severity == .error }) + result.notes.filter({ $0.severity != .error }) {
                let place = note.line.map { "\(input):\($0)" } ?? input
                lines.append("\(place): \(note.severity.rawValue): \(TerminalText.escape(note.message))")
            }
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `imported 2 files, 1 refused, 3 warnings`.
    public var summary: String {
        let done = results.count - failedCount
        let warnings = results.flatMap(\.notes).filter { $0.severity == .warning }.count
        let verb = dryRun ? "would import" : "imported"
        var parts = ["\(verb) \(done) of \(results.count) \(results.count == 1 ? "file" : "files")"]
        if failedCount > 0 { parts.append("\(failedCount) refused") }
        parts.append("\(warnings) \(warnings == 1 ? "warning" : "warnings")")
        return parts.joined(separator: ", ")
    }

    private struct Document: Encodable {
        struct File: Encodable {
            var input: String
            var output: String?
            var id: String?
            var written: Bool
            var notes: [ImportNote]
        }
        var files: [File]
        var dryRun: Bool
        var imported: Int
        var refused: Int

        enum CodingKeys: String, CodingKey {
            case files, imported, refused
            case dryRun = "dry_run"
        }
    }

    /// The JSON report: `{files: [{input, output, id, written, notes: [{severity, line, message}]}], imported, refused, dry_run}`.
    public var json: String {
        let files = results.map { result in
            Document.File(input: result.input, output: result.failed ? nil : result.output.map(display), id: result.failed ? nil : result.id,
                          written: result.written, notes: result.notes)
        }
        return JSON.encode(Document(files: files, dryRun: dryRun, imported: results.count - failedCount, refused: failedCount)) + "\n"
    }
}

/// Something `debrief import` tells a person about one input file: what it read from where,
/// what it could not map, and what it left as written. Not a diagnostic: import reports are
/// lines of their own (`docs/import.md`), with the line of the input file they are about.
public struct ImportNote: Error, Sendable, Equatable, Encodable {
    /// How much the note matters.
    public enum Severity: String, Sendable, Encodable {
        /// Something read or mapped, for the record.
        case note
        /// Something not mapped, left as written, or that `check` will report.
        case warning
        /// The file was not imported.
        case error
    }

    /// How much it matters.
    public var severity: Severity
    /// The 1-based line of the input file, when the note is about one.
    public var line: Int?
    /// What happened, and what to do when something is left to do.
    public var message: String

    /// Creates a note.
    public init(_ severity: Severity, line: Int?, _ message: String) {
        self.severity = severity
        self.line = line
        self.message = message
    }
}

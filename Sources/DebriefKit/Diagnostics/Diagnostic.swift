/// How serious a finding is. Errors fail `check`; warnings fail it only under `--strict`.
public enum Severity: String, Sendable, Codable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place in a file of the knowledge repo: a path relative to the repo root and a 1-based line
/// and column. Columns count Unicode scalars (code points) from the start of the line.
public struct SourceLocation: Sendable, Hashable, Comparable {
    /// Path relative to the repository root, with `/` separators.
    public var file: String
    /// 1-based line number.
    public var line: Int { didSet { isWholeFile = false } }
    /// 1-based column, in Unicode scalars.
    public var column: Int { didSet { isWholeFile = false } }
    /// Whether the location names the file as a whole (an empty or oversized file, a symbolic
    /// link) rather than a place in it: it was made without a line and not moved since. The text
    /// formats show it as line 1, column 1; SARIF gives it no region. It is not part of equality,
    /// since it is the same place as the file's first character.
    public private(set) var isWholeFile: Bool

    /// Creates a location; without a line, one that names the whole file.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = max(1, line ?? 1)
        self.column = max(1, column ?? 1)
        isWholeFile = line == nil
    }

    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) == (rhs.file, rhs.line, rhs.column)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(column)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One finding about the user's files. Rules produce these as values; nothing prints or throws
/// for a user's mistake, and the command line decides the exit code from what was collected.
public struct Diagnostic: Sendable, Hashable {
    /// Error, warning or note.
    public var severity: Severity
    /// The stable code, documented in `docs/diagnostics.md`.
    public var code: DiagnosticCode
    /// Where the problem is.
    public var location: SourceLocation
    /// One sentence saying what is wrong.
    public var message: String
    /// Further places or hints (another file involved, a suggestion).
    public var notes: [Note]
    /// The text to write instead, when there is one (a fix-it); also shown in the message.
    public var fix: String?

    /// A secondary message, optionally at another location.
    public struct Note: Sendable, Hashable {
        /// Where the note points, if anywhere.
        public var location: SourceLocation?
        /// The note's text.
        public var message: String

        /// Creates a note.
        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation, _ message: String, notes: [Note] = [], fix: String? = nil) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.notes = notes
        self.fix = fix
    }

    /// The message with notes folded in, for one-line formats.
    public var fullMessage: String {
        guard !notes.isEmpty else { return message }
        let extra = notes.map { note in
            if let at = note.location { return "\(note.message) (\(at.file):\(at.line):\(at.column))" }
            return note.message
        }
        return message + "; " + extra.joined(separator: "; ")
    }
}

/// Collects diagnostics in the order rules produce them.
public struct DiagnosticBag: Sendable {
    /// Everything collected so far.
    public private(set) var all: [Diagnostic] = []

    /// Creates an empty bag.
    public init() {}

    /// Adds one diagnostic.
    public mutating func add(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    /// Adds many diagnostics.
    public mutating func add(contentsOf diagnostics: [Diagnostic]) { all.append(contentsOf: diagnostics) }

    /// Adds an error.
    public mutating func error(_ code: DiagnosticCode, at location: SourceLocation, _ message: String, notes: [Diagnostic.Note] = [], fix: String? = nil) {
        add(Diagnostic(.error, code, at: location, message, notes: notes, fix: fix))
    }

    /// Adds a warning.
    public mutating func warning(_ code: DiagnosticCode, at location: SourceLocation, _ message: String, notes: [Diagnostic.Note] = [], fix: String? = nil) {
        add(Diagnostic(.warning, code, at: location, message, notes: notes, fix: fix))
    }

    /// Adds an error, or a warning when `lenient` (a draft post-mortem).
    public mutating func problem(_ code: DiagnosticCode, lenient: Bool, at location: SourceLocation, _ message: String, notes: [Diagnostic.Note] = [],
                                 fix: String? = nil) {
        add(Diagnostic(lenient ? .warning : .error, code, at: location, message, notes: notes, fix: fix))
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, line, column, then code, so output is stable run to run.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { lhs, rhs in
            if lhs.location != rhs.location { return lhs.location < rhs.location }
            if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
            return lhs.message < rhs.message
        }
    }

    /// The number of errors.
    public var errorCount: Int { count { $0.severity == .error } }
    /// The number of warnings.
    public var warningCount: Int { count { $0.severity == .warning } }
}

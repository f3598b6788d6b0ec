import Foundation

/// The output formats of `debrief check`.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `path:line:col: error: [CODE] message`, one per line, then a summary.
    case text
    /// One JSON document with every diagnostic and the counts.
    case json
    /// GitHub Actions workflow commands (`::error file=…::message`).
    case github
    /// One SARIF 2.1.0 log, for GitHub code scanning (see ``SARIFLog``).
    case sarif
}

/// Turns collected diagnostics into the text a command prints.
public struct DiagnosticFormatter: Sendable {
    /// Which format to produce.
    public var format: DiagnosticFormat
    /// Whether to colour severities with ANSI escapes (only ever on a terminal).
    public var colored: Bool

    /// Creates a formatter.
    public init(format: DiagnosticFormat, colored: Bool = false) {
        self.format = format
        self.colored = colored
    }

    /// The whole report for `diagnostics` found in `fileCount` files.
    public func report(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        let sorted = diagnostics.sortedForOutput()
        switch format {
        case .text: return text(sorted, fileCount: fileCount)
        case .json: return json(sorted)
        case .github: return github(sorted)
        case .sarif: return SARIFLog.encode(sorted)
        }
    }

    /// One diagnostic in the text format, without a trailing newline.
    public func line(_ diagnostic: Diagnostic) -> String {
        let loc = diagnostic.location
        var label = diagnostic.severity.rawValue
        if colored {
            let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : diagnostic.severity == .warning ? "\u{1B}[1;33m" : "\u{1B}[1;36m"
            label = colour + label + "\u{1B}[0m"
        }
        // Paths and messages quote the repository, so nothing in them may start a line of its
        // own or speak to the terminal.
        let message = TerminalText.escape(diagnostic.message)
        var out = "\(TerminalText.escape(loc.file)):\(loc.line):\(loc.column): \(label): [\(diagnostic.code.rawValue)] \(message)"
        for note in diagnostic.notes {
            if let at = note.location {
                out += "\n\(TerminalText.escape(at.file)):\(at.line):\(at.column): note: \(TerminalText.escape(note.message))"
            } else {
                out += "\n    note: \(TerminalText.escape(note.message))"
            }
        }
        return out
    }

    /// The closing summary line of the text format.
    public static func summary(errors: Int, warnings: Int, fileCount: Int) -> String {
        "\(Plural.count(errors, "error")), \(Plural.count(warnings, "warning")) in \(Plural.count(fileCount, "file"))"
    }
}

// MARK: - Formats

private extension DiagnosticFormatter {
    func text(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        var out = ""
        for diagnostic in diagnostics { out += line(diagnostic) + "\n" }
        out += Self.summary(errors: diagnostics.errorCount, warnings: diagnostics.warningCount, fileCount: fileCount) + "\n"
        return out
    }

    struct JSONReport: Encodable {
        struct Entry: Encodable {
            var file: String
            var line: Int
            var column: Int
            var severity: String
            var code: String
            var message: String
            /// Left out when there is no fix-it.
            var fix: String?
        }
        var diagnostics: [Entry]
        var errors: Int
        var warnings: Int
    }

    func json(_ diagnostics: [Diagnostic]) -> String {
        let report = JSONReport(
            diagnostics: diagnostics.map {
                .init(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                      severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.fullMessage, fix: $0.fix)
            },
            errors: diagnostics.errorCount,
            warnings: diagnostics.warningCount
        )
        return JSON.encode(report) + "\n"
    }

    func github(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics {
            let kind = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
            out += "::\(kind) file=\(GitHubAnnotation.property(d.location.file)),line=\(d.location.line),col=\(d.location.column),title=\(d.code.rawValue)::\(GitHubAnnotation.message(d.fullMessage))\n"
        }
        return out
    }
}

/// Escaping rules for GitHub Actions workflow commands.
public enum GitHubAnnotation {
    /// Escapes a message (the part after `::`): control characters as `TerminalText` shows
    /// them (the log viewer obeys ANSI escapes), then `%`, CR and LF as the runner decodes them.
    public static func message(_ text: String) -> String {
        TerminalText.escape(text, keepingLineBreaks: true)
            .replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value (`file=`, `title=`).
    public static func property(_ text: String) -> String {
        message(text)
            .replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }
}

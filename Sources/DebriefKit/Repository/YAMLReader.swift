import Foundation
import Yams

/// Reads YAML (front matter or `debrief.yml`) into a Yams node tree, turning every YAML error
/// into a diagnostic at its place in the file. Yams counts lines from the start of the YAML and
/// columns in Unicode scalars; `YAMLLocator` turns them into file lines and columns.
public enum YAMLReader {
    /// Deeper nesting than this is refused before parsing: no real front matter comes close, and
    /// composing a hostile document that deep would exhaust the stack.
    public static let maxDepth = 64

    /// The outcome of reading one YAML text.
    public enum Outcome {
        /// A mapping at the top level, and how to locate its nodes in the file.
        case mapping(Node.Mapping, YAMLLocator)
        /// Nothing but comments or white space.
        case empty
        /// Something other than a mapping at the top level (location of the node).
        case notMapping(SourceLocation)
        /// A syntax error, already described.
        case failed(Diagnostic)
    }

    /// Reads `yaml`, whose first line is line `firstLine` of `file`.
    public static func read(_ yaml: String, file: String, firstLine: Int, code: DiagnosticCode = .yamlSyntax) -> Outcome {
        if let line = lineExceedingDepth(yaml) {
            return .failed(Diagnostic(.error, code, at: SourceLocation(file: file, line: firstLine + line - 1),
                                      "YAML is nested more than \(maxDepth) levels deep"))
        }
        do {
            // The basic resolver skips Yams' regular-expression tag resolution and the explicit
            // encoding skips its per-call environment lookup: debrief reads raw scalar text anyway.
            guard let node = try Yams.compose(yaml: yaml, .basic, .default, .utf8) else { return .empty }
            if node.isNull { return .empty }
            let locator = YAMLLocator(yaml: yaml, file: file, firstLine: firstLine)
            guard let mapping = node.mapping else { return .notMapping(locator.location(of: node)) }
            return .mapping(mapping, locator)
        } catch let error as YamlError {
            return .failed(diagnostic(for: error, locator: YAMLLocator(yaml: yaml, file: file, firstLine: firstLine), code: code))
        } catch {
            return .failed(Diagnostic(.error, code, at: SourceLocation(file: file, line: firstLine), "YAML could not be read: \(error)"))
        }
    }

    // MARK: - Private

    private static func diagnostic(for error: YamlError, locator: YAMLLocator, code: DiagnosticCode) -> Diagnostic {
        let file = locator.file, firstLine = locator.firstLine
        func at(_ mark: Mark) -> SourceLocation { locator.location(line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text))" }
            return Diagnostic(.error, code, at: at(mark), message)
        case .reader(let problem, _, _, _):
            return Diagnostic(.error, code, at: SourceLocation(file: file, line: firstLine), "invalid YAML: \(problem)")
        default:
            return Diagnostic(.error, code, at: SourceLocation(file: file, line: firstLine), "invalid YAML: \(error)")
        }
    }

    /// A cheap over-estimate of nesting: indentation plus flow brackets plus block indicators
    /// on one line. Returns the 1-based line where it first exceeds `maxDepth`.
    private static func lineExceedingDepth(_ yaml: String) -> Int? {
        var flow = 0
        var line = 1
        var indent = 0
        var atLineStart = true
        var indicators = 0
        var previous: UInt8 = UInt8(ascii: " ")
        for byte in yaml.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                atLineStart = true
                indent = 0
                indicators = 0
            case UInt8(ascii: " ") where atLineStart:
                indent += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                atLineStart = false
                flow += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                atLineStart = false
                flow = max(0, flow - 1)
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                atLineStart = false
                if previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\n") || indicators == 0 { indicators += 1 }
            default:
                atLineStart = false
            }
            previous = byte
            if flow + indent / 2 + indicators > maxDepth * 2 || flow > maxDepth { return line }
        }
        return nil
    }
}

// MARK: - Node helpers

extension Node {
    /// The scalar's text when this is a scalar (any tag), else nil.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// Whether this is a YAML null (`~`, `null` or nothing).
    var isNull: Bool {
        if case .scalar(let scalar) = self {
            return scalar.style == .plain && (scalar.string.isEmpty || scalar.string == "~" || scalar.string.lowercased() == "null")
        }
        return false
    }

    /// A short name of the node's kind for messages.
    var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// Where a YAML text's nodes and errors are in the file. libyaml starts a new line at `\n`,
/// `\r\n` and a lone `\r`, as `SourceText` does, but also at U+0085, U+2028 and U+2029, and
/// counts columns in Unicode scalars from there. So each libyaml line is mapped to the file
/// line it lies on and the scalars before it there. A
/// position past the end of the text (libyaml's for an error at the end of a text without a
/// final line ending) is the end of the last line.
public struct YAMLLocator: Sendable {
    /// The repo-relative path.
    public let file: String
    /// The file line of the YAML's first line.
    public let firstLine: Int
    /// For each libyaml line (0-based): the YAML line it lies on (0-based) and the scalars
    /// before it on that line.
    private let starts: [LineStart]
    /// The end of the text.
    private let end: LineStart

    private struct LineStart: Sendable {
        var line: Int
        var column: Int
    }

    /// A locator for `yaml`, whose first line is line `firstLine` of `file`.
    public init(yaml: String, file: String, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
        var starts = [LineStart(line: 0, column: 0)]
        var line = 0, column = 0
        var afterCR = false
        for scalar in yaml.unicodeScalars {
            switch scalar {
            case "\n" where afterCR:
                break
            case "\n", "\r":
                line += 1
                column = 0
                starts.append(LineStart(line: line, column: 0))
            case "\u{85}", "\u{2028}", "\u{2029}":
                column += 1
                starts.append(LineStart(line: line, column: column))
            default:
                column += 1
            }
            afterCR = scalar == "\r"
        }
        self.starts = starts
        self.end = LineStart(line: line, column: column)
    }

    /// The file location of a node.
    public func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: firstLine) }
        return location(line: mark.line, column: mark.column)
    }

    /// The file location of a 1-based libyaml line and column.
    func location(line: Int, column: Int) -> SourceLocation {
        guard line >= 1, line <= starts.count else {
            return SourceLocation(file: file, line: firstLine + end.line, column: end.column + 1)
        }
        let start = starts[line - 1]
        return SourceLocation(file: file, line: firstLine + start.line, column: start.column + max(1, column))
    }
}

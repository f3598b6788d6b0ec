import Foundation
import Yams

/// Reads YAML (front matter or `debrief.yml`) into a Yams node tree, turning every YAML error
/// into a diagnostic at its place in the file. Yams counts lines from the start of the YAML and
/// columns in Unicode scalars; this adapter adds the YAML's first line in the file.
public enum YAMLReader {
    /// Deeper nesting than this is refused before parsing: no real front matter comes close, and
    /// composing a hostile document that deep would exhaust the stack.
    public static let maxDepth = 64

    /// The outcome of reading one YAML text.
    public enum Outcome {
        /// A mapping at the top level.
        case mapping(Node.Mapping)
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
            guard let mapping = node.mapping else {
                return .notMapping(location(of: node, file: file, firstLine: firstLine))
            }
            return .mapping(mapping)
        } catch let error as YamlError {
            return .failed(diagnostic(for: error, file: file, firstLine: firstLine, code: code))
        } catch {
            return .failed(Diagnostic(.error, code, at: SourceLocation(file: file, line: firstLine), "YAML could not be read: \(error)"))
        }
    }

    /// The file location of a node.
    public static func location(of node: Node, file: String, firstLine: Int) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: firstLine) }
        return SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
    }

    // MARK: - Private

    private static func diagnostic(for error: YamlError, file: String, firstLine: Int, code: DiagnosticCode) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
        }
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

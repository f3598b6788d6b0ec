/// Why `debrief new` or `debrief init` wrote nothing. Conflicts with what is already in the
/// repo (an id or file that exists) are told apart from mistakes in the request, so the command
/// line can give them different exit codes.
public enum AuthoringError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The title is empty or only white space.
    case emptyTitle
    /// `--id` is not a valid post-mortem id.
    case invalidID(String)
    /// The id is already used by a post-mortem.
    case idExists(id: String, file: String)
    /// The file to write exists already.
    case fileExists(String)
    /// `--severity` is not one of the configured severities.
    case unknownSeverity(String, allowed: [String])
    /// `id_format` makes ids that are not valid post-mortem ids.
    case invalidIDFormat(format: String, example: String)
    /// No template with this name, neither in the repo nor built in.
    case templateMissing(String)
    /// A template that cannot be parsed.
    case templateInvalid(file: String, reason: String)
    /// The file system refused.
    case writeFailed(file: String, reason: String)

    /// Whether the request clashes with the repo's content (exit 1) rather than being
    /// malformed or impossible to carry out (exit 2).
    public var isConflict: Bool {
        switch self {
        case .idExists, .fileExists: return true
        default: return false
        }
    }

    /// One line for a person.
    public var description: String {
        switch self {
        case .emptyTitle:
            return "the title is empty; give the document a title, e.g. debrief new \"Checkout unavailable\""
        case .invalidID(let id):
            return "'\(id)' is not a valid id; use letters, digits, '.', '_' and '-', starting with a letter or digit"
        case .idExists(let id, let file):
            return "id \(id) is already used by \(file); choose another --id or leave it out to get the next free one"
        case .fileExists(let file):
            return "\(file) already exists; nothing was written (rename it or choose another title)"
        case .unknownSeverity(let value, let allowed):
            return "unknown severity '\(value)'; debrief.yml allows \(allowed.joined(separator: ", "))"
        case .invalidIDFormat(let format, let example):
            return "id_format '\(format)' makes ids like '\(example)', which are not valid ids; use letters, digits, '.', '_' and '-'"
        case .templateMissing(let name):
            return "no template \(name): neither templates/\(name) in the repo nor a built-in one"
        case .templateInvalid(let file, let reason):
            return "template \(file) cannot be read: \(reason)"
        case .writeFailed(let file, let reason):
            return "cannot write \(file): \(reason)"
        }
    }
}

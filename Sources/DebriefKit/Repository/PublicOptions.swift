import Yams

/// What `debrief build --public` may show besides the public text: the `public:` mapping of
/// `debrief.yml`. Everything that names people or internal systems is off until opted in.
public struct PublicOptions: Sendable, Equatable {
    /// How much of each preventive action the public site shows.
    public enum Actions: String, Sendable, CaseIterable {
        /// No actions: the Preventive Actions sections are cut, the tracker is empty.
        case none
        /// Each action's ID, text and status.
        case summary
        /// Also its due date, ticket and type.
        case full
    }

    /// Action owners and SOP owners.
    public var owners = false
    /// The incident commander.
    public var commanders = false
    /// The post-mortem's authors.
    public var authors = false
    /// The review record's names (`reviewers`, `approved_by`); the approved day is always shown.
    public var reviewers = false
    /// The SOP column of actions (public SOPs only).
    public var sops = false
    /// How much of each action.
    public var actions = Actions.summary
    /// Declared `fields` shown on the public site; none by default.
    public var fields: [String] = []

    /// Everything off.
    public init() {}

    /// The keys of `public:`.
    static let knownKeys = ["owners", "commanders", "authors", "reviewers", "sops", "actions", "fields"]

    /// Reads `public:`; a bad entry is reported (DB002, DB003) and left at its default.
    static func parse(_ value: Node, locator: YAMLLocator, at: SourceLocation, into bag: inout DiagnosticBag) -> PublicOptions {
        var options = PublicOptions()
        guard case .mapping(let mapping) = value else {
            bag.error(.configInvalidValue, at: at, "'public' must be a mapping, e.g. {owners: false, actions: summary}")
            return options
        }
        for (keyNode, field) in mapping {
            let key = keyNode.scalarText ?? ""
            let fieldAt = locator.location(of: field)
            switch key {
            case "owners", "commanders", "authors", "reviewers", "sops":
                guard let flag = field.bool, field.scalarText != nil else {
                    bag.error(.configInvalidValue, at: fieldAt, "'public.\(key)' must be true or false")
                    continue
                }
                switch key {
                case "owners": options.owners = flag
                case "commanders": options.commanders = flag
                case "authors": options.authors = flag
                case "reviewers": options.reviewers = flag
                default: options.sops = flag
                }
            case "actions":
                guard let text = field.scalarText, !field.isNull, let actions = Actions(rawValue: text.trimmed.lowercased()) else {
                    bag.error(.configInvalidValue, at: fieldAt, "'public.actions' must be none, summary or full, not '\(field.scalarText ?? field.kindName)'")
                    continue
                }
                options.actions = actions
            case "fields":
                guard case .sequence(let items) = field, items.allSatisfy({ $0.scalarText != nil && !$0.isNull }) else {
                    bag.error(.configInvalidValue, at: fieldAt, "'public.fields' must be a list of declared field keys")
                    continue
                }
                options.fields = items.compactMap(\.scalarText)
            default:
                var notes: [Diagnostic.Note] = []
                if let close = Suggestion.closest(to: key, in: knownKeys) { notes.append(.init("did you mean '\(close)'?")) }
                bag.error(.configUnknownKey, at: locator.location(of: keyNode), "unknown key '\(key)' in 'public'; use \(knownKeys.joined(separator: ", "))",
                          notes: notes)
            }
        }
        return options
    }
}

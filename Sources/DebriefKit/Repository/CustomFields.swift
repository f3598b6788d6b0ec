import Yams

/// A front matter key a repository declares under `fields:` in `debrief.yml`: reviewers,
/// approvers, a tracker epic. A declared key is read with its type, shown on the post-mortem's
/// page and given in the API, and is no unknown-field warning.
public struct CustomField: Sendable, Equatable {
    /// What a declared field holds.
    public enum Kind: String, Sendable, CaseIterable {
        /// One line of text.
        case string
        /// A list of single values.
        case list
        /// A `YYYY-MM-DD` day.
        case date
        /// One person: a name, a handle (`@lena`) or an address.
        case person
    }

    /// The front matter key.
    public var key: String
    /// What the value must be.
    public var kind: Kind
    /// The name shown on the site (default: the key, `_` and `-` as spaces, first letter upper).
    public var label: String
    /// The first status in which the field must be set (`review`: in review and final), or nil
    /// when it is optional.
    public var requiredFrom: PostmortemStatus?

    /// Creates a declaration.
    public init(key: String, kind: Kind, label: String? = nil, requiredFrom: PostmortemStatus? = nil) {
        self.key = key
        self.kind = kind
        self.label = label ?? Self.defaultLabel(key)
        self.requiredFrom = requiredFrom
    }

    /// `jira_epic` → `Jira epic`.
    static func defaultLabel(_ key: String) -> String {
        let spaced = String(key.map { $0 == "_" || $0 == "-" ? " " : $0 })
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }

    /// Whether a post-mortem in `status` must set this field.
    public func isRequired(in status: PostmortemStatus?) -> Bool {
        guard let requiredFrom, let status else { return false }
        let order = PostmortemStatus.allCases
        return order.firstIndex(of: status)! >= order.firstIndex(of: requiredFrom)!
    }

    /// The most fields a repository may declare: each is read on every post-mortem and shown on
    /// every page, so the list stays the size of a form, not of a database.
    public static let limit = 64

    /// The settings a declaration may have, besides `type`.
    static let settings = ["type", "label", "required_from"]

    /// Reads the value of `fields:` in `debrief.yml`: a mapping from key to a type name
    /// (`reviewers: list`) or to settings (`reviewers: {type: list, label: Reviewers,
    /// required_from: review}`). Problems are DB003 at the value that has them; the
    /// declarations that could be read are kept.
    static func parse(_ value: Node, locator: YAMLLocator, into bag: inout DiagnosticBag) -> [CustomField] {
        guard case .mapping(let mapping) = value else {
            bag.error(.configInvalidValue, at: locator.location(of: value),
                      "'fields' must map front matter keys to a type (reviewers: list) or to settings (reviewers: {type: list, required_from: review})")
            return []
        }
        var fields: [CustomField] = []
        for (keyNode, declaration) in mapping {
            let keyAt = locator.location(of: keyNode)
            guard fields.count < limit else {
                bag.error(.configInvalidValue, at: keyAt, "'fields' declares more than \(limit) fields; the rest are not read")
                break
            }
            guard let key = keyNode.scalarText, isValidKey(key) else {
                bag.error(.configInvalidValue, at: keyAt,
                          "a field's key must be 1 to 64 letters, digits, '_' or '-', starting with a letter, not '\(keyNode.scalarText ?? keyNode.kindName)'")
                continue
            }
            let review = PostmortemReader.reviewFieldKinds.first { $0.key == key }
            if PostmortemReader.knownFields.contains(key) && review == nil {
                bag.error(.configInvalidValue, at: keyAt, "'\(key)' is a built-in front matter field and cannot be declared again")
                continue
            }
            guard let field = parseDeclaration(key, declaration, locator: locator, into: &bag) else { continue }
            // The review record's fields are built in; declaring one with its own type still
            // sets when it is required and its label, as it did before they were built in.
            if let review, field.kind != review.kind {
                bag.error(.configInvalidValue, at: locator.location(of: declaration),
                          "'\(key)' is a built-in \(review.kind.rawValue) field; declare it as type \(review.kind.rawValue) (to set required_from or label) or not at all")
                continue
            }
            fields.append(field)
        }
        return fields
    }

    private static func parseDeclaration(_ key: String, _ node: Node, locator: YAMLLocator,
                                         into bag: inout DiagnosticBag) -> CustomField? {
        let at = locator.location(of: node)
        func kind(_ text: String, at: SourceLocation) -> Kind? {
            if let kind = Kind(rawValue: text.trimmed.lowercased()) { return kind }
            let names = Kind.allCases.map(\.rawValue)
            var notes: [Diagnostic.Note] = []
            if let close = Suggestion.closest(to: text, in: names) { notes.append(.init("did you mean '\(close)'?")) }
            bag.error(.configInvalidValue, at: at,
                      "field '\(key)' has type '\(text)'; the types are \(names.joined(separator: ", "))", notes: notes)
            return nil
        }
        if let text = node.scalarText, !node.isNull {
            return kind(text, at: at).map { CustomField(key: key, kind: $0) }
        }
        guard case .mapping(let settings) = node else {
            bag.error(.configInvalidValue, at: at, "field '\(key)' must be a type (string, list, date, person) or a mapping with 'type'")
            return nil
        }
        var found: Kind?
        var label: String?
        var requiredFrom: PostmortemStatus?
        var typeSeen = false
        var valid = true
        for (nameNode, value) in settings {
            let name = nameNode.scalarText ?? ""
            let valueAt = locator.location(of: value)
            guard let text = value.scalarText, !value.isNull else {
                bag.error(.configInvalidValue, at: valueAt, "'\(name)' of field '\(key)' must be a single value")
                valid = false
                continue
            }
            switch name {
            case "type":
                typeSeen = true
                found = kind(text, at: valueAt)
                if found == nil { valid = false }
            case "label":
                let trimmed = text.trimmed
                if trimmed.isEmpty || trimmed.count > 80 || trimmed.contains(where: \.isNewline) {
                    bag.error(.configInvalidValue, at: valueAt, "the label of field '\(key)' must be one line of 1 to 80 characters")
                    valid = false
                } else {
                    label = trimmed
                }
            case "required_from":
                if let status = PostmortemStatus(rawValue: text.trimmed.lowercased()) {
                    requiredFrom = status
                } else {
                    bag.error(.configInvalidValue, at: valueAt,
                              "'required_from' of field '\(key)' must be a status (draft, review or final), not '\(text)'")
                    valid = false
                }
            default:
                var notes: [Diagnostic.Note] = []
                if let close = Suggestion.closest(to: name, in: Self.settings) { notes.append(.init("did you mean '\(close)'?")) }
                bag.error(.configInvalidValue, at: locator.location(of: nameNode),
                          "field '\(key)' has an unknown setting '\(name)'; the settings are type, label and required_from", notes: notes)
                valid = false
            }
        }
        if !typeSeen {
            bag.error(.configInvalidValue, at: at, "field '\(key)' needs a 'type' (string, list, date or person)")
        }
        guard valid, let found else { return nil }
        return CustomField(key: key, kind: found, label: label, requiredFrom: requiredFrom)
    }

    /// Letters, digits, `_` and `-`, starting with a letter, at most 64 characters: a key that
    /// reads the same in YAML, JSON and a template.
    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.unicodeScalars.count <= 64,
              first.properties.isAlphabetic, first.isASCII else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }
}

/// The value a post-mortem gives a declared field, as read.
public struct CustomFieldValue: Sendable, Equatable {
    /// The field's key.
    public var key: String
    /// The value: one item for a string, person or date (as `YYYY-MM-DD`), any number for a list.
    public var values: [String]

    /// Creates a value.
    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }
}

import Yams

/// Typed access to a front matter mapping that records where each key sits and reports values
/// of the wrong type as diagnostics.
struct FrontMatterFields {
    let locator: YAMLLocator
    private(set) var entries: [(key: String, node: Node, keyLocation: SourceLocation, valueLocation: SourceLocation)] = []

    init(_ mapping: Node.Mapping, locator: YAMLLocator) {
        self.locator = locator
        for (keyNode, value) in mapping {
            let key = keyNode.scalarText ?? ""
            entries.append((key, value, locator.location(of: keyNode), locator.location(of: value)))
        }
    }

    var locations: [FieldLocation] {
        entries.map { entry in
            var items: [(text: String, location: SourceLocation)] = []
            if case .sequence(let sequence) = entry.node {
                for item in sequence where !item.isNull {
                    guard let text = item.scalarText else { continue }
                    items.append((text.trimmed, locator.location(of: item)))
                }
            }
            let empty: Bool
            switch entry.node {
            case .sequence(let sequence): empty = sequence.isEmpty
            case .mapping(let mapping): empty = mapping.isEmpty
            default: empty = entry.node.isNull || (entry.node.scalarText ?? "").trimmed.isEmpty
            }
            return FieldLocation(key: entry.key, keyLocation: entry.keyLocation, valueLocation: entry.valueLocation,
                                 valueIsScalar: entry.node.scalarText != nil, valueIsEmpty: empty, items: items)
        }
    }

    /// A single value; nil when absent or null; a wrong-type diagnostic for lists and mappings.
    func string(_ key: String, into bag: inout DiagnosticBag) -> (String, SourceLocation)? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.node.isNull else { return nil }
        guard let text = entry.node.scalarText else {
            bag.error(.wrongType, at: entry.valueLocation, "'\(key)' must be a single value, not \(entry.node.kindName)")
            return nil
        }
        return (text.trimmed, entry.valueLocation)
    }

    /// `true` or `false`; nil when absent or null; a wrong-type diagnostic for anything else.
    func bool(_ key: String, into bag: inout DiagnosticBag) -> Bool? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.node.isNull else { return nil }
        if let flag = entry.node.bool, entry.node.scalarText != nil { return flag }
        let shown = entry.node.scalarText.map { "'\($0)'" } ?? entry.node.kindName
        bag.error(.wrongType, at: entry.valueLocation, "'\(key)' must be true or false, not \(shown)")
        return nil
    }

    /// A list of single values; a wrong-type diagnostic for anything else.
    func list(_ key: String, into bag: inout DiagnosticBag) -> [String] {
        guard let entry = entries.first(where: { $0.key == key }), !entry.node.isNull else { return [] }
        guard case .sequence(let sequence) = entry.node else {
            bag.error(.wrongType, at: entry.valueLocation, "'\(key)' must be a list (for example [\(entry.node.scalarText ?? "…")]), not \(entry.node.kindName)")
            return []
        }
        var items: [String] = []
        for item in sequence {
            guard let text = item.scalarText, !item.isNull else {
                bag.error(.wrongType, at: locator.location(of: item),
                          "each item of '\(key)' must be a single value, not \(item.kindName)")
                continue
            }
            items.append(text.trimmed)
        }
        return items
    }

    /// A mapping; nil when absent or null; a wrong-type diagnostic for anything else.
    func mapping(_ key: String, example: String, into bag: inout DiagnosticBag) -> Node.Mapping? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.node.isNull else { return nil }
        guard case .mapping(let mapping) = entry.node else {
            bag.error(.wrongType, at: entry.valueLocation, "'\(key)' must be a mapping (for example '\(example)' on the next line, indented), not \(entry.node.kindName)")
            return nil
        }
        return mapping
    }
}

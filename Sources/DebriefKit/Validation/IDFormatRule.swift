/// A post-mortem id must be safe as a file name and in a URL: `[A-Za-z0-9][A-Za-z0-9._-]*`.
struct IDFormatRule: Rule {
    /// Whether `id` has the allowed shape.
    static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.isASCIIAlphanumeric else { return false }
        return id.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "." || $0 == "_" || $0 == "-" }
    }

    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems where !pm.id.isEmpty && !Self.isValid(pm.id) {
            bag.error(.invalidID, at: pm.location(of: "id"),
                      "id '\(pm.id)' is not safe as a file name; use letters, digits, '.', '_' and '-', starting with a letter or digit")
        }
    }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}

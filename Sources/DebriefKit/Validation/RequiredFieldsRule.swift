/// A post-mortem needs `id`, `title`, `date`, `severity` and `status`. Missing `id`, `title` or
/// `status` is always an error; in a draft the other fields may be missing with a warning.
/// A field declared in `debrief.yml` with `required_from` is an error when missing from a
/// post-mortem at that status or a later one.
struct RequiredFieldsRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems where pm.hasFrontMatter {
            let present = Set(pm.fields.map(\.key))
            // A list or mapping where a single value belongs was reported as a wrong type already.
            let wrongType = Set(pm.fields.filter { !$0.valueIsScalar }.map(\.key))
            func missing(_ key: String, _ value: Bool, lenient: Bool, example: String) {
                guard !value, !wrongType.contains(key) else { return }
                let what = present.contains(key) ? "is empty" : "is missing"
                bag.problem(.missingField, lenient: lenient, at: pm.keyLocation(of: key),
                            "required field '\(key)' \(what) (e.g. \(key): \(example))")
            }
            missing("id", !pm.id.isEmpty, lenient: false, example: "INC-2026-001")
            missing("title", !pm.title.isEmpty, lenient: false, example: "Checkout unavailable")
            missing("status", !pm.statusText.isEmpty, lenient: false, example: "draft")
            // An invalid date was already reported where it is; only its absence is reported here.
            missing("date", pm.date != nil || present.contains("date"), lenient: pm.isDraft, example: "2026-03-14")
            missing("severity", !pm.severity.isEmpty, lenient: pm.isDraft, example: base.config.severities.first ?? "SEV1")
            let given = Set(pm.customFields.map(\.key))
            let empty = Set(pm.fields.filter(\.valueIsEmpty).map(\.key))
            for field in base.config.fields where field.isRequired(in: pm.status) && !given.contains(field.key) {
                // A value that is there but unreadable (a list for a person, a date that is no
                // date) was reported where it is.
                guard !present.contains(field.key) || empty.contains(field.key) else { continue }
                let what = present.contains(field.key) ? "is empty" : "is missing"
                bag.error(.missingField, at: pm.keyLocation(of: field.key),
                          "field '\(field.key)' is required from status '\(field.requiredFrom?.rawValue ?? "")' on and \(what) (e.g. \(field.key): \(Self.example(field.kind)))")
            }
        }
    }

    /// A value of the kind, for the message.
    static func example(_ kind: CustomField.Kind) -> String {
        switch kind {
        case .string: return "OPS-1204"
        case .list: return "[lena, omar]"
        case .date: return "2026-03-21"
        case .person: return "lena"
        }
    }
}

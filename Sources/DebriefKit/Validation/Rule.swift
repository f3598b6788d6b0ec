/// A check over the whole knowledge base. Each rule lives in its own file, states itself in
/// its doc comment and reports only through the bag it is given.
public protocol Rule: Sendable {
    /// Adds a diagnostic to `bag` for every violation in `base`.
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag)
}

/// Runs every rule over a knowledge base and returns what reading and the rules found.
public struct Validator: Sendable {
    /// The rules, in the order they run.
    public var rules: [any Rule]

    /// The standard rule set.
    public static let standard = Validator(rules: [
        RequiredFieldsRule(),
        UnknownFieldRule(),
        IDFormatRule(),
        DuplicateIDRule(),
        SeverityRule(),
        StatusRule(),
        TimestampOrderRule(),
        RelatedRule(),
        ApprovedStatusRule(),
        ApprovedDateRule(),
        ReviewerNamesRule(),
        ApprovalRecordRule(),
        FinalWithoutApprovedDayRule(),
        RecurrenceRule(),
        RequiredSectionsRule(),
        DuplicateSectionRule(),
        SectionLevelRule(),
        TimelineRule(),
        ActionTableRule(),
        SOPReferenceRule(),
        BrokenLinkRule(),
        LeftoverTemporaryFileRule(),
        LinkedFileRule(),
        TemplateRule(),
    ])

    /// Creates a validator from rules.
    public init(rules: [any Rule]) {
        self.rules = rules
    }

    /// Every diagnostic for `base`: reading problems first, then each rule's, sorted for output.
    public func validate(_ base: KnowledgeBase) -> [Diagnostic] {
        // Rules read the base and write only their own bag, so they run side by side; the bags
        // are joined in rule order, which is the order a single bag would have had.
        let found = parallelMap(rules.indices.map { $0 }) { position -> [Diagnostic] in
            var bag = DiagnosticBag()
            rules[position].check(base, into: &bag)
            return bag.all
        }
        var bag = DiagnosticBag()
        bag.add(contentsOf: base.readDiagnostics)
        for diagnostics in found { bag.add(contentsOf: diagnostics) }
        return bag.all.sortedForOutput()
    }
}

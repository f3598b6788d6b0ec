/// Every configured required section must be present (as a level-2 heading, after aliasing)
/// and hold content. In a draft both are warnings; in review and final they are errors.
struct RequiredSectionsRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems where pm.hasFrontMatter {
            for name in base.config.requiredSections {
                guard let section = pm.section(name) else {
                    bag.problem(.missingSection, lenient: pm.isDraft, at: SourceLocation(file: pm.file, line: pm.bodyFirstLine),
                                "required section '\(name)' is missing; add a '## \(name)' heading")
                    continue
                }
                if !section.hasContent {
                    bag.problem(.emptySection, lenient: pm.isDraft, at: section.location, "section '\(section.heading)' is empty")
                }
            }
        }
    }
}

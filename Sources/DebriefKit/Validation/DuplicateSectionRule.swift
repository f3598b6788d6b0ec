/// A section (after aliasing) should appear once; a second one is a warning, since only the
/// first Timeline and Preventive Actions sections are read.
struct DuplicateSectionRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            var seen: [String: Section] = [:]
            for section in pm.sections {
                let key = SectionNames.key(section.name)
                if let first = seen[key] {
                    bag.warning(.duplicateSection, at: section.location, "section '\(section.name)' appears twice",
                                notes: [.init("first here", at: first.location)])
                } else {
                    seen[key] = section
                }
            }
        }
    }
}

/// A section (after aliasing) should appear once; each further heading for it is a warning that
/// says what debrief makes of it: a Timeline or Preventive Actions section is read together with
/// the first, as one (every entry and action counts); any other section is shown as written,
/// but only the first is checked for content, and a second Summary is not the site's summary.
struct DuplicateSectionRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            var seen: [String: (first: Section, count: Int)] = [:]
            for section in pm.sections {
                let key = SectionNames.key(section.name)
                guard let (first, count) = seen[key] else {
                    seen[key] = (section, 1)
                    continue
                }
                seen[key] = (first, count + 1)
                let times = count + 1 == 2 ? "twice" : "\(count + 1) times"
                bag.warning(.duplicateSection, at: section.location, "section '\(section.name)' appears \(times); \(Self.outcome(key, count: count + 1))",
                            notes: [.init("first here", at: first.location)])
            }
        }
    }

    /// What debrief does with the sections of one name.
    static func outcome(_ key: String, count: Int) -> String {
        if DocumentBody.sectionsWithParts.contains(key) {
            return "\(count == 2 ? "both" : "all") are read as one section, in order"
        }
        if key == "summary" {
            return "only the first is the site's summary and is checked for content"
        }
        return "only the first is checked for content; merge them or rename one"
    }
}

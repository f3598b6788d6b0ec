/// A standard section written at another heading level than `section_level` (the Google SRE
/// book puts Impact and Root Causes under `###`) is read as that section, with a warning at its
/// heading that names the level (DB043); with `section_level: any` it is read silently.
struct SectionLevelRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        guard case .level(let expected) = base.config.sectionLevel else { return }
        let hashes = String(repeating: "#", count: expected)
        for pm in base.postmortems {
            for section in pm.sections where section.level != expected {
                let written = String(repeating: "#", count: max(1, section.level)) + " " + section.heading
                bag.warning(.sectionAtOtherLevel, at: section.location,
                            "section '\(section.name)' is written at level \(section.level) ('\(written)') and read as the section; "
                                + "sections are level-\(expected) headings: write '\(hashes) \(section.heading)', "
                                + "or set 'section_level: any' in debrief.yml")
            }
        }
    }
}

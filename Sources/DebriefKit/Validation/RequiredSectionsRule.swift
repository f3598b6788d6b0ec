/// Every configured required section must be present (as a heading at `section_level`, or a
/// standard section at another level, after aliasing) and hold content. In a draft both are
/// warnings; in review and final they are errors. A missing section names the heading closest
/// to it ("did you mean", in a note at that heading), when one is close: a typo of the name, or
/// a heading that shares a word with it.
struct RequiredSectionsRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        let hashes = String(repeating: "#", count: base.config.sectionLevel.sectionHeadingLevel)
        // A required name may itself be an alias (`Root Causes`, `Action Items`): its canonical
        // name is the repo's to say, the same for every post-mortem, so it is worked out once.
        let required = base.config.requiredSections.map { (name: $0, canonical: base.config.canonicalSection($0)) }
        var keys: [String: String] = [:]
        func key(_ name: String) -> String {
            if let known = keys[name] { return known }
            let made = SectionNames.key(name)
            keys[name] = made
            return made
        }
        for pm in base.postmortems where pm.hasFrontMatter {
            for (name, canonical) in required {
                guard let section = pm.section(canonical) ?? pm.section(name) else {
                    var notes: [Diagnostic.Note] = []
                    if let near = Self.closestHeading(to: name, in: pm, config: base.config) {
                        notes.append(.init("did you mean '\(near.markdown)'? Rename it to '\(hashes) \(name)', or map it with "
                                               + "'section_aliases: {\(YAMLScalar.quoted(near.text)): \(YAMLScalar.quoted(name))}' in the front matter",
                                           at: near.location))
                    }
                    bag.problem(.missingSection, lenient: pm.isDraft, at: SourceLocation(file: pm.file, line: pm.bodyFirstLine),
                                "required section '\(name)' is missing; add a '\(hashes) \(name)' heading", notes: notes)
                    continue
                }
                // A Timeline or Preventive Actions section written twice is read as one.
                let sectionKey = key(section.name)
                let readAsOne = DocumentBody.sectionsWithParts.contains(sectionKey)
                if readAsOne ? !pm.sections.contains(where: { key($0.name) == sectionKey && $0.hasContent }) : !section.hasContent {
                    bag.problem(.emptySection, lenient: pm.isDraft, at: section.location, "section '\(section.heading)' is empty")
                }
            }
        }
    }

    /// The heading of `pm` most like the section `name`: its words within a typo's distance of
    /// the name's, or sharing most of the name's words (`Causes` for `Root Cause`). Headings that
    /// already are a known section, and the title, are never suggested.
    static func closestHeading(to name: String, in pm: Postmortem, config: Config) -> OutlineHeading? {
        let target = SectionNames.key(name)
        let targetWords = Set(significantWords(target))
        let taken = Set(pm.sections.filter { config.knownSection($0.name) != nil }.map(\.location.line))
        var best: (heading: OutlineHeading, score: Int)?
        for (index, heading) in pm.outline.enumerated() where !taken.contains(heading.location.line) {
            if index == 0, heading.level == 1, heading.text == pm.heading { continue }
            guard let key = SectionNames.keys(heading.text).last, !key.isEmpty else { continue }
            var score = 0
            let distance = Suggestion.editDistance(key, target)
            if distance <= max(1, min(3, target.count / 3)) {
                score = 100 - distance
            } else {
                let words = significantWords(key)
                let shared = targetWords.intersection(words).count
                if shared > 0 { score = 10 * shared - max(0, words.count - shared) }
            }
            if score > 0, best.map({ score > $0.score }) ?? true { best = (heading, score) }
        }
        return best?.heading
    }

    /// Words that carry meaning, without a plural `s`: `Root Causes` → cause, root.
    private static func significantWords(_ key: String) -> [String] {
        key.split(separator: " ").compactMap { word -> String? in
            guard !stopWords.contains(String(word)), word.count > 1 else { return nil }
            return word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : String(word)
        }
    }

    private static let stopWords: Set<String> = ["a", "an", "and", "the", "of", "to", "in", "on", "for", "we", "our", "what",
                                                 "how", "did", "do", "is", "are", "was", "this", "that", "with", "by"]
}

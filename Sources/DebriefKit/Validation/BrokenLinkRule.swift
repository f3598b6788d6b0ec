/// A link from a post-mortem or SOP to a Markdown document of the repo must point at a file
/// that exists (`../sops/x.md`, `other.md#impact`).
struct BrokenLinkRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        func check(_ links: [(destination: String, location: SourceLocation)], from file: String, bag: inout DiagnosticBag) {
            for link in links {
                if case .missingDocument(let target) = base.layout.resolve(link.destination, from: file) {
                    bag.error(.brokenLink, at: link.location, "link to '\(link.destination)' points at \(target), which does not exist")
                }
            }
        }
        for pm in base.postmortems {
            // SOP links inside the actions table are reported by the SOP reference rule.
            let sopCells = Set(pm.actions.compactMap { $0.cellLocations["SOP"] })
            check(pm.links.filter { !sopCells.contains($0.location) }, from: pm.file, bag: &bag)
        }
        for sop in base.sops { check(sop.links, from: sop.file, bag: &bag) }
    }
}

/// A file a post-mortem or SOP links to (not a document) must be one the site publishes: of a
/// passive type unless `unsafe_html` is on (DB071), and a regular file inside the repository
/// within `max_linked_file_size` (DB072). Otherwise `build` leaves it out of `files/`, and the
/// link points at the repository browser (`repo_url`) or nowhere; see `LinkedFiles`.
struct LinkedFileRule: Rule {
    var codes: [DiagnosticCode] { [.linkedFileNotPublished, .linkedFileRefused] }

    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        let policy = LinkedFiles(config: base.config)
        let files = base.files ?? RepositoryFiles(root: base.root)
        // Many links name the same file; the file system is asked once per file.
        var problems: [String: LinkedFiles.Problem?] = [:]
        func check(_ links: [(destination: String, location: SourceLocation)], from file: String) {
            for link in links {
                guard case .otherFile(let target) = base.layout.resolve(link.destination, from: file) else { continue }
                let problem: LinkedFiles.Problem?
                if let known = problems[target] {
                    problem = known
                } else {
                    problem = policy.problem(with: target, files: files)
                    problems[target] = problem
                }
                if let problem {
                    bag.add(policy.diagnostic(problem, destination: link.destination, file: target, at: link.location))
                }
            }
        }
        for pm in base.postmortems { check(pm.links, from: pm.file) }
        for sop in base.sops { check(sop.links, from: sop.file) }
    }
}

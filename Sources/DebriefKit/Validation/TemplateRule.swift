/// The repo's own page templates (`templates/*.mustache`) must be ones `build` can use: a
/// template that does not parse (DB080), is not a regular file (DB017) or is over
/// `max_file_size` (DB016) makes `build` fail, so `check` fails on it too. The templates are
/// read exactly as `build` reads them (`TemplateSet.load`).
struct TemplateRule: Rule {
    var codes: [DiagnosticCode] { [.templateSyntax, .notRegularFile, .fileTooLarge] }

    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        // A templates folder that cannot be listed is an environment problem that `build`
        // reports when it loads the templates; a check has nothing to say about its files.
        guard let templates = try? TemplateSet.load(root: base.root, maxFileSize: base.config.maxFileSize, unsafeHTML: base.config.unsafeHTML) else { return }
        bag.add(contentsOf: templates.diagnostics)
    }
}

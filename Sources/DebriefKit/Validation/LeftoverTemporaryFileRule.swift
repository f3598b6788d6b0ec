/// A temporary file of `debrief sync` (`.NAME.debrief-XXXXXX`) in a document folder was left
/// by a sync that was interrupted; it holds a copy of an SOP and would be committed by
/// `git add -A`. Reported as a warning at the file, once per file. The next `sync` removes the
/// ones older than an hour.
struct LeftoverTemporaryFileRule: Rule {
    var codes: [DiagnosticCode] { [.syncLeftoverTemporary] }

    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for file in base.leftoverTemporaryFiles {
            bag.warning(.syncLeftoverTemporary, at: SourceLocation(file: file, line: 1, column: 1),
                        "temporary file left over from an interrupted 'debrief sync'; it can be deleted (the next sync removes it once it is an hour old)")
        }
    }
}

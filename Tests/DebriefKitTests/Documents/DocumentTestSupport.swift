import DebriefKit

/// A layout with a few SOPs, for reading documents without a repo on disk.
let testLayout = RepositoryLayout(
    config: Config(),
    postmortemFiles: ["postmortems/a.md"],
    sopFiles: ["sops/cache-flush.md", "sops/db/database-restore.md"]
)

/// Reads `text` as `postmortems/a.md`.
func readPostmortem(_ text: String, layout: RepositoryLayout = testLayout) -> (Postmortem, [Diagnostic]) {
    PostmortemReader(layout: layout).read(SourceText(path: "postmortems/a.md", text: text))
}

/// Front matter for a final post-mortem on 2026-03-14, with extra lines.
func frontMatter(_ extra: String = "") -> String {
    "---\nid: INC-1\ntitle: T\ndate: 2026-03-14\nseverity: SEV2\nstatus: final\n\(extra)---\n"
}

import ArgumentParser
import DebriefKit
import Foundation

extension KnowledgeDiffFormat: ExpressibleByArgument {}

/// `debrief diff BASE [HEAD]`: what a change does to the knowledge base.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Say what a change does to the knowledge base, between two git revisions.",
        discussion: """
            Reads the knowledge repo at BASE and at HEAD (default: the working tree, as it is on disk) \
            and reports post-mortems added, removed, changed and status moves; actions added, removed, \
            closed, reopened, re-owned and due dates moved; actions overdue after the change; and the \
            'check' findings the change introduces or fixes. Revisions are read from git into memory; \
            nothing is checked out.
            Exit codes: 0 the digest was printed (whatever it says); 2 a revision that names no commit, \
            no git, or a folder outside a git repository.
            """
    )

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var asOfOptions: AsOfOptions

    @Argument(help: ArgumentHelp("The revision before the change (a branch, tag or commit: origin/main).", valueName: "BASE"))
    var base: String

    @Argument(help: ArgumentHelp("The revision after it (default: the working tree).", valueName: "HEAD"))
    var head: String?

    @Option(help: "Output format: markdown, text or json.")
    var format: KnowledgeDiffFormat = .text

    func run() throws {
        let console = Console.standard
        let asOf = try asOfOptions.day(console: console)
        let root = try rootOptions.resolve()
        let git = try Git(at: root.path)
        func commit(_ revision: String) throws -> String {
            guard let sha = try GitRevision.commit(revision, in: git) else {
                console.error(TerminalText.escape("debrief: error: '\(revision)' is not a revision of the repository at \(git.topLevel)"))
                throw ExitCode(2)
            }
            return sha
        }
        let baseCommit = try commit(base)
        let headCommit = try head.map(commit)
        let prefix = GitRevision.prefix(of: root, in: git)
        let loader = RepositoryLoader()
        let old = try loader.load(tree: try GitRevision.tree(baseCommit, prefix: prefix, in: git), root: root)
        let new = try headCommit.map { try loader.load(tree: try GitRevision.tree($0, prefix: prefix, in: git), root: root) } ?? loader.load(root: root)
        let changed = try GitRevision.changedFiles(from: baseCommit, to: headCommit, prefix: prefix, in: git)
        let diff = KnowledgeDiff(old: old, new: new, changedFiles: changed, asOf: asOf)
        console.write(format.render(diff, title: "\(base)...\(head ?? "working tree")"))
    }
}

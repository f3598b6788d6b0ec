import ArgumentParser
import DebriefKit
import Foundation

extension ActionStatus: ExpressibleByArgument {}

/// `debrief close KEY`: set one preventive action's status in its post-mortem.
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Set one preventive action's status (done or wont-do) in its post-mortem.",
        discussion: """
            Changes only the Status cell of the action's table row (or the checkbox of its task-list item), \
            writes the file atomically with its line endings and byte order mark kept, and prints the unified \
            diff on standard output. With --commit, the commit (resolved to its full id) goes into the row's \
            Ticket cell when that cell is empty; a filled cell is never rewritten. Refuses while 'debrief check' \
            finds errors in that post-mortem or in debrief.yml.
            Exit codes: 0 written (or already in that status); 1 would change (--check), the post-mortem has \
            errors, or the document cannot say that status there; 2 unknown key, unknown commit, usage or \
            environment problems.
            """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("The action: <post-mortem id>/<action ID>, as in 'debrief audit' (INC-2026-007/PA-3).", valueName: "KEY"))
    var key: String

    @Option(help: ArgumentHelp("The status to set.", valueName: "STATUS"))
    var status: Status = .done

    /// The statuses `close` sets (`ActionClose.statuses`), so the help lists only those.
    enum Status: String, CaseIterable, ExpressibleByArgument {
        case done
        case wontDo = "wont-do"

        var actionStatus: ActionStatus { self == .done ? .done : .wontDo }
    }

    @Option(help: ArgumentHelp("A commit that did the work (any revision git understands); written into an empty Ticket cell, or a task item's fields.", valueName: "SHA"))
    var commit: String?

    @Option(name: .customLong("repo"), help: ArgumentHelp("The code repository --commit is a commit of (default: the knowledge repo).", valueName: "PATH"))
    var repo: String?

    @Flag(help: "Write nothing; print the diff and exit 1 when the action's status would change.")
    var check = false

    func run() throws {
        let console = Console.standard
        let base = try RepositoryLoader().load(root: try rootOptions.resolve())
        var sha: String?
        if let commit {
            sha = try Self.resolve(commit: commit, root: repo ?? base.root.path, console: console)
        } else if repo != nil {
            console.error("debrief: error: --repo names where --commit is; give --commit too")
            throw ExitCode(2)
        }
        switch ActionClose.plan(base, key: key, status: status.actionStatus, commit: sha) {
        case .unknownKey(let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; 'debrief audit --all' lists every action"
            console.error(TerminalText.escape("debrief: error: no preventive action '\(key)'\(hint)"))
            throw ExitCode(2)
        case .refused(let diagnostics):
            let formatter = DiagnosticFormatter(format: .text)
            for diagnostic in diagnostics { console.error(formatter.line(diagnostic)) }
            console.error("debrief: close refused: \(Plural.count(diagnostics.count, "error")) in the post-mortem (see 'debrief check'); nothing was written")
            throw ExitCode(1)
        case .cannot(let message):
            console.error(TerminalText.escape("debrief: error: \(message); nothing was written"))
            throw ExitCode(1)
        case .already(let key, let file, let line, let statusText):
            console.line(TerminalText.escape("\(key) is already \(status.rawValue) ('\(statusText)', \(file):\(line)); nothing to change"))
        case .edit(let edit):
            console.outBytes(UnifiedDiff.bytes(old: edit.old, new: edit.new, oldName: "a/" + edit.file, newName: "b/" + edit.file))
            if let reason = edit.commitNotRecorded {
                console.error(TerminalText.escape("debrief: note: commit \(sha ?? "") is not recorded in \(edit.file): \(reason)"))
            }
            if check {
                console.error(TerminalText.escape("\(edit.key) would be set to \(status.rawValue) in \(edit.file); run 'debrief close' without --check to write it"))
                throw ExitCode(1)
            }
            try AtomicFileWriter().write(edit.new, to: base.root.appendingPathComponent(edit.file).path)
            let recorded = edit.recordedCommit.map { ", commit \($0) recorded" } ?? ""
            console.error(TerminalText.escape("\(edit.key) set to \(status.rawValue) in \(edit.file)\(recorded)"))
        }
    }

    /// The full id of `commit` in the repository holding `root`; exit 2 when it names no commit.
    static func resolve(commit: String, root: String, console: Console) throws -> String {
        let git = try Git(at: root)
        guard !commit.hasPrefix("-"),
              let result = try? git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", commit + "^{commit}"], limit: 4096, allowFailure: true),
              result.status == 0 else {
            console.error(TerminalText.escape("debrief: error: --commit '\(commit)' is not a commit of the repository at \(git.topLevel)"))
            throw ExitCode(2)
        }
        return String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

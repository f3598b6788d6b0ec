import ArgumentParser
import DebriefKit

/// `debrief sync`: write into each SOP the preventive actions that name it.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Write into each SOP the preventive actions that name it.",
        discussion: """
            Each SOP that a preventive action names gets a managed block between \
            '<!-- debrief:actions:begin -->' and '<!-- debrief:actions:end -->' (appended under \
            '## Preventive actions' when it has none). Everything outside the markers is kept byte \
            for byte. Refuses to run while 'debrief check' finds errors in the post-mortems.
            Exit codes: 0 all current (or written), 1 an SOP out of date (--check), broken markers or a code block never closed, \
            or post-mortem errors; 2 usage or environment problems.
            """
    )

    @OptionGroup var rootOptions: RootOptions

    @Flag(help: "Write nothing; exit 1 when an SOP is out of date, naming each.")
    var check = false

    @Flag(help: "Print the unified diff of what would change and write nothing (standard output then holds only the diff).")
    var diff = false

    func run() throws {
        let console = Console.standard
        // With --diff, standard output is kept for the patch; everything else goes to standard error.
        let toStandardError = diff
        // File names come from the repository: shown with their control characters written out.
        func say(_ text: String) {
            let text = TerminalText.escape(text)
            if toStandardError { console.error(text) } else { console.line(text) }
        }
        let formatter = DiagnosticFormatter(format: .text)
        let base = try RepositoryLoader().load(root: try rootOptions.resolve())

        let blocking = SyncPlan.blockingDiagnostics(base)
        guard blocking.isEmpty else {
            for diagnostic in blocking { console.error(formatter.line(diagnostic)) }
            let inConfig = blocking.contains { $0.location.file == Config.fileName }
            let inPostmortems = blocking.contains { $0.location.file != Config.fileName }
            let place = inConfig ? (inPostmortems ? "\(Config.fileName) and the post-mortems" : Config.fileName) : "the post-mortems"
            console.error("debrief: sync refused: \(Plural.count(blocking.count, "error")) in \(place) (see 'debrief check'); nothing was written")
            throw ExitCode(1)
        }

        let plan = try SyncPlan(base: base)
        for diagnostic in plan.diagnostics { console.error(formatter.line(diagnostic)) }
        let outOfDate = plan.outOfDate
        if diff {
            for update in outOfDate {
                console.outBytes(UnifiedDiff.bytes(old: update.old, new: update.new, oldName: "a/" + update.file, newName: "b/" + update.file))
            }
        }
        let reason = plan.diagnostics.allSatisfy { $0.code != .syncNoPlaceForBlock } ? "broken markers" : "broken markers or a code block never closed"
        let brokenNote = plan.diagnostics.isEmpty ? "" : ", \(plan.diagnostics.count) left alone (\(reason))"

        if check || diff {
            if check {
                for update in outOfDate { say("\(update.file) is out of date") }
                let total = plan.updates.count
                say(outOfDate.isEmpty
                    ? "\(Plural.count(total, "SOP")) up to date\(brokenNote)"
                    : "\(outOfDate.count) of \(Plural.count(total, "SOP")) out of date\(brokenNote); run 'debrief sync' to update")
            }
            if !plan.diagnostics.isEmpty || (check && !outOfDate.isEmpty) { throw ExitCode(1) }
            return
        }

        let upToDate = plan.updates.count - outOfDate.count
        let written: [String]
        var failures: [SyncPlan.WriteFailure.File] = []
        do {
            written = try plan.apply()
        } catch let failure as SyncPlan.WriteFailure {
            written = failure.written
            failures = failure.failures
        }
        for file in written { say("updated \(file)") }
        for file in SyncTemporaryFile.removeStale(root: base.root, files: base.leftoverTemporaryFiles) {
            say("removed \(file), left over from an interrupted sync")
        }
        for failure in failures {
            console.error(TerminalText.escape("debrief: error: cannot write \(failure.file): \(failure.reason); it is left as it was"))
        }
        let failedNote = failures.isEmpty ? "" : ", \(failures.count) not written"
        say("\(Plural.count(written.count, "SOP")) updated, \(upToDate) up to date\(failedNote)\(brokenNote)")
        if !failures.isEmpty { throw ExitCode(2) }
        if !plan.diagnostics.isEmpty { throw ExitCode(1) }
    }
}

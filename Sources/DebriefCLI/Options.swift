import ArgumentParser
import DebriefKit
import Foundation

/// `--root DIR`, shared by every command that reads a knowledge repo.
struct RootOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge repo (default: nearest folder up holding debrief.yml, else the current folder).", valueName: "DIR"))
    var root: String?

    /// The repository root.
    func resolve() throws -> URL {
        try RepositoryLoader.findRoot(explicit: root)
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

/// `--as-of YYYY-MM-DD`, shared by the commands that tell overdue actions from open ones.
struct AsOfOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day due dates are compared with (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    /// The day asked for, else today (UTC). A day that is not a real `YYYY-MM-DD` date is a usage
    /// error, said in one line on standard error, before any file is read.
    func day(console: Console) throws -> CalendarDate {
        guard let asOf else { return CalendarDate.today() }
        guard let day = CalendarDate(asOf) else {
            console.error("debrief: error: --as-of must be a date written YYYY-MM-DD, not '\(asOf)'")
            throw ExitCode(2)
        }
        return day
    }
}

/// The refusal of the commands that must not fall back to defaults when `debrief.yml` has errors
/// (the defaults could name the wrong folders, and a command that read nothing would succeed).
enum ConfigErrors {
    /// The errors `debrief.yml` has in `base`, in output order.
    static func of(_ base: KnowledgeBase) -> [Diagnostic] {
        base.readDiagnostics.filter { $0.severity == .error && $0.location.file == Config.fileName }.sortedForOutput()
    }

    /// Prints each error of `debrief.yml` and then `refusal` on standard error, and exits 2;
    /// does nothing when the configuration has none.
    static func refuse(_ base: KnowledgeBase, console: Console, refusal: (_ errorCount: Int) -> String) throws {
        let errors = of(base)
        guard !errors.isEmpty else { return }
        let formatter = DiagnosticFormatter(format: .text, colored: console.isTerminal)
        for diagnostic in errors { console.error(formatter.line(diagnostic)) }
        console.error(refusal(errors.count))
        throw ExitCode(2)
    }
}

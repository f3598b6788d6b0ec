import ArgumentParser
import DebriefKit

/// `debrief check`: validate the whole repo and report every problem.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate post-mortems and SOPs; exit 1 on errors (or warnings with --strict)."
    )

    @OptionGroup var rootOptions: RootOptions

    @Option(help: "Output format: text, json, github or sarif.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        let console = Console.standard
        let base = try RepositoryLoader().load(root: try rootOptions.resolve())
        let diagnostics = Validator.standard.validate(base)
        let formatter = DiagnosticFormatter(format: format, colored: console.isTerminal && format == .text)
        console.write(formatter.report(diagnostics, fileCount: base.fileCount))
        if diagnostics.errorCount > 0 || (strict && diagnostics.warningCount > 0) {
            throw ExitCode(1)
        }
    }
}

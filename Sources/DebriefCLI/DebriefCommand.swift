import ArgumentParser
import DebriefKit
import Foundation

/// The `debrief` command and its subcommands.
public struct DebriefCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "debrief",
        abstract: "Post-mortems as code: check, build, sync and audit a knowledge repo.",
        version: DebriefVersion.string,
        subcommands: [CheckCommand.self, RenderCommand.self, BuildCommand.self, SyncCommand.self, AuditCommand.self, CloseCommand.self, DiffCommand.self,
                      SimilarCommand.self, InitCommand.self, NewCommand.self, ImportCommand.self, ServeCommand.self]
    )

    public init() {}

    /// Runs the command line and exits: 0 success, 1 findings, 2 usage or environment problems.
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        ProcessHeap.mapLargeBlocksApart()
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as EnvironmentError {
            // Environment errors name files of the repository, which may hold control characters.
            Console.standard.error("debrief: error: \(TerminalText.escape(error.description))")
            Foundation.exit(2)
        } catch let error as FileIOError {
            Console.standard.error("debrief: error: \(TerminalText.escape(error.description))")
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // Usage mistakes exit 2, like other command-line tools, not 64.
                Console.standard.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

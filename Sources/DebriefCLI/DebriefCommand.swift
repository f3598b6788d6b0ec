import ArgumentParser
import DebriefKit

/// The `debrief` command and its subcommands.
public struct DebriefCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "debrief",
        abstract: "Post-mortems as code: check, build, sync and audit a knowledge repo."
    )

    public init() {}
}

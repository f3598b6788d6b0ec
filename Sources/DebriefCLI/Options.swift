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

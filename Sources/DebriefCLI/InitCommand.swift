import ArgumentParser
import DebriefKit
import Foundation

/// `debrief init`: set up a knowledge repo without touching what is already there.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up a knowledge repo: debrief.yml, an example post-mortem and SOP, a GitHub Actions workflow.",
        discussion: "Existing files are never replaced; they are listed as skipped. A .gitignore only gets the site folder appended when it does not ignore it yet."
    )

    @Argument(help: ArgumentHelp("The folder to set up; created when missing.", valueName: "DIR"))
    var directory: String = "."

    @Option(help: ArgumentHelp("The date of the example post-mortem (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var date: String?

    func validate() throws {
        if let date, CalendarDate(date) == nil { throw ValidationError("--date '\(date)' is not a date; write YYYY-MM-DD") }
    }

    func run() throws {
        let console = Console.standard
        let root = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        if FileIO.exists(root.path), !FileIO.isDirectory(root.path) {
            throw EnvironmentError("\(directory) exists and is not a folder")
        }
        let today = date.flatMap(CalendarDate.init) ?? .today()
        let report = try Scaffold(today: today).apply(root: root)
        for file in report.created { console.line("created  \(file)") }
        for (file, note) in report.updated { console.line("updated  \(file) (\(note))") }
        for (file, reason) in report.skipped { console.line("skipped  \(file) (\(reason))") }
        console.line("")
        console.line("Next: `debrief check` to validate, `debrief new \"What happened\"` to start a post-mortem, `debrief serve` to preview the site.")
    }
}

import ArgumentParser
import DebriefKit
import Foundation

/// How `debrief import` prints its report.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension PostmortemStatus: ExpressibleByArgument {}

/// `debrief import FILE...`: turn post-mortems written elsewhere into debrief post-mortems.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn existing post-mortems (Markdown from Google Docs, Confluence, a wiki) into debrief drafts.",
        discussion: """
        Each file becomes <postmortems>/<date>-<slug>.md with the next id of id_format: front matter from \
        its metadata lines, headings named as debrief.yml names sections, timeline times in their normal form, \
        action items as task-list items. An existing file is never replaced. See docs/import.md.
        Exit codes: 0 every file imported, 1 a file was refused (the others are still imported), \
        2 usage or environment problems (errors in debrief.yml).
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("The documents to import.", valueName: "FILE"))
    var files: [String]

    @Option(help: "The status of the imported post-mortems: draft, review or final.")
    var status: PostmortemStatus = .draft

    @Option(help: ArgumentHelp("The incident's day, instead of the date found in the text.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(help: ArgumentHelp("Use this id instead of the next in sequence (one FILE only).", valueName: "ID"))
    var id: String?

    @Option(help: ArgumentHelp("Write into this folder instead of the repository's post-mortem folder.", valueName: "DIR"))
    var output: String?

    @Flag(name: .customLong("dry-run"), help: "Report what would be written; write nothing.")
    var dryRun = false

    @Option(help: "Report format: text or json.")
    var format: ImportFormat = .text

    func validate() throws {
        if let date, CalendarDate(date) == nil { throw ValidationError("--date '\(date)' is not a date; write YYYY-MM-DD") }
        if id != nil, files.count > 1 { throw ValidationError("--id names one post-mortem; import one FILE with it") }
    }

    func run() throws {
        let console = Console.standard
        let root = try rootOptions.resolve()
        let base = try RepositoryLoader().load(root: root)
        try ConfigErrors.refuse(base, console: console) { _ in
            "debrief: error: \(Config.fileName) has errors; fix them first, so the imports get the repo's folders, sections and id format"
        }
        let folder = output.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let request = ImportRequest(status: status, date: date.flatMap(CalendarDate.init), id: id, outputFolder: folder, dryRun: dryRun)
        var importer = Importer(base: base, request: request, display: NewDocument.displayPath)
        let results = files.map { importer.importFile($0, named: $0) }
        let report = ImportReport(results: results, dryRun: dryRun, display: NewDocument.displayPath)
        console.write(format == .json ? report.json : report.text)
        if report.failedCount > 0 { throw ExitCode(1) }
    }
}

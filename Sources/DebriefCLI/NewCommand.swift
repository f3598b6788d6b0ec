import ArgumentParser
import DebriefKit
import Foundation

/// `debrief new`: start a post-mortem (the default) or an SOP from the document templates.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a post-mortem (default) or an SOP from the templates; print the new file's path.",
        subcommands: [NewPostmortemCommand.self, NewSOPCommand.self],
        defaultSubcommand: NewPostmortemCommand.self
    )
}

/// `debrief new [postmortem] "Title"`.
struct NewPostmortemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postmortem",
        abstract: "Start a draft post-mortem: postmortems/YYYY-MM-DD-<slug>.md with the next id.",
        discussion: """
        The id is the next in id_format's sequence for the incident's year (default INC-{year}-{seq:3}). \
        The severity defaults to the last (least severe) one in debrief.yml, the date to today (UTC). \
        Exit 1 when the id or the file exists already (nothing is written), 2 for a bad option or errors in debrief.yml.
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: "The incident's title, in any language.")
    var title: String

    @Option(help: ArgumentHelp("One of the severities in debrief.yml (default: the last one).", valueName: "SEV"))
    var severity: String?

    @Option(help: ArgumentHelp("The day the incident started (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .customLong("service"), help: ArgumentHelp("An affected service; repeat for several.", valueName: "NAME"))
    var services: [String] = []

    @Option(help: ArgumentHelp("Use this id instead of the next in sequence.", valueName: "ID"))
    var id: String?

    func validate() throws {
        if let date, CalendarDate(date) == nil { throw ValidationError("--date '\(date)' is not a date; write YYYY-MM-DD") }
    }

    func run() throws {
        let root = try rootOptions.resolve()
        let request = PostmortemRequest(title: title, severity: severity, date: date.flatMap(CalendarDate.init), services: services, id: id)
        try NewDocument.create(root: root) { (drafter) throws(AuthoringError) -> Draft in try drafter.postmortem(request, today: .today()) }
    }
}

/// `debrief new sop "Title"`.
struct NewSOPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sop",
        abstract: "Start an SOP: sops/<slug>.md from the SOP template.",
        discussion: "Exit 1 when the file exists already (nothing is written), 2 for a bad option or errors in debrief.yml."
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: "The procedure's title.")
    var title: String

    func run() throws {
        let root = try rootOptions.resolve()
        try NewDocument.create(root: root) { (drafter) throws(AuthoringError) -> Draft in try drafter.sop(title: title, today: .today()) }
    }
}

/// What both `new` commands share: load the repo, draft, write exclusively, print the path.
enum NewDocument {
    static func create(root: URL, draft: (Drafter) throws(AuthoringError) -> Draft) throws {
        let console = Console.standard
        let base = try RepositoryLoader().load(root: root)
        // A broken debrief.yml falls back to defaults, which would put the draft in the wrong
        // folder with an id from the wrong sequence.
        try ConfigErrors.refuse(base, console: console) { _ in
            "debrief: error: \(Config.fileName) has errors; fix them first, so the draft gets the repo's folders and id format"
        }
        do {
            let document = try draft(Drafter(base: base))
            try NewFileWriter.create(document.file, text: document.text, root: root)
            console.line(TerminalText.escape(displayPath(root.path + "/" + document.file)))
        } catch {
            // Errors quote the repository (folder names, a title's slug): no control characters.
            console.error("debrief: error: \(TerminalText.escape(error.description))")
            throw ExitCode(error.isConflict ? 1 : 2)
        }
    }

    /// The path relative to the working directory when the file is below it, else absolute.
    static func displayPath(_ path: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        return standardized.hasPrefix(cwd + "/") ? String(standardized.dropFirst(cwd.count + 1)) : standardized
    }
}

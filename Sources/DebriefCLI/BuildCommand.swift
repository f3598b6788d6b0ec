import ArgumentParser
import DebriefKit
import Foundation

/// `debrief build`: check the repo, then write the static knowledge site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static knowledge site (default: _site/); refuses when check finds errors.",
        discussion: """
        Runs check first and prints its findings; errors stop the build unless --allow-errors. \
        The output folder must be new, empty, or one debrief built before (it holds a .debrief-site file). \
        Overdue marks are computed for --as-of, default today (UTC).
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Option(help: ArgumentHelp("Where to write the site (default: 'output' in debrief.yml, else _site under the root).", valueName: "DIR"))
    var output: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Make links absolute under this prefix, e.g. https://kb.example.com/ or /kb/.", valueName: "URL"))
    var baseURL: String?

    @Flag(name: .customLong("allow-errors"), help: "Build even when check finds errors.")
    var allowErrors = false

    @Flag(name: .customLong("public"), help: "Build the public site (default folder: 'output' with -public added): no internal documents, blocks or sections, and no people or action details unless 'public:' in debrief.yml opts them in.")
    var publicSite = false

    @Flag(name: .customLong("git"), help: "Read the repository's git history: due dates moved later ('due moved 3x, +74 days'), closing days for recurrences and the time to close actions. Needs the whole history (in CI: fetch-depth: 0).")
    var gitHistory = false

    @OptionGroup var asOfOptions: AsOfOptions

    @Flag(help: .hidden)
    var timings = false

    func validate() throws {
        if let url = baseURL?.trimmingCharacters(in: .whitespaces), !url.isEmpty, let problem = Config.baseURLProblem(url) {
            throw ValidationError("--base-url \(problem)")
        }
        if gitHistory && publicSite {
            throw ValidationError("--git cannot be used with --public: the public site shows nothing from the history (due-date changes and closing days are internal)")
        }
    }

    func run() throws {
        let console = Console.standard
        let asOf = try asOfOptions.day(console: console)
        let root = try rootOptions.resolve()
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var options = BuildOptions(
            root: root,
            output: output.map { URL(fileURLWithPath: $0, relativeTo: workingDirectory).standardizedFileURL },
            baseURL: baseURL, allowErrors: allowErrors, asOf: asOf, publicSite: publicSite, gitHistory: gitHistory)
        // The process exits once the report is printed.
        options.releasesMemory = false
        let report = try SiteBuilder(options: options).build()
        for note in report.notes {
            console.error("debrief: note: \(note)")
        }
        if !report.diagnostics.isEmpty {
            let formatter = DiagnosticFormatter(format: .text, colored: console.isTerminal)
            console.err(formatter.report(report.diagnostics, fileCount: report.fileCount))
        }
        guard report.built else {
            let hint = allowErrors ? "the output folder in debrief.yml cannot be written" : "use --allow-errors to build anyway"
            console.error("debrief: not building the site: check found \(report.diagnostics.errorCount) error\(report.diagnostics.errorCount == 1 ? "" : "s") (\(hint))")
            throw ExitCode(1)
        }
        let location = Self.display(report.output, relativeTo: workingDirectory.path)
        var line = "Built \(report.pageCount) pages into \(location)/ (index: \(location)/index.html)"
        if report.pagesWritten < report.pageCount || report.pagesRemoved > 0 {
            line += "; \(report.pagesWritten) written, \(report.pagesUnchanged) unchanged"
            if report.pagesRemoved > 0 { line += ", \(report.pagesRemoved) removed" }
        }
        console.line(line)
        if timings {
            for (stage, seconds) in report.timings {
                console.error(String(format: "%@: %.3f s", stage, seconds))
            }
        }
    }

    /// A path relative to the working directory when it lies inside it.
    static func display(_ path: String, relativeTo directory: String) -> String {
        if path.hasPrefix(directory + "/") { return String(path.dropFirst(directory.count + 1)) }
        return path
    }
}

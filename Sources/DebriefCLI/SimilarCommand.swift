import ArgumentParser
import DebriefKit

/// `debrief similar`: the post-mortems most like one of the repository, or like a text.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "List the post-mortems most similar to one (by id) or to a text, with why.",
        discussion: """
            Similarity compares titles, the Summary, Root Cause and Trigger sections, services and \
            tags (TF-IDF weighting, cosine; see docs/recurrence.md). The post-mortem's own 'related' \
            links are left out, as on its page. Exit codes: 0 done, 2 usage or environment problems \
            (an id that names no post-mortem, errors in debrief.yml).
            """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("The post-mortem's id.", valueName: "ID"))
    var id: String?

    @Option(help: ArgumentHelp("Compare with this text instead, e.g. the title and summary of a post-mortem not yet written.", valueName: "TEXT"))
    var text: String?

    @Option(help: ArgumentHelp("How many to list.", valueName: "N"))
    var limit = SimilarityIndex.defaultLimit

    @Option(help: "Output format.")
    var format: SimilarFormat = .table

    func validate() throws {
        if id == nil && text == nil { throw ValidationError("name a post-mortem's id, or give --text") }
        if id != nil && text != nil { throw ValidationError("give an id or --text, not both") }
        if let text, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--text is empty") }
        if !(1...100).contains(limit) { throw ValidationError("--limit must be from 1 to 100") }
    }

    func run() throws {
        let console = Console.standard
        let base = try RepositoryLoader(scope: .actions).load(root: try rootOptions.resolve())
        try ConfigErrors.refuse(base, console: console) { count in
            "debrief: similar refused: \(Plural.count(count, "error")) in \(Config.fileName) (see 'debrief check')"
        }
        let report: SimilarReport
        if let id {
            guard let found = SimilarReport.postmortem(id, in: base, limit: limit) else {
                var message = "debrief: error: no post-mortem has the id '\(TerminalText.escape(id))'"
                if let close = Suggestion.closest(to: id, in: base.postmortems.map(\.id).filter { !$0.isEmpty }) {
                    message += " (did you mean '\(TerminalText.escape(close))'?)"
                }
                console.error(message)
                throw ExitCode(2)
            }
            report = found
        } else {
            report = SimilarReport.text(text ?? "", in: base, limit: limit)
        }
        console.write(report.format(format))
    }
}

extension SimilarFormat: ExpressibleByArgument {}

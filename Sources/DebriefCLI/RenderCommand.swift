import ArgumentParser
import DebriefKit
import Foundation

/// `debrief render`: print the HTML cmark-gfm makes of one Markdown document.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one Markdown file (or standard input) to HTML with cmark-gfm.",
        discussion: "Front matter is stripped. Defaults match the site: table, strikethrough, autolink, tagfilter and tasklist on; raw HTML and dangerous URLs off. The output is byte-identical to `cmark-gfm` with the same flags."
    )

    @Argument(help: ArgumentHelp("The Markdown file; '-' or nothing reads standard input.", valueName: "FILE"))
    var file: String?

    @Flag(help: "Start with no extension (plain CommonMark).")
    var bare = false

    @Flag(help: "Let raw HTML and dangerous URLs through.")
    var unsafe = false

    @Option(name: [.customShort("e"), .customLong("extension")], help: ArgumentHelp("Add a GFM extension (autolink, strikethrough, table, tagfilter, tasklist).", valueName: "NAME"))
    var extensions: [String] = []

    func validate() throws {
        for name in extensions where !MarkdownOptions.knownExtensions.contains(name) {
            throw ValidationError("unknown extension '\(name)'; known: \(MarkdownOptions.knownExtensions.joined(separator: ", "))")
        }
    }

    func run() throws {
        let bytes: [UInt8]
        let name: String
        if let file, file != "-" {
            guard let read = FileIO.read(file) else { throw EnvironmentError("cannot read \(file)") }
            bytes = read
            name = file
        } else {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            name = "<stdin>"
        }
        let text: String
        switch SourceText.decode(path: name, bytes: bytes) {
        case .success(let source):
            text = source.text
        case .failure(.empty):
            text = ""
        case .failure(.invalidUTF8(let line, let column)):
            // A String cannot carry the bad bytes through to cmark unchanged, so say so rather
            // than print HTML that differs from cmark-gfm's.
            let diagnostic = Diagnostic(.error, .invalidUTF8, at: SourceLocation(file: name, line: line, column: column),
                                        "input is not valid UTF-8 (first bad byte here); save it as UTF-8")
            Console.standard.error(DiagnosticFormatter(format: .text).line(diagnostic))
            throw ExitCode(1)
        }
        let split = FrontMatter.split(text)
        let markdown = split.kind == .present ? split.body : text
        var options = bare ? MarkdownOptions.bare : MarkdownOptions.site
        for name in extensions where !options.extensions.contains(name) { options.extensions.append(name) }
        options.unsafe = unsafe
        let result = CMark.process(markdown, RenderRequest(options: options))
        Console.standard.write(result.html ?? "")
        // A table over the limits was rendered as text, unlike cmark-gfm: say so, and fail.
        guard !result.oversizedTables.isEmpty else { return }
        let firstLine = split.kind == .present ? split.bodyFirstLine : 1
        let formatter = DiagnosticFormatter(format: .text)
        for table in result.oversizedTables {
            let location = SourceLocation(file: name, line: table.line + firstLine - 1, column: 1)
            Console.standard.error(formatter.line(Diagnostic(.error, .tableTooLarge, at: location, table.message)))
        }
        throw ExitCode(1)
    }
}

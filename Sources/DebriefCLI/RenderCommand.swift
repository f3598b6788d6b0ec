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

    @Flag(name: .customLong("public"), help: "Print the body FILE has on the public site (build --public): internal blocks and sections cut, with the repository's 'public:' settings.")
    var publicText = false

    @Option(name: .customLong("root"), help: ArgumentHelp("With --public: the knowledge repo (default: nearest folder up holding debrief.yml).", valueName: "DIR"))
    var root: String?

    @Option(name: [.customShort("e"), .customLong("extension")], help: ArgumentHelp("Add a GFM extension (autolink, strikethrough, table, tagfilter, tasklist).", valueName: "NAME"))
    var extensions: [String] = []

    func validate() throws {
        if publicText, file == nil || file == "-" {
            throw ValidationError("--public needs a FILE of the knowledge repo, not standard input")
        }
        if publicText, bare || unsafe || !extensions.isEmpty {
            throw ValidationError("--public renders as the site does; leave out --bare, --unsafe and --extension")
        }
        for name in extensions where !MarkdownOptions.knownExtensions.contains(name) {
            throw ValidationError("unknown extension '\(name)'; known: \(MarkdownOptions.knownExtensions.joined(separator: ", "))")
        }
    }

    func run() throws {
        if publicText, let file {
            try renderPublic(file)
            return
        }
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

    /// `--public`: the document's public body, or why the public site leaves it out.
    private func renderPublic(_ file: String) throws {
        let console = Console.standard
        let workingDirectory = FileManager.default.currentDirectoryPath
        let rootURL = try RepositoryLoader.findRoot(explicit: root, workingDirectory: workingDirectory)
        let absolute = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: workingDirectory)).standardizedFileURL.path
        let rootPath = rootURL.standardizedFileURL.path
        guard absolute.hasPrefix(rootPath + "/") else {
            throw EnvironmentError("\(file) is not inside the knowledge repo at \(rootPath)")
        }
        let relative = String(absolute.dropFirst(rootPath.count + 1))
        let result = try PublicRender.render(root: rootURL, file: relative)
        if !result.diagnostics.isEmpty {
            console.err(DiagnosticFormatter(format: .text, colored: console.isTerminal).report(result.diagnostics, fileCount: 1))
        }
        switch result.outcome {
        case .html(let html):
            console.write(html)
            if result.diagnostics.errorCount > 0 { throw ExitCode(1) }
        case .leftOut(let reason):
            console.error("debrief: \(relative) is not on the public site: \(reason)")
            if result.diagnostics.errorCount > 0 { throw ExitCode(1) }
        }
    }
}

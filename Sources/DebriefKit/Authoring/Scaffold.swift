import Foundation

/// What `debrief init` does to one file.
public struct ScaffoldItem: Sendable, Equatable {
    /// What happens to the file.
    public enum Action: Sendable, Equatable {
        /// The file is new; it is written with this text.
        case create(String)
        /// The file exists; this text is added at its end.
        case append(String, note: String)
        /// The file is left alone, for this reason.
        case skip(reason: String)
    }

    /// The path relative to the target folder.
    public var file: String
    /// What happens to it.
    public var action: Action
}

/// What `debrief init` did.
public struct ScaffoldReport: Sendable, Equatable {
    /// Files written.
    public var created: [String] = []
    /// Existing files added to, with what was added.
    public var updated: [(file: String, note: String)] = []
    /// Files left alone, with why.
    public var skipped: [(file: String, reason: String)] = []

    public static func == (lhs: ScaffoldReport, rhs: ScaffoldReport) -> Bool {
        lhs.created == rhs.created && lhs.updated.map(\.file) == rhs.updated.map(\.file) && lhs.updated.map(\.note) == rhs.updated.map(\.note)
            && lhs.skipped.map(\.file) == rhs.skipped.map(\.file) && lhs.skipped.map(\.reason) == rhs.skipped.map(\.reason)
    }
}

/// Sets up a knowledge repo: a commented `debrief.yml`, an example post-mortem and the SOP its
/// preventive action names (with the action list `debrief sync` maintains), a GitHub Actions
/// workflow that checks the repo and publishes the site, and a `.gitignore` entry for the site
/// folder. It never replaces a file: existing ones
/// are skipped, and `.gitignore` only gets a line appended when the entry is missing.
///
/// When a `debrief.yml` is already there, its folders, severities, required sections and id
/// format are used, so the examples fit the repo. The examples are only added to a repo without
/// post-mortems and SOPs, where they cannot clash with real documents.
public struct Scaffold: Sendable {
    /// The date the example post-mortem happened on and the SOP was reviewed.
    public var today: CalendarDate

    /// Creates a scaffold dated `today`.
    public init(today: CalendarDate) {
        self.today = today
    }

    /// What `apply` would do in `root`, in order.
    public func plan(root: URL) throws -> [ScaffoldItem] {
        let existingConfig = FileIO.exists(root.appendingPathComponent(Config.fileName).path)
        let config = existingConfig ? ((try? RepositoryLoader.loadConfig(root: root))?.0 ?? Config()) : Config()
        var items: [ScaffoldItem] = []
        func add(_ file: String, _ text: String) {
            if FileIO.exists(root.path + "/" + file) {
                items.append(ScaffoldItem(file: file, action: .skip(reason: "exists")))
            } else {
                items.append(ScaffoldItem(file: file, action: .create(text)))
            }
        }

        add(Config.fileName, ScaffoldFiles.config(Config()))

        let examples = ScaffoldFiles.Examples(config: config, date: today)
        let postmortemFiles = try RepositoryLoader.markdownFiles(root: root, folder: config.postmortems)
        let sopFiles = try RepositoryLoader.markdownFiles(root: root, folder: config.sops)
        if postmortemFiles.isEmpty && sopFiles.isEmpty {
            add(examples.postmortemFile, examples.postmortem)
            add(examples.sopFile, examples.sop)
        } else {
            for file in [examples.postmortemFile, examples.sopFile] {
                let reason = FileIO.exists(root.path + "/" + file) ? "exists" : "the repo already has post-mortems or SOPs"
                items.append(ScaffoldItem(file: file, action: .skip(reason: reason)))
            }
        }

        add(ScaffoldFiles.workflowFile, ScaffoldFiles.workflow(output: config.output))

        let ignoreLine = "/" + config.output + "/"
        let ignorePath = root.path + "/.gitignore"
        if let bytes = RepositoryFiles(root: root).read(".gitignore", limit: RepositoryFiles.defaultMaxFileSize).bytes {
            let text = String(decoding: bytes, as: UTF8.self)
            if Self.ignores(text, folder: config.output) {
                items.append(ScaffoldItem(file: ".gitignore", action: .skip(reason: "already ignores \(config.output)/")))
            } else {
                let separator = text.isEmpty || text.hasSuffix("\n") ? "" : "\n"
                items.append(ScaffoldItem(file: ".gitignore", action: .append(separator + ignoreLine + "\n", note: "added \(ignoreLine)")))
            }
        } else if FileIO.exists(ignorePath) {
            items.append(ScaffoldItem(file: ".gitignore", action: .skip(reason: "cannot be read")))
        } else {
            items.append(ScaffoldItem(file: ".gitignore", action: .create(ScaffoldFiles.gitignore(ignoreLine))))
        }
        return items
    }

    /// Carries out the plan in `root`, creating it when needed.
    public func apply(root: URL) throws -> ScaffoldReport {
        try FileIO.makeDirectories(root.path)
        var report = ScaffoldReport()
        for item in try plan(root: root) {
            switch item.action {
            case .create(let text):
                do {
                    try NewFileWriter.create(item.file, text: text, root: root)
                    report.created.append(item.file)
                } catch .fileExists {
                    report.skipped.append((item.file, "exists"))
                }
            case .append(let text, let note):
                try Self.append(text, to: root.path + "/" + item.file)
                report.updated.append((item.file, note))
            case .skip(let reason):
                report.skipped.append((item.file, reason))
            }
        }
        try syncCreatedSOPs(root: root, created: Set(report.created))
        return report
    }

    /// Gives the SOPs just written the managed list of the actions that name them, as
    /// `debrief sync` would, so `sync --check` in the new workflow passes from the first run.
    /// Only files created by this run are touched.
    private func syncCreatedSOPs(root: URL, created: Set<String>) throws {
        let base = try RepositoryLoader().load(root: root)
        guard base.layout.sopFiles.contains(where: created.contains) else { return }
        let writer = AtomicFileWriter()
        for update in try SyncPlan(base: base).outOfDate where created.contains(update.file) {
            try writer.write(update.new, to: root.appendingPathComponent(update.file).path)
        }
    }

    /// Whether a `.gitignore` already has a line ignoring `folder` at the root.
    static func ignores(_ gitignore: String, folder: String) -> Bool {
        let forms: Set<String> = [folder, folder + "/", "/" + folder, "/" + folder + "/", folder + "/*", "/" + folder + "/*"]
        return gitignore.split(whereSeparator: \.isNewline).contains { line in
            forms.contains(line.trimmingCharacters(in: .whitespaces))
        }
    }

    private static func append(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw FileIOError(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        try FileIO.writeAll(fd: fd, bytes: Array(text.utf8), path: path)
    }
}

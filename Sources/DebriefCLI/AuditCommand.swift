import ArgumentParser
import DebriefKit

/// `debrief audit`: list preventive actions, what is overdue and which SOPs are stale.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List preventive actions: open ones by default, overdue ones marked; then stale SOPs.",
        discussion: """
            Filters combine. An action is overdue when it is open or in progress and due before the \
            --as-of day (default: today, UTC). An SOP is stale when an incident linked to it started \
            after its last_reviewed date.
            With a baseline (--gate-since, or gate_since in debrief.yml) an overdue action due before it \
            is listed as "before baseline" and does not fail --fail-on-overdue; untracked actions of \
            imported post-mortems are never overdue.
            With --by-owner the listed actions come one section per owner (sorted, no owner last): \
            overdue ones first with their days overdue, then open ones, then untracked ones apart; each \
            links to its post-mortem's page when base_url is set.
            With --late the post-mortems past their publishing deadline (publish_within in debrief.yml: \
            calendar days 5d or business days 5bd from the UTC day of resolved to the approved day) are \
            listed instead, with their days late; the action listing names them too.
            With --git the knowledge repo's history is read: the commits whose Closes:, Fixes: or Refs: \
            trailers name each action (in the knowledge repo and each --repo), its slips (due date moved \
            later) and first due date, drift (closed by a commit but open in its table; with \
            --require-evidence also done with no commit and no ticket) and trailer keys that name no action. \
            --repo, --require-evidence, --fail-on-drift and --slipped imply --git. What was read of the \
            history is kept beside the cache key (~/.cache/debrief/history/, sealed with that key), so the \
            next run reads only the commits since; --no-history-cache reads it all.
            Exit codes: 0 done, 1 an overdue action is listed and --fail-on-overdue is set, a post-mortem \
            is late and --fail-on-late is set, or drift is found and --fail-on-drift is set, 2 usage or \
            environment problems (a --severity or --sop that names nothing, errors in debrief.yml, git \
            missing or the root not in a git repository).
            """
    )

    @OptionGroup var rootOptions: RootOptions

    @OptionGroup var asOfOptions: AsOfOptions

    @Flag(help: "List actions of every status, not only open and in-progress ones.")
    var all = false

    @Flag(help: "List only overdue actions.")
    var overdue = false

    @Option(help: ArgumentHelp("Only actions of this owner (with or without @).", valueName: "NAME"))
    var owner: String?

    @Option(help: ArgumentHelp("Only actions of incidents that affected this service.", valueName: "NAME"))
    var service: String?

    @Option(help: ArgumentHelp("Only actions of incidents of this severity.", valueName: "SEV"))
    var severity: String?

    @Option(help: ArgumentHelp("Only actions that name this SOP (its id, e.g. db/database-restore).", valueName: "ID"))
    var sop: String?

    @Option(help: "Output format.")
    var format: AuditFormat = .table

    @Flag(help: "One section per owner with their overdue and open actions (formats: text, markdown, json), for reminders.")
    var byOwner = false

    @Flag(help: "Exit 1 when any listed action is overdue (and, with a baseline, due on or after it).")
    var failOnOverdue = false

    @Flag(help: "List post-mortems past their publishing deadline (publish_within in debrief.yml) with their days late, instead of actions; with --all, every post-mortem that has a deadline.")
    var late = false

    @Flag(help: "Exit 1 when a post-mortem is past its publishing deadline and not final.")
    var failOnLate = false

    @Option(name: .customLong("gate-since"),
            help: ArgumentHelp("The baseline of --fail-on-overdue: overdue actions due before this day are listed but do not fail it (default: gate_since in debrief.yml).",
                               valueName: "YYYY-MM-DD"))
    var gateSince: String?

    @Flag(help: "Read the git history: commits naming actions in trailers, slips, drift.")
    var git = false

    @Option(name: .customLong("repo"), help: ArgumentHelp("A code repository whose commit trailers may name actions (repeatable; implies --git).", valueName: "PATH"))
    var repos: [String] = []

    @Flag(help: "With --git, report done actions that no commit names and that have no ticket as drift.")
    var requireEvidence = false

    @Flag(help: "Exit 1 when --git finds drift.")
    var failOnDrift = false

    @Option(help: ArgumentHelp("List only actions whose due date moved later at least N times (implies --git).", valueName: "N"))
    var slipped: Int?

    @Flag(help: "With --git, read the whole history instead of starting from what the last run cached (in the history folder beside the cache key, ~/.cache/debrief/history/), and cache nothing.")
    var noHistoryCache = false

    @Flag(help: .hidden)
    var timings = false

    /// Whether the history is read.
    var readsGit: Bool { git || !repos.isEmpty || requireEvidence || failOnDrift || slipped != nil }

    func validate() throws {
        if late && (byOwner || overdue || owner != nil || sop != nil || readsGit) {
            throw ValidationError("--late lists post-mortems; it combines with --service, --severity, --all and --format, not with --by-owner, --overdue, --owner, --sop or --git and its options")
        }
        if let slipped, slipped < 1 { throw ValidationError("--slipped must be 1 or more, not \(slipped)") }
        if readsGit && byOwner { throw ValidationError("--by-owner does not read git; leave out --git and its options") }
        guard byOwner else { return }
        if all { throw ValidationError("--by-owner lists open actions only; leave out --all") }
        if !AuditFormatter.digestFormats.contains(format) && format != .table {
            throw ValidationError("--by-owner prints text, markdown or json, not \(format.rawValue)")
        }
    }

    func run() throws {
        let console = Console.standard
        let day = try asOfOptions.day(console: console)
        var baseline: CalendarDate?
        if let gateSince {
            guard let parsed = CalendarDate(gateSince) else {
                console.error("debrief: error: --gate-since must be a date written YYYY-MM-DD, not '\(TerminalText.escape(gateSince))'")
                throw ExitCode(2)
            }
            baseline = parsed
        }
        let root = try rootOptions.resolve()
        var clock = StageClock()
        // The history is read while the documents are: git runs in its own process.
        let repos = self.repos
        let cache = noHistoryCache ? nil : HistoryCacheStore.standard()
        let (base, reading) = readsGit
            ? try RepositoryLoader(scope: .actions).load(root: root) { layout -> GitReading? in
                var clock = StageClock()
                let history = try ActionHistory.read(root: root, layout: layout, cache: cache)
                // Each repository is read once, whatever path names it; the knowledge repo's
                // own trailers are already in its history.
                var seen: Set<String> = repos.isEmpty ? [] : [try Git(at: root.path).resolvedTopLevel]
                var code: [TrailerReference] = [], read: [String] = [], shallow: [String] = []
                for repo in repos {
                    let git = try Git(at: repo)
                    guard seen.insert(git.resolvedTopLevel).inserted else { continue }
                    read.append(repo)
                    if try git.isShallow() { shallow.append(repo) }
                    code += try CommitTrailerReader(git: git, label: repo).read()
                }
                clock.lap("git history, beside the load (\(Self.describe(history.cacheUse)))")
                return GitReading(history: history, code: code, repos: read, shallowRepos: shallow, lap: clock.laps[0])
            }
            : (try RepositoryLoader(scope: .actions).load(root: root), .success(nil))
        clock.lap(readsGit ? "load and git history" : "load")
        try ConfigErrors.refuse(base, console: console) { count in
            "debrief: audit refused: \(Plural.count(count, "error")) in \(Config.fileName) (see 'debrief check')"
        }
        let query = AuditQuery(asOf: day, statuses: all ? nil : AuditQuery.openStatuses, overdueOnly: overdue,
                               owner: owner, service: service, severity: severity, sop: sop,
                               gateSince: baseline ?? base.config.gateSince)
        if let problem = query.unknownFilterValue(in: base) {
            console.error("debrief: error: \(TerminalText.escape(problem))")
            throw ExitCode(2)
        }
        let git = try reading.get()
        // Recurrences know when each action closed: a done action closed after the later
        // incident started was still open for it.
        var report = AuditReport(base: base, query: query, closeDates: git?.history.closingDays(in: base) ?? [:])
        clock.lap("report")
        if let git {
            let history = git.history
            report.attach(GitEvidence(base: base, history: history, codeReferences: git.code, repos: git.repos, shallowRepos: git.shallowRepos,
                                      requireEvidence: requireEvidence, query: query),
                          slippedAtLeast: slipped)
            clock.lap("git evidence")
            if !history.isComplete && format != .github {
                console.error("debrief: warning: \(AuditFormatter.historyLine(history))")
            }
            for repo in git.shallowRepos where format != .github {
                console.error("debrief: warning: \(AuditFormatter.shallowRepoLine(repo))")
            }
            if case .unusable(let problem) = history.cacheUse {
                console.error("debrief: note: the cached history was not used (\(TerminalText.escape(problem))); the whole history was read")
            }
        }
        let formatter = AuditFormatter(format: format, colored: console.isTerminal && format == .table)
        let output = late ? formatter.formatLate(report, all: all)
            : byOwner ? formatter.format(OwnerDigest(report: report, base: base)) : formatter.format(report)
        clock.lap("format")
        console.write(output)
        clock.lap("write")
        if timings {
            for (stage, seconds) in (git.map { [$0.lap] } ?? []) + clock.laps {
                console.error(String(format: "%@: %.3f s", stage, seconds))
            }
        }
        if (failOnOverdue && report.hasOverdue) || (failOnLate && report.hasLate) { throw ExitCode(1) }
        if failOnDrift && !(report.git?.drift.isEmpty ?? true) { throw ExitCode(1) }
    }
}

extension AuditCommand {
    /// How the history was read, for `--timings`.
    static func describe(_ use: HistoryCacheUse) -> String {
        switch use {
        case .none: "whole history, no cache"
        case .reused(let after, let behind): "from the cache, \(behind) commits behind, \(after) read"
        case .stale(let why): "whole history, cache not used: \(why)"
        case .unusable(let why): "whole history, cache unusable: \(why)"
        }
    }
}

/// What reading the history beside the documents gives back.
private struct GitReading: Sendable {
    /// The knowledge repo's history.
    var history: ActionHistory
    /// The trailers of the code repositories.
    var code: [TrailerReference]
    /// The code repositories read (each once), as given.
    var repos: [String]
    /// Those that are shallow clones: trailers of their older commits are missing.
    var shallowRepos: [String]
    /// How long it took, as a `--timings` stage.
    var lap: (stage: String, seconds: Double)
}

extension AuditFormat: ExpressibleByArgument {}

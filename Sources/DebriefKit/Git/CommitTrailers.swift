import Foundation

/// What a commit trailer says about an action.
public enum TrailerKind: String, Sendable, Codable, CaseIterable {
    /// `Closes:`: the commit finishes the action.
    case closes
    /// `Fixes:`: the same as `Closes:`.
    case fixes
    /// `Refs:`: the commit is part of the work, and closes nothing.
    case refs

    /// Whether the trailer says the action is finished.
    public var closesAction: Bool { self != .refs }
}

/// One action key named by one commit's trailer.
public struct TrailerReference: Sendable, Hashable, Codable {
    /// The repository, as the user named it (`knowledge` for the knowledge repo).
    public var repo: String
    /// The commit (with its subject).
    public var commit: HistoryCommit
    /// The trailer's key.
    public var kind: TrailerKind
    /// The action key as the trailer writes it.
    public var key: String
}

/// Reads `Closes:`, `Fixes:` and `Refs:` trailers from every commit reachable from `HEAD`.
///
/// git itself finds the trailers (`%(trailers:key=…)`), so its rules hold: only the message's
/// last paragraph, keys case-insensitive, folded lines unfolded. A value holds one or more
/// action keys separated by commas or spaces; a word without a `/` (`#812`, `OPS-1304`) is a
/// ticket or a pull request, not an action key, and is left out. Merge commits are read too,
/// and branch commits beside them (not first-parent): a `Closes:` written on a branch counts
/// once it is merged.
public struct CommitTrailerReader: Sendable {
    /// The most commits read from one repository.
    public static let maxCommits = 200_000

    /// The repository.
    public let git: Git
    /// Its name in reports.
    public let label: String

    /// Creates a reader of `git`'s history, named `label` in reports.
    public init(git: Git, label: String) {
        self.git = git
        self.label = label
    }

    /// Every action key named, oldest commit first. A repository without commits names none.
    public func read() throws -> [TrailerReference] {
        guard try git.hasCommits() else { return [] }
        let keys = TrailerKind.allCases.map { "key=\($0.rawValue)" }.joined(separator: ",")
        let output = try git.output(["log", "--reverse", "--max-count=\(Self.maxCommits)", "-z",
                                     "--format=%H%x1f%ct%x1f%(trailers:\(keys),unfold,separator=%x1e)%x1f%s"])
        var references: [TrailerReference] = []
        for record in output.split(separator: 0) {
            let fields = record.split(separator: 0x1F, maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3 else { continue }
            let trailers = fields[2]
            guard !trailers.isEmpty else { continue }
            let sha = String(decoding: fields[0], as: UTF8.self).trimmed
            let timestamp = Int64(String(decoding: fields[1], as: UTF8.self)) ?? 0
            let subject = fields.count > 3 ? String(decoding: fields[3], as: UTF8.self) : ""
            let commit = HistoryCommit(sha: sha, timestamp: timestamp, subject: subject)
            for (kind, key) in Self.keys(in: String(decoding: trailers, as: UTF8.self)) {
                references.append(TrailerReference(repo: label, commit: commit, kind: kind, key: key))
            }
        }
        return references
    }

    /// The (kind, action key) pairs of trailer lines `Key: value`, separated by U+001E.
    static func keys(in trailers: String) -> [(TrailerKind, String)] {
        var found: [(TrailerKind, String)] = []
        for line in trailers.split(separator: "\u{1E}") {
            guard let colon = line.firstIndex(of: ":"),
                  let kind = TrailerKind(rawValue: line[..<colon].trimmed.lowercased()) else { continue }
            let words = line[line.index(after: colon)...].split { $0 == "," || $0 == " " || $0 == "\t" }
            for word in words {
                let key = word.trimmingCharacters(in: CharacterSet(charactersIn: ".;"))
                if key.contains("/") && !key.hasPrefix("/") && !key.hasSuffix("/") && !key.contains("://") {
                    found.append((kind, key))
                }
            }
        }
        return found
    }
}

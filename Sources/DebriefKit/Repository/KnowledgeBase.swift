import Foundation

/// The whole knowledge repo, read: configuration, documents, and what was wrong with them.
public struct KnowledgeBase: Sendable {
    /// The repository root.
    public var root: URL
    /// The settings from `debrief.yml`.
    public var config: Config
    /// Where documents are and which pages they become.
    public var layout: RepositoryLayout
    /// Every post-mortem, sorted by file.
    public var postmortems: [Postmortem]
    /// Every SOP, sorted by file.
    public var sops: [SOP]
    /// Problems found while reading (before validation rules run).
    public var readDiagnostics: [Diagnostic]

    /// How many files were read (config included when present).
    public var fileCount: Int

    /// Temporary files an interrupted `debrief sync` left in the document folders, relative to
    /// the root (see `SyncTemporaryFile`).
    public var leftoverTemporaryFiles: [String] = []

    /// The similarity index of `postmortems`, in their order, when the reader of the base made
    /// it already (the build makes it once for validation and pages); else `similarityIndex`
    /// makes it.
    public var similarity: SimilarityIndex?

    /// `similarity`, or a new index of `postmortems`.
    public var similarityIndex: SimilarityIndex {
        similarity ?? SimilarityIndex(postmortems.map(SimilarityDocument.init))
    }

    /// What recurrences are found with: `recurrence_threshold` and `closeDates`, the closing
    /// day of each action by key that the caller knows (from the repository's history).
    public func recurrenceSettings(closeDates: [String: CalendarDate] = [:]) -> RecurrenceSettings {
        RecurrenceSettings(threshold: config.recurrenceThreshold, closeDates: closeDates)
    }

    /// Where the files were read from when not from the disk under `root` (a git revision):
    /// rules that look at other files (linked files) ask it.
    public var files: RepositoryFiles?

    /// The SOP with an id.
    public func sop(id: String) -> SOP? { sops.first { $0.id == id } }
}

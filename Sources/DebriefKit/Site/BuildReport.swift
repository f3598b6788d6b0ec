/// What a build did.
public struct BuildReport: Sendable {
    /// False when `check` found errors and the build was refused (nothing was written).
    public var built: Bool
    /// The output folder (or the writer's location).
    public var output: String
    /// Every diagnostic of `check`, plus template problems, sorted for output.
    public var diagnostics: [Diagnostic]
    /// Pages (and other files) written because they are new or changed.
    public var pagesWritten: Int
    /// Pages left as they were because nothing they are made from changed.
    public var pagesUnchanged: Int
    /// Files of an earlier build that this build no longer makes, deleted.
    public var pagesRemoved: Int
    /// Documents read (post-mortems and SOPs).
    public var documentCount: Int
    /// Files checked, `debrief.yml` included (as `check` counts them).
    public var fileCount: Int
    /// Documents parsed in this build; the others came from the cache.
    public var documentsParsed: Int
    /// Wall-clock seconds of each stage that ran, in run order (for `debrief build --timings`
    /// and the benchmark).
    public var timings: [(stage: String, seconds: Double)] = []
    /// Things the person building should know that are not about the documents: a build cache
    /// that was discarded, and why.
    public var notes: [String] = []

    /// Every file the site has now.
    public var pageCount: Int { pagesWritten + pagesUnchanged }

    /// The dashboard page, a path under `output`.
    public var indexPath: String { output + "/index.html" }

    /// The same report with its stage timings and notes.
    func with(timings: [(stage: String, seconds: Double)], notes: [String]) -> BuildReport {
        var copy = self
        copy.timings = timings
        copy.notes = notes
        return copy
    }
}

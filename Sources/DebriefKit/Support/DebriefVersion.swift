/// The version printed by `debrief --version` and written into SARIF reports.
public enum DebriefVersion {
    /// The version string.
    public static let string = "0.1.0"
}

/// Where debrief's own source and documentation live, for the reports that link to them.
public enum DebriefProject {
    /// The project's home: its source repository. A fork that publishes its own documentation
    /// changes this one line.
    public static let homepage = "https://github.com/your-org/debrief"

    /// The page that explains every diagnostic code, each under an anchor of its own (`#db070`).
    public static let diagnosticsPage = homepage + "/blob/main/docs/diagnostics.md"

    /// The GitHub Action in debrief's repository, at the tag of this version
    /// (`your-org/debrief/.github/actions/debrief@v0.1.0`), for the workflow `debrief init`
    /// writes: `OWNER/NAME` comes from `homepage`, so a fork that changes that line gets its own.
    public static var actionReference: String {
        let repository = homepage.replacingOccurrences(of: "https://github.com/", with: "")
        return "\(repository)/.github/actions/debrief@v\(DebriefVersion.string)"
    }
}

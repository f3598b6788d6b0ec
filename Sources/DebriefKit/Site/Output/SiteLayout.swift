/// Fixed paths inside a built site that are debrief's own rather than pages.
public enum SiteLayout {
    /// The marker file that says "debrief built this folder": `build` only ever empties or
    /// overwrites a folder that holds it (or a new or empty one).
    public static let markerFile = ".debrief-site"
    /// The build cache folder.
    public static let cacheFolder = ".debrief-cache"
    /// What the marker file says.
    static let markerText = """
    This folder was built by debrief (debrief build). debrief rewrites and deletes files here
    that it wrote itself, and keeps its build cache in .debrief-cache/. Delete the whole folder
    to start afresh.

    """

    /// What the marker file of a public site (`build --public`) says: a folder built one way
    /// is never built the other, so internal pages and cached bodies never reach a public site.
    static let publicMarkerText = """
    This folder was built by debrief (debrief build --public): the public site, without
    internal documents, blocks or sections. debrief rewrites and deletes files here that it
    wrote itself. Delete the whole folder to start afresh.

    """

    /// Whether a path is the marker or inside the cache (not a page).
    public static func isInternal(_ path: String) -> Bool {
        path == markerFile || path.hasPrefix(cacheFolder + "/")
    }

    /// Whether a path recorded by an earlier build may be deleted: relative, inside the site,
    /// and not one of debrief's own files.
    public static func isRemovable(_ path: String) -> Bool {
        isPlainRelativePath(path) && !isInternal(path)
    }

    /// Whether a path read from the cache is a plain relative path: names separated by single
    /// slashes, none of them empty, `.` or `..`, and no NUL. Only such paths are ever joined to
    /// the output folder or the repository root.
    static func isPlainRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.utf8.contains(0) else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}

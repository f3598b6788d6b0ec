import Foundation

/// The temporary files `AtomicFileWriter` makes, `.NAME.debrief-XXXXXX` beside the file it
/// replaces: recognising them by exact name, finding the ones an interrupted sync left behind,
/// and removing them once they are old.
///
/// A temporary file is renamed over its target or removed when a write ends, so one that is still
/// there after a process ended was left by a crash or a kill. Nothing is removed but regular files
/// whose name has exactly this shape and whose last change is older than `staleAge`: a younger
/// one may belong to a sync running at this moment.
public enum SyncTemporaryFile {
    /// What stands between the target's name and the six random characters.
    static let marker = ".debrief-"

    /// How old a temporary file must be before `sync` removes it: an hour, far longer than any
    /// write takes.
    public static let staleAge: TimeInterval = 3600

    /// The `mkstemp` template for a temporary file beside `name` in `directory`.
    static func template(directory: String, name: String) -> String {
        "\(directory.isEmpty ? "." : directory)/.\(name)\(marker)XXXXXX"
    }

    /// Whether `name` is one `AtomicFileWriter` makes: a dot, the target's name, `.debrief-`, and
    /// six letters or digits (what `mkstemp` puts in place of `XXXXXX`).
    public static func matches(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let marker = Array(Self.marker.utf8)
        guard bytes.count >= 1 + 1 + marker.count + 6, bytes[0] == UInt8(ascii: "."),
              bytes[bytes.count - 6 - marker.count ..< bytes.count - 6].elementsEqual(marker) else { return false }
        return bytes.suffix(6).allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// The temporary files in `folders` (relative to `root`) and every folder below them,
    /// relative to the root and sorted. Links are never followed and hidden folders are skipped,
    /// as the document listing skips them; each folder is looked at once.
    public static func find(root: URL, folders: [String]) -> [String] {
        var found: Set<String> = []
        var seen: Set<String> = []
        var pending = folders.map { $0 == "." ? "" : $0 }
        while let current = pending.popLast() {
            guard seen.insert(current).inserted else { continue }
            let absolute = current.isEmpty ? root.path : root.path + "/" + current
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { continue }
            for name in names {
                let relative = current.isEmpty ? name : current + "/" + name
                switch fileType(root.path + "/" + relative) {
                case S_IFDIR where !name.hasPrefix("."): pending.append(relative)
                case S_IFREG where matches(name): found.insert(relative)
                default: break
                }
            }
        }
        return found.sorted()
    }

    /// Removes those of `files` (found by `find`, relative to `root`) that still have the shape
    /// of a temporary file, are regular files and were last changed more than `age` before
    /// `now`; returns the ones removed.
    public static func removeStale(root: URL, files: [String], olderThan age: TimeInterval = staleAge, now: Date = Date()) -> [String] {
        files.filter { file in
            let path = root.path + "/" + file
            var info = stat()
            return matches((file as NSString).lastPathComponent) && lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
                && now.timeIntervalSince1970 - modified(info) > age && unlink(path) == 0
        }
    }

    private static func modified(_ info: stat) -> TimeInterval {
        #if canImport(Darwin)
        Double(info.st_mtimespec.tv_sec)
        #else
        Double(info.st_mtim.tv_sec)
        #endif
    }

    private static func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }
}

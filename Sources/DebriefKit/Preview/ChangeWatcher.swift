import Foundation

/// Notices edits to the files a site is built from by comparing cheap snapshots: the size and
/// modification time of every file under the post-mortem and SOP folders and `templates/`,
/// and of `debrief.yml`. No file is read except `debrief.yml` when it changed (its folders
/// decide what else to watch), so polling every few hundred milliseconds costs little.
public struct ChangeWatcher: Sendable {
    /// What identifies one version of a file.
    struct Stamp: Hashable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    /// The repository root.
    public let root: URL
    private var configStamp: Stamp?
    private var folders: [String] = []
    private var snapshot: [String: Stamp] = [:]

    /// A watcher of the repo at `root`, with the current state as its baseline.
    public init(root: URL) {
        self.root = root
        _ = poll()
    }

    /// Whether anything was added, removed or changed since the last call.
    public mutating func poll() -> Bool {
        let configPath = root.path + "/" + Config.fileName
        let currentConfig = Self.stamp(configPath)
        if folders.isEmpty || currentConfig != configStamp {
            let config = (try? RepositoryLoader.loadConfig(root: root))?.0 ?? Config()
            folders = [config.postmortems, config.sops, DocumentTemplates.overrideFolder]
            configStamp = currentConfig
        }
        var current: [String: Stamp] = [:]
        if let currentConfig { current[Config.fileName] = currentConfig }
        for folder in Set(folders).sorted() {
            Self.walk(root.path + "/" + folder, relative: folder, into: &current)
        }
        defer { snapshot = current }
        return current != snapshot
    }

    // MARK: - Private

    private static func walk(_ path: String, relative: String, into stamps: inout [String: Stamp]) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let child = path + "/" + name
            let childRelative = relative + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(child, relative: childRelative, into: &stamps)
            } else {
                // A symbolic link is followed for its target's stamp, so editing the target counts.
                stamps[childRelative] = stamp(child) ?? Stamp(info)
            }
        }
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(info)
    }
}

private extension ChangeWatcher.Stamp {
    init(_ info: stat) {
        #if canImport(Darwin)
        self.init(seconds: Int(info.st_mtimespec.tv_sec), nanoseconds: Int(info.st_mtimespec.tv_nsec),
                  size: Int64(info.st_size), inode: UInt64(info.st_ino))
        #else
        self.init(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                  size: Int64(info.st_size), inode: UInt64(info.st_ino))
        #endif
    }
}

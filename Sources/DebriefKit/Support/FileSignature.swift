import Foundation

/// What the file system says about a file without reading it: size, modification and change
/// times (nanoseconds), inode and type. When it is unchanged since the last build, the file's
/// content hash is taken from the cache instead of reading the file (git's index does the same).
struct FileSignature: Sendable, Hashable {
    var size: Int64
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    /// A regular file (not a symbolic link, folder or device).
    var isRegular: Bool

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, isRegular: Bool) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.isRegular = isRegular
    }

    init(_ info: stat) {
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        let changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
        self.init(size: Int64(info.st_size), modified: modified, changed: changed, inode: UInt64(info.st_ino),
                  isRegular: (info.st_mode & S_IFMT) == S_IFREG)
    }
}

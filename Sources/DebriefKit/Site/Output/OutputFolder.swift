import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output folder, reached only through directory descriptors opened without following
/// symbolic links. A site folder can be committed to the repository, so it is as untrusted as
/// the documents: a link in it (`assets -> ~/.ssh`) must never become a path `build` writes,
/// reads or deletes through. Every path is relative to the folder, split into names, and each
/// name is opened with `O_NOFOLLOW` relative to its parent's descriptor; a link, a device or a
/// FIFO anywhere on the way is an error naming it. Files are written to a temporary name and
/// renamed into place, so a reader (or a build killed midway) never sees half a page, and a
/// rename replaces whatever was at the name rather than writing through it.
final class OutputFolder: @unchecked Sendable {
    /// The folder's absolute path, for messages.
    let path: String
    private let lock = NSLock()
    /// Open directory descriptors by relative path ("" is the folder itself).
    private var directories: [String: Int32] = [:]
    private var temporaryCounter = 0

    /// Largest file read back from the folder (the build cache); larger ones are not read.
    static let readLimit = 1 << 31

    /// Prefix and infix of the temporary files a write leaves only when it is killed.
    static let temporaryPrefix = "."
    static let temporaryInfix = ".debrief-tmp-"

    init(path: String) {
        self.path = path
    }

    deinit {
        for descriptor in directories.values { close(descriptor) }
    }

    // MARK: - Directories

    /// The descriptor of the folder at `relative`, opened (and created when `create`) one name
    /// at a time without following links; nil when it does not exist and `create` is false.
    func directory(_ relative: String, create: Bool) throws -> Int32? {
        if let known = lock.withLock({ directories[relative] }) { return known }
        let descriptor: Int32
        if relative.isEmpty {
            if create { try makeTopFolder() }
            let opened = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if opened < 0 {
                if errno == ENOENT, !create { return nil }
                throw FileIOError(path: path, operation: "open the output folder", code: errno)
            }
            descriptor = opened
        } else {
            let (parentPath, name) = Self.split(relative)
            guard let parent = try directory(parentPath, create: create) else { return nil }
            var opened = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if opened < 0, errno == ENOENT, create {
                if mkdirat(parent, name, 0o755) != 0, errno != EEXIST {
                    throw FileIOError(path: path + "/" + relative, operation: "create folder", code: errno)
                }
                opened = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            if opened < 0 {
                let code = errno
                if code == ENOENT, !create { return nil }
                if code == ELOOP || code == ENOTDIR { throw refusal(relative, parent: parent, name: name) }
                throw FileIOError(path: path + "/" + relative, operation: "open folder", code: code)
            }
            descriptor = opened
        }
        return lock.withLock {
            if let raced = directories[relative] {
                close(descriptor)
                return raced
            }
            directories[relative] = descriptor
            return descriptor
        }
    }

    /// Creates the output folder itself (and its parents: it is the user's own path).
    private func makeTopFolder() throws {
        var info = stat()
        if stat(path, &info) == 0 { return }
        try FileIO.makeDirectories(path)
    }

    /// The error for a name that is there but is no folder (a link, a file, a device).
    private func refusal(_ relative: String, parent: Int32, name: String) -> EnvironmentError {
        var info = stat()
        let kind = fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? Self.kindName(info.st_mode) : "not a folder"
        return EnvironmentError("refusing to write through \(path)/\(relative): it is \(kind), and debrief never follows links or writes into other kinds of files in its output folder; delete it (or the whole folder) and build again")
    }

    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        case S_IFREG: return "a file"
        default: return "not a file or folder"
        }
    }

    /// `("a/b", "c")` for `"a/b/c"`, `("", "c")` for `"c"`.
    static func split(_ relative: String) -> (parent: String, name: String) {
        guard let slash = relative.lastIndex(of: "/") else { return ("", relative) }
        return (String(relative[..<slash]), String(relative[relative.index(after: slash)...]))
    }

    // MARK: - Files

    /// Writes a file through a temporary name and a rename in its own folder.
    func write(_ relative: String, _ bytes: UnsafeRawBufferPointer) throws {
        let (parentPath, name) = Self.split(relative)
        guard let parent = try directory(parentPath, create: true) else { return }
        let temporary = lock.withLock {
            temporaryCounter += 1
            return "\(Self.temporaryPrefix)\(name)\(Self.temporaryInfix)\(getpid())-\(temporaryCounter)"
        }
        let descriptor = openat(parent, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileIOError(path: path + "/" + relative, operation: "create", code: errno) }
        do {
            defer { close(descriptor) }
            try Self.writeAll(descriptor, bytes, path: path + "/" + relative)
        } catch {
            unlinkat(parent, temporary, 0)
            throw error
        }
        if renameat(parent, temporary, parent, name) != 0 {
            let code = errno
            unlinkat(parent, temporary, 0)
            if code == EISDIR || code == ENOTEMPTY || code == EEXIST { throw refusal(relative, parent: parent, name: name) }
            throw FileIOError(path: path + "/" + relative, operation: "write", code: code)
        }
    }

    /// Appends to a regular file (creating it), returning the offset the bytes start at: the
    /// file's real end, whatever an earlier build recorded.
    func append(_ relative: String, _ bytes: [UInt8]) throws -> Int {
        let (parentPath, name) = Self.split(relative)
        guard let parent = try directory(parentPath, create: true) else { return 0 }
        let descriptor = openat(parent, name, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == ELOOP || errno == ENXIO { throw refusal(relative, parent: parent, name: name) }
            throw FileIOError(path: path + "/" + relative, operation: "open", code: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw refusal(relative, parent: parent, name: name)
        }
        let offset = Int(lseek(descriptor, 0, SEEK_END))
        try bytes.withUnsafeBytes { try Self.writeAll(descriptor, $0, path: path + "/" + relative) }
        return offset
    }

    /// Renames a file within the folder (no link followed on either side).
    func rename(_ from: String, to: String) throws {
        let (fromParentPath, fromName) = Self.split(from)
        let (toParentPath, toName) = Self.split(to)
        guard let fromParent = try directory(fromParentPath, create: false),
              let toParent = try directory(toParentPath, create: true) else {
            throw FileIOError(path: path + "/" + from, operation: "rename", code: ENOENT)
        }
        if renameat(fromParent, fromName, toParent, toName) != 0 {
            throw FileIOError(path: path + "/" + to, operation: "rename", code: errno)
        }
    }

    /// Opens a regular file for reading, or nil when it is missing or anything else.
    private func openRegular(_ relative: String) -> (descriptor: Int32, size: Int)? {
        let (parentPath, name) = Self.split(relative)
        guard let parent = try? directory(parentPath, create: false) else { return nil }
        let descriptor = openat(parent, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= Self.readLimit else {
            close(descriptor)
            return nil
        }
        return (descriptor, Int(info.st_size))
    }

    /// The bytes of a regular file, or nil when it is missing, anything but a regular file, or
    /// larger than `readLimit`.
    func read(_ relative: String) -> [UInt8]? {
        guard let (descriptor, size) = openRegular(relative) else { return nil }
        defer { close(descriptor) }
        return Self.read(descriptor, offset: 0, length: size, exact: false)
    }

    /// `length` bytes from `offset` of a regular file, or nil when they are not all there.
    func read(_ relative: String, offset: Int, length: Int) -> [UInt8]? {
        guard offset >= 0, length >= 0, let (descriptor, size) = openRegular(relative) else { return nil }
        defer { close(descriptor) }
        guard length <= size - offset else { return nil }
        return Self.read(descriptor, offset: offset, length: length, exact: true)
    }

    /// The size of the regular file at `relative`, or nil when there is none.
    func size(_ relative: String) -> Int? {
        let (parentPath, name) = Self.split(relative)
        guard let parent = try? directory(parentPath, create: false) else { return nil }
        var info = stat()
        guard fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Whether a regular file is at `relative`.
    func exists(_ relative: String) -> Bool {
        let (parentPath, name) = Self.split(relative)
        guard let parent = try? directory(parentPath, create: false) else { return false }
        var info = stat()
        return fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Removes the name itself (a link is removed, never followed), then the folders above it
    /// that are left empty. A missing file is not an error.
    func remove(_ relative: String) throws {
        let (parentPath, name) = Self.split(relative)
        guard let parent = try directory(parentPath, create: false) else { return }
        if unlinkat(parent, name, 0) != 0 {
            // A folder where the last build had a file is not removed: it is not what was recorded.
            guard errno == ENOENT || errno == EISDIR || errno == EPERM else {
                throw FileIOError(path: path + "/" + relative, operation: "remove", code: errno)
            }
            return
        }
        var folder = parentPath
        while !folder.isEmpty {
            let (above, folderName) = Self.split(folder)
            guard let aboveDescriptor = try? directory(above, create: false) else { break }
            // Refused while the folder holds anything, which is what should happen.
            if unlinkat(aboveDescriptor, folderName, AT_REMOVEDIR) != 0 { break }
            lock.withLock {
                if let descriptor = directories.removeValue(forKey: folder) { close(descriptor) }
            }
            folder = above
        }
    }

    // MARK: - Inspecting

    /// The names at the top of the folder (without temporary files), or nil when it is missing.
    func topNames() throws -> [String]? {
        guard let top = try directory("", create: false) else { return nil }
        return try Self.entries(of: top, path: path).map(\.0).filter { !Self.isTemporary($0) }
    }

    /// Every path under the folder that is neither a regular file nor a folder (links, FIFOs,
    /// devices, sockets), found by walking it without following links. Temporary files of a
    /// killed build are removed on the way.
    func foreignEntries() throws -> [(path: String, kind: String)] {
        guard let top = try directory("", create: false) else { return [] }
        var foreign: [(path: String, kind: String)] = []
        var pending: [(relative: String, descriptor: Int32)] = [("", top)]
        while let (relative, descriptor) = pending.popLast() {
            for (name, mode) in try Self.entries(of: descriptor, path: path + "/" + relative) {
                let child = relative.isEmpty ? name : relative + "/" + name
                switch mode & S_IFMT {
                case S_IFDIR:
                    if let opened = try? directory(child, create: false) { pending.append((child, opened)) }
                case S_IFREG:
                    if Self.isTemporary(name) { unlinkat(descriptor, name, 0) }
                default:
                    foreign.append((child, Self.kindName(mode)))
                }
            }
        }
        return foreign.sorted { $0.path < $1.path }
    }

    /// Whether a name is one of the temporary files `write` makes.
    static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(temporaryPrefix) && name.contains(temporaryInfix)
    }

    /// The names in a folder with their `lstat` type bits.
    private static func entries(of descriptor: Int32, path: String) throws -> [(String, mode_t)] {
        let duplicate = dup(descriptor)
        guard duplicate >= 0, let stream = fdopendir(duplicate) else {
            throw FileIOError(path: path, operation: "list", code: errno)
        }
        defer { closedir(stream) }
        // The duplicate shares its position with the cached descriptor: start from the top.
        rewinddir(stream)
        var result: [(String, mode_t)] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            result.append((name, info.st_mode))
        }
        return result
    }

    // MARK: - Bytes

    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let count = posixWrite(descriptor, base + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: path, operation: "write", code: errno)
            }
            written += count
        }
    }

    private static func read(_ descriptor: Int32, offset: Int, length: Int, exact: Bool) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: length)
        var total = 0
        while total < length {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + total, length - total, off_t(offset + total))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            total += count
        }
        if total < length {
            guard !exact else { return nil }
            bytes.removeSubrange(total...)
        }
        return bytes
    }
}

/// `write(2)`, named apart from the methods called `write` above.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

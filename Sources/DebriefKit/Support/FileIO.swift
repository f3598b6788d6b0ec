import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain POSIX file access: faster than Foundation for many small files, and it never fsyncs
/// (Foundation's `Data.write(to:)` does, which costs 40-50% of a site build).
public enum FileIO {
    /// The bytes of a file, or nil when it cannot be read. For files the debrief binary owns
    /// (`/proc`, the site it built); repo content goes through `RepositoryFiles` instead.
    public static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(0, Int(info.st_size)))
        var total = 0
        while true {
            if total == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress.map { $0 + total }, buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            total += count
        }
        bytes.removeSubrange(total...)
        return bytes
    }

    /// What reading a file with `readRegularFile` gave.
    public enum BoundedRead: Sendable, Equatable {
        /// The whole file, no longer than the limit.
        case bytes([UInt8])
        /// The file is larger than the limit: its size when `fstat` told, else the bytes seen
        /// before reading stopped (one past the limit).
        case tooLarge(size: Int64)
        /// Not a regular file (a folder, FIFO, device, socket, or a symbolic link when links
        /// are not followed).
        case notRegular(FileKind)
        /// Nothing at the path.
        case missing
        /// The system refused (permissions, I/O error): `errno`.
        case failed(Int32)
    }

    /// The type of a file system entry, as `lstat` reports it.
    public enum FileKind: String, Sendable, Equatable {
        case regular = "a regular file"
        case directory = "a folder"
        case fifo = "a named pipe (FIFO)"
        case characterDevice = "a character device"
        case blockDevice = "a block device"
        case socket = "a socket"
        case symbolicLink = "a symbolic link"
        case other = "a special file"

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .directory
            case S_IFIFO: self = .fifo
            case S_IFCHR: self = .characterDevice
            case S_IFBLK: self = .blockDevice
            case S_IFSOCK: self = .socket
            case S_IFLNK: self = .symbolicLink
            default: self = .other
            }
        }
    }

    /// Reads a regular file of at most `limit` bytes without ever blocking or allocating more
    /// than `limit + 1` bytes. A FIFO, device or socket is refused before it is opened (opening
    /// a FIFO blocks, and a device such as `/dev/zero` never ends); the last component is not
    /// followed when it is a symbolic link. The size is checked on `fstat` and again while
    /// reading, since a file can grow and some report a size of 0.
    public static func readRegularFile(_ path: String, limit: Int) -> BoundedRead {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .failed(errno) }
        let kind = FileKind(mode: info.st_mode)
        guard kind == .regular else { return .notRegular(kind) }
        if Int64(info.st_size) > Int64(limit) { return .tooLarge(size: Int64(info.st_size)) }

        // O_NONBLOCK and O_NOFOLLOW guard the moment between lstat and open, when the entry
        // could be swapped for a FIFO or a link.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ELOOP { return .notRegular(.symbolicLink) }
            return errno == ENOENT ? .missing : .failed(errno)
        }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { return .failed(errno) }
        let openedKind = FileKind(mode: info.st_mode)
        guard openedKind == .regular else { return .notRegular(openedKind) }
        let size = Int64(info.st_size)
        if size > Int64(limit) { return .tooLarge(size: size) }

        let ceiling = max(0, limit) + 1
        var bytes = [UInt8](repeating: 0, count: min(ceiling, Int(size) + 1))
        var total = 0
        while true {
            if total == bytes.count {
                guard bytes.count < ceiling else { break }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: min(ceiling - bytes.count, max(4096, bytes.count))))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress.map { $0 + total }, buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            if count == 0 { break }
            total += count
        }
        if total > limit { return .tooLarge(size: max(size, Int64(total))) }
        bytes.removeSubrange(total...)
        return .bytes(bytes)
    }

    /// What `lstat` (or `stat`, following links) says about a path: its kind and its device
    /// and inode, or nil when nothing is there.
    static func identity(_ path: String, followingLinks: Bool) -> (kind: FileKind, device: UInt64, inode: UInt64)? {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return nil }
        return (FileKind(mode: info.st_mode), UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Writes bytes to a path, creating or truncating it, without fsync. A symbolic link at
    /// `path` is refused, never written through.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, mode: mode_t = 0o644) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw FileIOError(path: path, operation: "create", code: errno) }
        defer { close(fd) }
        try writeAll(fd: fd, bytes: bytes, path: path)
    }

    static func writeAll(fd: Int32, bytes: some Collection<UInt8>, path: String) throws {
        let array = Array(bytes)
        var written = 0
        while written < array.count {
            let count = array.withUnsafeBytes { systemWrite(fd, $0.baseAddress.map { $0 + written }, array.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: path, operation: "write", code: errno)
            }
            written += count
        }
    }

    /// Whether a path exists and is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether a path exists (as anything).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Creates a directory and its parents.
    public static func makeDirectories(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FileIOError(path: path, operation: "create directory", code: EACCES)
        }
    }
}

// `FileIO.read` and `FileIO.write` hide the C functions of the same name inside the enum, and
// the module that holds them differs by platform; these name them once.
#if canImport(Glibc)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Glibc.write(fd, buffer, count) }
#elseif canImport(Darwin)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Darwin.write(fd, buffer, count) }
#endif

/// A file operation that failed, with the system's reason.
public struct FileIOError: Error, CustomStringConvertible {
    /// The path involved.
    public var path: String
    /// What was being done.
    public var operation: String
    /// `errno`.
    public var code: Int32

    /// The system's reason, e.g. `Permission denied`.
    public var reason: String { String(cString: strerror(code)) }

    /// One line for a person.
    public var description: String {
        "cannot \(operation) \(path): \(reason)"
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so that a reader (or a crash) sees either the old content or the new, never a
/// mix: the bytes go to a temporary file in the same folder, are flushed to disk, take the old
/// file's permission bits, and are renamed over it. A kill leaves the temporary file behind;
/// `SyncTemporaryFile` finds and removes those.
///
/// A symbolic link is followed: its target is replaced and the link stays. A file that is
/// read-only (no write permission for anyone, or none for this user) is refused with `EACCES`.
public struct AtomicFileWriter: Sendable {
    /// The steps of one write, in order, for `willPerform`.
    public enum Step: Sendable, Hashable {
        /// Creating the temporary file.
        case createTemporary
        /// Writing the chunk that starts at `offset`.
        case write(offset: Int)
        /// Flushing the temporary file to disk.
        case synchronize
        /// Renaming it over the target.
        case rename
    }

    /// How many bytes go to the disk per write call.
    public var chunkSize: Int
    /// Called before each step; throwing stops the write there (the temporary file is removed,
    /// the target keeps its old content). Tests use it to interrupt a write on purpose.
    public var willPerform: @Sendable (Step) throws -> Void

    /// Creates a writer.
    public init(chunkSize: Int = 1 << 16, willPerform: @escaping @Sendable (Step) throws -> Void = { _ in }) {
        self.chunkSize = max(1, chunkSize)
        self.willPerform = willPerform
    }

    /// Replaces the file at `path` (absolute) with `bytes`.
    public func write(_ bytes: [UInt8], to path: String) throws {
        let target = Self.resolvingLinks(path)
        var info = stat()
        let exists = stat(target, &info) == 0
        let mode: mode_t = exists ? info.st_mode & 0o7777 : 0o644
        // The rename would replace a read-only file as easily as any other (and root may write
        // anything), so honour the mode here: nobody may write it, or this user may not.
        if exists, mode & 0o222 == 0 || access(target, W_OK) != 0 {
            throw FileIOError(path: target, operation: "write", code: EACCES)
        }
        let directory = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent

        try willPerform(.createTemporary)
        var template = Array(SyncTemporaryFile.template(directory: directory, name: name).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard fd >= 0 else { throw FileIOError(path: target, operation: "create a temporary file beside", code: errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var isOpen = true
        var renamed = false
        defer {
            if isOpen { close(fd) }
            if !renamed { unlink(temporary) }
        }

        var offset = 0
        while offset < bytes.count {
            try willPerform(.write(offset: offset))
            let chunkEnd = min(bytes.count, offset + chunkSize)
            try FileIO.writeAll(fd: fd, bytes: bytes[offset..<chunkEnd], path: temporary)
            offset = chunkEnd
        }
        guard fchmod(fd, mode) == 0 else { throw FileIOError(path: temporary, operation: "set the mode of", code: errno) }
        try willPerform(.synchronize)
        guard fsync(fd) == 0 else { throw FileIOError(path: temporary, operation: "flush", code: errno) }
        isOpen = false
        guard close(fd) == 0 else { throw FileIOError(path: temporary, operation: "close", code: errno) }
        try willPerform(.rename)
        guard rename(temporary, target) == 0 else { throw FileIOError(path: target, operation: "replace", code: errno) }
        renamed = true
        Self.synchronizeDirectory(directory)
    }
}

private extension AtomicFileWriter {
    /// The file a path ends at, following symbolic links; the path itself when it is not a link.
    static func resolvingLinks(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Makes the rename durable; a failure here loses nothing already visible, so it is ignored.
    static func synchronizeDirectory(_ directory: String) {
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

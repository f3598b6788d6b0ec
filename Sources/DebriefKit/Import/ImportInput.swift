import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a document to import. The file may come from anywhere, so it is read as untrusted
/// repo content is: only a regular file (a link is followed to one), never more than the
/// repository's `max_file_size`, never blocking on a FIFO or a device, strictly UTF-8. A byte
/// order mark is dropped; CRLF and lone CR line ends are read as line ends.
public enum ImportInput {
    /// The text of the file at `path` (absolute or relative to the working folder), or why it
    /// was not read.
    public static func read(_ path: String, limit: Int) -> Result<String, ImportNote> {
        let target = FileIO.realPath(path) ?? path
        switch FileIO.readRegularFile(target, limit: limit) {
        case .bytes(let bytes):
            switch SourceText.decode(path: path, bytes: bytes) {
            case .success(let source): return .success(source.text)
            case .failure(.empty): return .failure(ImportNote(.error, line: nil, "the file is empty; nothing to import"))
            case .failure(.invalidUTF8(let line, let column)):
                return .failure(ImportNote(.error, line: line, "not UTF-8 (byte column \(column)); save it as UTF-8 and import it again"))
            }
        case .tooLarge(let size):
            return .failure(ImportNote(.error, line: nil, "the file is \(RepositoryFiles.describe(size: size)), larger than the \(RepositoryFiles.describe(size: Int64(limit))) limit ('max_file_size' in debrief.yml)"))
        case .notRegular(let kind):
            return .failure(ImportNote(.error, line: nil, "\(kind.rawValue) is not a regular file; nothing was read"))
        case .missing:
            return .failure(ImportNote(.error, line: nil, "no such file"))
        case .failed(let code):
            return .failure(ImportNote(.error, line: nil, "cannot read it: \(String(cString: strerror(code)))"))
        }
    }
}

/// Creates a file that must not exist yet, atomically: the bytes go to a temporary file beside
/// it (named as `AtomicFileWriter`'s, so `check` and `sync` know a leftover one), are flushed,
/// and are then hard-linked to the name, which fails when anything is there, so an existing
/// file is never replaced and a reader never sees half a file. Where the file system has no
/// hard links, the file is created exclusively (`O_EXCL`) instead.
public enum ExclusiveFileWriter {
    /// Why a file was not created.
    public enum Failure: Error, Equatable, Sendable {
        /// Something is at the path already.
        case exists
        /// The system refused: its reason.
        case failed(String)
    }

    /// Creates `path` (absolute) with `bytes`, making its folders.
    public static func create(_ path: String, bytes: [UInt8]) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        do {
            try FileIO.makeDirectories(folder)
        } catch {
            throw .failed("its folder \(folder) cannot be created")
        }
        if FileIO.exists(path) { throw .exists }
        var template = Array(SyncTemporaryFile.template(directory: folder, name: name).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw .failed(String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(temporary) }
        do {
            try FileIO.writeAll(fd: fd, bytes: bytes, path: temporary)
        } catch {
            close(fd)
            throw .failed(String(describing: error))
        }
        let synced = fchmod(fd, 0o644) == 0 && fsync(fd) == 0
        let closed = close(fd) == 0
        guard synced, closed else { throw .failed(String(cString: strerror(errno))) }
        guard link(temporary, path) == 0 else {
            let code = errno
            if code == EEXIST { throw .exists }
            // A file system without hard links: create the file exclusively and write it, which
            // still never replaces one, though a crash could leave it short.
            guard [EPERM, ENOTSUP, EOPNOTSUPP, ENOSYS, EMLINK].contains(code) else { throw .failed(String(cString: strerror(code))) }
            try createExclusively(path, bytes: bytes)
            return
        }
    }

    private static func createExclusively(_ path: String, bytes: [UInt8]) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw errno == EEXIST ? .exists : .failed(String(cString: strerror(errno))) }
        defer { close(fd) }
        do {
            try FileIO.writeAll(fd: fd, bytes: bytes, path: path)
        } catch {
            throw .failed(String(describing: error))
        }
        guard fsync(fd) == 0 else { throw .failed(String(cString: strerror(errno))) }
    }
}

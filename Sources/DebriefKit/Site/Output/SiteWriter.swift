import Foundation

/// What an output folder held before a build.
public enum OutputState: Sendable, Equatable {
    /// Nothing there yet.
    case missing
    /// An empty folder.
    case empty
    /// A folder debrief built before (it holds the marker file).
    case built
    /// A folder with other content: debrief refuses to touch it.
    case foreign
}

/// Where a built site goes. `build` writes every page through one of these, so tests can keep
/// the site in memory and the command line can put it on disk. Paths are relative to the
/// site's root, `/`-separated, and never contain `.` or `..` names. `write`, `append` and `read`
/// are called from many threads at once.
public protocol SiteWriter: Sendable {
    /// Where the site goes, for messages (a folder path).
    var location: String { get }
    /// What the output held before the build. Throws when the output cannot be used at all
    /// (it is a file, or it holds links or other kinds of files debrief must not write through).
    func inspect() throws -> OutputState
    /// The bytes of a file written by an earlier build, or nil.
    func read(_ path: String) -> [UInt8]?
    /// `length` bytes of a file from `offset`, or nil when they are not all there.
    func read(_ path: String, offset: Int, length: Int) -> [UInt8]?
    /// Whether a file exists.
    func exists(_ path: String) -> Bool
    /// The size of a file in bytes, or nil when there is no such file.
    func size(_ path: String) -> Int?
    /// Creates or replaces a file, whole: a reader sees the old file or the new one.
    func write(_ page: SitePage) throws
    /// Adds bytes to the end of a file, creating it when missing, and returns the offset they
    /// start at.
    func append(_ bytes: [UInt8], to path: String) throws -> Int
    /// Moves a file to another path, replacing what is there.
    func rename(_ path: String, to destination: String) throws
    /// Deletes a file (and folders it leaves empty); missing files are not an error.
    func remove(_ path: String) throws
}

// MARK: - Disk

/// Writes the site into a folder, never through a symbolic link (see `OutputFolder`), without
/// fsync (a site can be rebuilt).
public final class DiskSiteWriter: SiteWriter, @unchecked Sendable {
    /// The folder, absolute.
    public let folder: String
    private let output: OutputFolder

    /// Creates a writer for `folder`.
    public init(folder: URL) {
        self.folder = folder.standardizedFileURL.path
        self.output = OutputFolder(path: self.folder)
    }

    public var location: String { folder }

    public func inspect() throws -> OutputState {
        guard FileIO.exists(folder) else { return .missing }
        guard FileIO.isDirectory(folder) else {
            throw EnvironmentError("the output \(folder) exists and is not a folder")
        }
        guard let names = try output.topNames() else { return .missing }
        if names.isEmpty { return .empty }
        guard names.contains(SiteLayout.markerFile) else { return .foreign }
        let foreign = try output.foreignEntries()
        if let first = foreign.first {
            let more = foreign.count > 1 ? " (and \(foreign.count - 1) more)" : ""
            throw EnvironmentError("refusing to build into \(folder): \(first.path) is \(first.kind)\(more); a site folder holds only files and folders debrief wrote, and debrief never writes through links. Delete \(first.path), or the whole folder, and build again")
        }
        return .built
    }

    public func read(_ path: String) -> [UInt8]? {
        output.read(path)
    }

    public func read(_ path: String, offset: Int, length: Int) -> [UInt8]? {
        output.read(path, offset: offset, length: length)
    }

    public func exists(_ path: String) -> Bool {
        output.exists(path)
    }

    public func size(_ path: String) -> Int? {
        output.size(path)
    }

    public func write(_ page: SitePage) throws {
        try page.withBytes { try output.write(page.path, $0) }
    }

    public func append(_ bytes: [UInt8], to path: String) throws -> Int {
        try output.append(path, bytes)
    }

    public func rename(_ path: String, to destination: String) throws {
        try output.rename(path, to: destination)
    }

    public func remove(_ path: String) throws {
        try output.remove(path)
    }
}

// MARK: - Memory

/// Keeps the site in memory: for tests, and for anything that wants pages without a disk.
public final class MemorySiteWriter: SiteWriter, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: [UInt8]]

    /// Creates an empty site, or one holding `files` from an earlier build.
    public init(files: [String: [UInt8]] = [:]) {
        storage = files
    }

    public var location: String { "memory" }

    /// Every file, by path.
    public var files: [String: [UInt8]] { lock.withLock { storage } }

    /// The pages of the site: every file except debrief's marker and cache.
    public var pages: [String: [UInt8]] {
        files.filter { !SiteLayout.isInternal($0.key) }
    }

    /// A file as text.
    public func text(_ path: String) -> String? {
        lock.withLock { storage[path].map { String(decoding: $0, as: UTF8.self) } }
    }

    public func inspect() throws -> OutputState {
        lock.withLock {
            if storage.isEmpty { return .empty }
            return storage[SiteLayout.markerFile] != nil ? .built : .foreign
        }
    }

    public func read(_ path: String) -> [UInt8]? { lock.withLock { storage[path] } }

    public func read(_ path: String, offset: Int, length: Int) -> [UInt8]? {
        lock.withLock {
            guard let bytes = storage[path], offset >= 0, length >= 0, offset + length <= bytes.count else { return nil }
            return Array(bytes[offset..<offset + length])
        }
    }

    public func exists(_ path: String) -> Bool { lock.withLock { storage[path] != nil } }

    public func size(_ path: String) -> Int? { lock.withLock { storage[path]?.count } }

    public func write(_ page: SitePage) throws {
        lock.withLock { storage[page.path] = page.bytes }
    }

    public func append(_ bytes: [UInt8], to path: String) throws -> Int {
        lock.withLock {
            let offset = storage[path]?.count ?? 0
            storage[path, default: []].append(contentsOf: bytes)
            return offset
        }
    }

    public func rename(_ path: String, to destination: String) throws {
        lock.withLock {
            if let bytes = storage.removeValue(forKey: path) { storage[destination] = bytes }
        }
    }

    public func remove(_ path: String) throws {
        _ = lock.withLock { storage.removeValue(forKey: path) }
    }
}

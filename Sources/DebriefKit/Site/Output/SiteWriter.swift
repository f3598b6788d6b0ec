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
/// the site in memory and the command line can put it on disk. `write`, `append` and `read`
/// are called from many threads at once.
public protocol SiteWriter: Sendable {
    /// Where the site goes, for messages (a folder path).
    var location: String { get }
    /// What the output held before the build.
    func inspect() throws -> OutputState
    /// The bytes of a file written by an earlier build, or nil.
    func read(_ path: String) -> [UInt8]?
    /// `length` bytes of a file from `offset`, or nil when they are not all there.
    func read(_ path: String, offset: Int, length: Int) -> [UInt8]?
    /// Whether a file exists.
    func exists(_ path: String) -> Bool
    /// Creates or replaces a file.
    func write(_ page: SitePage) throws
    /// Adds bytes to the end of a file, creating it when missing.
    func append(_ bytes: [UInt8], to path: String) throws
    /// Deletes a file (and folders it leaves empty); missing files are not an error.
    func remove(_ path: String) throws
}

extension SiteWriter {
    /// Reads the whole file and slices it.
    public func read(_ path: String, offset: Int, length: Int) -> [UInt8]? {
        guard let bytes = read(path), offset >= 0, length >= 0, offset + length <= bytes.count else { return nil }
        return Array(bytes[offset..<offset + length])
    }
}

// MARK: - Disk

/// Writes the site into a folder with plain POSIX calls (no fsync: a site can be rebuilt).
public final class DiskSiteWriter: SiteWriter, @unchecked Sendable {
    /// The folder, absolute.
    public let folder: String
    private let lock = NSLock()
    private var madeDirectories: Set<String> = []

    /// Creates a writer for `folder`.
    public init(folder: URL) {
        self.folder = folder.standardizedFileURL.path
    }

    public var location: String { folder }

    public func inspect() throws -> OutputState {
        guard FileIO.exists(folder) else { return .missing }
        guard FileIO.isDirectory(folder) else {
            throw EnvironmentError("the output \(folder) exists and is not a folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw EnvironmentError("cannot list the output folder \(folder)")
        }
        if names.isEmpty { return .empty }
        return names.contains(SiteLayout.markerFile) ? .built : .foreign
    }

    public func read(_ path: String) -> [UInt8]? {
        FileIO.read(folder + "/" + path)
    }

    public func read(_ path: String, offset: Int, length: Int) -> [UInt8]? {
        FileIO.read(folder + "/" + path, offset: offset, length: length)
    }

    public func exists(_ path: String) -> Bool {
        FileIO.exists(folder + "/" + path)
    }

    public func write(_ page: SitePage) throws {
        let target = folder + "/" + page.path
        try makeParent(of: page.path)
        try page.withBytes { try FileIO.write(buffer: $0, to: target) }
    }

    public func append(_ bytes: [UInt8], to path: String) throws {
        try makeParent(of: path)
        try FileIO.append(bytes, to: folder + "/" + path)
    }

    public func remove(_ path: String) throws {
        let target = folder + "/" + path
        if unlink(target) != 0, errno != ENOENT {
            throw FileIOError(path: target, operation: "remove", code: errno)
        }
        // Folders the build made and no longer needs; rmdir refuses a folder that is not empty.
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty {
            if rmdir(folder + "/" + parent) != 0 { break }
            lock.withLock { _ = madeDirectories.remove(parent) }
            parent = (parent as NSString).deletingLastPathComponent
        }
    }

    private func makeParent(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        let known = lock.withLock { madeDirectories.contains(parent) }
        if known { return }
        try FileIO.makeDirectories(parent.isEmpty ? folder : folder + "/" + parent)
        lock.withLock { _ = madeDirectories.insert(parent) }
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

    public func write(_ page: SitePage) throws {
        lock.withLock { storage[page.path] = page.bytes }
    }

    public func append(_ bytes: [UInt8], to path: String) throws {
        lock.withLock { storage[path, default: []].append(contentsOf: bytes) }
    }

    public func remove(_ path: String) throws {
        _ = lock.withLock { storage.removeValue(forKey: path) }
    }
}

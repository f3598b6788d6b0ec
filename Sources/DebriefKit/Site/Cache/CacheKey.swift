import Crypto
import Foundation

/// The secret that authenticates the build cache. The cache sits in the output folder, which a
/// repository's author can commit; a checksum anyone can compute would let them forge records
/// (a page with script in it, or a document `check` rejects published from an old record). So
/// every cache file is sealed with HMAC-SHA256 under a key that lives outside the repository, in
/// the user's cache folder, readable by the user alone. A cache sealed with another key (someone
/// else's, or another machine's) does not open and is rebuilt.
///
/// The key file: `$DEBRIEF_CACHE_KEY_FILE`, else `$XDG_CACHE_HOME/debrief/cache-key`, else
/// `~/.cache/debrief/cache-key`; made on first use with 32 random bytes, mode 0600. When it
/// cannot be read or made safely, the build uses a key of its own that dies with it: nothing
/// cached is reused, and the report says why.
public struct CacheKey: Sendable {
    /// The key's bytes (kept as bytes: `SymmetricKey` is not `Sendable`).
    private let bytes: [UInt8]

    /// A key from bytes (tests use fixed ones).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A key no other process has.
    static func ephemeral() -> CacheKey {
        CacheKey(bytes: Array(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }))
    }

    /// The user's key, made when missing; or an ephemeral key and the reason.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> (key: CacheKey, problem: String?) {
        guard let path = location(environment) else {
            return (ephemeral(), "no home folder to keep the cache key in")
        }
        do {
            return (try readOrCreate(path), nil)
        } catch {
            return (ephemeral(), "\(error)")
        }
    }

    static func location(_ environment: [String: String]) -> String? {
        if let file = environment["DEBRIEF_CACHE_KEY_FILE"], !file.isEmpty { return file }
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/debrief/cache-key" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/debrief/cache-key" }
        return nil
    }

    private struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    private static func readOrCreate(_ path: String) throws -> CacheKey {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == bytes.count else {
                unlink(path)
                throw Refused(description: "cannot write the cache key \(path)")
            }
            return CacheKey(bytes: bytes)
        }
        descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Refused(description: "cannot read the cache key \(path)") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == getuid(),
              info.st_mode & 0o077 == 0, info.st_size >= 32, info.st_size <= 1024 else {
            throw Refused(description: "the cache key \(path) is not a file of 32 to 1024 bytes that only you can read")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count == bytes.count else { throw Refused(description: "cannot read the cache key \(path)") }
        return CacheKey(bytes: bytes)
    }

    // MARK: - Sealing

    /// The 32-byte HMAC-SHA256 of `bytes`.
    func seal(_ bytes: some DataProtocol) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: self.bytes)))
    }

    /// A seal made piece by piece, for a file written as it is made: after `update` with each
    /// piece in order, `finalize` is `seal` of the pieces joined.
    struct Sealer {
        private var hmac: HMAC<SHA256>

        fileprivate init(key: [UInt8]) {
            hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        }

        mutating func update(_ bytes: [UInt8]) {
            hmac.update(data: bytes)
        }

        func finalize() -> [UInt8] {
            Array(hmac.finalize())
        }
    }

    /// A sealer under this key.
    func sealer() -> Sealer {
        Sealer(key: bytes)
    }
}

/// A content digest that an author cannot collide on purpose: the first 8 bytes of SHA-256.
/// The cache decides by these whether a document's bytes or a stored body are the ones a record
/// was made from, so a weaker hash would let a crafted file reuse another file's record.
enum ContentDigest {
    static func of(_ bytes: some DataProtocol) -> UInt64 {
        let digest = SHA256.hash(data: bytes)
        return digest.withUnsafeBytes { buffer in
            buffer.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
    }

    static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }
}

/// A body rendered in this build, held deflated (zlib's fastest level) from reading until the
/// body store has it or its page is made. At ten thousand post-mortems the bodies are some
/// 80 MB of HTML, held through the similarity index and validation beside every other record;
/// deflated they are under a third of that, and inflating one costs far less than rendering
/// its page.
struct RenderedBody: Sendable {
    /// Bodies this large are kept as they are: zlib takes at most 4 GiB in one call, and a
    /// repository may allow files of up to 1 GiB, whose HTML escaping can make several times
    /// that.
    static let largestDeflated = 1 << 30

    private enum Storage: Sendable {
        case deflated([UInt8])
        case plain([UInt8])
    }

    private let storage: Storage
    /// The length of the HTML in UTF-8 bytes.
    let length: Int
    /// `ContentDigest` of the HTML.
    let digest: UInt64

    init(_ html: String) {
        let bytes = Array(html.utf8)
        length = bytes.count
        digest = ContentDigest.of(bytes)
        storage = bytes.count > Self.largestDeflated ? .plain(bytes) : .deflated(Deflate.compress(bytes, level: 1))
    }

    /// Bytes held in memory.
    var heldCount: Int {
        switch storage {
        case .deflated(let bytes), .plain(let bytes): bytes.count
        }
    }

    /// The HTML's UTF-8 bytes.
    var bytes: [UInt8] {
        switch storage {
        case .plain(let bytes):
            return bytes
        case .deflated(let deflated):
            // Made from these very bytes in this process: anything but the same length is a defect.
            guard let bytes = Deflate.decompress(deflated, length: length) else {
                preconditionFailure("a rendered body did not inflate to its own length")
            }
            return bytes
        }
    }

    /// The HTML.
    var html: String {
        String(decoding: bytes, as: UTF8.self)
    }
}

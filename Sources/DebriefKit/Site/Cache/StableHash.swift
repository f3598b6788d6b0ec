/// A 64-bit hash that is the same in every process and on every machine, for the build cache
/// and the output manifest. (Swift's `Hasher` is seeded per process, so its values cannot be
/// stored.) Not cryptographic: it detects change, it does not resist attack.
struct StableHasher {
    private var state: UInt64
    private var length: UInt64 = 0

    /// Creates a hasher; different seeds give unrelated hashes.
    init(seed: UInt64 = 0) {
        state = seed ^ 0x9E37_79B9_7F4A_7C15
    }

    /// The hash of everything combined so far.
    func finalize() -> UInt64 {
        var h = state ^ length
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    // MARK: - Combining

    /// Adds raw bytes; the byte count is mixed in, so `"ab", "c"` and `"a", "bc"` differ.
    mutating func combine(bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            mix(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        mix(tail)
        mix(UInt64(count))
        length &+= UInt64(count)
    }

    /// Adds a byte array.
    mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }

    /// Adds a string's UTF-8 bytes.
    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Adds an integer.
    mutating func combine(_ value: Int) {
        mix(UInt64(bitPattern: Int64(value)))
    }

    /// Adds an unsigned integer.
    mutating func combine(_ value: UInt64) {
        mix(value)
    }

    /// Adds a flag.
    mutating func combine(_ value: Bool) {
        mix(value ? 0xB0B : 0xFA15E)
    }

    private mutating func mix(_ word: UInt64) {
        var k = word &* 0x87C3_7B91_1142_53D5
        k = (k << 31) | (k >> 33)
        k = k &* 0x4CF5_AD43_2745_937F
        state ^= k
        state = (state << 27) | (state >> 37)
        state = state &* 5 &+ 0x52DC_E729
    }
}

extension StableHasher {
    /// The hash of one byte array.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(bytes)
        return hasher.finalize()
    }

    /// The hash of one string.
    static func hash(_ text: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(text)
        return hasher.finalize()
    }
}

extension UInt64 {
    /// Sixteen lower-case hex digits.
    var hexDigits: String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

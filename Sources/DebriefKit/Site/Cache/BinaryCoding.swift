/// A compact binary encoding for the build cache: unsigned LEB128 integers, zig-zag signed
/// integers, length-prefixed UTF-8 strings. Much faster to read back than JSON, which matters
/// because a rebuild reads the records of every unchanged document.
struct BinaryWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []
    /// Locations in this file are written without their path.
    var currentFile = ""

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func write(_ value: Int) {
        let signed = Int64(value)
        write(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }

    mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func write(_ value: Double) {
        write(value.bitPattern)
    }

    mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { buffer in
            write(UInt64(buffer.count))
            bytes.append(contentsOf: buffer)
        }
    }

    mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    /// A count or length, read back with `BinaryReader.count()`.
    mutating func writeCount(_ count: Int) {
        write(UInt64(count))
    }

    mutating func write(_ values: [String]) {
        writeCount(values.count)
        for value in values { write(value) }
    }

    /// Writes a count, then each element with `body`.
    mutating func write<T>(_ values: [T], _ body: (inout BinaryWriter, T) -> Void) {
        writeCount(values.count)
        for value in values { body(&self, value) }
    }

    /// Writes a presence flag, then the value with `body`.
    mutating func write<T>(optional value: T?, _ body: (inout BinaryWriter, T) -> Void) {
        write(value != nil)
        if let value { body(&self, value) }
    }

    /// Appends raw bytes with no length prefix.
    mutating func append(raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }
}

/// Reads what `BinaryWriter` wrote. Any inconsistency throws, and the cache is then ignored.
struct BinaryReader {
    /// The cache is damaged or from another version.
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private(set) var position: Int
    /// Where reading stops (a sealed file's checksum follows its payload).
    private let end: Int
    /// The path of locations written without one.
    var currentFile = ""

    init(_ bytes: [UInt8], position: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var isAtEnd: Bool { position >= end }

    mutating func uint64() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end, shift < 64 else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let raw = try uint64()
        let value = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        return Int(value)
    }

    /// A count or length, refused when it cannot fit in what is left.
    mutating func count() throws -> Int {
        let value = try uint64()
        guard value <= UInt64(end - position) else { throw Malformed() }
        return Int(value)
    }

    /// Moves past `length` bytes, refused beyond the end.
    mutating func skip(_ length: Int) throws {
        guard length >= 0, length <= end - position else { throw Malformed() }
        position += length
    }

    mutating func bool() throws -> Bool {
        guard position < end else { throw Malformed() }
        let byte = bytes[position]
        position += 1
        guard byte <= 1 else { throw Malformed() }
        return byte == 1
    }

    mutating func double() throws -> Double {
        Double(bitPattern: try uint64())
    }

    mutating func string() throws -> String {
        let length = try count()
        let end = position + length
        let text = String(decoding: bytes[position..<end], as: UTF8.self)
        position = end
        return text
    }

    mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    mutating func strings() throws -> [String] {
        let n = try count()
        var result: [String] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try string()) }
        return result
    }

    /// Reads a count, then that many elements with `body`.
    mutating func array<T>(_ body: (inout BinaryReader) throws -> T) throws -> [T] {
        let n = try count()
        var result: [T] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try body(&self)) }
        return result
    }

    /// Reads a presence flag, then the value with `body`.
    mutating func optional<T>(_ body: (inout BinaryReader) throws -> T) throws -> T? {
        try bool() ? try body(&self) : nil
    }

    /// Raw bytes with no length prefix.
    mutating func raw(count length: Int) throws -> ArraySlice<UInt8> {
        guard length >= 0, length <= end - position else { throw Malformed() }
        defer { position += length }
        return bytes[position..<position + length]
    }
}

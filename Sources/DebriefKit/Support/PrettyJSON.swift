/// Pretty-printed JSON written straight into bytes, byte for byte as `JSONEncoder` writes it
/// with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes` (`JSON.encode`): two spaces of
/// indentation, `"key" : value`, an empty container as its brackets around a blank line.
///
/// `JSONEncoder` builds a tree of boxed values for every element and sorts each object's keys;
/// on an audit of 55,000 actions and 166,000 recurrences that was three quarters of the JSON
/// output's time. The few element types written by the thousand write themselves through this
/// instead (`PrettyJSONWritable`), keys in sorted order by hand. A differential test
/// (`PrettyJSONTests`) requires the bytes of `JSONEncoder` for each of them, on the example
/// repository and on strings of every control character.
struct PrettyJSON {
    /// The JSON written so far.
    private(set) var bytes: [UInt8] = []
    /// How deep the next value is.
    private var depth: Int
    /// Members written so far in each open container, innermost last.
    private var members: [Int] = []

    /// A writer of one value at `depth` (0 for a document, 2 for an element of a top-level
    /// object's array member), starting with that value's indentation.
    init(depth: Int, capacity: Int = 0) {
        self.depth = depth
        bytes.reserveCapacity(capacity)
        indent()
    }

    /// Appends another writer's bytes (a value written at the same depth).
    mutating func append(_ other: PrettyJSON) {
        bytes += other.bytes
    }

    /// Appends raw bytes.
    mutating func append(raw: [UInt8]) {
        bytes += raw
    }

    // MARK: - Containers

    /// `{`; the members follow, each opened with `key`.
    mutating func openObject() {
        bytes.append(UInt8(ascii: "{"))
        members.append(0)
        depth += 1
    }

    /// `}` after the last member.
    mutating func closeObject() {
        close(UInt8(ascii: "}"))
    }

    /// `[`; each element is opened with `element()`.
    mutating func openArray() {
        bytes.append(UInt8(ascii: "["))
        members.append(0)
        depth += 1
    }

    /// `]` after the last element.
    mutating func closeArray() {
        close(UInt8(ascii: "]"))
    }

    /// Starts the next member of the open object: `"name" : `. Names come in sorted order.
    mutating func key(_ name: StaticString) {
        nextMember()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes += $0 }
        bytes += [UInt8(ascii: "\""), UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")]
    }

    /// Starts the next element of the open array.
    mutating func element() {
        nextMember()
    }

    private mutating func nextMember() {
        if members[members.count - 1] > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
        members[members.count - 1] += 1
        indent()
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if members.removeLast() == 0 { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "\n"))
        indent()
        bytes.append(bracket)
    }

    private mutating func indent() {
        for _ in 0..<(2 * depth) { bytes.append(UInt8(ascii: " ")) }
    }

    // MARK: - Values

    /// A string, escaped as `JSONEncoder` escapes it: `"` and `\`, the control characters
    /// (`\b \f \n \r \t` by name, the others as `\u00xx`); `/` and everything else as is.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            var start = 0
            for index in text.indices {
                let byte = text[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes += UnsafeBufferPointer(rebasing: text[start..<index])
                start = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            bytes += UnsafeBufferPointer(rebasing: text[start...])
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string, or `null`.
    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An integer.
    mutating func int(_ value: Int) {
        bytes += Array(String(value).utf8)
    }

    /// An integer, or `null`.
    mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    /// A finite number as `JSONEncoder` writes it: the shortest form that reads back the same,
    /// without a `.0` for a whole number.
    mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes += Array(text.utf8)
    }

    /// `true` or `false`.
    mutating func bool(_ value: Bool) {
        bytes += Array((value ? "true" : "false").utf8)
    }

    /// `null`.
    mutating func null() {
        bytes += Array("null".utf8)
    }

    /// An array of strings.
    mutating func strings(_ values: [String]) {
        openArray()
        for value in values {
            element()
            string(value)
        }
        closeArray()
    }

    /// An array of values that write themselves.
    mutating func array<Element: PrettyJSONWritable>(_ values: [Element]) {
        openArray()
        for value in values {
            element()
            value.write(to: &self)
        }
        closeArray()
    }
}

/// A value that writes itself as `JSONEncoder` would encode it (see `PrettyJSON`).
protocol PrettyJSONWritable: Encodable, Sendable {
    /// Writes the value where `writer` stands.
    func write(to writer: inout PrettyJSON)
}

import Foundation

/// Hand-written JSON for the files the site publishes (`api/postmortems.json`,
/// the search index under `search/`): keys in a fixed order, integral numbers without a fraction, and U+2028
/// and U+2029 escaped so the text is also valid JavaScript. Deterministic byte for byte.
enum JSONText {
    /// A JSON value.
    indirect enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case array([Value])
        /// Keys in the order given.
        case object([(String, Value)])
    }

    /// The value as text; `indent` spaces per level, or one line when nil. With `script`,
    /// `</` is written `<\/` so the text can never close a `<script>` element.
    static func render(_ value: Value, indent: Int? = 2, script: Bool = false) -> String {
        String(decoding: bytes(value, indent: indent, script: script), as: UTF8.self)
    }

    /// The value as UTF-8 bytes, as `render` writes it. The text is made as bytes, not by
    /// appending to a `String`: the API file of a large site is tens of megabytes, and a
    /// string's appends (each checking its storage, each run of text validated again) were
    /// most of a rebuild's time for it.
    static func bytes(_ value: Value, indent: Int? = 2, script: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out, indent: indent, level: 0)
        return script ? escapingScriptEnds(out) : out
    }

    /// `</` as `<\/`. Only a string can hold `<` (no escape writes one), so this changes
    /// nothing but the strings' text, which reads back the same.
    private static func escapingScriptEnds(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.indices.dropLast().contains(where: { bytes[$0] == 0x3C && bytes[$0 + 1] == 0x2F }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for (position, byte) in bytes.enumerated() {
            out.append(byte)
            if byte == 0x3C, position + 1 < bytes.count, bytes[position + 1] == 0x2F { out.append(0x5C) }
        }
        return out
    }

    static func write(_ value: Value, into out: inout [UInt8], indent: Int?, level: Int) {
        switch value {
        case .string(let text): quote(text, into: &out)
        case .number(let number): out += format(number).utf8
        case .bool(let flag): out += flag ? Literal.true : Literal.false
        case .null: out += Literal.null
        case .array(let items):
            if items.isEmpty {
                out += Literal.emptyArray
                return
            }
            out.append(0x5B)
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(0x2C) }
                newline(&out, indent: indent, level: level + 1)
                write(item, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out.append(0x5D)
        case .object(let fields):
            if fields.isEmpty {
                out += Literal.emptyObject
                return
            }
            out.append(0x7B)
            for (position, (key, item)) in fields.enumerated() {
                if position > 0 { out.append(0x2C) }
                newline(&out, indent: indent, level: level + 1)
                quote(key, into: &out)
                out.append(0x3A)
                if indent != nil { out.append(0x20) }
                write(item, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out.append(0x7D)
        }
    }

    private enum Literal {
        static let `true` = Array("true".utf8), `false` = Array("false".utf8), null = Array("null".utf8)
        static let emptyArray = Array("[]".utf8), emptyObject = Array("{}".utf8)
    }

    private static func newline(_ out: inout [UInt8], indent: Int?, level: Int) {
        guard let indent else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * level))
    }

    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 9.0e15 { return String(Int(number)) }
        return String(number)
    }

    /// A JSON string literal. Runs of bytes that need no escape are appended whole.
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var position = 0
            func flush() {
                if runStart < position { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position])) }
            }
            while position < bytes.count {
                let byte = bytes[position]
                // Most bytes need nothing: one comparison each.
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0xE2 {
                    position += 1
                    continue
                }
                let escape: String?
                var length = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00..<0x20:
                    let hex = String(byte, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2 where position + 2 < bytes.count && bytes[position + 1] == 0x80
                    && (bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9):
                    // U+2028 and U+2029 end a line in JavaScript.
                    escape = bytes[position + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                default: escape = nil
                }
                guard let escape else {
                    position += 1
                    continue
                }
                flush()
                out += escape.utf8
                position += length
                runStart = position
            }
            flush()
        }
        out.append(0x22)
    }
}

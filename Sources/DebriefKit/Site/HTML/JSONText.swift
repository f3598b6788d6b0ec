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

    /// The value as text; `indent` spaces per level, or one line when nil.
    /// The value as text; `indent` spaces per level, or one line when nil. With `script`,
    /// `</` is written `<\/` so the text can never close a `<script>` element.
    static func render(_ value: Value, indent: Int? = 2, script: Bool = false) -> String {
        var out = ""
        write(value, into: &out, indent: indent, level: 0)
        return script ? out.replacingOccurrences(of: "</", with: "<\\/") : out
    }

    static func write(_ value: Value, into out: inout String, indent: Int?, level: Int) {
        switch value {
        case .string(let text): quote(text, into: &out)
        case .number(let number): out += format(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += "," }
                newline(&out, indent: indent, level: level + 1)
                write(item, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out += "]"
        case .object(let fields):
            if fields.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (position, (key, item)) in fields.enumerated() {
                if position > 0 { out += "," }
                newline(&out, indent: indent, level: level + 1)
                quote(key, into: &out)
                out += indent == nil ? ":" : ": "
                write(item, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 9.0e15 { return String(Int(number)) }
        return String(number)
    }

    /// A JSON string literal. Runs of bytes that need no escape are appended whole: the API file
    /// of a large site is tens of megabytes of text, and appending it scalar by scalar was a
    /// tenth of a full build.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var position = 0
            func flush() {
                if runStart < position {
                    out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<position]), as: UTF8.self)
                }
            }
            while position < bytes.count {
                let byte = bytes[position]
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
                out += escape
                position += length
                runStart = position
            }
            flush()
        }
        out += "\""
    }
}

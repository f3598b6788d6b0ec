import Foundation

/// Hand-written JSON for the files the site publishes (`api/postmortems.json`,
/// `search-index.js`): keys in a fixed order, integral numbers without a fraction, and U+2028
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

    /// A JSON string literal.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

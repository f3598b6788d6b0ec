/// Writes strings as YAML scalars that read back as exactly the same string: plain when that
/// is unambiguous, otherwise double-quoted with escapes.
public enum YAMLScalar {
    /// `text` as a YAML scalar for a block mapping value or a flow list item.
    public static func quoted(_ text: String) -> String {
        isSafePlain(text) ? text : doubleQuoted(text)
    }

    /// Whether `text` can stand unquoted and still be read as this very string (not a number,
    /// a boolean, null, a date, an alias, a comment or a nested structure). Deliberately strict:
    /// quoting a string that did not need it costs nothing.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        guard first.properties.isAlphabetic || first == "_" || first == "/" else { return false }
        guard last != " ", last != ":" else { return false }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return false }
            if "\"'\\#:,[]{}&*!|>%@`".unicodeScalars.contains(scalar) { return false }
            if [0x85, 0xA0, 0xFEFF, 0x2028, 0x2029].contains(scalar.value) { return false }
        }
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf"]
        return !reserved.contains(text.lowercased())
    }

    /// A double-quoted scalar: backslash, quote and every non-printable character escaped.
    static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || [0x2028, 0x2029, 0xFEFF].contains(value) {
                    result += "\\u" + hex(value, digits: 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

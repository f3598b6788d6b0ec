/// Plain text made safe to put inside Markdown that debrief writes (the SOP block, the audit's
/// Markdown report).
enum MarkdownEscaping {
    /// `text` as one GFM table cell that shows exactly `text`: line breaks become spaces, `|` and
    /// the punctuation that could start inline markup are backslash-escaped. An `_` inside a word
    /// is left alone (it cannot start emphasis there), so `max_connections` stays readable.
    static func cell(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
            .trimmingCharacters(in: .whitespaces)
        let characters = Array(flat)
        var out = ""
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "`", "*", "[", "]", "<", ">", "|", "~":
                out += "\\" + String(character)
            case "_":
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                out += before.isLetter || before.isNumber ? (after.isLetter || after.isNumber ? "_" : "\\_") : "\\_"
            case "&":
                out += startsEntity(characters[(index + 1)...]) ? "\\&" : "&"
            default:
                out.append(character)
            }
        }
        return out
    }

    /// A link destination for a relative path: characters that would end or break the link are
    /// percent-encoded.
    static func destination(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case " ", "(", ")", "<", ">", "|", "%", "\\", "\"", "`":
                out += String(format: "%%%02X", scalar.value)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether what follows an `&` reads as an entity (`amp;`, `#38;`).
    private static func startsEntity(_ rest: ArraySlice<Character>) -> Bool {
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") }
        return !name.isEmpty && rest.dropFirst(name.count).first == ";"
    }
}

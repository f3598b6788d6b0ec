/// Text from a repository made safe to show a person: every character that a terminal, a log
/// viewer or a spreadsheet would act on rather than show is written out visibly instead.
///
/// A knowledge repo is written by anyone who can open a pull request, so a YAML key, a file name
/// or a table cell may hold a line break (which would forge a diagnostic line of its own), an
/// escape sequence (ESC[2J clears the screen, OSC 8 hides a link behind other text), a NUL, or a
/// bidi override that makes text read differently from what it is. Every human output format
/// runs repository text through `escape` before printing it.
public enum TerminalText {
    /// `text` with control characters shown as escapes: `\n`, `\r` and `\t` for those, and
    /// `\u{1B}` (the scalar's hex value) for every other C0 control, DEL, every C1 control, the
    /// bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the Unicode
    /// line and paragraph separators. Everything else, backslashes included, is kept.
    public static func escape(_ text: String) -> String {
        escape(text, keepingLineBreaks: false)
    }

    /// Like `escape(_:)`, but `\n` and `\r` are kept, for a format with its own way of escaping
    /// them (GitHub workflow commands).
    public static func escape(_ text: String, keepingLineBreaks: Bool) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            switch scalar {
            case "\n" where keepingLineBreaks, "\r" where keepingLineBreaks: out.append(scalar)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            default: out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// Whether `scalar` is written out by `escape`.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

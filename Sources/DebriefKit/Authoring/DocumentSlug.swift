import Foundation

/// File-name slugs made from titles in any language: ASCII, lower case, words joined by `-`,
/// at most `maxLength` characters, cut at a word boundary where one is near.
///
/// Letters are transliterated to Latin and stripped of accents (`Straße über` → `strasse-uber`,
/// `データベース` → `detabesu`). What has no Latin form (emoji, symbols) is dropped, so the
/// result can be empty: callers choose the fallback.
public enum DocumentSlug {
    /// The longest slug `make` returns by default.
    public static let defaultMaxLength = 60

    /// The slug of `text`, possibly empty.
    public static func make(_ text: String, maxLength: Int = defaultMaxLength) -> String {
        var slug = ""
        var pendingHyphen = false
        // Invisible format characters (soft hyphens, zero-width joiners) join the letters around them.
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .format }))
        for scalar in asciiTransliteration(visible).lowercased().unicodeScalars {
            if scalar.isASCIIAlphanumeric {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                // "don't" → "dont", not "don-t".
                continue
            } else {
                pendingHyphen = true
            }
        }
        return truncate(slug, to: maxLength)
    }

    /// `text` in ASCII as far as it can be: ICU's Any-Latin and Latin-ASCII transforms, with a
    /// table of common letters for a Foundation that lacks them.
    static func asciiTransliteration(_ text: String) -> String {
        if let ascii = text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) {
            return ascii
        }
        let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
        let stripped = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        var result = ""
        for character in stripped {
            if let replacement = fallbackLetters[character] {
                result += replacement
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Letters that stripping accents leaves outside ASCII.
    static let fallbackLetters: [Character: String] = [
        "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
    ]

    /// Cuts a slug to `maxLength`, preferring the last `-` in its second half.
    static func truncate(_ slug: String, to maxLength: Int) -> String {
        guard slug.count > maxLength else { return slug }
        var cut = String(slug.prefix(maxLength))
        let nextIsBoundary = slug.dropFirst(maxLength).first == "-"
        if !nextIsBoundary, let hyphen = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: hyphen) >= maxLength / 2 {
            cut = String(cut[..<hyphen])
        }
        while cut.hasSuffix("-") { cut.removeLast() }
        return cut
    }
}

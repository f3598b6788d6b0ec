/// File-name-safe keys for terms: lower case letters and digits, other runs as `-`.
enum Slug {
    static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "t-" + String(StableHasher.hash(text).hexDigits.prefix(8)) : out
    }
}

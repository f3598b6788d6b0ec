import Foundation

extension Double {
    /// The number with two decimals, exactly as `String(format: "%.2f", self)` writes it (similarity
    /// scores on every post-mortem page, recurrence messages). Foundation's formatter is slow
    /// enough to show in a build's profile, so a value whose rounding is clear is written here;
    /// one within a hair of a tie (where `printf` rounds the exact binary value), a negative one
    /// or a huge one goes to Foundation.
    var twoDecimals: String {
        guard isFinite, sign == .plus, self < 1e12 else { return String(format: "%.2f", self) }
        let scaled = self * 100
        let whole = scaled.rounded(.down)
        let fraction = scaled - whole
        guard abs(fraction - 0.5) > 1e-6 else { return String(format: "%.2f", self) }
        let hundredths = Int(whole) + (fraction > 0.5 ? 1 : 0)
        let cents = hundredths % 100
        return "\(hundredths / 100)." + (cents < 10 ? "0" : "") + String(cents)
    }
}

/// Counts in messages: `1 error`, `2 errors`.
public enum Plural {
    /// `n` and `noun`, with an `s` unless `n` is 1.
    public static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}

import Foundation

/// The settings every page shares: title, link prefix, the day overdue marks are computed
/// for, and the optional live-reload URL.
struct SiteSettings: Sendable {
    /// The site's title (`title` in `debrief.yml`).
    var title: String
    /// Prefix for absolute links, ending in `/`; nil for relative links.
    var baseURL: String?
    /// Where source files are browsed, ending in `/`.
    var repoURL: String?
    /// The day overdue marks are computed for.
    var asOf: CalendarDate
    /// The URL every page polls to reload itself (`debrief serve`).
    var liveReloadURL: String?

    /// Whether `baseURL` is a full URL with a scheme (`https://…`), which a sitemap and a
    /// canonical link need; a path like `/kb/` is not.
    var hasAbsoluteBase: Bool {
        guard let baseURL else { return false }
        return RepositoryLayout.hasScheme(baseURL)
    }

    /// The prefix that leads from the page at `path` to the site root.
    func root(forPage path: String) -> String {
        RepositoryLayout.rootPrefix(fromPage: path, baseURL: baseURL)
    }

    /// A base URL as typed by a person, with the trailing `/` links need.
    static func normalisedBaseURL(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text.hasSuffix("/") ? text : text + "/"
    }
}

/// How numbers, dates and states read on the pages.
enum Format {
    /// `2h 21m`, `7m`, `1d 3h`, `45s`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 0 { return "−" + duration(-seconds) }
        if total < 60 { return "\(total)s" }
        let minutes = total / 60
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 24 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h \(minutes % 60)m" }
        let days = hours / 24
        return hours % 24 == 0 ? "\(days)d" : "\(days)d \(hours % 24)h"
    }

    /// `UTC` or `UTC+01:00`.
    static func offset(_ seconds: Int) -> String {
        if seconds == 0 { return "UTC" }
        return "UTC" + (seconds < 0 ? "-" : "+") + Digits.pad(abs(seconds) / 3600, 2) + ":" + Digits.pad(abs(seconds) % 3600 / 60, 2)
    }

    /// Time since an incident started: `+45s`, `+13m`, `+1h 03m`, `+1d 2h`; `−26m` before it.
    static func offsetFromStart(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let sign = total < 0 ? "−" : "+"
        let magnitude = abs(total)
        if magnitude < 60 { return "\(sign)\(magnitude)s" }
        let minutes = magnitude / 60
        if minutes < 60 { return "\(sign)\(minutes)m" }
        let hours = minutes / 60
        if hours < 24 { return "\(sign)\(hours)h " + Digits.pad(minutes % 60, 2) + "m" }
        return "\(sign)\(hours / 24)d \(hours % 24)h"
    }

    /// A number with at most two decimals and no trailing zeros, for SVG coordinates.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = String(abs(hundredths) / 100)
        let sign = hundredths < 0 ? "-" : ""
        let fraction = abs(hundredths) % 100
        if fraction == 0 { return sign + whole }
        return sign + whole + "." + (fraction % 10 == 0 ? String(fraction / 10) : Digits.pad(fraction, 2))
    }

    /// The badge colour class of a severity: `1` for the most severe of the configured list,
    /// up to `4`; `x` for the rest and for unknown severities.
    static func severityLevel(_ severity: String, in severities: [String]) -> String {
        guard let index = severities.firstIndex(of: severity), index < 4 else { return "x" }
        return String(index + 1)
    }

    /// The CSS class and label of a post-mortem status.
    static func postmortemStatus(_ pm: Postmortem) -> (slug: String, label: String) {
        postmortemStatus(pm.status, written: pm.statusText)
    }

    /// The CSS class and label of a post-mortem status, or of the text written when unknown.
    static func postmortemStatus(_ status: PostmortemStatus?, written: String = "") -> (slug: String, label: String) {
        switch status {
        case .draft: ("draft", "Draft")
        case .review: ("review", "In review")
        case .final: ("final", "Final")
        case nil: ("unknown", written.isEmpty ? "No status" : written)
        }
    }

    /// The CSS class and label of an action status.
    static func actionStatus(_ action: PreventiveAction) -> (slug: String, label: String) {
        guard let status = action.status else { return ("unknown", action.statusText.isEmpty ? "No status" : action.statusText) }
        return (status.rawValue, label(status))
    }

    static func label(_ status: ActionStatus) -> String {
        switch status {
        case .open: "Open"
        case .inProgress: "In progress"
        case .done: "Done"
        case .wontDo: "Won’t do"
        }
    }

    /// `1 day overdue`, `12 days overdue`.
    static func overdue(_ days: Int) -> String {
        days == 1 ? "1 day overdue" : "\(days) days overdue"
    }

    /// A repo path as it goes into a URL.
    static func urlPath(_ path: String) -> String {
        // Most paths need no escape: checked on bytes against the same set, since Foundation's
        // encoder is slow enough to show in a build's profile (a path on every link of a page).
        if path.utf8.allSatisfy({ $0 < 0x80 && asciiPathAllowed[Int($0)] }) { return path }
        return path.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? path
    }

    /// `pathAllowed` for each ASCII byte.
    private static let asciiPathAllowed: [Bool] = (0..<128).map { pathAllowed.contains(Unicode.Scalar(UInt8($0))) }

    private static let pathAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#;")
        return set
    }()
}

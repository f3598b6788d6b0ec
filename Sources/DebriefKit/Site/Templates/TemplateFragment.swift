import Foundation

/// A part of many pages (an action row, a post-mortem in a list) rendered once with its own
/// template (`action-row`, `postmortem-item`) and pasted into every page that shows it. Pages
/// at different depths need different `root` prefixes, so the fragment is rendered with a
/// marker for the root, which each page replaces with its own. Rendering is lazy, at the first
/// page that needs it, so a rebuild renders only the fragments of pages that changed.
public final class TemplateFragment: @unchecked Sendable, Equatable {
    /// Stands for `root` while the fragment is rendered; control characters never come out of
    /// Mustache escaping changed, and no page text contains them.
    static let rootMarker = "\u{1}root\u{2}"

    /// The hash of the template name and the model: equal keys, equal fragments.
    public let key: UInt64
    private let template: String
    /// Makes the model again when the fragment is rendered: a large site has tens of thousands
    /// of actions, and keeping every row's model would cost more memory than its HTML.
    private let fields: @Sendable () -> [String: TemplateValue]
    private let templates: TemplateSet
    /// The site's base URL, which is every page's root when set.
    private let baseURL: String?
    private let lock = NSLock()
    private var segments: [[UInt8]]?

    /// A fragment of `template` whose model `fields` makes (it must not hold `root`; it is
    /// called once now, for the key, and again when the fragment is first rendered).
    init(template: String, templates: TemplateSet, baseURL: String?, fields: @escaping @Sendable () -> [String: TemplateValue]) {
        var hasher = StableHasher(seed: 11)
        hasher.combine(template)
        TemplateValue.object(fields()).hash(into: &hasher)
        self.key = hasher.finalize()
        self.template = template
        self.fields = fields
        self.templates = templates
        self.baseURL = baseURL
    }

    /// The fragment for a page `depth` folders below the site root.
    public func html(depth: Int) -> String {
        html(root: baseURL ?? String(repeating: "../", count: max(0, depth)))
    }

    /// The fragment for a page whose root prefix is `root`.
    public func html(root: String) -> String {
        var out: [UInt8] = []
        append(to: &out, root: Array(root.utf8))
        return String(decoding: out, as: UTF8.self)
    }

    /// Fragments for a page `depth` folders down, each followed by a line break, in one string
    /// sized up front.
    static func join(_ fragments: [TemplateFragment], depth: Int) -> String {
        guard let first = fragments.first else { return "" }
        let root = Array((first.baseURL ?? String(repeating: "../", count: max(0, depth))).utf8)
        let parts = fragments.map { $0.rendered() }
        var size = 0
        for segments in parts {
            size += segments.reduce(0) { $0 + $1.count } + root.count * (segments.count - 1) + 1
        }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        for segments in parts {
            append(segments, to: &out, root: root)
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func append(to out: inout [UInt8], root: [UInt8]) {
        Self.append(rendered(), to: &out, root: root)
    }

    private static func append(_ segments: [[UInt8]], to out: inout [UInt8], root: [UInt8]) {
        for (index, part) in segments.enumerated() {
            if index > 0 { out.append(contentsOf: root) }
            out.append(contentsOf: part)
        }
    }

    public static func == (lhs: TemplateFragment, rhs: TemplateFragment) -> Bool { lhs.key == rhs.key }

    /// The rendered bytes split at every root marker.
    private func rendered() -> [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        if let segments { return segments }
        var model = fields()
        model["root"] = .string(Self.rootMarker)
        var bytes = Array((templates.render(template, .object(model)) ?? "").utf8)
        // Lists put each fragment on a line of its own.
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        let marker = Array(Self.rootMarker.utf8)
        var parts: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], BodyHTML.matches(marker, in: bytes, at: index) {
                parts.append(Array(bytes[start..<index]))
                index += marker.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(Array(bytes[start...]))
        segments = parts
        return parts
    }
}

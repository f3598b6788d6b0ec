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
    private let fields: [String: TemplateValue]
    private let templates: TemplateSet
    private let lock = NSLock()
    private var segments: [[UInt8]]?

    /// A fragment of `template` for `fields` (which must not hold `root`).
    init(template: String, fields: [String: TemplateValue], templates: TemplateSet) {
        var hasher = StableHasher(seed: 11)
        hasher.combine(template)
        TemplateValue.object(fields).hash(into: &hasher)
        self.key = hasher.finalize()
        self.template = template
        self.fields = fields
        self.templates = templates
    }

    /// The fragment for a page whose root prefix is `root`.
    public func html(root: String) -> String {
        let parts = rendered()
        guard parts.count > 1 else { return String(decoding: parts.first ?? [], as: UTF8.self) }
        let rootBytes = Array(root.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count } + rootBytes.count * (parts.count - 1))
        for (index, part) in parts.enumerated() {
            if index > 0 { out.append(contentsOf: rootBytes) }
            out.append(contentsOf: part)
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func == (lhs: TemplateFragment, rhs: TemplateFragment) -> Bool { lhs.key == rhs.key }

    /// The rendered bytes split at every root marker.
    private func rendered() -> [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        if let segments { return segments }
        var model = fields
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

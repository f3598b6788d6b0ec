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
    private var segments: Segments?

    /// The rendered bytes with the root markers taken out, and where each one was: one buffer
    /// and one list, where an array per piece cost some 40 bytes a piece beside its text (a
    /// large site keeps tens of thousands of fragments until its last page is written).
    private struct Segments {
        let bytes: [UInt8]
        /// Offsets in `bytes` where the root goes, in order.
        let roots: [Int]

        var count: Int { roots.count + 1 }

        /// The fragment with `root` at each of its places.
        func append(to out: inout [UInt8], root: [UInt8]) {
            var start = 0
            for cut in roots {
                out.append(contentsOf: bytes[start..<cut])
                out.append(contentsOf: root)
                start = cut
            }
            out.append(contentsOf: bytes[start...])
        }
    }

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
            size += segments.bytes.count + root.count * (segments.count - 1) + 1
        }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        for segments in parts {
            segments.append(to: &out, root: root)
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func append(to out: inout [UInt8], root: [UInt8]) {
        rendered().append(to: &out, root: root)
    }

    public static func == (lhs: TemplateFragment, rhs: TemplateFragment) -> Bool { lhs.key == rhs.key }

    /// The rendered bytes and where the root markers were.
    private func rendered() -> Segments {
        lock.lock()
        defer { lock.unlock() }
        if let segments { return segments }
        var model = fields()
        model["root"] = .string(Self.rootMarker)
        var bytes = Array((templates.render(template, .object(model)) ?? "").utf8)
        // Lists put each fragment on a line of its own.
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        let marker = Array(Self.rootMarker.utf8)
        var kept: [UInt8] = []
        var roots: [Int] = []
        var start = 0
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], BodyHTML.matches(marker, in: bytes, at: index) {
                kept.append(contentsOf: bytes[start..<index])
                roots.append(kept.count)
                index += marker.count
                start = index
            } else {
                index += 1
            }
        }
        let made: Segments
        if roots.isEmpty {
            made = Segments(bytes: bytes, roots: [])
        } else {
            kept.append(contentsOf: bytes[start...])
            made = Segments(bytes: kept.tightCopy, roots: roots.tightCopy)
        }
        segments = made
        return made
    }
}

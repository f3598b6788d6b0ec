import Mustache

/// A value that a page template sees: the page models are trees of these. Plain values keep
/// the models `Sendable` (they are built on all cores), let the build cache hash a model to
/// tell whether its page needs rendering again, and are looked up by Mustache as dictionaries,
/// which is much faster than reflection over structs.
///
/// `docs/templates.md` lists the variables of every template.
public enum TemplateValue: Sendable, Equatable {
    /// Text; `{{name}}` escapes it.
    case string(String)
    /// A flag for `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
    case bool(Bool)
    /// A number.
    case int(Int)
    /// A list for `{{#name}}…{{/name}}`.
    case list([TemplateValue])
    /// Named values.
    case object([String: TemplateValue])
    /// HTML made by debrief itself (rendered Markdown, SVG charts), for `{{{name}}}`.
    case html(String)
    /// A part of a page rendered once with its own template and shared by every page that
    /// shows it (an action row, a post-mortem in a list), for a page `depth` folders down.
    /// (A depth rather than the root string keeps the value within three words, so Mustache
    /// can pass it around without allocating.)
    case fragment(TemplateFragment, depth: Int)
    /// Fragments pasted one after another, each on a line of its own (a long table's rows): one
    /// value for Mustache instead of a section over thousands of items.
    case fragments([TemplateFragment], depth: Int)
    /// A value whose stable hash is known already (shared list items), so hashing a page
    /// model does not walk it again.
    indirect case keyed(UInt64, TemplateValue)

    /// Looks up a key of an object.
    public subscript(key: String) -> TemplateValue? {
        switch self {
        case .object(let fields): return fields[key]
        case .keyed(_, let value): return value[key]
        default: return nil
        }
    }

    /// The named values of an object (looking through `keyed`), or nil.
    var fields: [String: TemplateValue]? {
        switch self {
        case .object(let fields): return fields
        case .keyed(_, let value): return value.fields
        default: return nil
        }
    }
}

extension TemplateValue: MustacheParent, MustacheCustomRenderable, CustomStringConvertible {
    /// `{{.}}` on a list item renders its text directly.
    public var renderText: String { description }

    /// Never null: a present value opens its section, as in standard Mustache.
    public var isNull: Bool { false }

    /// Looks a name up in an object. Mustache gets plain values back (text, flags, arrays), and
    /// objects as themselves, so a lookup costs one cast rather than several.
    public func child(named name: String) -> Any? {
        switch self {
        case .object(let fields): fields[name]?.mustacheValue
        case .keyed(_, let value): value.child(named: name)
        default: nil
        }
    }

    /// What Mustache works with: strings, flags, numbers, arrays, and objects as they are.
    /// What Mustache sees. Text is handed over as `MustacheText`, which Mustache renders
    /// through its custom-renderable fast path instead of a chain of failed casts and
    /// `String(describing:)`: most of a page's tags are text.
    var mustacheValue: Any {
        switch self {
        case .string(let text): MustacheText(text)
        case .bool(let flag): flag
        case .int(let number): MustacheText(String(number))
        case .list(let items): items
        case .object: self
        case .html(let html): MustacheText(html)
        case .fragment(let fragment, let depth): MustacheText(fragment.html(depth: depth))
        case .fragments(let fragments, let depth): MustacheText(TemplateFragment.join(fragments, depth: depth))
        case .keyed(_, let value): value.isObject ? self : value.mustacheValue
        }
    }

    private var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// The text `{{.}}` shows for a list item.
    public var description: String {
        switch self {
        case .string(let text), .html(let text): text
        case .bool(let flag): String(flag)
        case .int(let number): String(number)
        case .fragment(let fragment, let depth): fragment.html(depth: depth)
        case .fragments(let fragments, let depth): TemplateFragment.join(fragments, depth: depth)
        case .keyed(_, let value): value.description
        case .list, .object: ""
        }
    }
}

// MARK: - Building

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue {
    /// A list of strings.
    static func strings(_ values: [String]) -> TemplateValue {
        .list(values.map { .string($0) })
    }
}

// MARK: - Stable hashing

extension TemplateValue {
    /// Feeds the value to a stable hasher; an object's hash does not depend on the order of its keys.
    func hash(into hasher: inout StableHasher) {
        switch self {
        case .string(let text):
            hasher.combine(1)
            hasher.combine(text)
        case .bool(let flag):
            hasher.combine(2)
            hasher.combine(flag)
        case .int(let number):
            hasher.combine(3)
            hasher.combine(number)
        case .list(let items):
            hasher.combine(4)
            hasher.combine(items.count)
            for item in items { item.hash(into: &hasher) }
        case .object(let fields):
            hasher.combine(5)
            hasher.combine(fields.count)
            // Each pair is hashed on its own and the hashes summed, which is the same in any
            // order: a page model has thousands of small objects, and sorting the keys of each
            // was a tenth of deciding which pages changed.
            var pairs: UInt64 = 0
            for (key, value) in fields {
                var pair = StableHasher(seed: 5)
                pair.combine(key)
                value.hash(into: &pair)
                pairs &+= pair.finalize()
            }
            hasher.combine(pairs)
        case .html(let html):
            hasher.combine(6)
            hasher.combine(html)
        case .fragment(let fragment, let depth):
            hasher.combine(7)
            hasher.combine(fragment.key)
            hasher.combine(depth)
        case .fragments(let fragments, let depth):
            hasher.combine(9)
            hasher.combine(fragments.count)
            for fragment in fragments { hasher.combine(fragment.key) }
            hasher.combine(depth)
        case .keyed(let key, _):
            hasher.combine(8)
            hasher.combine(key)
        }
    }
}

/// Text for Mustache: rendered as it is (escaped or not by the tag), truthy in sections like a
/// string, and open to the same transforms (`{{uppercased(name)}}`) as a `String`.
struct MustacheText: MustacheCustomRenderable, MustacheTransformable, CustomStringConvertible {
    let text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }

    func transform(_ name: String) -> Any? { text.transform(name) }
}

/// The default theme compiled to Swift. The build-tool plugin turns every built-in
/// `Templates/*.mustache` into a function (`TemplateEmbedder`'s `MustacheCompiler.swift`) that
/// appends the template's literal bytes and calls `CompiledRenderer` for each tag: no template is
/// parsed or interpreted at run time. `TemplateSet` renders a page this way when neither its
/// template nor any partial it reaches is overridden by the repo, and through swift-mustache
/// otherwise; the two write the same bytes (`CompiledThemeDifferentialTests`).
///
/// The generated half of this type (`includes`, `render(_:into:)`) is in the plugin's output.
enum CompiledTheme {
    /// Renders the built-in template `name` with `model`; nil when there is no such template.
    static func render(_ name: String, _ model: TemplateValue) -> String? {
        var renderer = CompiledRenderer(model: model)
        guard render(name, into: &renderer) else { return nil }
        return renderer.text
    }
}

/// What swift-mustache would hold for a name: the result of `TemplateValue.mustacheValue`,
/// kept as an enum so that no `Any` is cast. Each case stands for one of the types swift-mustache
/// tells apart when it renders a tag or a section.
enum CompiledValue {
    /// An object (or a keyed object, or a list item as it is): swift-mustache sees the
    /// `TemplateValue` itself.
    case value(TemplateValue)
    /// Text, a number, HTML or fragments: swift-mustache sees `MustacheText`.
    case text(String)
    /// A flag: swift-mustache sees `Bool`.
    case flag(Bool)
    /// A list: swift-mustache sees `[TemplateValue]`.
    case list([TemplateValue])
    /// The `text` of a `MustacheText` pushed by a section, which swift-mustache finds by
    /// reflection: a plain `String`.
    case plain(String)

    /// `TemplateValue.mustacheValue`, case for case.
    init(_ value: TemplateValue) {
        switch value {
        case .string(let text), .html(let text): self = .text(text)
        case .bool(let flag): self = .flag(flag)
        case .int(let number): self = .text(String(number))
        case .list(let items): self = .list(items)
        case .object: self = .value(value)
        case .fragment(let fragment, let depth): self = .text(fragment.html(depth: depth))
        case .fragments(let fragments, let depth): self = .text(TemplateFragment.join(fragments, depth: depth))
        case .keyed(_, let inner):
            if case .object = inner { self = .value(value) } else { self = CompiledValue(inner) }
        }
    }

    /// The value of `name` in this one context: an object's field (`TemplateValue.child`), or
    /// what reflection finds on the other types (`MustacheText` has `text`; strings, flags and
    /// arrays have no labelled children).
    func child(_ name: String) -> CompiledValue? {
        switch self {
        case .value(let value): Self.field(name, of: value)
        case .text(let text): name == "text" ? .plain(text) : nil
        case .flag, .list, .plain: nil
        }
    }

    private static func field(_ name: String, of value: TemplateValue) -> CompiledValue? {
        switch value {
        case .object(let fields): fields[name].map(CompiledValue.init)
        case .keyed(_, let inner): field(name, of: inner)
        default: nil
        }
    }

    /// The text a tag writes before escaping, as swift-mustache makes it.
    var rendered: String {
        switch self {
        case .value(let value): value.description
        case .text(let text), .plain(let text): text
        case .flag(let flag): String(describing: flag)
        case .list(let items): String(describing: items)
        }
    }
}

/// The state of one compiled render: the output bytes and the context stack. Generated code
/// calls these methods in template order; each one does what swift-mustache does for the tag.
struct CompiledRenderer {
    private var out: [UInt8] = []
    /// Never empty: the model is at the bottom.
    private var stack: [CompiledValue]

    /// A renderer for a page whose model is `model`.
    init(model: TemplateValue) {
        stack = [.value(model)]
        // Most pages are a few kilobytes; growing from nothing would copy them several times.
        out.reserveCapacity(16 * 1024)
    }

    /// The output so far.
    var text: String { String(decoding: out, as: UTF8.self) }

    /// `{{.}}`: the innermost context.
    var top: CompiledValue { stack[stack.count - 1] }

    /// A name looked up from the innermost context outwards.
    func lookup(_ name: String) -> CompiledValue? {
        var index = stack.count - 1
        while index >= 0 {
            if let value = stack[index].child(name) { return value }
            index -= 1
        }
        return nil
    }

    /// A dotted name: the first part from the innermost context outwards, the rest inside what
    /// it found only.
    func lookup(_ path: [String]) -> CompiledValue? {
        guard let first = path.first, var value = lookup(first) else { return nil }
        for name in path.dropFirst() {
            guard let next = value.child(name) else { return nil }
            value = next
        }
        return value
    }

    /// Template text.
    mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// `{{name}}`.
    mutating func escaped(_ value: CompiledValue?) {
        guard let value else { return }
        appendEscaped(value.rendered)
    }

    /// `{{{name}}}` and `{{& name}}`.
    mutating func raw(_ value: CompiledValue?) {
        guard let value else { return }
        var text = value.rendered
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// `{{#name}}…{{/name}}`: once per list item, once for a true flag, once inside any other
    /// present value, never for a missing name, false or an empty list.
    mutating func section(_ value: CompiledValue?, _ body: (inout CompiledRenderer) -> Void) {
        switch value {
        case .none, .flag(false):
            return
        case .flag(true):
            body(&self)
        case .list(let items):
            for item in items {
                stack.append(.value(item))
                body(&self)
                stack.removeLast()
            }
        case .some(let value):
            stack.append(value)
            body(&self)
            stack.removeLast()
        }
    }

    /// `{{^name}}…{{/name}}`: once for a missing name, false or an empty list (which becomes
    /// the context, as in swift-mustache), never otherwise.
    mutating func inverted(_ value: CompiledValue?, _ body: (inout CompiledRenderer) -> Void) {
        switch value {
        case .none, .flag(false):
            body(&self)
        case .list(let items) where items.isEmpty:
            stack.append(.list(items))
            body(&self)
            stack.removeLast()
        default:
            return
        }
    }

    /// `HTMLEscaping`, appended in place.
    private mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in 0 ..< bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start ..< index]))
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }
}

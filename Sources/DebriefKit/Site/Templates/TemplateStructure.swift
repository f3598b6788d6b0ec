/// What a template includes and how deeply it nests, read from its text before swift-mustache
/// parses it. swift-mustache parses and renders sections and partials by recursion, so a
/// template that includes itself, or nests thousands of sections, would overflow the stack and
/// kill the build; a repo's templates are checked with this first (`TemplateSet`).
struct TemplateStructure: Sendable {
    /// Sections and partials may nest at most this deep, counting through partials.
    static let maxDepth = 64

    /// A `{{> name}}` or `{{< name}}` tag.
    struct Inclusion: Sendable {
        let name: String
        let line: Int
        let column: Int
        /// Sections open around the tag.
        let depth: Int
    }

    /// A tag the checks cannot allow, with why.
    struct Refusal: Sendable {
        let message: String
        let line: Int
        let column: Int
    }

    /// Every partial the template includes, in order.
    private(set) var inclusions: [Inclusion] = []
    /// The deepest section nesting within the template alone.
    private(set) var depth = 0
    /// The first section opened deeper than `maxDepth`, or a tag that hides what the template
    /// includes (a partial named by a value, new delimiters).
    private(set) var refusal: Refusal?

    /// Reads the tags of `bytes` the way swift-mustache does with its default `{{ }}` delimiters
    /// (new delimiters are refused, so that no tag can hide from this reading).
    init(_ bytes: [UInt8]) {
        let brace = UInt8(ascii: "{"), newline = UInt8(ascii: "\n")
        var line = 1, lineStart = 0, index = 0, open = 0
        func refuse(_ message: String, at position: Int) {
            if refusal == nil { refusal = Refusal(message: message, line: line, column: position - lineStart + 1) }
        }
        while index < bytes.count, refusal == nil {
            if bytes[index] == newline {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard bytes[index] == brace, index + 2 < bytes.count, bytes[index + 1] == brace else {
                index += 1
                continue
            }
            let tag = index, kind = bytes[index + 2]
            let closing: [UInt8] = kind == brace ? Array("}}}".utf8) : Array("}}".utf8)
            guard let end = Self.find(closing, in: bytes, from: index + 3) else { break }
            let content = Self.trimmed(bytes[(index + 3) ..< end])
            switch kind {
            case UInt8(ascii: "="):
                refuse("templates cannot change the tag delimiters ({{=…=}})", at: tag)
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                open += 1
                depth = max(depth, open)
                if open > Self.maxDepth { refuse("sections and partials are nested more than \(Self.maxDepth) deep", at: tag) }
                if kind == UInt8(ascii: "<") { include(content, depth: open, line: line, column: tag - lineStart + 1) }
            case UInt8(ascii: "/"):
                open = max(0, open - 1)
            case UInt8(ascii: ">"):
                include(content, depth: open, line: line, column: tag - lineStart + 1)
            default:
                break
            }
            // A tag can span lines (a comment); keep the line count right.
            for position in index ..< end where bytes[position] == newline {
                line += 1
                lineStart = position + 1
            }
            index = end + closing.count
        }
    }

    private mutating func include(_ name: [UInt8], depth: Int, line: Int, column: Int) {
        if name.first == UInt8(ascii: "*") {
            refusal = refusal ?? Refusal(message: "templates cannot name a partial by a value ({{>*name}})", line: line, column: column)
            return
        }
        inclusions.append(Inclusion(name: String(decoding: name, as: UTF8.self), line: line, column: column, depth: depth))
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count - needle.count else { return nil }
        for position in start ... (bytes.count - needle.count) where bytes[position] == needle[0] {
            if bytes[position ..< position + needle.count].elementsEqual(needle) { return position }
        }
        return nil
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let space: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        guard let first = bytes.firstIndex(where: { !space.contains($0) }),
              let last = bytes.lastIndex(where: { !space.contains($0) }) else { return [] }
        return Array(bytes[first ... last])
    }
}

import Foundation

/// Stable JSON output: sorted keys, pretty printed, slashes unescaped.
enum JSON {
    static func encode<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Elements of one long array member of a document's top-level object, made and encoded
    /// apart from the rest (see `encode(_:splicing:)`).
    struct Splice: Sendable {
        /// The member's key, as the document writes it.
        var key: String
        /// The elements' pretty JSON, each indented for its place (inside the member's array)
        /// and separated by `,\n`; empty for an empty array.
        var elements: [UInt8]

        /// The elements `make` gives for each of `items`, encoded by `JSONEncoder` on every
        /// core in chunks; the same bytes `encode` writes for them inside the array member `key`.
        init<Item: Sendable, Element: Encodable & Sendable>(key: String, items: [Item], _ make: @escaping @Sendable (Item) -> Element) {
            self.init(key: key, count: items.count) { range in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                var bytes: [UInt8] = []
                for index in range {
                    if index > range.lowerBound { bytes += Array(",\n".utf8) }
                    // An element that cannot be encoded is `null`, as `encode` gives for a whole.
                    let data = (try? encoder.encode(make(items[index]))) ?? Data("null".utf8)
                    JSON.appendIndented(data, by: 4, to: &bytes)
                }
                return bytes
            }
        }

        /// The elements `make` gives for each of `items`, written by `PrettyJSON` on every core
        /// in chunks: the bytes `JSONEncoder` would write (see `PrettyJSON`).
        init<Item: Sendable, Element: PrettyJSONWritable>(key: String, items: [Item], writing make: @escaping @Sendable (Item) -> Element) {
            self.init(key: key, count: items.count) { range in
                var writer = PrettyJSON(depth: 0, capacity: 512 * range.count)
                for index in range {
                    if index > range.lowerBound { writer.append(raw: Array(",\n".utf8)) }
                    var element = PrettyJSON(depth: 2)
                    make(items[index]).write(to: &element)
                    writer.append(element)
                }
                return writer.bytes
            }
        }

        /// `count` elements, each chunk of them made by `chunk` on some core.
        private init(key: String, count: Int, chunk: @escaping @Sendable (Range<Int>) -> [UInt8]) {
            self.key = key
            let size = 512
            let parts = parallelMap(Array(stride(from: 0, to: count, by: size))) { start in
                chunk(start..<min(count, start + size))
            }
            var elements: [UInt8] = []
            elements.reserveCapacity(parts.reduce(0) { $0 + $1.count + 2 })
            for (position, part) in parts.enumerated() {
                if position > 0 { elements += Array(",\n".utf8) }
                elements += part
            }
            self.elements = elements
        }
    }

    /// Pretty JSON of `value`, an object whose top-level array members named by `splices` it
    /// encodes as empty, with those members' elements put in: byte for byte what `encode`
    /// writes for the whole, but the long arrays are made and encoded on every core.
    static func encode<T: Encodable>(_ value: T, splicing splices: [Splice]) -> String {
        var document = Array(encode(value).utf8)
        for splice in splices where !splice.elements.isEmpty {
            // Pretty-printed, an empty top-level array member is `"key" : [` NL NL `  ]`; a
            // string holds no raw newline, and a deeper member is indented further.
            let empty = Array("\n  \"\(splice.key)\" : [\n\n  ]".utf8)
            guard let range = firstRange(of: empty, in: document) else { continue }
            let filled = Array("\n  \"\(splice.key)\" : [\n".utf8) + splice.elements + Array("\n  ]".utf8)
            document.replaceSubrange(range, with: filled)
        }
        return String(decoding: document, as: UTF8.self)
    }

    /// `json` with `spaces` more indentation on every line but blank ones, appended to `bytes`.
    static func appendIndented(_ json: Data, by spaces: Int, to bytes: inout [UInt8]) {
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: spaces)
        bytes.reserveCapacity(bytes.count + json.count + json.count / 8)
        json.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let source = raw.bindMemory(to: UInt8.self)
            var start = 0
            bytes += indent
            for index in source.indices where source[index] == UInt8(ascii: "\n") {
                bytes += UnsafeBufferPointer(rebasing: source[start...index])
                // The blank line inside an empty array or object has no indentation.
                if index + 1 < source.count, source[index + 1] != UInt8(ascii: "\n") { bytes += indent }
                start = index + 1
            }
            bytes += UnsafeBufferPointer(rebasing: source[start...])
        }
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }
}

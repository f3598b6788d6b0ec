/// Links ticket ids in a rendered body: every token of text that a `tickets:` pattern matches
/// becomes `<a class="ticket" href="…">`, except inside a link, code (`<code>`, `<pre>`,
/// `<kbd>`, `<samp>`), `<script>`, `<style>` or `<textarea>`, so an id already linked or
/// quoted as code stays as written. Only text between tags changes; tags, attributes and
/// character references are copied byte for byte. One pass, linear in the body.
///
/// At most `maxCandidates` distinct tokens of one body are tried against the patterns; the
/// rest stay text. With the limits `TicketPattern` puts on patterns and tokens of at most
/// `TicketLinker.maxTokenLength` characters, that bounds the regular-expression work per body
/// whatever a hostile document holds, far above the distinct words of a real one.
enum TicketLinkHTML {
    /// The most distinct tokens of one body that are matched against the patterns.
    static let maxCandidates = 2000

    /// Elements whose text is left alone.
    static let skipped: Set<String> = ["a", "code", "pre", "kbd", "samp", "script", "style", "textarea"]

    /// `html` with ticket ids linked by `linker` (unchanged when it has no pattern).
    static func link(_ html: String, with linker: TicketLinker) -> String {
        guard !linker.isEmpty, !html.isEmpty else { return html }
        // Bytes, not Characters: this runs over every body of a build. Each distinct token is
        // matched once per body, since prose repeats its words.
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var seen: [ArraySlice<UInt8>: String?] = [:]
        var depth = 0
        var index = 0
        var changed = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                let end = tagEnd(bytes, from: index)
                if let (name, closing) = tagName(bytes[index...end]), skipped.contains(name),
                   end > index, bytes[end - 1] != UInt8(ascii: "/") {
                    depth = closing ? max(0, depth - 1) : depth + 1
                }
                out.append(contentsOf: bytes[index...end])
                index = end + 1
                continue
            }
            if byte == UInt8(ascii: "&") {
                // A character reference (`&amp;`, `&#35;`) is copied whole, never split.
                var end = index + 1
                while end < bytes.count, end - index <= 32, isReferenceByte(bytes[end]) { end += 1 }
                let stop = end < bytes.count && bytes[end] == UInt8(ascii: ";") ? end : index
                out.append(contentsOf: bytes[index...stop])
                index = stop + 1
                continue
            }
            guard depth == 0, tokenLength(bytes, at: index) > 0 else {
                out.append(byte)
                index += 1
                continue
            }
            var end = index
            while end < bytes.count {
                let length = tokenLength(bytes, at: end)
                if length == 0 { break }
                end += length
            }
            var tokenEnd = end
            while tokenEnd > index, bytes[tokenEnd - 1] == UInt8(ascii: ".") { tokenEnd -= 1 }
            let token = bytes[index..<tokenEnd]
            let url: String?
            if token.isEmpty || !linker.mayStart(with: bytes[index]) {
                url = nil
            } else if let known = seen[token] {
                url = known
            } else if seen.count >= maxCandidates {
                url = nil
            } else {
                url = token.count <= TicketLinker.maxTokenLength * 4 ? linker.url(for: String(decoding: token, as: UTF8.self)) : nil
                seen[token] = url
            }
            if let url {
                out.append(contentsOf: Array("<a class=\"ticket\" href=\"".utf8))
                out.append(contentsOf: Array(HTMLEscaping.escape(url).utf8))
                out.append(contentsOf: Array("\">".utf8))
                out.append(contentsOf: token)
                out.append(contentsOf: Array("</a>".utf8))
                out.append(contentsOf: bytes[tokenEnd..<end])
                changed = true
            } else {
                out.append(contentsOf: bytes[index..<end])
            }
            index = end
        }
        return changed ? String(decoding: out, as: UTF8.self) : html
    }

    /// How many bytes the ticket-token character at `index` takes (0 when the byte there does
    /// not start one): ASCII letters, digits and `-_/#.`, and any other letter or digit.
    private static func tokenLength(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return asciiTokenBytes[Int(byte)] ? 1 : 0 }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0
        guard length > 0, index + length <= bytes.count,
              let scalar = String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars.first,
              scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return 0 }
        return length
    }

    /// The index of the `>` that closes the tag at `start`; the last byte when unclosed.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int {
        HTMLText.tagEnd(bytes, from: start) ?? bytes.count - 1
    }

    /// Which ASCII bytes are token characters: letters, digits and `-_/#.`.
    private static let asciiTokenBytes: [Bool] = (0..<128).map { byte in
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "-_/#.".utf8.contains(UInt8(byte))
    }

    /// Whether `byte` can be inside a character reference's name or number.
    private static func isReferenceByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "#")
    }

    /// The lower-cased element name of a tag and whether it closes, or nil for a comment,
    /// a declaration or a processing instruction.
    private static func tagName(_ tag: ArraySlice<UInt8>) -> (String, Bool)? {
        var body = tag.dropFirst()
        let closing = body.first == UInt8(ascii: "/")
        if closing { body = body.dropFirst() }
        let name = body.prefix { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        return name.isEmpty ? nil : (String(decoding: name, as: UTF8.self).lowercased(), closing)
    }
}

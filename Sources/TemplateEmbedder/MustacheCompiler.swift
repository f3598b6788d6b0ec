// Compiles the built-in Mustache templates into Swift that renders them without a template
// engine. It reads a template exactly as swift-mustache 2.1.1 does (`Template+Parser.swift`:
// per-line text, standalone tags, whitespace before tags), so the generated code writes the same
// bytes; DebriefKit's differential tests hold the two to that. What it does not support is an
// error naming the file and line, never a silent difference.

/// A template read into what the generated code does.
indirect enum TemplateNode {
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw); `path` is the name split at dots,
    /// empty for `{{.}}`.
    case variable(path: [String], escaped: Bool)
    case section(path: [String], inverted: Bool, body: [TemplateNode])
    case partial(String)
}

/// A template the compiler cannot take, where it is.
struct TemplateCompileError: Error {
    let line: Int
    let column: Int
    let message: String
}

/// Reads one template the way swift-mustache's parser does, for the subset the theme uses.
struct TemplateReader {
    private let text: String
    private var position: String.Index

    init(_ text: String) {
        self.text = text
        self.position = text.startIndex
    }

    /// The template's nodes; throws at the first construct swift-mustache would reject or the
    /// compiler does not support.
    static func read(_ text: String) throws -> [TemplateNode] {
        var reader = TemplateReader(text)
        // swift-mustache starts on a new line (DebriefKit puts a standalone pragma line first,
        // which leaves it there too).
        return try reader.parse(section: nil, newLine: true)
    }

    // MARK: - The parser, after swift-mustache's `parse(_:state:)`

    private mutating func parse(section: [String]?, newLine startsOnNewLine: Bool) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var newLine = startsOnNewLine
        var whiteSpaceBefore = ""
        while !atEnd {
            if newLine {
                whiteSpaceBefore = read { $0 == " " || $0 == "\t" }
            }
            let text = try readUntilDelimiterOrNewline()
            if current.isNewline {
                nodes.append(.text(whiteSpaceBefore + text + String(current)))
                newLine = true
                advance()
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                newLine = false
            }
            if atEnd { break }
            // Errors point at the tag's `{{`, just read.
            let tag = self.text.index(position, offsetBy: -2)
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                advance()
                let path = try parseName(at: tag)
                if isStandalone(newLine) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                let body = try parse(section: path, newLine: setNewLine)
                nodes.append(.section(path: path, inverted: inverted, body: body))
            case "/":
                advance()
                let path = try parseName(at: tag)
                guard let section, path == section else {
                    throw error(at: tag, "{{/\(path.joined(separator: "."))}} closes a section that is not open")
                }
                if !isStandalone(newLine), !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                return nodes
            case "!":
                advance()
                var closed = false
                while !atEnd, !closed {
                    closed = readClosingDelimiter()
                    if !closed { advance() }
                }
                guard closed else { throw error(at: tag, "a comment is not closed with }}") }
                setNewLine = isStandalone(newLine)
            case "{", "&":
                let triple = current == "{"
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                advance()
                let path = try parseName(at: tag)
                if triple {
                    guard current == "}" else { throw error(at: tag, "a {{{name}}} tag is not closed with }}}") }
                    advance()
                }
                nodes.append(.variable(path: path, escaped: false))
            case ">":
                advance()
                _ = read { $0.isWhitespace }
                guard current != "*" else { throw error(at: tag, "the compiled theme cannot name a partial by a value ({{>*name}})") }
                let name = read { Self.partialNameCharacters.contains($0) }
                _ = read { $0.isWhitespace }
                guard readClosingDelimiter() else { throw error(at: tag, "a partial tag is not closed with }}") }
                guard !name.isEmpty, !name.contains("("), !name.contains(")") else {
                    throw error(at: tag, "the compiled theme cannot include the partial '\(name)'")
                }
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                if isStandalone(newLine) {
                    setNewLine = true
                    // swift-mustache then indents every line the partial writes; the theme has
                    // no such partial, and supporting one would cost every page a check per tag.
                    guard whiteSpaceBefore.isEmpty else {
                        throw error(at: tag, "the compiled theme does not support an indented standalone partial; start {{> \(name)}} at the beginning of its line")
                    }
                }
                nodes.append(.partial(name))
                whiteSpaceBefore = ""
            case "<", "$":
                throw error(at: tag, "the compiled theme does not support template inheritance ({{< }} and {{$ }})")
            case "=":
                throw error(at: tag, "the compiled theme does not support changing the delimiters ({{= =}})")
            case "%":
                throw error(at: tag, "the compiled theme does not support pragmas ({{% }}); debrief selects the escaping itself")
            default:
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                let path = try parseName(at: tag)
                nodes.append(.variable(path: path, escaped: true))
            }
            newLine = setNewLine
        }
        if let section {
            throw error(at: position, "{{#\(section.joined(separator: "."))}} is never closed")
        }
        return nodes
    }

    /// Text up to the next `{{` (consumed) or line break (not consumed).
    private mutating func readUntilDelimiterOrNewline() throws -> String {
        var total = ""
        while !atEnd {
            total += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
            if current.isNewline {
                break
            } else if current == "{" {
                let start = position
                // swift-mustache reads two characters here and fails when there are fewer.
                guard text.distance(from: position, to: text.endIndex) >= 2 else {
                    throw error(at: start, "the template ends in a '{'")
                }
                advance()
                if current == "{" {
                    advance()
                    break
                }
                position = start
                total += "{"
                advance()
            }
        }
        return total
    }

    /// A tag's name up to `}}`, split at dots; `[]` for `{{.}}`.
    private mutating func parseName(at tag: String.Index) throws -> [String] {
        _ = read { $0.isWhitespace }
        let name = read { Self.nameCharacters.contains($0) }
        _ = read { $0.isWhitespace }
        guard readClosingDelimiter() else { throw error(at: tag, "a tag is not closed with }}") }
        if name.contains("(") || name.contains(")") {
            throw error(at: tag, "the compiled theme does not support transforms ('\(name)')")
        }
        if name == "." { return [] }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !name.isEmpty, !parts.contains(where: \.isEmpty) else {
            throw error(at: tag, "the compiled theme does not support the name '\(name)'")
        }
        return parts
    }

    /// swift-mustache's `isStandalone`: the tag began its line and only spaces or tabs follow
    /// it to the line break, which is then consumed.
    private mutating func isStandalone(_ newLine: Bool) -> Bool {
        guard newLine else { return false }
        if atEnd { return true }
        var probe = self
        _ = probe.read { $0 == " " || $0 == "\t" }
        guard probe.current.isNewline else { return false }
        probe.advance()
        position = probe.position
        return true
    }

    private mutating func readClosingDelimiter() -> Bool {
        guard text.distance(from: position, to: text.endIndex) >= 2 else { return false }
        let start = position
        advance()
        let first = text[start], second = current
        advance()
        if first == "}", second == "}" { return true }
        position = start
        return false
    }

    // MARK: - Characters

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    private var atEnd: Bool { position == text.endIndex }

    /// The current character; `"\0"` at the end, as in swift-mustache.
    private var current: Character { atEnd ? "\0" : text[position] }

    private mutating func advance() {
        position = text.index(after: position)
    }

    private mutating func read(while matches: (Character) -> Bool) -> String {
        let start = position
        while !atEnd, matches(text[position]) { advance() }
        return String(text[start ..< position])
    }

    private func error(at index: String.Index, _ message: String) -> TemplateCompileError {
        let before = text[..<index]
        let line = before.reduce(1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
        let lineStart = before.lastIndex { $0 == "\n" || $0 == "\r\n" }.map { text.index(after: $0) } ?? text.startIndex
        return TemplateCompileError(line: line, column: text.distance(from: lineStart, to: index) + 1, message: message)
    }
}

// MARK: - Code generation

/// Swift source for the compiled theme: one function per template, and the table of which
/// partials each template reaches.
enum ThemeCodeGenerator {
    /// `templates` by name (`postmortem` for `postmortem.mustache`). Throws the name of a
    /// template that includes a partial the theme does not have, or includes itself.
    static func source(_ templates: [String: [TemplateNode]]) throws -> String {
        let names = templates.keys.sorted()
        var functionNames: [String: String] = [:]
        for (index, name) in names.enumerated() { functionNames[name] = "template\(index)" }

        var reach: [String: [String]] = [:]
        for name in names {
            var seen: Set<String> = []
            var pending = partials(in: templates[name] ?? [])
            while let next = pending.popLast() {
                guard templates[next] != nil else {
                    throw MissingPartial(template: name, partial: next)
                }
                guard next != name else { throw MissingPartial(template: name, partial: next, cycle: true) }
                if seen.insert(next).inserted { pending += partials(in: templates[next] ?? []) }
            }
            reach[name] = seen.sorted()
        }

        var out = "\n// The compiled default theme: see CompiledTheme.swift and docs/architecture.md.\n\n"
        out += "extension CompiledTheme {\n"
        out += "    /// Every built-in template, with every partial it reaches.\n"
        out += "    static let includes: [String: [String]] = [\n"
        for name in names {
            out += "        \(literal(name)): [\((reach[name] ?? []).map(literal).joined(separator: ", "))],\n"
        }
        if names.isEmpty { out += "        :\n" }
        out += "    ]\n\n"
        out += "    /// Renders the built-in template `name`; false when there is none.\n"
        out += "    static func render(_ name: String, into r: inout CompiledRenderer) -> Bool {\n"
        out += "        switch name {\n"
        for name in names {
            out += "        case \(literal(name)): \(functionNames[name] ?? "")(&r)\n"
        }
        out += "        default: return false\n        }\n        return true\n    }\n"
        for name in names {
            out += "\n    // \(name).mustache\n"
            out += "    private static func \(functionNames[name] ?? "")(_ r: inout CompiledRenderer) {\n"
            out += code(templates[name] ?? [], functions: functionNames, indent: "        ")
            out += "    }\n"
        }
        out += "}\n"
        return out
    }

    struct MissingPartial: Error {
        let template: String
        let partial: String
        var cycle = false
    }

    private static func partials(in nodes: [TemplateNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .partial(let name): [name]
            case .section(_, _, let body): partials(in: body)
            case .text, .variable: []
            }
        }
    }

    private static func code(_ nodes: [TemplateNode], functions: [String: String], indent: String) -> String {
        var out = ""
        var pendingText = ""
        func flush() {
            guard !pendingText.isEmpty else { return }
            out += indent + "r.literal(\(literal(pendingText)))\n"
            pendingText = ""
        }
        for node in nodes {
            switch node {
            case .text(let text):
                pendingText += text
            case .variable(let path, let escaped):
                flush()
                out += indent + "r.\(escaped ? "escaped" : "raw")(\(lookup(path)))\n"
            case .section(let path, let inverted, let body):
                flush()
                let inner = code(body, functions: functions, indent: indent + "    ")
                out += indent + "r.\(inverted ? "inverted" : "section")(\(lookup(path))) { \(inner.isEmpty ? "_" : "r") in\n"
                out += inner
                out += indent + "}\n"
            case .partial(let name):
                flush()
                out += indent + "\(functions[name] ?? "")(&r)\n"
            }
        }
        flush()
        return out
    }

    private static func lookup(_ path: [String]) -> String {
        switch path.count {
        case 0: "r.top"
        case 1: "r.lookup(\(literal(path[0])))"
        default: "r.lookup([\(path.map(literal).joined(separator: ", "))])"
        }
    }

    /// A Swift string literal: ASCII as it is, everything else as `\u{…}` escapes, so no
    /// character can join the quotes around it.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value >= 0x20, scalar.value < 0x7F {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                }
            }
        }
        return out + "\""
    }
}

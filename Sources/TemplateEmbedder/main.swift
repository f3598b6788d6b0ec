// Writes a Swift file holding every file under a folder as a string literal, keyed by its
// path relative to that folder, and every top-level `*.mustache` file compiled to Swift
// (MustacheCompiler.swift). Usage: TemplateEmbedder <templates-dir> <output.swift>
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: TemplateEmbedder <dir> <output.swift>\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

var entries: [(String, String)] = []
if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let url as URL in walker {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
        let name = url.lastPathComponent
        if name.hasPrefix(".") { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            FileHandle.standardError.write(Data("TemplateEmbedder: \(relative) is not UTF-8\n".utf8))
            exit(1)
        }
        entries.append((relative, text))
    }
}
entries.sort { $0.0 < $1.0 }

/// A raw string delimiter long enough that the text cannot close the literal early.
func delimiter(for text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) { hashes += "#" }
    return hashes
}

var source = "// Generated from Templates/ at build time. Do not edit.\n\n"
source += "enum EmbeddedTemplates {\n    static let files: [String: String] = [\n"
for (path, text) in entries {
    let hashes = delimiter(for: text)
    source += "        \"\(path)\": \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes),\n"
}
if entries.isEmpty { source += "        :\n" }
source += "    ]\n}\n"

/// Stops the build with a compiler-style error naming the template file and line.
func fail(_ file: String, line: Int = 1, column: Int = 1, _ message: String) -> Never {
    FileHandle.standardError.write(Data("\(root.path)/\(file):\(line):\(column): error: \(message)\n".utf8))
    exit(1)
}

var compiled: [String: [TemplateNode]] = [:]
for (path, text) in entries where path.hasSuffix(".mustache") && !path.contains("/") {
    do {
        compiled[String(path.dropLast(".mustache".count))] = try TemplateReader.read(text)
    } catch let error as TemplateCompileError {
        fail(path, line: error.line, column: error.column, error.message)
    } catch {
        fail(path, "\(error)")
    }
}
do {
    source += try ThemeCodeGenerator.source(compiled)
} catch let error as ThemeCodeGenerator.MissingPartial {
    fail(error.template + ".mustache", error.cycle
        ? "the template includes itself through partials; the compiled theme cannot"
        : "{{> \(error.partial)}} names a template the theme does not have")
} catch {
    fail("", "\(error)")
}
// The same source is left untouched: rewriting it would make the build compile DebriefKit
// again whenever the build runs this tool, which it does after relinking it.
if (try? Data(contentsOf: output)) != Data(source.utf8) {
    try source.write(to: output, atomically: true, encoding: .utf8)
}

// Writes a Swift file holding every file under a folder as a string literal, keyed by its
// path relative to that folder. Usage: TemplateEmbedder <templates-dir> <output.swift>
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
try source.write(to: output, atomically: true, encoding: .utf8)

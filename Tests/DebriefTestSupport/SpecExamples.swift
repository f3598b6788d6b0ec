import Foundation
import XCTest

/// One example of the GFM spec files in `shared/conformance`.
public struct SpecExample: Sendable {
    /// 1-based, in order of appearance in its file.
    public var number: Int
    /// The word after `example` (`table`, `disabled`, …), or "".
    public var tag: String
    /// The input, tabs restored.
    public var markdown: String
    /// The expected HTML, tabs restored.
    public var html: String
    /// The line of the example's opening fence.
    public var line: Int
}

/// Reads the conformance files.
public enum SpecExamples {
    /// The fence around each example: 32 backticks.
    public static let fence = String(repeating: "`", count: 32)

    /// The examples of `name` in the conformance folder; skips the test when the folder is absent.
    public static func load(_ name: String) throws -> [SpecExample] {
        let url = TestPaths.conformance.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: the conformance data lives in ../shared/conformance beside the package (CI lays it there)")
        }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Reads the spec format: a fence line `…` example [tag]`, Markdown, a line `.`, HTML, a fence.
    /// `→` stands for a tab.
    public static func parse(_ text: String) -> [SpecExample] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var examples: [SpecExample] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix(fence + " example") else {
                index += 1
                continue
            }
            let start = index + 1
            let tag = line.dropFirst(fence.count + " example".count).trimmingCharacters(in: .whitespaces)
            index += 1
            var markdown: [String] = []
            while index < lines.count, lines[index] != "." {
                markdown.append(lines[index])
                index += 1
            }
            index += 1
            var html: [String] = []
            while index < lines.count, lines[index] != fence {
                html.append(lines[index])
                index += 1
            }
            index += 1
            func joined(_ lines: [String]) -> String {
                lines.isEmpty ? "" : lines.joined(separator: "\n").replacingOccurrences(of: "→", with: "\t") + "\n"
            }
            examples.append(SpecExample(number: examples.count + 1, tag: tag, markdown: joined(markdown), html: joined(html), line: start))
        }
        return examples
    }
}

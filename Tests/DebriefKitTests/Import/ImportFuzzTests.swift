@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// Imports the template-shaped fixtures after random line mutations (lines deleted, repeated,
/// moved, and tricky lines inserted: metadata, headings, fences, tables, action and timeline
/// items, YAML-special text). Whatever the input, the result's front matter reads back with the
/// id, title, date and status given.
final class ImportFuzzTests: XCTestCase {
    static let tricky = [
        "Date: 01/02/2017", "Severity: ", "**Title:** \"quoted\" #1: [x]", "Services: a: b, {c}, - d", "Timezone: IST",
        "# ", "## ", "### Timeline", "## Action Items", "## Timeline", "**Summary**", "Summary:", "Impact: *all*",
        "```", "~~~", "| a | b |", "|---|---|", "| Date | 2020-13-45 |", "- [ ] ", "* [x] PA-1 (owner: , due: )",
        "TODO:", "1. (", "- 25:99 — bad", "- 1402 — four digits", "- 16:00 IST — ambiguous", "- ~9:37 AM PDT — x",
        "- 2017-02-31 10:00 — no day", "---", "...", "\u{FEFF}", "\t- tab item", "- @ by due", "Owner: @, @@",
        "All times are CST.", "Status: done", "Authors: null, true, 'x'",
    ]

    func test_import_randomlyMutatedTemplatesAlwaysGiveFrontMatterThatReadsBack() throws {
        let folder = TestPaths.fixtures("DebriefCLITests").appendingPathComponent("import")
        let seeds = try ["google-docs-export.md", "confluence-export.md", "sre-book.md", "pagerduty.md"].map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }
        let importer = PostmortemImporter(config: Config())
        let layout = RepositoryLayout(config: Config(), postmortemFiles: ["postmortems/x.md"], sopFiles: [])
        var generator = SplitMix64(seed: 10)
        for iteration in 0..<150 {
            var lines = seeds[Int.random(in: 0..<seeds.count, using: &generator)].components(separatedBy: "\n")
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let at = Int.random(in: 0..<max(1, lines.count), using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0 where !lines.isEmpty: lines.remove(at: min(at, lines.count - 1))
                case 1 where !lines.isEmpty: lines.insert(lines[min(at, lines.count - 1)], at: at)
                case 2 where lines.count > 1: lines.swapAt(min(at, lines.count - 1), Int.random(in: 0..<lines.count, using: &generator))
                default: lines.insert(Self.tricky[Int.random(in: 0..<Self.tricky.count, using: &generator)], at: min(at, lines.count))
                }
            }
            let input = lines.joined(separator: "\n")
            let document = importer.read(input, name: "x.md", date: CalendarDate(year: 2020, month: 1, day: 2))
            let text = importer.render(document, id: "INC-9", status: "draft", file: "postmortems/x.md").text
            let (postmortem, diagnostics) = PostmortemReader(layout: layout).read(SourceText(path: "postmortems/x.md", text: text))
            let yamlProblems = diagnostics.filter { [.yamlSyntax, .frontMatterNotMapping, .wrongType, .missingFrontMatter, .unterminatedFrontMatter].contains($0.code) }
            XCTAssertEqual(yamlProblems.map(\.message), [], "iteration \(iteration):\n\(input)\n=>\n\(text)")
            XCTAssertEqual(postmortem.id, "INC-9", "iteration \(iteration)")
            XCTAssertEqual(postmortem.title, document.title, "iteration \(iteration)")
            XCTAssertEqual(postmortem.statusText, "draft", "iteration \(iteration)")
            XCTAssertEqual(postmortem.date, CalendarDate(year: 2020, month: 1, day: 2), "iteration \(iteration)")
        }
    }
}

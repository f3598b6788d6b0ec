import DebriefKit
import XCTest

final class YAMLReaderTests: XCTestCase {
    private func outcome(_ yaml: String, firstLine: Int = 2) -> String {
        switch YAMLReader.read(yaml, file: "a.md", firstLine: firstLine) {
        case .mapping(let mapping, _): return "mapping \(mapping.count)"
        case .empty: return "empty"
        case .notMapping(let at): return "not a mapping at \(at.line):\(at.column)"
        case .failed(let d): return "\(d.location.line):\(d.location.column) \(d.code.rawValue) \(d.message)"
        }
    }

    func test_mappingsEmptyAndOtherShapes() {
        XCTAssertEqual(outcome("id: x\ntitle: y\n"), "mapping 2")
        XCTAssertEqual(outcome(""), "empty")
        XCTAssertEqual(outcome("# just a comment\n"), "empty")
        XCTAssertEqual(outcome("~\n"), "empty")
        XCTAssertEqual(outcome("\n\n- a\n"), "not a mapping at 4:1")
        XCTAssertEqual(outcome("plain words\n"), "not a mapping at 2:1")
    }

    func test_errorsLandOnTheirFileLine() {
        XCTAssertEqual(outcome("id: x\ntitle: [a\n", firstLine: 10), "12:1 DB014 invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)")
        XCTAssertEqual(outcome("id: x\n  bad: indent\n"), "3:6 DB014 invalid YAML: mapping values are not allowed in this context")
    }

    /// Found by the document fuzzer: libyaml puts an error at the end of a text without a final
    /// line ending on the line after it, which the file does not have.
    func test_fuzz_anErrorAtTheEndOfTextWithoutALineEndingIsOnItsLastLine() {
        XCTAssertEqual(outcome("[", firstLine: 1), "1:2 DB014 invalid YAML: did not find expected node content (while parsing a flow node)")
        XCTAssertEqual(outcome("id: x\ntitle: [ä", firstLine: 1), "2:10 DB014 invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)")
        let (_, diagnostics) = Config.parse("severities: [SEV1")
        XCTAssertEqual(diagnostics.map { "\($0.location.line):\($0.location.column)" }, ["1:18"])
        XCTAssertEqual(outcome("x", firstLine: 1), "not a mapping at 1:1")
    }

    /// Found by the document fuzzer: libyaml also ends a line at U+0085, U+2028 and U+2029,
    /// where a file's lines (and every editor's) do not end. Positions after one of them must
    /// still name the file's line and column. A lone `\r` ends a line for both (see
    /// `SourceTextTests`), and an error after it names the line after it.
    func test_fuzz_lineBreaksOnlyLibyamlSeesDoNotMoveLocations() throws {
        XCTAssertEqual(outcome("\r", firstLine: 1), "empty")
        let (_, diagnostics) = Config.parse("\r- a\n")
        XCTAssertEqual(diagnostics.map { "\($0.location.line):\($0.location.column)" }, ["2:1"])
        for (odd, idLine) in [("\r", 4), ("\u{85}", 3), ("\u{2028}", 3), ("\u{2029}", 3)] {
            let yaml = "a: 'x\(odd)y'\nid: z\nbad: [\n"
            XCTAssertEqual(outcome(yaml, firstLine: 2), "\(idLine + 2):1 DB014 invalid YAML: did not find expected node content (while parsing a flow node)", odd.debugDescription)
            let text = "---\na: 'x\(odd)y'\nid: z\n---\n"
            let (pm, _) = PostmortemReader(layout: RepositoryLayout(config: Config(), postmortemFiles: ["p.md"], sopFiles: []))
                .read(SourceText(path: "p.md", text: text))
            XCTAssertEqual(pm.fields.map { "\($0.key)@\($0.keyLocation.line):\($0.keyLocation.column)" }, ["a@2:1", "id@\(idLine):1"], odd.debugDescription)
        }
    }

    func test_locationsCountScalarsAndAddTheFirstLine() throws {
        guard case .mapping(let mapping, let locator) = YAMLReader.read("äöü: x\nid: 😀y\n", file: "a.md", firstLine: 5) else {
            return XCTFail("not a mapping")
        }
        let values = mapping.map { locator.location(of: $0.value) }
        XCTAssertEqual(values, [SourceLocation(file: "a.md", line: 5, column: 6), SourceLocation(file: "a.md", line: 6, column: 5)])
    }

    func test_deepNestingIsRefusedBeforeParsing() {
        let message = "DB014 YAML is nested more than \(YAMLReader.maxDepth) levels deep"
        XCTAssertEqual(outcome("x: " + String(repeating: "[", count: 100_000) + "\n"), "2:1 " + message)
        XCTAssertEqual(outcome("x: " + String(repeating: "{", count: 100_000) + "\n"), "2:1 " + message)
        XCTAssertEqual(outcome(String(repeating: "- ", count: 100_000) + "x\n"), "2:1 " + message)
        XCTAssertEqual(outcome("a:\n" + (1..<1_000).map { String(repeating: " ", count: $0) + "- x:\n" }.joined()).hasSuffix(message), true)
    }

    func test_ordinaryNestingStillParses() {
        XCTAssertEqual(outcome("x: " + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "\n"), "mapping 1")
        XCTAssertEqual(outcome("a:\n  b:\n    c:\n      - d: [e, {f: g}]\n"), "mapping 1")
    }

    func test_aliasExpansionStaysCheap() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<12 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        XCTAssertEqual(outcome(yaml), "mapping 12")
    }
}

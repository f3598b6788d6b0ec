import DebriefTestSupport
@testable import DebriefKit
import XCTest

/// The history's light reader against the full parser, on every post-mortem of the example
/// knowledge base and of the command-line fixtures (tables and task lists of many shapes):
/// every action must read the same, or a history would report changes that are none.
final class ActionRowReaderAgreementTests: XCTestCase {
    static let roots: [URL] = {
        let fixtures = TestPaths.fixtures("DebriefCLITests")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return [TestPaths.exampleRepo] + names.sorted()
            .map { fixtures.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("postmortems").path) }
    }()

    static func summary(_ action: PreventiveAction) -> String {
        "\(action.key) | \(action.action) | \(action.owner) | \(action.dueText) | \(action.status?.rawValue ?? "?")"
    }

    func testTheLightReaderReadsEveryActionAsTheParserDoes() throws {
        var compared = 0
        for root in Self.roots {
            let base = try RepositoryLoader().load(root: root)
            let reader = ActionRowReader(config: base.config, layout: base.layout)
            for postmortem in base.postmortems {
                let text = try String(contentsOf: root.appendingPathComponent(postmortem.file), encoding: .utf8)
                let light = reader.read(Substring(text), file: postmortem.file)
                XCTAssertEqual(light.actions.map(Self.summary), postmortem.actions.map(Self.summary),
                               "\(root.lastPathComponent)/\(postmortem.file)")
                compared += postmortem.actions.count
            }
        }
        // The fixtures hold actions enough for the comparison to mean something.
        XCTAssertGreaterThan(compared, 50)
    }

    func testRememberedRowsReadAsFreshOnes() throws {
        // The same row text under another post-mortem id, another subheading and other columns
        // must not come back from the memo as the first reading.
        func document(id: String, subheading: String, header: String) -> String {
            """
            ---
            id: \(id)
            ---

            ## Preventive Actions

            ### \(subheading)

            \(header)
            |---|---|---|---|---|
            | PA-1 | Add a probe | @ana | 2026-02-01 | open |
            | PA-2 | Page on *5xx* | @bo | 2026-03-01 | done |
            """
        }
        let texts = [
            document(id: "INC-1", subheading: "Detection", header: "| ID | Action | Owner | Due | Status |"),
            document(id: "INC-2", subheading: "Detection", header: "| ID | Action | Owner | Due | Status |"),
            document(id: "INC-2", subheading: "Mitigation", header: "| ID | Action | Owner | Due | Status |"),
            document(id: "INC-2", subheading: "Mitigation", header: "| ID | Action | Owner | Status | Due |"),
            document(id: "INC-2", subheading: "Mitigation", header: "| ID | Action | Owner | Due | Status |"),
        ]
        let config = Config()
        let reader = ActionRowReader(config: config, layout: RepositoryLayout(config: config, postmortemFiles: [], sopFiles: []))
        var memo = ActionRowReader.Memo()
        for text in texts {
            let remembered = reader.read(Substring(text), file: "", memo: &memo).actions.map(Self.summary)
            XCTAssertEqual(remembered, reader.read(Substring(text), file: "").actions.map(Self.summary))
        }
        XCTAssertEqual(reader.read(Substring(texts[3]), file: "", memo: &memo).actions.map(\.dueText), ["open", "done"])
        // A row longer than the memo keeps is read, and not remembered.
        let long = String(repeating: "word ", count: 1_000)
        let longRow = document(id: "INC-3", subheading: "Detection", header: "| ID | Action | Owner | Due | Status |")
            .replacingOccurrences(of: "Add a probe", with: long)
        let before = memo.rows.count
        XCTAssertEqual(reader.read(Substring(longRow), file: "", memo: &memo).actions.first?.action, long.trimmed)
        XCTAssertEqual(memo.rows.count, before + 1)
        XCTAssertEqual(reader.read(Substring(texts[1]), file: "", memo: &memo).actions.map(\.key), ["INC-2/PA-1", "INC-2/PA-2"])
    }

    func testPlainAndMarkedCellsReadTheSameText() {
        XCTAssertEqual(ActionRowReader.inlineText("  Add   a probe  "), "Add a probe")
        XCTAssertEqual(ActionRowReader.inlineText("Add a *probe*"), "Add a probe")
        XCTAssertEqual(ActionRowReader.inlineText(" Ajouter   une sonde — été "), "Ajouter une sonde — été")
        XCTAssertEqual(ActionRowReader.inlineText("tab\there"), "tab\there")
        XCTAssertEqual(ActionRowReader.inlineText("    "), "")
    }
}

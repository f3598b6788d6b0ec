import DebriefKit
import Dispatch
import Foundation
import XCTest

/// cmark-gfm 0.29.0.gfm.6 keeps the inline parser's special-character table process-wide and
/// every parse with extensions rewrites it, so concurrent parses lose strikethrough and
/// autolinks. `CMark` serialises parsing; this test renders many documents at once and compares
/// each with its serial rendering, so it fails when that lock is taken away.
final class CMarkConcurrencyTests: XCTestCase {
    private static func document(_ index: Int) -> String {
        // Alternate extension sets so parses switch the shared table back and forth.
        """
        # Document \(index)

        Text ~~struck \(index)~~ and www.example.com/\(index) and https://example.org/\(index).
        A task list:

        - [x] done \(index)
        - [ ] open ~~\(index)~~

        | ID | Action | Status |
        |----|--------|--------|
        | A\(index) | ~~old~~ new www.example.net | open |

        """ + String(repeating: "Filler ~~\(index)~~ www.example.com paragraph.\n\n", count: index % 7 + 1)
    }

    private static func options(_ index: Int) -> MarkdownOptions {
        switch index % 3 {
        case 0: return .site
        case 1: return .bare
        default: return MarkdownOptions(extensions: ["autolink", "strikethrough"])
        }
    }

    func test_concurrentRenderingMatchesSerialRendering() {
        let count = 400
        let documents = (0..<count).map(Self.document)
        let serial = documents.indices.map { CMark.process(documents[$0], RenderRequest(options: Self.options($0))).html ?? "" }
        // Sanity: the serial run really used the extensions.
        XCTAssertTrue(serial[0].contains("<del>struck 0</del>"))
        XCTAssertTrue(serial[0].contains("<a href=\"http://www.example.com/0\">"))
        XCTAssertFalse(serial[1].contains("<del>"))

        let results = Results(count: count)
        for _ in 0..<5 {
            DispatchQueue.concurrentPerform(iterations: count * 2) { iteration in
                let index = iteration % count
                results.set(index, CMark.process(documents[index], RenderRequest(options: Self.options(index))).html ?? "")
            }
            let mismatches = (0..<count).filter { results.get($0) != serial[$0] }
            XCTAssertEqual(mismatches, [], "documents rendered differently when rendered concurrently")
            if !mismatches.isEmpty { return }
        }
    }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String]

    init(count: Int) { values = Array(repeating: "", count: count) }
    func set(_ index: Int, _ value: String) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> String { lock.withLock { values[index] } }
}

import DebriefTestSupport
import XCTest

/// The marker helper the rule fixtures rely on.
final class MarkedTextTests: XCTestCase {
    func test_markersAreStrippedAndPlaced() {
        let marked = MarkedText("ab↓c\n↓é↓😀x\n↓")
        XCTAssertEqual(marked.text, "abc\né😀x\n")
        XCTAssertEqual(marked.marks, [.init(line: 1, column: 3), .init(line: 2, column: 1), .init(line: 2, column: 2), .init(line: 3, column: 1)])
    }

    func test_BOMDoesNotCountAndOtherBytesSurvive() {
        let marked = MarkedText(bytes: [0xEF, 0xBB, 0xBF] + Array("a↓b\r\n".utf8) + [0xFF] + Array("↓c".utf8))
        XCTAssertEqual(marked.bytes, [0xEF, 0xBB, 0xBF] + Array("ab\r\n".utf8) + [0xFF] + Array("c".utf8))
        XCTAssertEqual(marked.marks, [.init(line: 1, column: 2), .init(line: 2, column: 2)])
    }
}

@testable import DebriefKit
import XCTest

/// A tight copy holds the same elements or text as the original, in room sized for them.
final class TightCopyTests: XCTestCase {
    func testAnArrayGrownByAppendingIsCopiedIntoRoomForItsElements() {
        var grown: [String] = []
        for number in 0..<17 { grown.append("entry \(number) of a timeline that is long enough") }
        XCTAssertGreaterThan(grown.capacity - grown.count, 8, "appending leaves room to spare")
        let tight = grown.tightCopy
        XCTAssertEqual(tight, grown)
        XCTAssertLessThan(tight.capacity - tight.count, 2)
        XCTAssertEqual([Int]().tightCopy, [])
    }

    func testATextBuiltPieceByPieceKeepsItsBytes() {
        var text = ""
        for piece in ["Rolled back ", "the deploy → ", "pool exhausted, ", "see ", "https://status.example.com", " é"] { text += piece }
        let tight = text.tightCopy
        XCTAssertEqual(tight, text)
        // A copy, in storage of its own: not the grown buffer handed back.
        var original = text, copy = tight
        let originalStart = original.withUTF8 { UInt(bitPattern: $0.baseAddress) }
        let copyStart = copy.withUTF8 { UInt(bitPattern: $0.baseAddress) }
        XCTAssertNotEqual(originalStart, copyStart)
        XCTAssertEqual(Array(tight.utf8), Array(text.utf8))
        XCTAssertEqual("".tightCopy, "")
        XCTAssertEqual("short".tightCopy, "short")
    }
}

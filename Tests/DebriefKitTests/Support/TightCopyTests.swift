@testable import DebriefKit
import XCTest

/// A tight copy holds the same elements or text as the original, in room sized for them.
final class TightCopyTests: XCTestCase {
    func testAnArrayGrownByAppendingIsCopiedIntoRoomForItsElements() {
        // Room to spare made explicit: how much appending leaves depends on the allocator.
        var grown: [String] = []
        grown.reserveCapacity(64)
        for number in 0..<17 { grown.append("entry \(number) of a timeline that is long enough") }
        XCTAssertGreaterThanOrEqual(grown.capacity - grown.count, 47)
        let tight = grown.tightCopy
        XCTAssertEqual(tight, grown)
        // Room for the 17 alone, up to the allocator's rounding: well under the 64 reserved
        // and under the 32 that doubling would give.
        XCTAssertGreaterThanOrEqual(tight.capacity, 17)
        XCTAssertLessThan(tight.capacity, 24)
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

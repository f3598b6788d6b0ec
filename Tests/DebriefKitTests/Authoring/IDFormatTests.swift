@testable import DebriefKit
import XCTest

final class IDFormatTests: XCTestCase {
    let standard = IDFormat("INC-{year}-{seq:3}")

    func testFormatsYearAndPaddedSequence() {
        XCTAssertEqual(standard.id(year: 2026, seq: 7), "INC-2026-007")
        XCTAssertEqual(standard.id(year: 2026, seq: 1234), "INC-2026-1234")
    }

    func testFirstIdOfAYearIsOne() {
        XCTAssertEqual(standard.next(after: [], year: 2026), "INC-2026-001")
        XCTAssertEqual(standard.next(after: ["INC-2025-014"], year: 2026), "INC-2026-001")
    }

    func testNextIsOnePastTheHighestOfThatYear() {
        let existing = ["INC-2026-002", "INC-2026-010", "INC-2025-099", "OTHER-7", "INC-2026-x"]
        XCTAssertEqual(standard.next(after: existing, year: 2026), "INC-2026-011")
    }

    func testHandWrittenUnpaddedIdsCount() {
        XCTAssertEqual(standard.sequence(of: "INC-2026-7", year: 2026), 7)
        XCTAssertEqual(standard.next(after: ["INC-2026-7"], year: 2026), "INC-2026-008")
    }

    func testIdsOfOtherPatternsAndYearsDoNotMatch() {
        XCTAssertNil(standard.sequence(of: "INC-2025-003", year: 2026))
        XCTAssertNil(standard.sequence(of: "INC-2026-003-b", year: 2026))
        XCTAssertNil(standard.sequence(of: "inc-2026-003", year: 2026))
    }

    func testUnpaddedSequenceWithoutYear() {
        let format = IDFormat("PM{seq}")
        XCTAssertEqual(format.next(after: ["PM9", "PM10", "PM2"], year: 2026), "PM11")
    }

    func testUnknownPlaceholdersAndBracesAreLiteral() {
        let format = IDFormat("{team}-{year}.{seq:2}")
        XCTAssertEqual(format.id(year: 2026, seq: 3), "{team}-2026.03")
        XCTAssertEqual(format.sequence(of: "{team}-2026.03", year: 2026), 3)
    }

    func testSequenceFollowedByDigitsBacktracks() {
        let format = IDFormat("{seq}{year}")
        XCTAssertEqual(format.sequence(of: "122026", year: 2026), 12)
    }

    func testPaddedAndUnpaddedIdsCountTogether() {
        let format = IDFormat("INC-{seq}")
        XCTAssertEqual(format.next(after: ["INC-1", "INC-02"], year: 2026), "INC-3")
    }
}

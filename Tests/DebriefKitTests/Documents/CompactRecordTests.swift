import XCTest
@testable import DebriefKit

/// The compact forms a record keeps its rarely used or many small parts in: they must read and
/// change exactly as the plain forms they replace.
final class CompactRecordTests: XCTestCase {
    private func at(_ line: Int, _ column: Int = 1) -> SourceLocation {
        SourceLocation(file: "postmortems/a.md", line: line, column: column)
    }

    // MARK: - Cell locations

    func testCellLocationsReadAndChangeLikeADictionary() {
        var cells = CellLocations()
        var plain: [String: SourceLocation] = [:]
        let changes: [(String, SourceLocation?)] = [
            ("ID", at(3, 1)), ("Action", at(3, 8)), ("Owner", at(3, 30)), ("Action", at(3, 9)),
            ("Due", at(3, 40)), ("Owner", nil), ("Status", nil), ("Status", at(3, 52)), ("ID", nil), ("ID", at(3, 2)),
        ]
        for (name, location) in changes {
            cells[name] = location
            plain[name] = location
            XCTAssertEqual(cells.count, plain.count)
            for key in ["ID", "Action", "Owner", "Due", "Status", "SOP"] {
                XCTAssertEqual(cells[key], plain[key], "after setting \(name): \(key)")
            }
        }
        XCTAssertEqual(cells.keys.sorted(), plain.keys.sorted())
        XCTAssertEqual(Set(cells.values.map(\.column)), Set(plain.values.map(\.column)))
        // Kept in name order, so equal cells are stored (and encoded) alike.
        XCTAssertEqual(cells.keys, ["Action", "Due", "ID", "Status"])
        XCTAssertEqual(cells.values.map(\.column), [9, 40, 2, 52])
    }

    func testCellLocationsCompareAsADictionaryDoes() {
        let one: CellLocations = ["ID": at(3, 1), "Due": at(3, 40)]
        let same: CellLocations = ["Due": at(3, 40), "ID": at(3, 1)]
        XCTAssertEqual(one, same, "the order cells were added in does not matter")
        XCTAssertNotEqual(one, ["ID": at(3, 1)])
        XCTAssertNotEqual(one, ["ID": at(3, 1), "Due": at(3, 41)])
        XCTAssertNotEqual(one, ["ID": at(3, 1), "Owner": at(3, 40)])
        XCTAssertEqual(CellLocations(), [:])
        XCTAssertTrue(CellLocations().isEmpty)
    }

    func testARepeatedNameInALiteralKeepsItsLastLocation() {
        // Where a dictionary literal would stop the program.
        let repeated: CellLocations = ["ID": at(3, 1), "Due": at(3, 40), "ID": at(4, 1)]
        XCTAssertEqual(repeated.count, 2)
        XCTAssertEqual(repeated["ID"], at(4, 1))
        XCTAssertEqual(repeated.keys, ["Due", "ID"])
    }

    // MARK: - Clock changes of a timeline entry

    func testClockChangesOfAnEntryAreSetAndClearedApart() {
        let spring = TimelineEntry.ClockChange(zone: "Europe/Berlin", date: CalendarDate(year: 2024, month: 3, day: 31)!,
                                               secondOfDay: 9_000, offsetBefore: 3_600, offsetAfter: 7_200)
        let autumn = TimelineEntry.ClockChange(zone: "Europe/Berlin", date: CalendarDate(year: 2024, month: 10, day: 27)!,
                                               secondOfDay: 9_000, offsetBefore: 7_200, offsetAfter: 3_600)
        var entry = TimelineEntry(timeText: "02:30", time: nil, event: "Clocks", location: at(9), clockChange: spring)
        XCTAssertEqual(entry.clockChange, spring)
        XCTAssertNil(entry.endClockChange)

        var copy = entry
        copy.endClockChange = autumn
        XCTAssertEqual(copy.clockChange, spring)
        XCTAssertEqual(copy.endClockChange, autumn)
        XCTAssertNil(entry.endClockChange, "a copy's change leaves the original as it was")

        entry.clockChange = nil
        XCTAssertNil(entry.clockChange)
        XCTAssertNil(entry.endClockChange)
        entry.endClockChange = autumn
        XCTAssertNil(entry.clockChange)
        XCTAssertEqual(entry.endClockChange, autumn)
        XCTAssertEqual(copy.clockChange, spring, "the original's change leaves the copy as it was")
    }
}

@testable import DebriefKit
import XCTest

/// `recurrence_threshold` in `debrief.yml`.
final class RecurrenceConfigTests: XCTestCase {
    func test_item2_thresholdIsReadAndChecked() {
        XCTAssertEqual(Config.parse("title: x\n").0.recurrenceThreshold, RecurrenceSettings.defaultThreshold)
        let (config, diagnostics) = Config.parse("recurrence_threshold: 0.25\n")
        XCTAssertEqual(config.recurrenceThreshold, 0.25)
        XCTAssertEqual(diagnostics.count, 0)
        for bad in ["0", "1.5", "high", "-0.2"] {
            let (kept, found) = Config.parse("recurrence_threshold: \(bad)\n")
            XCTAssertEqual(kept.recurrenceThreshold, RecurrenceSettings.defaultThreshold, bad)
            XCTAssertEqual(found.map(\.code), [.configInvalidValue], bad)
            XCTAssertEqual(found.first?.location.line, 1, bad)
            XCTAssertTrue(found.first?.message.contains("'recurrence_threshold' must be a number above 0 and at most 1") == true, bad)
        }
    }

    func test_item2_knowledgeBaseTakesTheThreshold() throws {
        var base = try RepositoryLoader().load(root: SimilarityIndexTests.familiesRoot)
        base.config.recurrenceThreshold = 0.4
        XCTAssertEqual(base.recurrenceSettings().threshold, 0.4)
    }
}

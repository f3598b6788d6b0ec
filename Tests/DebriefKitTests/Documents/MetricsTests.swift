@testable import DebriefKit
import Foundation
import XCTest

final class MetricsTests: XCTestCase {
    func test_secondsFromStarted() {
        let pm = readPostmortem(frontMatter("""
            started: 2026-03-14T09:00:00+01:00
            detected: 2026-03-14T08:12:00Z
            mitigated: 2026-03-14T09:30:00+01:00
            resolved: 2026-03-15T10:00:00+01:00

            """) + "Body\n").0
        XCTAssertEqual(pm.metrics, IncidentMetrics(timeToDetect: 12 * 60, timeToMitigate: 30 * 60, timeToResolve: 25 * 3600))
    }

    func test_absentWhenATimestampIs() {
        let noStart = readPostmortem(frontMatter("detected: 2026-03-14T08:12:00Z\n") + "Body\n").0
        XCTAssertEqual(noStart.metrics, IncidentMetrics(timeToDetect: nil, timeToMitigate: nil, timeToResolve: nil))
        let partial = readPostmortem(frontMatter("started: 2026-03-14T08:00:00Z\nresolved: 2026-03-14T08:00:30.5Z\n") + "Body\n").0
        XCTAssertEqual(partial.metrics, IncidentMetrics(timeToDetect: nil, timeToMitigate: nil, timeToResolve: 30.5))
        let unreadable = readPostmortem(frontMatter("started: soon\nresolved: 2026-03-14T08:00:00Z\n") + "Body\n").0
        XCTAssertNil(unreadable.metrics.timeToResolve)
    }

    func test_JSONKeepsAbsentValuesAsNull() throws {
        let json = try JSONEncoder().encode(IncidentMetrics(timeToDetect: 60, timeToMitigate: nil, timeToResolve: nil))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["time_to_detect", "time_to_mitigate", "time_to_resolve"])
        XCTAssertEqual(object["time_to_detect"] as? Double, 60)
        XCTAssertTrue(object["time_to_resolve"] is NSNull)
    }
}

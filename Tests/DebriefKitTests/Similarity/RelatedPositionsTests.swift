@testable import DebriefKit
import XCTest

/// The author's links that computed lists leave out: all at once (the site) and one by one
/// (`debrief similar`) must agree.
final class RelatedPositionsTests: XCTestCase {
    private func pm(_ id: String, related: [String]) -> Postmortem {
        var pm = Postmortem(file: "postmortems/\(id).md", slug: id, id: id, title: id, date: nil, severity: "SEV2", statusText: "final",
                            body: "", bodyFirstLine: 1, hasFrontMatter: true)
        pm.related = related
        return pm
    }

    func test_item1_allAtOnceEqualsOneByOne() {
        // A names B, C names A and itself, D names nothing, two files share the id E (both are
        // named), one has no id, and F names an id nobody has.
        let postmortems = [
            pm("A", related: ["B"]), pm("B", related: []), pm("C", related: ["A", "C"]), pm("D", related: []),
            pm("E", related: []), pm("E", related: ["D"]), pm("", related: ["E"]), pm("F", related: ["X", ""]),
        ]
        let all = SimilarReport.relatedPositionsForAll(in: postmortems)
        for position in postmortems.indices {
            XCTAssertEqual(all[position], SimilarReport.relatedPositions(of: position, in: postmortems), "position \(position)")
        }
        XCTAssertEqual(all[0], [1, 2])
        XCTAssertEqual(all[2], [0])
        XCTAssertEqual(all[3], [5])
        XCTAssertEqual(all[6], [4, 5])
        XCTAssertEqual(all[7], [])
    }
}

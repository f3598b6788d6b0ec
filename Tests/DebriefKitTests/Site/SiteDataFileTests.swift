import DebriefKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// `api/postmortems.json` and `feed.xml` (the search index has `SearchIndexTests`).
final class SiteDataFileTests: XCTestCase {
    func testPostmortemsJSONHasExactlyTheDocumentedShape() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example)
        let data = Data(try XCTUnwrap(site.pages["api/postmortems.json"]))
        let array = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        XCTAssertEqual(array.count, 6)
        for object in array {
            XCTAssertEqual(Set(object.keys), ["id", "title", "date", "severity", "status", "services", "tags", "url", "imported", "reviewers", "approved_by", "approved", "publishing",
                                             "metrics", "actions", "timeline", "fields", "similar", "recurrences"])
            for entry in try XCTUnwrap(object["timeline"] as? [[String: Any]]) {
                XCTAssertEqual(Set(entry.keys), ["at", "end", "text", "approximate", "day_only"])
            }
            let metrics = try XCTUnwrap(object["metrics"] as? [String: Any])
            XCTAssertEqual(Set(metrics.keys), ["time_to_detect", "time_to_mitigate", "time_to_resolve"])
            for action in try XCTUnwrap(object["actions"] as? [[String: Any]]) {
                XCTAssertEqual(Set(action.keys), ["key", "id", "action", "owner", "due", "status", "sops", "ticket", "ticket_url", "untracked"])
            }
        }
        let payments = try XCTUnwrap(array.first { $0["id"] as? String == "INC-2026-002" })
        XCTAssertEqual(payments["url"] as? String, "postmortems/2026-03-14-payment-timeouts.html")
        XCTAssertEqual(payments["date"] as? String, "2026-03-14")
        XCTAssertEqual(payments["status"] as? String, "final")
        XCTAssertEqual(payments["services"] as? [String], ["payments", "checkout"])
        let metrics = try XCTUnwrap(payments["metrics"] as? [String: Any])
        XCTAssertEqual(metrics["time_to_detect"] as? Int, 420)
        XCTAssertEqual(metrics["time_to_resolve"] as? Int, 15_240)
        let actions = try XCTUnwrap(payments["actions"] as? [[String: Any]])
        let pa4 = try XCTUnwrap(actions.first { $0["id"] as? String == "PA-4" })
        XCTAssertEqual(pa4["key"] as? String, "INC-2026-002/PA-4")
        XCTAssertEqual(pa4["owner"] as? String, "marco")
        XCTAssertEqual(pa4["due"] as? String, "2026-06-30")
        XCTAssertEqual(pa4["status"] as? String, "open")
        XCTAssertEqual(pa4["sops"] as? [String], ["load-balancer-failover", "db/database-restore"])
        XCTAssertEqual(pa4["ticket"] as? String, "OPS-1304")
        let timeline = try XCTUnwrap(payments["timeline"] as? [[String: Any]])
        XCTAssertEqual(timeline.first?["at"] as? String, "2026-03-14T22:05:00Z")
        XCTAssertEqual(timeline.last?["at"] as? String, "2026-03-15T02:45:00Z", "times after midnight are on 15 March")
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("[\n{\"id\":\""), "keys in the documented order, one post-mortem to a line")
        XCTAssertEqual(text.split(separator: "\n").count, 6 + 2)
    }

    func testAtomFeedIsWellFormedAndHasNoBuildTime() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example)
        let feed = try XCTUnwrap(site.pages["feed.xml"])
        let document = try XMLDocument(data: Data(feed))
        let root = try XCTUnwrap(document.rootElement())
        XCTAssertEqual(root.name, "feed")
        XCTAssertEqual(root.elements(forName: "entry").count, 6)
        let updated = try XCTUnwrap(root.elements(forName: "updated").first?.stringValue)
        XCTAssertEqual(updated, "2026-11-18T15:55:00Z", "the newest entry's update, never the build time")
        XCTAssertTrue(String(decoding: feed, as: UTF8.self).contains("<id>urn:debrief:postmortem:INC-2026-006</id>"))
    }
}

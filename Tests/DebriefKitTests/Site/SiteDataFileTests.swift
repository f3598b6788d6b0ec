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

    /// The API file is made and written in pieces of 512 post-mortems; across the seams it is
    /// one JSON document, in order, and a rebuild that changes it leaves no piece behind.
    func testPostmortemsJSONWrittenInPiecesIsOneDocument() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.repo("clean-minimal"), into: temp)
        let folder = repo.appendingPathComponent("postmortems")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(file))
        }
        let count = 2 * 512 + 6
        func write(_ number: Int, title: String) throws {
            let text = "---\nid: INC-\(number)\ntitle: \(title)\ndate: 2026-03-14\nseverity: SEV2\nstatus: final\n---\n## Summary\n\nCheckout failed.\n"
            try text.write(to: folder.appendingPathComponent(String(format: "2026-03-14-inc-%04d.md", number)), atomically: false, encoding: .utf8)
        }
        for number in 1...count { try write(number, title: "Checkout down \(number)") }
        let output = temp.appendingPathComponent("site")
        let staged = output.appendingPathComponent(".debrief-cache/api-postmortems.json.part")
        func api() throws -> (text: String, ids: [String]) {
            let data = try Data(contentsOf: output.appendingPathComponent("api/postmortems.json"))
            let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            return (String(decoding: data, as: UTF8.self), rows.compactMap { $0["id"] as? String })
        }
        func build() throws {
            _ = try SiteBuilder(options: BuildOptions(root: repo, output: output, asOf: SiteFixture.asOf)).build()
        }

        try build()
        let first = try api()
        XCTAssertEqual(first.ids.count, count)
        XCTAssertEqual(Set(first.ids).count, count)
        XCTAssertEqual(first.text.split(separator: "\n", omittingEmptySubsequences: false).count, count + 3,
                       "[, one line per post-mortem, ], and the final newline")
        XCTAssertTrue(first.text.hasPrefix("[\n{\"id\":\"INC-"))
        XCTAssertTrue(first.text.hasSuffix("}\n]\n"))
        XCTAssertFalse(first.text.contains("\n\n") || first.text.contains(",\n,") || first.text.contains("}{"), "no seam shows")
        XCTAssertFalse(FileManager.default.fileExists(atPath: staged.path))

        // One title changes: the file is written again, whole, and nothing is left staged.
        try write(700, title: "Checkout down again")
        try build()
        let second = try api()
        XCTAssertEqual(second.ids, first.ids)
        let (_, fresh) = try SiteFixture.build(repo)
        XCTAssertEqual(second.text, fresh.text("api/postmortems.json"), "the rebuilt file is what a full build writes")
        XCTAssertTrue(second.text.contains("\"title\":\"Checkout down again\""))
        XCTAssertFalse(FileManager.default.fileExists(atPath: staged.path))
        XCTAssertFalse(fresh.files.keys.contains { $0.hasSuffix(".part") })

        // Nothing changed in the file (a new day, no deadlines): it is kept, the piece dropped.
        _ = try SiteBuilder(options: BuildOptions(root: repo, output: output, asOf: CalendarDate("2026-12-02"))).build()
        XCTAssertEqual(try api().text, second.text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: staged.path))
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

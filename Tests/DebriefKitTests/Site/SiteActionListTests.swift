import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The actions page is one paginated list of every action, filtered in the browser over the
/// action data files; SOP and term pages link into it instead of repeating action tables.
final class SiteActionListTests: XCTestCase {
    /// A repo of `count` post-mortems with `actions` actions each, every third action naming the
    /// SOP `restore`; `text` makes each action's text.
    private func repo(postmortems count: Int, actions: Int, text: (Int, Int) -> String = { "Fix part \($1) of \($0)" }) throws -> URL {
        let root = try SiteFixture.temporaryFolder(self)
        try FixtureRepo.writeActionsRepo(at: root, postmortems: count, actions: actions) { number, action in
            FixtureRepo.ActionRow(text: text(number, action), due: "2026-06-01", status: action % 2 == 0 ? "done" : "open")
        }
        return root
    }

    /// The rows of the action data, in list order, and the meta object.
    private func actionData(_ site: MemorySiteWriter) throws -> (meta: [String: Any], rows: [[Any]], shards: [String]) {
        let metaText = site.page("actions-data/meta.js")
        let prefix = "window.DEBRIEF_ACTION_META = "
        XCTAssertTrue(metaText.hasPrefix(prefix))
        XCTAssertTrue(metaText.hasSuffix(";\n"))
        let meta = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(metaText.dropFirst(prefix.count).dropLast(2).utf8)) as? [String: Any])
        let count = try XCTUnwrap(meta["shards"] as? Int)
        var rows: [[Any]] = []
        var shards: [String] = []
        for number in 0..<count {
            let text = site.page("actions-data/\(number).js")
            let head = "(window.DEBRIEF_ACTION_SHARDS = window.DEBRIEF_ACTION_SHARDS || [])[\(number)] = "
            XCTAssertTrue(text.hasPrefix(head), String(text.prefix(80)))
            XCTAssertTrue(text.hasSuffix(";\n"))
            let array = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.dropFirst(head.count).dropLast(2).utf8)) as? [[Any]])
            rows += array
            shards.append(text)
        }
        XCTAssertNil(site.pages["actions-data/\(count).js"])
        return (meta, rows, shards)
    }

    private func rowKeys(_ page: String) -> [String] {
        page.components(separatedBy: "<small class=\"action-key\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    func test_item1_noFilterPagesAndEveryActionOnceInThePaginatedList() throws {
        let (report, site) = try SiteFixture.build(try repo(postmortems: 210, actions: 5))
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        let actionPages = site.pages.keys.filter { $0.hasPrefix("actions") && $0.hasSuffix(".html") }.sorted()
        XCTAssertEqual(actionPages, ["actions.html", "actions/2.html"], "no page per status, owner or service")
        let keys = rowKeys(site.page("actions.html")) + rowKeys(site.page("actions/2.html"))
        XCTAssertEqual(keys.count, 1_050)
        XCTAssertEqual(Set(keys).count, 1_050, "every action exactly once")
        XCTAssertTrue(site.page("actions.html").contains("<a href=\"actions/2.html\" rel=\"next\">Next page</a>"))
        XCTAssertTrue(site.page("actions/2.html").contains("Actions 1001–1050 of 1050, page 2 of 2."))
        XCTAssertTrue(site.page("actions.html").contains("filtering it by status, owner, service, tag, SOP or severity needs JavaScript"))
        // The filters sit on the first page and load the data files from there.
        XCTAssertTrue(site.page("actions.html").contains("<form id=\"action-filters\" class=\"filters\" data-src=\"actions-data/meta.js\" hidden>"))
        XCTAssertFalse(site.page("actions/2.html").contains("id=\"action-filters\""))
        // The data lists the same actions in the same order.
        let data = try actionData(site)
        XCTAssertEqual(data.rows.map { $0[0] as? String }, keys)
        XCTAssertEqual(data.meta["total"] as? Int, 1_050)
        // The dashboard's overdue count links to the filtered list.
        XCTAssertTrue(site.page("index.html").contains("href=\"actions.html?status=overdue\""))
    }

    func test_item1_actionDataIsShardedAndCannotBreakOutOfItsScript() throws {
        let hostile = "Close </script><script>alert(1)</script> & \"quote\" 'single' <b> \\ line\u{2028}para\u{2029}end"
        let long = String(repeating: "x", count: 4_000)
        let root = try repo(postmortems: 30, actions: 10) { number, action in
            action == 1 ? "\(hostile) \(number)" : "\(long) \(number)-\(action)"
        }
        let (report, site) = try SiteFixture.build(root)
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        let data = try actionData(site)
        XCTAssertEqual(data.rows.count, 300)
        XCTAssertGreaterThanOrEqual(data.shards.count, 2, "1.2 MB of actions takes more than one shard")
        for shard in data.shards {
            XCTAssertLessThanOrEqual(shard.utf8.count, 1_000_000)
            XCTAssertFalse(shard.contains("</"), "no text can end a script element")
            XCTAssertFalse(shard.contains("\u{2028}") || shard.contains("\u{2029}"), "line separators would end a JavaScript string")
        }
        // What the data says is what the JSON API says, byte for byte.
        let api = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try XCTUnwrap(site.pages["api/postmortems.json"]))) as? [[String: Any]])
        let texts = Dictionary(uniqueKeysWithValues: api.flatMap { ($0["actions"] as? [[String: Any]]) ?? [] }.compactMap { action in
            (action["key"] as? String).map { ($0, action["action"] as? String ?? "") }
        })
        let first = try XCTUnwrap(data.rows.first { ($0[0] as? String) == "INC-7/PA-1" })
        XCTAssertEqual(first[1] as? String, texts["INC-7/PA-1"])
        XCTAssertTrue((first[1] as? String)?.contains("</script><script>alert(1)</script>") ?? false, "\(first[1])")
        XCTAssertTrue((first[1] as? String)?.contains("line\u{2028}para\u{2029}end") ?? false)
        // Lookups: the SOP and the post-mortem of a row.
        let sops = try XCTUnwrap(data.meta["sops"] as? [[String]])
        XCTAssertEqual(sops, [["restore", "Restore", "sops/restore.html"]])
        let third = try XCTUnwrap(data.rows.first { ($0[0] as? String) == "INC-7/PA-3" })
        XCTAssertEqual(third[7] as? [Int], [0])
        let postmortems = try XCTUnwrap(data.meta["postmortems"] as? [[Any]])
        let pm = try XCTUnwrap(postmortems[try XCTUnwrap(third[6] as? Int)] as [Any])
        XCTAssertEqual(pm[0] as? String, "INC-7")
        XCTAssertEqual(pm[1] as? String, "postmortems/inc-7.html")
    }

    func test_item2_sopPageListsABoundedNumberOfActionsAndLinksToTheRest() throws {
        // 40 post-mortems × 3 actions naming the SOP: 40 actions, 25 shown.
        let (report, site) = try SiteFixture.build(try repo(postmortems: 40, actions: 3))
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        let page = site.page("sops/restore.html")
        XCTAssertEqual(rowKeys(page).count, 25)
        XCTAssertTrue(page.contains("open first: the first 25 of 40."), page)
        XCTAssertTrue(page.contains("<a href=\"../actions.html?sop=restore\">All 40 actions for this SOP</a>"))
        // Without JavaScript every incident that touched it is still listed, with its own actions.
        XCTAssertEqual(page.components(separatedBy: "<li><a href=\"../postmortems/inc-").count - 1, 40)
    }

    func test_item2_termPagesCountActionsAndPaginateWithoutActionTables() throws {
        let (report, site) = try SiteFixture.build(try repo(postmortems: 420, actions: 1))
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        // 210 post-mortems tagged tag-0: a page of 200 and one of 10.
        let first = site.page("tags/tag-0.html")
        let second = site.page("tags/tag-0/2.html")
        XCTAssertNil(site.pages["tags/tag-0/3.html"])
        XCTAssertFalse(first.contains("<table"), "no action table on a term page")
        XCTAssertEqual(first.components(separatedBy: "<li><a href=\"../postmortems/inc-").count - 1, 200)
        XCTAssertEqual(second.components(separatedBy: "<li><a href=\"../../postmortems/inc-").count - 1, 10)
        XCTAssertTrue(first.contains("<a href=\"../tags/tag-0/2.html\" rel=\"next\">Next page</a>"), first)
        XCTAssertTrue(second.contains("Post-mortems 201–210 of 210, page 2 of 2."))
        XCTAssertTrue(first.contains("Their preventive actions: 210 open of 210"), first)
        XCTAssertTrue(first.contains("<a href=\"../actions.html?tag=tag-0\">See them in the action list</a>"))
        XCTAssertTrue(site.page("services/svc-1.html").contains("<a href=\"../actions.html?service=svc-1\">"))
        XCTAssertTrue(site.page("severities/sev1.html").contains("<a href=\"../actions.html?severity=sev1\">"))
    }
}

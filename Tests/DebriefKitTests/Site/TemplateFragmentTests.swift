@testable import DebriefKit
import DebriefTestSupport
import XCTest

/// A fragment is rendered once with a marker for the root and kept; given back for a page, it
/// must be what rendering its template with that page's root writes.
final class TemplateFragmentTests: XCTestCase {
    /// An action row with its root in two links (the post-mortem and an SOP), and one without.
    static let rowWithRoots: [String: TemplateValue] = [
        "status": "open", "statusLabel": "Open", "action": "Raise the pool <limit>", "key": "INC-1/PA-1",
        "hasOwner": true, "owner": "dana", "hasDue": true, "due": "2026-03-01",
        "postmortem": .object(["url": "postmortems/inc-1.html", "id": "INC-1", "severity": "SEV2", "severityLevel": "2"]),
        "hasSOPs": true, "sops": .list([.object(["hasPage": true, "url": "sops/pool.html", "title": "Pool"])]),
    ]
    static let rowWithoutRoots: [String: TemplateValue] = ["status": "done", "statusLabel": "Done", "action": "Nothing linked", "inPostmortem": true, "id": "PA-2"]

    func testAFragmentAtAnyDepthIsItsTemplateRenderedWithThatRoot() throws {
        let templates = try TemplateSet.load(root: try SiteFixture.temporaryFolder(self))
        for fields in [Self.rowWithRoots, Self.rowWithoutRoots] {
            let fragment = TemplateFragment(template: "action-row", templates: templates, baseURL: nil) { fields }
            for depth in 0...3 {
                var model = fields
                model["root"] = .string(String(repeating: "../", count: depth))
                var expected = try XCTUnwrap(templates.render("action-row", .object(model)))
                if expected.hasSuffix("\n") { expected.removeLast() }
                XCTAssertEqual(fragment.html(depth: depth), expected, "depth \(depth)")
                XCTAssertEqual(TemplateFragment.join([fragment, fragment], depth: depth), expected + "\n" + expected + "\n")
            }
        }
        let withRoots = TemplateFragment(template: "action-row", templates: templates, baseURL: nil) { Self.rowWithRoots }
        XCTAssertTrue(withRoots.html(depth: 2).contains("href=\"../../postmortems/inc-1.html\""))
        XCTAssertTrue(withRoots.html(depth: 2).contains("href=\"../../sops/pool.html\""))
        XCTAssertFalse(withRoots.html(depth: 2).contains(TemplateFragment.rootMarker))
    }

    func testABaseURLIsTheRootOfEveryPage() throws {
        let templates = try TemplateSet.load(root: try SiteFixture.temporaryFolder(self))
        let fragment = TemplateFragment(template: "action-row", templates: templates, baseURL: "https://kb.example.com/") { Self.rowWithRoots }
        XCTAssertEqual(fragment.html(depth: 0), fragment.html(depth: 3))
        XCTAssertTrue(fragment.html(depth: 3).contains("href=\"https://kb.example.com/postmortems/inc-1.html\""))
    }
}

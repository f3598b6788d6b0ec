@testable import DebriefKit
import XCTest

final class HeadingAnchorsTests: XCTestCase {
    func test_slugLikeGitHub() {
        XCTAssertEqual(HeadingAnchors.slug("Root Cause"), "root-cause")
        XCTAssertEqual(HeadingAnchors.slug("What's next?"), "whats-next")
        XCTAssertEqual(HeadingAnchors.slug("Step 2: fail_over the LB"), "step-2-fail_over-the-lb")
        XCTAssertEqual(HeadingAnchors.slug("Über uns — 2026"), "über-uns--2026")
        XCTAssertEqual(HeadingAnchors.slug("  Two  spaces "), "--two--spaces-")
        XCTAssertEqual(HeadingAnchors.slug("!!!"), "")
    }

    func test_repeatedHeadingsGetNumbers() {
        XCTAssertEqual(HeadingAnchors.uniqueSlugs(["Notes", "Impact", "Notes", "notes"]), ["notes", "impact", "notes-1", "notes-2"])
    }

    func test_appliedToRenderedHeadings() {
        let html = CMark.process("# Title\n\n## Root Cause\n\ntext\n\n## Root Cause\n", RenderRequest(options: .site, anchorHeadings: true)).html
        XCTAssertEqual(html, "<h1 id=\"title\">Title</h1>\n<h2 id=\"root-cause\">Root Cause</h2>\n<p>text</p>\n<h2 id=\"root-cause-1\">Root Cause</h2>\n")
    }

    func test_leftAloneWhenRawHTMLHeadingsBreakThePairing() {
        let html = HeadingAnchors.apply(to: "<h2>Raw</h2>\n<h2>Real</h2>\n", headings: ["Real"])
        XCTAssertEqual(html, "<h2>Raw</h2>\n<h2>Real</h2>\n")
    }
}

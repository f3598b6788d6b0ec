import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The post-mortem page: the rich views (visual timeline, action tracker) stand where the
/// author wrote the timeline and the actions, once, and carry everything the author wrote.
final class PostmortemPageTests: XCTestCase {
    /// A post-mortem whose timeline is a table with an extra column, a note, a day heading and
    /// a list with a nested note, and whose actions table has an extra column and a note.
    static let postmortem = """
    ---
    id: INC-7
    title: Payments down
    date: 2026-03-14
    severity: SEV1
    status: final
    started: 2026-03-14T22:31:00+00:00
    detected: 2026-03-14T22:38:00+00:00
    mitigated: 2026-03-15T00:52:00+00:00
    resolved: 2026-03-15T02:45:00+00:00
    ---
    # Payments down

    ## Summary

    Payments failed.

    ## Timeline

    All times UTC. NOTE-BEFORE-TABLE.

    | Time  | Event | Source |
    |-------|-------|--------|
    | 22:05 | Newsletter sent; HPA scales `payments-api` to 28 | SRC-MAILER |
    | 22:31 | Primary refuses connections, see [the graph](https://grafana.example.com/d/1) | SRC-PG |
    | 22:38 | Alert *pages* on-call [x](javascript:alert(1)) <script>alert(2)</script> | |

    NOTE-BETWEEN-BLOCKS.

    ### 15 March

    - 00:52 Error rate at **baseline**; mitigated
      - NESTED-NOTE about the rollback
    - 02:45 Replica caught up

    ## Preventive Actions

    | ID | Action | Owner | Due | Status | Ticket | Notes |
    |----|--------|-------|-----|--------|--------|-------|
    | PA-1 | Put PgBouncer in front | @dana | 2026-04-30 | done | OPS-1 | EXTRA-NOTE-ONE |
    | PA-2 | Alert on connection count | @marco | 2026-05-15 | open | OPS-2 | |

    ACTIONS-NOTE after the table.

    ## Lessons Learned

    Budget connections.
    """

    private func buildPage(_ postmortem: String = PostmortemPageTests.postmortem, config: String = "",
                           templates: [String: String] = [:], allowErrors: Bool = false) throws -> String {
        let root = try SiteFixture.temporaryFolder(self).appendingPathComponent("repo")
        for (name, text) in templates {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
            try text.write(to: root.appendingPathComponent("templates/\(name)"), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("postmortems"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sops"), withIntermediateDirectories: true)
        try ("title: Test\nrequired_sections: [Summary]\n" + config).write(to: root.appendingPathComponent("debrief.yml"), atomically: true, encoding: .utf8)
        try postmortem.write(to: root.appendingPathComponent("postmortems/2026-03-14-payments.md"), atomically: true, encoding: .utf8)
        let (_, writer) = try SiteFixture.build(root, allowErrors: allowErrors)
        return writer.page("postmortems/2026-03-14-payments.html")
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The HTML between the start of the section headed `id` and the next `<h2`.
    private func section(_ id: String, of page: String) -> String {
        guard let start = page.range(of: "<h2 id=\"\(id)\"") else { return "" }
        let rest = page[start.upperBound...]
        let end = rest.range(of: "<h2")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    func test_item1_timelineAndActionsAreShownOnceWhereTheAuthorWroteThem() throws {
        let page = try buildPage()
        // Every event and action once.
        for text in ["Newsletter sent", "Primary refuses connections", "Replica caught up", "Error rate at", "Put PgBouncer in front",
                     "Alert on connection count"] {
            XCTAssertEqual(count(text, in: page), 1, "'\(text)' should appear once")
        }
        // The rich views replace the author's table and list inside their sections.
        let timeline = section("timeline", of: page)
        XCTAssertTrue(timeline.contains("<ol class=\"timeline\""), timeline)
        XCTAssertFalse(timeline.contains("<table"), "the author's timeline table is replaced")
        XCTAssertTrue(timeline.contains("tl-mitigated"), "the milestone mark is on the row")
        let actions = section("preventive-actions", of: page)
        XCTAssertTrue(actions.contains("actions-table"), actions)
        XCTAssertEqual(count("<table", in: actions), 1, "one table: the tracker")
        XCTAssertTrue(actions.contains("1 of 2 preventive actions open"), actions)
        // Nothing the author wrote is lost: notes, extra columns (labelled), nested notes.
        for text in ["NOTE-BEFORE-TABLE", "NOTE-BETWEEN-BLOCKS", "NESTED-NOTE", "ACTIONS-NOTE"] {
            XCTAssertEqual(count(text, in: page), 1, "'\(text)' should appear once")
        }
        XCTAssertTrue(timeline.contains("<span class=\"tl-label\">Source</span> SRC-MAILER"), timeline)
        XCTAssertTrue(timeline.contains("SRC-PG"))
        XCTAssertTrue(actions.contains("<span class=\"tl-label\">Notes</span> EXTRA-NOTE-ONE"), actions)
        // The order of the author's text is kept: note, table rows, note, day heading, list.
        let order = ["NOTE-BEFORE-TABLE", "Newsletter sent", "NOTE-BETWEEN-BLOCKS", "15 March", "Replica caught up"].compactMap {
            timeline.range(of: $0)?.lowerBound
        }
        XCTAssertEqual(order.count, 5)
        XCTAssertEqual(order, order.sorted())
        // One table of contents entry each, and no separate sections any more.
        XCTAssertFalse(page.contains("Action tracker"))
        XCTAssertFalse(page.contains("Incident timeline"))
        XCTAssertFalse(page.contains("id=\"debrief-timeline\""))
        XCTAssertEqual(count("href=\"#timeline\"", in: page), 2, "the table of contents and the heading's own anchor")
    }

    func test_item2_visualTimelineKeepsInlineMarkdownSafely() throws {
        let page = try buildPage()
        let timeline = section("timeline", of: page)
        XCTAssertTrue(timeline.contains("HPA scales <code>payments-api</code> to 28"), timeline)
        XCTAssertTrue(timeline.contains("<a href=\"https://grafana.example.com/d/1\">the graph</a>"), timeline)
        XCTAssertTrue(timeline.contains("Alert <em>pages</em> on-call"), timeline)
        XCTAssertTrue(timeline.contains("at <strong>baseline</strong>; mitigated"), timeline)
        // The body's safety rules: no raw HTML, no javascript: links.
        XCTAssertFalse(page.contains("<script>alert(2)"))
        XCTAssertFalse(page.lowercased().contains("javascript:"))
        // The time is shown once per row, by the rich view, not again in the event.
        XCTAssertFalse(timeline.contains("22:05 Newsletter") || timeline.contains(">22:05 |"))
        XCTAssertTrue(timeline.contains("00:52"))
        XCTAssertFalse(timeline.contains("</small>00:52"), "the list item's time is not repeated in its text")
    }

    /// The example's post-mortem with its actions written as `task` and its timeline table as `timeline`.
    private func variant(actions: String, timeline: String? = nil) -> String {
        var text = Self.postmortem
        let start = text.range(of: "| ID | Action |")!.lowerBound
        let end = text.range(of: "ACTIONS-NOTE")!.lowerBound
        text.replaceSubrange(start..<end, with: actions + "\n\n")
        if let timeline {
            let from = text.range(of: "| Time  | Event |")!.lowerBound
            let to = text.range(of: "NOTE-BETWEEN-BLOCKS")!.lowerBound
            text.replaceSubrange(from..<to, with: timeline + "\n\n")
        }
        return text
    }

    func test_item1_aPlainTaskListBecomesTheTrackerAndOneWithNotesStaysAsWritten() throws {
        let plain = try buildPage(variant(actions: "- [x] PA-1 Put PgBouncer in front (@dana, due 2026-04-30)\n- [ ] PA-2 Alert on connection count (@marco, due 2026-05-15)"))
        let actions = section("preventive-actions", of: plain)
        XCTAssertTrue(actions.contains("actions-table"), actions)
        XCTAssertFalse(actions.contains("type=\"checkbox\""), "the task list is replaced")
        XCTAssertEqual(count("Put PgBouncer in front", in: plain), 1)

        // A note under a task has no place in the tracker: the list stays, once, and no tracker repeats it.
        let notes = try buildPage(variant(actions: "- [x] PA-1 Put PgBouncer in front (@dana, due 2026-04-30)\n  - TASK-NOTE kept\n- [ ] PA-2 Alert on connection count (@marco, due 2026-05-15)"))
        let kept = section("preventive-actions", of: notes)
        XCTAssertTrue(kept.contains("TASK-NOTE kept"), kept)
        XCTAssertEqual(count("Put PgBouncer in front", in: notes), 1)
        XCTAssertFalse(kept.contains("actions-table"))
    }

    func test_item1_aRowWithoutAReadableTimeKeepsItsWordsInTheTimeline() throws {
        // A row whose time cannot be read is an entry without an instant: the visual timeline
        // shows its time as written.
        let page = try buildPage(variant(actions: "| ID | Action | Owner | Due | Status |\n|----|----|----|----|----|\n| PA-1 | Put PgBouncer in front | @dana | 2026-04-30 | done |",
                                         timeline: "| Time | Event |\n|----|----|\n| 22:05 | Newsletter sent |\n| later that night | ODD-ROW nobody timed |"), allowErrors: true)
        let timeline = section("timeline", of: page)
        XCTAssertEqual(count("ODD-ROW nobody timed", in: page), 1)
        XCTAssertEqual(count("Newsletter sent", in: page), 1)
        XCTAssertTrue(timeline.contains("later that night"), timeline)
    }

    func test_item1_aRepositoryTemplateGetsTheWholeBodyWithoutMarks() throws {
        let page = try buildPage(templates: ["postmortem.mustache": "<main>{{{bodyHTML}}}</main>{{#timeline}}<i>{{text}}</i>{{/timeline}}"])
        XCTAssertFalse(page.contains("<!--debrief:"))
        XCTAssertFalse(page.contains("<!--/debrief"))
        XCTAssertTrue(page.contains("<td>SRC-MAILER</td>"), "the author's table, as written")
        XCTAssertTrue(page.contains("<i>Newsletter sent; HPA scales payments-api to 28 — SRC-MAILER</i>"), page)
    }

    func test_item1_rawHTMLThatAddsTablesLeavesTheBodyUnmarked() throws {
        // With unsafe HTML an author's own <table> would shift the count: nothing is replaced,
        // nothing is lost.
        let text = Self.postmortem.replacingOccurrences(of: "Payments failed.", with: "Payments failed.\n\n<table><tr><td>RAW</td></tr></table>")
        let page = try buildPage(text, config: "unsafe_html: true\n")
        XCTAssertTrue(page.contains("RAW"))
        XCTAssertEqual(count("Newsletter sent", in: page), 1)
        XCTAssertEqual(count("Put PgBouncer in front", in: page), 1)
        XCTAssertFalse(page.contains("<!--debrief:"))
    }
}

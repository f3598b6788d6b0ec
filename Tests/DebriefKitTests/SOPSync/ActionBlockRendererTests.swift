@testable import DebriefKit
import XCTest

final class ActionBlockRendererTests: XCTestCase {
    func testTableOrdersOpenByDueThenDoneThenWontDo() {
        let actions = [
            linked("INC-1", "PA-1", .done, due: "2026-01-01"),
            linked("INC-1", "PA-2", .open, due: ""),
            linked("INC-1", "PA-3", .wontDo, due: "2025-01-01"),
            linked("INC-1", "PA-4", .inProgress, due: "2026-05-01"),
            linked("INC-2", "PA-1", .open, due: "2026-03-01"),
            linked("INC-2", "PA-2", .open, due: "2026-05-01"),
            linked("INC-2", "PA-3", nil, statusText: "blocked", due: "2026-04-01"),
        ]
        let keys = ActionBlockRenderer.ordered(actions).map(\.action.key)
        XCTAssertEqual(keys, ["INC-2/PA-1", "INC-2/PA-3", "INC-1/PA-4", "INC-2/PA-2", "INC-1/PA-2", "INC-1/PA-1", "INC-1/PA-3"])
    }

    func testRendersTheTableWithARelativeLinkFromTheSOP() {
        let out = ActionBlockRenderer().render([linked("INC-1", "PA-1", .open, due: "2026-03-01", title: "Queue (stuck)", file: "postmortems/2026/queue stuck.md")],
                                               sopFile: "sops/db/restore.md")
        XCTAssertEqual(out, """

            Preventive actions from the post-mortems that name this SOP. _Written by `debrief sync`: change the post-mortem, not this table._

            | Status | Key | Action | Owner | Due | Post-mortem |
            | --- | --- | --- | --- | --- | --- |
            | open | INC-1/PA-1 | Do it | lena | 2026-03-01 | [Queue (stuck)](../../postmortems/2026/queue%20stuck.md) |


            """)
    }

    func testCellsAreEscaped() {
        let out = ActionBlockRenderer().render([linked("INC-1", "PA-1", .open, due: "", text: "Use a | b\nand `x` *not* <b> [link] a_b _c_ &amp; & more")],
                                               sopFile: "sops/a.md")
        XCTAssertTrue(out.contains(#"| open | INC-1/PA-1 | Use a \| b and \`x\` \*not\* \<b\> \[link\] a_b \_c\_ \&amp; & more | lena | — |"#), out)
    }

    func testNoActionsSaysSo() {
        XCTAssertEqual(ActionBlockRenderer().render([], sopFile: "sops/a.md"),
                       "\nNo preventive action names this SOP any more. _Written by `debrief sync`._\n\n")
    }

    func testRenderedTableParsesAsATableWithOneRowPerAction() {
        let out = ActionBlockRenderer().render([
            linked("INC-1", "PA-1", .open, due: "2026-03-01", text: "a | b"),
            linked("INC-1", "PA-2", .done, due: "2026-03-02", text: "line\nbreak"),
        ], sopFile: "sops/a.md")
        let html = CMark.html(out, options: .site)
        XCTAssertEqual(html.components(separatedBy: "<tr>").count - 1, 3, html)
        XCTAssertTrue(html.contains("<td>a | b</td>"), html)
    }
}

func linked(_ postmortem: String, _ id: String, _ status: ActionStatus?, statusText: String? = nil, due: String,
            text: String = "Do it", owner: String = "lena", title: String = "Title", file: String = "postmortems/x.md") -> LinkedAction {
    let action = PreventiveAction(
        postmortemID: postmortem, postmortemFile: file, id: id, action: text, owner: owner,
        dueText: due, due: CalendarDate(due), statusText: statusText ?? status?.rawValue ?? "", status: status,
        sops: [], ticket: nil, type: nil, location: SourceLocation(file: file, line: 10), cellLocations: [:])
    return LinkedAction(action: action, postmortemTitle: title)
}

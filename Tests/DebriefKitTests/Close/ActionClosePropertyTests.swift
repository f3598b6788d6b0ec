@testable import DebriefKit
import DebriefTestSupport
import XCTest

/// Random post-mortems from a seeded generator: LF or CRLF, with or without a byte order mark,
/// action tables with or without outer pipes, aligned or tight, escaped pipes and non-ASCII in
/// their cells, a Ticket column or none, tables in a block quote, and task lists. For every
/// action closed, only the bytes of its Status cell (and its empty Ticket cell, for a commit)
/// or its checkbox differ, and the post-mortem reads back with that one status changed.
final class ActionClosePropertyTests: XCTestCase {
    func test_item1_closeChangesOnlyTheOwnedBytes() throws {
        var random = SplitMix64(seed: 0xC105E)
        let commit = String(repeating: "ab12", count: 10)
        var edits = 0
        for iteration in 0..<120 {
            let sample = RandomPostmortem.make(&random)
            let base = try RepositoryLoader().load(tree: MemoryTree(entries: [sample.file: .file(size: Int64(sample.bytes.count), bytes: sample.bytes)]),
                                                   root: URL(fileURLWithPath: "/nowhere"))
            let message = "#\(iteration)\n\(String(decoding: sample.bytes, as: UTF8.self).debugDescription)"
            let actions = base.postmortems.flatMap(\.actions)
            XCTAssertEqual(actions.map(\.id), sample.ids, message)
            for action in actions {
                let status: ActionStatus = Bool.random(using: &random) ? .done : .wontDo
                let withCommit = Bool.random(using: &random)
                let outcome = ActionClose.plan(base, key: action.key, status: status, commit: withCommit ? commit : nil) { _ in sample.bytes }
                if action.status == status {
                    guard case .already = outcome else { return XCTFail("\(action.key) is already \(status): \(outcome) \(message)") }
                    continue
                }
                guard case .edit(let edit) = outcome else { return XCTFail("\(action.key): \(outcome) \(message)") }
                edits += 1
                assertOnlyOwnedBytesDiffer(edit, sample: sample, action: action, status: status, message: "\(action.key) \(message)")
            }
        }
        XCTAssertGreaterThan(edits, 150)
    }

    /// A task item's checkbox says open or done; a `status:` field outranks it and is changed
    /// in place; `wont-do` and a commit go into its closing fields, or a parenthesis of their
    /// own. An item whose fields sit on another line is refused, not half-written.
    func test_item1_aTaskListItemTakesEitherStatusAndACommitInItsFields() throws {
        let text = RandomPostmortem.frontMatter + "## Preventive Actions\n\n- [ ] PA-1 Rehearse failover (@lena, due 2026-05-15)\n"
            + "- [ ] PA-2 Pin the version (@max, due 2026-05-15, Status: In-progress)\n"
            + "- [ ] PA-4 Page the team\n  (@dana, due 2026-06-01, status: in-progress)\n"
            + "- [ ] PA-5 Rotate keys (@ana, due 2026-05-15, OPS-12)\n"
        let (bytes, base) = try Self.repository(text)
        func closed(_ key: String, _ status: ActionStatus, commit: String? = nil, line: UInt = #line) throws -> ActionClose.Edit {
            let outcome = ActionClose.plan(base, key: key, status: status, commit: commit, read: { _ in bytes })
            guard case .edit(let edit) = outcome else { throw FixtureError("\(key) did not close: \(outcome)") }
            return edit
        }
        func changed(_ edit: ActionClose.Edit, _ old: String, _ new: String, line: UInt = #line) {
            XCTAssertTrue(text.contains(old), old, line: line)
            XCTAssertEqual(String(decoding: edit.new, as: UTF8.self), text.replacingOccurrences(of: old, with: new), line: line)
        }
        changed(try closed("INC-2026-010/PA-1", .wontDo), "failover (@lena, due 2026-05-15)", "failover (@lena, due 2026-05-15, status: wont-do)")
        let done = try closed("inc-2026-010/pa-1", .done, commit: "c0ffee")
        changed(done, "- [ ] PA-1 Rehearse failover (@lena, due 2026-05-15)", "- [x] PA-1 Rehearse failover (@lena, due 2026-05-15, ticket: c0ffee)")
        XCTAssertEqual(done.recordedCommit, "c0ffee")
        changed(try closed("INC-2026-010/PA-2", .done), "- [ ] PA-2 Pin the version (@max, due 2026-05-15, Status: In-progress)",
                "- [x] PA-2 Pin the version (@max, due 2026-05-15, Status: Done)")
        changed(try closed("INC-2026-010/PA-2", .wontDo), "Status: In-progress)", "Status: Wont-do)")
        let ticketed = try closed("INC-2026-010/PA-5", .done, commit: "c0ffee")
        changed(ticketed, "- [ ] PA-5", "- [x] PA-5")
        XCTAssertEqual(ticketed.commitNotRecorded, "it has a ticket already (OPS-12), and a ticket is never rewritten")
        guard case .cannot(let message) = ActionClose.plan(base, key: "INC-2026-010/PA-4", status: .done, read: { _ in bytes }) else {
            return XCTFail("fields on the item's next line are not rewritten")
        }
        XCTAssertEqual(message, "the edit of INC-2026-010/PA-4 in postmortems/x.md could not be proved: it still reads as 'in-progress'")

        // White space as the parser sees it (a tab, a no-break space) stays; two status fields
        // that agree both change; what the byte scan cannot see (a status inside a link's text)
        // is refused by the read-back rather than written as a second status.
        let spaced = RandomPostmortem.frontMatter + "## Preventive Actions\n\n"
            + "- [ ] PA-1 Tabs\t(@dana,\tdue 2026-06-01,\tstatus:\topen\t)\n"
            + "- [ ] PA-2 Nbsp (@dana, due 2026-06-01, status:\u{00A0}open)\n"
            + "- [ ] PA-3 Twice (@dana, due 2026-06-01, status: open, Status: open)\n"
            + "- [ ] PA-4 Linked ([status: open](http://x), @dana, due 2026-06-01)\n"
        let (spacedBytes, spacedBase) = try Self.repository(spaced)
        func spacedEdit(_ key: String, _ status: ActionStatus) -> String? {
            guard case .edit(let edit) = ActionClose.plan(spacedBase, key: key, status: status, read: { _ in spacedBytes }) else { return nil }
            return String(decoding: edit.new, as: UTF8.self)
        }
        XCTAssertEqual(spacedEdit("INC-2026-010/PA-1", .wontDo), spaced.replacingOccurrences(of: "status:\topen\t)", with: "status:\twont-do\t)"))
        XCTAssertEqual(spacedEdit("INC-2026-010/PA-2", .done),
                       spaced.replacingOccurrences(of: "- [ ] PA-2 Nbsp (@dana, due 2026-06-01, status:\u{00A0}open)", with: "- [x] PA-2 Nbsp (@dana, due 2026-06-01, status:\u{00A0}done)"))
        XCTAssertEqual(spacedEdit("INC-2026-010/PA-3", .wontDo), spaced.replacingOccurrences(of: "status: open, Status: open)", with: "status: wont-do, Status: wont-do)"))
        guard case .cannot(let linked) = ActionClose.plan(spacedBase, key: "INC-2026-010/PA-4", status: .wontDo, read: { _ in spacedBytes }) else {
            return XCTFail("a status the byte scan cannot see is refused")
        }
        XCTAssertTrue(linked.contains("[DB077]"), linked)

        // An item whose closing parenthesis holds no field (an imported one, with no owner or
        // due date) gets a parenthesis of its own.
        let imported = RandomPostmortem.frontMatter.replacingOccurrences(of: "status: final\n", with: "status: final\nimported: true\n")
            + "## Preventive Actions\n\n- [ ] PA-1 Use retries (exponential backoff) \r\n"
        let (importedBytes, importedBase) = try Self.repository(imported)
        let outcome = ActionClose.plan(importedBase, key: "INC-2026-010/PA-1", status: .wontDo, commit: "c0ffee", read: { _ in importedBytes })
        guard case .edit(let own) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(String(decoding: own.new, as: UTF8.self),
                       imported.replacingOccurrences(of: "(exponential backoff) \r\n", with: "(exponential backoff) (status: wont-do, ticket: c0ffee) \r\n"))
    }

    func test_item1_aTableWithTheColumnsOfATaskListIsStillATable() throws {
        let text = RandomPostmortem.frontMatter + "## Preventive Actions\n\n| ID | Action | Owner | Due | Status | SOP | Ticket | Type |\n"
            + "|---|---|---|---|---|---|---|---|\n| PA-1 | Check [x] boxes | @max | 2026-03-01 | open | | | prevention |\n"
        let (bytes, base) = try Self.repository(text)
        guard case .edit(let edit) = ActionClose.plan(base, key: "INC-2026-010/PA-1", status: .wontDo, read: { _ in bytes }) else {
            return XCTFail("a table row closes")
        }
        XCTAssertEqual(String(decoding: edit.new, as: UTF8.self), text.replacingOccurrences(of: "| open |", with: "| wont-do |"))
    }

    func test_item1_aFilledTicketCellIsNeverRewritten() throws {
        let text = RandomPostmortem.frontMatter + "## Preventive Actions\n\n| ID | Action | Owner | Due | Status | Ticket |\n|---|---|---|---|---|---|\n"
            + "| PA-1 | Pin it | @max | 2026-03-01 | Open | OPS-12 |\n| PA-2 | Alert | @ana | 2026-03-01 | open |  |\n"
        let (bytes, base) = try Self.repository(text)
        guard case .edit(let first) = ActionClose.plan(base, key: "INC-2026-010/PA-1", status: .done, commit: "c0ffee", read: { _ in bytes }) else {
            return XCTFail("PA-1 closes")
        }
        XCTAssertEqual(String(decoding: first.new, as: UTF8.self), text.replacingOccurrences(of: "| Open | OPS-12 |", with: "| Done | OPS-12 |"))
        XCTAssertNil(first.recordedCommit)
        XCTAssertEqual(first.commitNotRecorded, "its Ticket cell is not empty (OPS-12), and a filled cell is never rewritten")
        guard case .edit(let second) = ActionClose.plan(base, key: "INC-2026-010/PA-2", status: .done, commit: "c0ffee", read: { _ in bytes }) else {
            return XCTFail("PA-2 closes")
        }
        XCTAssertEqual(String(decoding: second.new, as: UTF8.self), text.replacingOccurrences(of: "| open |  |", with: "| done | c0ffee |"))
        XCTAssertEqual(second.recordedCommit, "c0ffee")
    }
}

private extension ActionClosePropertyTests {
    /// `text` as the one post-mortem (`postmortems/x.md`) of a repository in memory, with its bytes.
    static func repository(_ text: String) throws -> ([UInt8], KnowledgeBase) {
        let bytes = Array(text.utf8)
        return (bytes, try RepositoryLoader().load(tree: MemoryTree(entries: ["postmortems/x.md": .file(size: Int64(bytes.count), bytes: bytes)]),
                                                   root: URL(fileURLWithPath: "/nowhere")))
    }

    func assertOnlyOwnedBytesDiffer(_ edit: ActionClose.Edit, sample: RandomPostmortem, action: PreventiveAction, status: ActionStatus, message: String) {
        let old = edit.old, new = edit.new
        XCTAssertEqual(old, sample.bytes, message)
        // The common prefix and suffix must leave a changed region inside the action's own line.
        let prefix = zip(old, new).prefix { $0 == $1 }.count
        let suffix = zip(old.reversed(), new.reversed()).prefix { $0 == $1 }.count
        let lines = ActionCellEdit.lineRanges(old)
        let line = lines[action.location.line - 1]
        XCTAssertGreaterThanOrEqual(prefix, line.lowerBound, message)
        XCTAssertLessThanOrEqual(old.count - min(suffix, old.count - prefix), line.upperBound, message)
        if sample.isTaskList {
            if edit.statusWord == "[x]" && edit.recordedCommit == nil {
                // Only the checkbox.
                XCTAssertEqual(new.count, old.count, message)
                XCTAssertEqual(zip(old, new).filter { $0 != $1 }.count, 1, message)
            }
        } else {
            // Between the changed bytes of the line, no pipe moved: the cells are the same cells.
            let oldCells = ActionCellEdit.cells(in: line, of: old)
            let newLine = line.lowerBound..<(line.upperBound + new.count - old.count)
            let newCells = ActionCellEdit.cells(in: newLine, of: new)
            XCTAssertEqual(oldCells.count, newCells.count, message)
            var changed = 0
            for (was, now) in zip(oldCells, newCells) where Array(old[was]) != Array(new[now]) { changed += 1 }
            XCTAssertEqual(changed, edit.recordedCommit == nil ? 1 : 2, message)
        }
        // Every other byte the same, the line endings and the BOM included.
        XCTAssertEqual(old.starts(with: [0xEF, 0xBB, 0xBF]), new.starts(with: [0xEF, 0xBB, 0xBF]), message)
        XCTAssertEqual(old.filter { $0 == 13 }.count, new.filter { $0 == 13 }.count, message)
        XCTAssertEqual(old.filter { $0 == 10 }.count, new.filter { $0 == 10 }.count, message)
        guard case .success(let text) = SourceText.decode(path: sample.file, bytes: new) else { return XCTFail(message) }
        let read = PostmortemReader(layout: RepositoryLayout(config: Config(), postmortemFiles: [sample.file], sopFiles: [])).read(text).0
        XCTAssertEqual(read.actions.first { $0.key == action.key }?.status, status, message)
        if let commit = edit.recordedCommit {
            XCTAssertEqual(read.actions.first { $0.key == action.key }?.ticket, commit, message)
        }
    }
}

/// A generated post-mortem whose actions section is a random table or task list.
struct RandomPostmortem {
    var file = "postmortems/2026-01-10-x.md"
    var bytes: [UInt8]
    var ids: [String]
    var isTaskList: Bool

    static let frontMatter = """
        ---
        id: INC-2026-010
        title: Orders queue stuck
        date: 2026-01-10
        severity: SEV2
        status: final
        services: [orders]
        started: 2026-01-10T08:00:00Z
        detected: 2026-01-10T08:10:00Z
        mitigated: 2026-01-10T08:40:00Z
        resolved: 2026-01-10T09:30:00Z
        ---

        # Orders queue stuck

        ## Summary

        The queue stopped.

        ## Impact

        Orders were late.

        ## Timeline

        | Time  | Event |
        |-------|-------|
        | 08:00 | Upgrade starts. |

        ## Root Cause

        A reset setting.

        ## Resolution

        Restarted.

        ## Lessons Learned

        Settings reset.


        """

    static let texts = ["Pin the broker", "Add a check \\| twice", "Ünïcödé — ✓ alert", "Use `a \\| b` here", "Rehearse *failover*"]
    static let statuses = ["open", "Open", "in-progress", "todo", "done", "wont-do", "", "WIP"]

    static func make(_ random: inout SplitMix64) -> RandomPostmortem {
        let crlf = Bool.random(using: &random)
        let bom = Int.random(in: 0..<4, using: &random) == 0
        var text = frontMatter + "## Preventive Actions\n\n"
        let count = Int.random(in: 1...5, using: &random)
        let ids = (1...count).map { "PA-\($0)" }
        let isTaskList = Int.random(in: 0..<4, using: &random) == 0
        if isTaskList {
            for id in ids {
                let box = Bool.random(using: &random) ? "[ ]" : "[x]"
                let bullet = ["-", "*", "1."].randomElement(using: &random) ?? "-"
                let fields = ["(@lena, due 2026-05-15)", "(@lena, due 2026-05-15, status: in-progress)",
                              "(owner: lena,Status:  Open , due: 2026-05-15)", "(@lena, due 2026-05-15, OPS-7)"].randomElement(using: &random) ?? ""
                let trailing = Bool.random(using: &random) ? "  " : ""
                text += "\(bullet) \(box) \(id) \(texts.randomElement(using: &random) ?? "") \(fields)\(trailing)\n"
            }
        } else {
            let outer = Bool.random(using: &random)
            let ticket = Bool.random(using: &random)
            let quote = Int.random(in: 0..<5, using: &random) == 0 ? "> " : ""
            let pad = { (random: inout SplitMix64) in String(repeating: " ", count: Int.random(in: 0...3, using: &random)) }
            func row(_ cells: [String], _ random: inout SplitMix64) -> String {
                let inner = cells.map { pad(&random) + $0 + pad(&random) }.joined(separator: "|")
                return quote + (outer ? "|" + inner + "|" : inner) + "\n"
            }
            let header = ["ID", "Action", "Owner", "Due", "Status"] + (ticket ? ["Ticket"] : [])
            text += row(header, &random)
            text += row(header.map { _ in "---" }, &random)
            for id in ids {
                let status = statuses.randomElement(using: &random) ?? "open"
                let cells = [id, texts.randomElement(using: &random) ?? "", "@max", "2026-03-01", status.isEmpty ? "open" : status]
                    + (ticket ? [Bool.random(using: &random) ? "" : "OPS-7"] : [])
                text += row(cells, &random)
            }
        }
        text += Bool.random(using: &random) ? "\nA closing line." : ""
        if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        return RandomPostmortem(bytes: (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8), ids: ids, isTaskList: isTaskList)
    }
}

@testable import DebriefKit
import XCTest

/// The site keeps each recurrence by position and day numbers; the `Recurrence` it gives back
/// for a page must be the one `RecurrenceFinder` finds from the same post-mortems.
final class SiteSimilarityTests: XCTestCase {
    static func day(_ text: String) -> CalendarDate? { CalendarDate(text) }

    static func action(_ pmID: String, _ id: String, status: ActionStatus, due: String?, closed: String? = nil) -> PreventiveAction {
        var action = PreventiveAction(postmortemID: pmID, postmortemFile: "postmortems/\(pmID).md", id: id, action: "Raise the pool",
                                      owner: "dana", dueText: due ?? "", due: due.flatMap(day), statusText: status.rawValue,
                                      status: status, sops: [], ticket: nil, type: nil,
                                      location: SourceLocation(file: "postmortems/\(pmID).md", line: 20), cellLocations: [:],
                                      untracked: due == nil)
        action.closed = closed.flatMap(day)
        return action
    }

    static func postmortem(_ id: String, started: String, tables: [[PreventiveAction]] = []) -> Postmortem {
        let file = "postmortems/\(id).md"
        var pm = Postmortem(file: file, slug: id.lowercased(), id: id, title: "Checkout pool exhausted by the batch job", date: nil,
                            severity: "SEV2", statusText: "final", body: "", bodyFirstLine: 1, hasFrontMatter: true)
        pm.started = Timestamp(rfc3339: started + "T10:00:00+00:00")
        pm.date = pm.started?.localDate
        pm.services = ["checkout"]
        pm.similarityText = "checkout connection pool exhausted by the nightly batch job"
        pm.actionTables = tables.map { ActionTable(location: SourceLocation(file: file, line: 19), columns: ["ID"], missingColumns: [], actions: $0) }
        return pm
    }

    /// A has actions in two tables (open with a due day, closed before due, open with none, and
    /// one the history closes later than its cell says); B and C come after it, C after B.
    static let postmortems: [Postmortem] = [
        postmortem("INC-A", started: "2025-10-01", tables: [
            [action("INC-A", "PA-1", status: .open, due: "2026-03-22")],
            [action("INC-A", "PA-2", status: .done, due: "2026-06-01", closed: "2026-02-01"),
             action("INC-A", "PA-3", status: .open, due: nil),
             action("INC-A", "PA-4", status: .done, due: "2026-01-01", closed: "2026-02-01")],
        ]),
        postmortem("INC-B", started: "2026-03-10", tables: [[action("INC-B", "PA-1", status: .inProgress, due: "2026-03-20")]]),
        postmortem("INC-C", started: "2026-04-01"),
    ]

    func test_recurrencesByPositionAreTheFindersOwn() throws {
        let settings = RecurrenceSettings(threshold: 0.01, closeDates: ["INC-A/PA-4": CalendarDate(daysSinceEpoch: 20_574)])
        let layout = RepositoryLayout(config: Config(), postmortemFiles: Self.postmortems.map(\.file), sopFiles: [])
        let documents = Self.postmortems.map {
            SiteDocument.make($0, diagnostics: [], signature: nil, contentHash: 0, layout: layout).slimmedForPages()
        }
        let index = SiteIndex(documents: documents, config: Config(), layout: layout, asOf: CalendarDate(daysSinceEpoch: 20_600))
        // The site lists the newest first: its positions are not the documents' order.
        XCTAssertEqual(index.postmortems.map(\.pm.id), ["INC-C", "INC-B", "INC-A"])
        let similarity = SimilarityIndex(Self.postmortems.map(SimilarityDocument.init))
        let similar = SiteSimilarity(index: index, similarity: similarity, postmortems: Self.postmortems, settings: settings)

        let expected = RecurrenceFinder.all(in: Self.postmortems, index: similarity, settings: settings)
        // B recurs A four times (PA-4 still open by the history), C recurs A four times and B once.
        XCTAssertEqual(expected.count, 9, expected.map(\.sentence).joined(separator: "\n"))
        XCTAssertTrue(expected.contains { if case .closedBeforeDue = $0.state { true } else { false } })
        XCTAssertTrue(expected.contains { $0.due == nil })
        XCTAssertTrue(expected.contains { $0.actionKey == "INC-A/PA-4" && $0.closed == CalendarDate(daysSinceEpoch: 20_574) })
        // Written out, so a wrong table or row in the finder's positions fails here too.
        XCTAssertEqual(Set(expected.map { "\($0.laterID) \($0.earlierID) \($0.actionKey)" }), [
            "INC-B INC-A INC-A/PA-1", "INC-B INC-A INC-A/PA-2", "INC-B INC-A INC-A/PA-3", "INC-B INC-A INC-A/PA-4",
            "INC-C INC-A INC-A/PA-1", "INC-C INC-A INC-A/PA-2", "INC-C INC-A INC-A/PA-3", "INC-C INC-A INC-A/PA-4",
            "INC-C INC-B INC-B/PA-1",
        ])
        XCTAssertEqual(expected.first { $0.laterID == "INC-B" && $0.actionKey == "INC-A/PA-2" }?.sentence,
                       "recurred before INC-A/PA-2 was due (2026-06-01), though it was closed on 2026-02-01")
        XCTAssertEqual(expected.first { $0.laterID == "INC-B" && $0.actionKey == "INC-A/PA-3" }?.sentence,
                       "recurred while INC-A/PA-3 was open, with no due date")

        for (site, entry) in index.postmortems.enumerated() {
            let kept = similar.recurrences[site]
            XCTAssertEqual(kept.map { similar.recurrence($0) }, expected.filter { $0.laterID == entry.pm.id }, entry.pm.id)
            for recurred in kept {
                XCTAssertEqual(recurred.later, site)
                XCTAssertEqual(index.postmortems[recurred.earlier].pm.id, similar.recurrence(recurred).earlierID)
                XCTAssertEqual(recurred.started, similar.recurrence(recurred).started)
            }
        }
        // Every recurrence once, the latest started first.
        let all = similar.all.map { similar.recurrence($0) }
        XCTAssertEqual(all.count, expected.count)
        XCTAssertEqual(all.map(\.started), all.map(\.started).sorted(by: >))
        XCTAssertEqual(Set(all.map { $0.laterID + " " + $0.actionKey }), Set(expected.map { $0.laterID + " " + $0.actionKey }))
        // The similar incidents' reasons, kept by number, are the index's own for each pair.
        let inDocuments = { (site: Int) in Self.postmortems.firstIndex { $0.file == index.postmortems[site].pm.file } ?? -1 }
        var reasonsSeen = 0
        for site in index.postmortems.indices {
            for item in similar.similar[site] {
                let expected = similarity.reasons(between: inDocuments(site), and: inDocuments(item.position))
                XCTAssertEqual(similar.reasons(item), expected)
                reasonsSeen += expected.count
            }
        }
        XCTAssertGreaterThan(reasonsSeen, 0)
    }
}

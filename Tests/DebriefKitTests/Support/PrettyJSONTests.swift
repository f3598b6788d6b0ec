import DebriefTestSupport
import Foundation
import XCTest
@testable import DebriefKit

/// `PrettyJSON` against `JSONEncoder`: the audit's actions and recurrences written by hand must
/// be the bytes `JSONEncoder` writes for them.
final class PrettyJSONTests: XCTestCase {
    private struct Sample: PrettyJSONWritable {
        var text: String
        var optional: String?
        var number: Double
        var count: Int?
        var flag: Bool
        var list: [String]

        enum CodingKeys: String, CodingKey { case count, flag, list, number, optional, text }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(optional, forKey: .optional)
            try container.encode(number, forKey: .number)
            try container.encode(count, forKey: .count)
            try container.encode(flag, forKey: .flag)
            try container.encode(list, forKey: .list)
        }

        func write(to writer: inout PrettyJSON) {
            writer.openObject()
            writer.key("count"); writer.int(count)
            writer.key("flag"); writer.bool(flag)
            writer.key("list"); writer.strings(list)
            writer.key("number"); writer.double(number)
            writer.key("optional"); writer.string(optional)
            writer.key("text"); writer.string(text)
            writer.closeObject()
        }
    }

    private func written<T: PrettyJSONWritable>(_ value: T) -> String {
        var writer = PrettyJSON(depth: 0)
        value.write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    func test_everyCharacterAndNumberIsWrittenAsJSONEncoderWritesIt() {
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let texts = [ascii, "", "é 🚒 \u{2028}\u{2029} \u{FEFF} a/b \\\\ \"q\"", "line\r\nnext\u{7F}"]
        let numbers = [0, 1, 0.1, 0.12, 0.123, 0.5, 0.999, 1.5, 0.30000000000000004, 1e-7, 1e21, 12_345_678.9, -2, 100]
            + (0...1_000).map { Double($0) / 1_000 }
        for (index, number) in numbers.enumerated() {
            let text = texts[index % texts.count]
            let sample = Sample(text: text, optional: index % 2 == 0 ? nil : text, number: number, count: index % 3 == 0 ? nil : -index,
                                flag: index % 2 == 0, list: index % 4 == 0 ? [] : [text, "x"])
            XCTAssertEqual(written(sample), JSON.encode(sample), "\(number)")
        }
    }

    /// The audit's JSON both ways, on a report with every kind of element.
    private func assertBothWays(_ report: AuditReport, file: StaticString = #filePath, line: UInt = #line) {
        var encoded = AuditFormatter(format: .json)
        encoded.encodesElements = true
        let reference = encoded.format(report)
        XCTAssertEqual(AuditFormatter(format: .json).format(report), reference, file: file, line: line)
    }

    func test_theAuditsActionsAndRecurrencesAreTheBytesOfJSONEncoder() throws {
        let day = try XCTUnwrap(CalendarDate("2026-11-27"))
        for root in [TestPaths.exampleRepo, SimilarityIndexTests.familiesRoot] {
            let base = try RepositoryLoader().load(root: root)
            let report = AuditReport(base: base, query: AuditQuery(asOf: day, statuses: nil))
            assertBothWays(report)
        }
    }

    func test_theGitFieldsAreTheBytesOfJSONEncoder() throws {
        let repo = try HistoryRepo(testCase: self)
        let file = "postmortems/2026-01-10-outage.md"
        func pm(_ due: String, _ status: String) -> String {
            HistoryRepo.postmortem(id: "INC-2026-007", rows: [("PA-1", "Add \"alert\" \\ on /health", due, status),
                                                              ("PA-2", "Fix retry", "soon", "open"), ("PA-3", "Write runbook", "", "done")])
        }
        try repo.commit(["debrief.yml": "required_sections: [Summary]\n", file: pm("2026-02-01", "open")], message: "Record", date: "2026-01-12")
        try repo.commit([file: pm("2026-03-01", "open")], message: "Move \"PA-1\"\n\nRefs: INC-2026-007/PA-1", date: "2026-01-30")
        try repo.commit([file: pm("2026-03-15", "done")], message: "Close\n\nCloses: INC-2026-007/PA-1, INC-2026-007/PA-9", date: "2026-02-09")
        let base = try RepositoryLoader().load(root: repo.root)
        let history = try ActionHistory.read(for: base)
        let query = AuditQuery(asOf: try XCTUnwrap(CalendarDate("2026-02-20")), statuses: nil)
        var report = AuditReport(base: base, query: query, closeDates: history.closingDays(in: base))
        report.attach(GitEvidence(base: base, history: history, codeReferences: [], repos: [], requireEvidence: true, query: query))
        XCTAssertTrue(report.actions.contains { $0.evidence?.record?.dueChanges.count == 2 })
        assertBothWays(report)
    }
}

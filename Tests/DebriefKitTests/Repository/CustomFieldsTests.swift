@testable import DebriefKit
import DebriefTestSupport
import XCTest

final class CustomFieldsTests: XCTestCase {
    func test_declarationsInBothFormsWithDefaultLabels() {
        let (config, diagnostics) = Config.parse("""
            fields:
              reviewers: {type: list, required_from: review}
              jira_epic: string
              approved: {type: Date, label: "Approved on"}
              approver: person
            """)
        XCTAssertEqual(diagnostics.map(\.fullMessage), [])
        XCTAssertEqual(config.fields, [
            CustomField(key: "reviewers", kind: .list, label: "Reviewers", requiredFrom: .review),
            CustomField(key: "jira_epic", kind: .string, label: "Jira epic"),
            CustomField(key: "approved", kind: .date, label: "Approved on"),
            CustomField(key: "approver", kind: .person, label: "Approver"),
        ])
    }

    func test_requiredFromCoversThatStatusAndLaterOnes() {
        let field = CustomField(key: "reviewers", kind: .list, requiredFrom: .review)
        XCTAssertEqual(PostmortemStatus.allCases.map { field.isRequired(in: $0) }, [false, true, true])
        XCTAssertFalse(field.isRequired(in: nil))
        XCTAssertFalse(CustomField(key: "x", kind: .string).isRequired(in: .final))
    }

    func test_declarationsAreBounded() {
        let yaml = "fields:\n" + (0...CustomField.limit).map { "  f\($0): string\n" }.joined()
        let (config, diagnostics) = Config.parse(yaml)
        XCTAssertEqual(config.fields.count, CustomField.limit)
        XCTAssertEqual(diagnostics.map(\.fullMessage), ["'fields' declares more than 64 fields; the rest are not read"])
        XCTAssertEqual(diagnostics.first?.location.line, CustomField.limit + 2)
    }

    func test_valuesAreReadAsTheirTypeInDeclaredOrder() throws {
        let fixture = try FixtureRepo(copying: TestPaths.fixtures("DebriefKitTests").appendingPathComponent("custom-fields"), testCase: self)
        let base = try RepositoryLoader().load(root: fixture.root)
        let byID = Dictionary(uniqueKeysWithValues: base.postmortems.map { ($0.id, $0.customFields) })
        XCTAssertEqual(byID["INC-1"], [
            CustomFieldValue(key: "reviewers", values: ["lena", "omar"]),
            CustomFieldValue(key: "jira_epic", values: ["OPS-1290"]),
            CustomFieldValue(key: "approved", values: ["2026-03-20"]),
            CustomFieldValue(key: "approver", values: ["@lena"]),
        ])
        XCTAssertEqual(byID["INC-2"], [])
        // Unreadable values are left out (and reported by the rules' fixture test).
        XCTAssertEqual(byID["INC-3"], [])
    }
}

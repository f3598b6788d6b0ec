import DebriefKit
import DebriefTestSupport
import XCTest

/// One expected diagnostic. Where it lands is not written here: it is the next `↓` marker in
/// the fixture's files (markers and diagnostics are both taken in file, line, column order).
struct Expected: CustomStringConvertible {
    var severity: Severity
    var code: DiagnosticCode
    /// The message with its notes folded in, exactly as the JSON and GitHub formats print it.
    var message: String

    static func error(_ code: DiagnosticCode, _ message: String) -> Expected { Expected(severity: .error, code: code, message: message) }
    static func warning(_ code: DiagnosticCode, _ message: String) -> Expected { Expected(severity: .warning, code: code, message: message) }

    var description: String { "\(severity.rawValue) [\(code.rawValue)] \(message)" }
}

extension XCTestCase {
    /// Loads the fixture repo `Fixtures/<name>`, validates it, and asserts that it produces
    /// exactly `expected`, each at its marker.
    func assertFixture(_ name: String, _ expected: [Expected], file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = try FixtureRepo(copying: TestPaths.fixtures("DebriefKitTests").appendingPathComponent(name), testCase: self)
        let base = try RepositoryLoader().load(root: fixture.root)
        let diagnostics = Validator.standard.validate(base)
        let actual = diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column): \($0.severity.rawValue) [\($0.code.rawValue)] \($0.fullMessage)" }
        guard diagnostics.count == expected.count, fixture.marks.count == expected.count else {
            XCTFail("""
                \(name): \(diagnostics.count) diagnostics, \(fixture.marks.count) markers, \(expected.count) expected
                actual:
                \(actual.joined(separator: "\n"))
                markers: \(fixture.marks.map(\.description).joined(separator: ", "))
                """, file: file, line: line)
            return
        }
        for (index, diagnostic) in diagnostics.enumerated() {
            let mark = fixture.marks[index]
            let want = expected[index]
            let at = diagnostic.location
            XCTAssertEqual("\(at.file):\(at.line):\(at.column)", mark.description, "\(name): where \(want) lands", file: file, line: line)
            XCTAssertEqual(diagnostic.severity, want.severity, "\(name): \(actual[index])", file: file, line: line)
            XCTAssertEqual(diagnostic.code, want.code, "\(name): \(actual[index])", file: file, line: line)
            XCTAssertEqual(diagnostic.fullMessage, want.message, "\(name): \(actual[index])", file: file, line: line)
        }
    }
}

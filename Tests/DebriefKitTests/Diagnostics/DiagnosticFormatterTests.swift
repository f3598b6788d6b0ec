import DebriefKit
import XCTest

final class DiagnosticFormatterTests: XCTestCase {
    private let diagnostics = [
        Diagnostic(.warning, .unknownField, at: SourceLocation(file: "postmortems/b.md", line: 5, column: 1), "unknown field 'severty'",
                   notes: [.init("did you mean 'severity'?")]),
        Diagnostic(.error, .duplicateID, at: SourceLocation(file: "postmortems/b.md", line: 2, column: 5), "id 'INC-1' is already used by postmortems/a.md",
                   notes: [.init("first used here", at: SourceLocation(file: "postmortems/a.md", line: 2, column: 5))]),
        Diagnostic(.error, .yamlSyntax, at: SourceLocation(file: "a,b:c.md", line: 3, column: 1), "100% broken\nreally"),
    ]

    func test_text() {
        XCTAssertEqual(DiagnosticFormatter(format: .text).report(diagnostics, fileCount: 3), """
            a,b:c.md:3:1: error: [DB014] 100% broken\\nreally
            postmortems/b.md:2:5: error: [DB024] id 'INC-1' is already used by postmortems/a.md
            postmortems/a.md:2:5: note: first used here
            postmortems/b.md:5:1: warning: [DB022] unknown field 'severty'
                note: did you mean 'severity'?
            2 errors, 1 warning in 3 files

            """)
    }

    func test_colourOnlyWhenAsked() {
        let line = DiagnosticFormatter(format: .text, colored: true).line(diagnostics[1])
        XCTAssertTrue(line.hasPrefix("postmortems/b.md:2:5: \u{1B}[1;31merror\u{1B}[0m: [DB024]"), line)
    }

    func test_summaryPlurals() {
        XCTAssertEqual(DiagnosticFormatter.summary(errors: 0, warnings: 0, fileCount: 0), "0 errors, 0 warnings in 0 files")
        XCTAssertEqual(DiagnosticFormatter.summary(errors: 1, warnings: 1, fileCount: 1), "1 error, 1 warning in 1 file")
    }

    func test_json() {
        XCTAssertEqual(DiagnosticFormatter(format: .json).report(Array(diagnostics.prefix(1)), fileCount: 1), """
            {
              "diagnostics" : [
                {
                  "code" : "DB022",
                  "column" : 1,
                  "file" : "postmortems/b.md",
                  "line" : 5,
                  "message" : "unknown field 'severty'; did you mean 'severity'?",
                  "severity" : "warning"
                }
              ],
              "errors" : 0,
              "warnings" : 1
            }

            """)
        XCTAssertEqual(DiagnosticFormatter(format: .json).report([], fileCount: 0), "{\n  \"diagnostics\" : [\n\n  ],\n  \"errors\" : 0,\n  \"warnings\" : 0\n}\n")
    }

    func test_githubEscapesPropertiesAndMessages() {
        XCTAssertEqual(DiagnosticFormatter(format: .github).report(diagnostics, fileCount: 3), """
            ::error file=a%2Cb%3Ac.md,line=3,col=1,title=DB014::100%25 broken%0Areally
            ::error file=postmortems/b.md,line=2,col=5,title=DB024::id 'INC-1' is already used by postmortems/a.md; first used here (postmortems/a.md:2:5)
            ::warning file=postmortems/b.md,line=5,col=1,title=DB022::unknown field 'severty'; did you mean 'severity'?

            """)
    }

    func test_sortedByLocationThenCode() {
        let sorted = diagnostics.sortedForOutput().map(\.code)
        XCTAssertEqual(sorted, [.yamlSyntax, .duplicateID, .unknownField])
        XCTAssertEqual(diagnostics.errorCount, 2)
        XCTAssertEqual(diagnostics.warningCount, 1)
    }

    // MARK: - Hostile text

    /// A key from a YAML file, as a knowledge repo's author can write it.
    private let hostileKey = "x'\npostmortems/forged.md:1:1: error: [DB001] forged\u{1B}[2J\u{1B}]8;;https://evil.example\u{7}link\u{1B}]8;;\u{7}\u{0}\u{202E}txt.exe"
    private var hostile: Diagnostic {
        Diagnostic(.warning, .unknownField, at: SourceLocation(file: "postmortems/a\u{1B}[31m.md", line: 2, column: 1),
                   "unknown field '\(hostileKey)'", notes: [.init("did you mean '\u{1B}[0m'?", at: SourceLocation(file: "b\n.md", line: 1, column: 1))])
    }

    func test_item13_textShowsControlCharactersAndCannotForgeALine() {
        let out = DiagnosticFormatter(format: .text).report([hostile], fileCount: 1)
        XCTAssertEqual(out, """
            postmortems/a\\u{1B}[31m.md:2:1: warning: [DB022] unknown field 'x'\\npostmortems/forged.md:1:1: error: [DB001] forged\\u{1B}[2J\\u{1B}]8;;https://evil.example\\u{7}link\\u{1B}]8;;\\u{7}\\u{0}\\u{202E}txt.exe'
            b\\n.md:1:1: note: did you mean '\\u{1B}[0m'?
            0 errors, 1 warning in 1 file

            """)
        XCTAssertFalse(out.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" })
    }

    func test_item13_githubAnnotationsEscapeControlsAndTheirOwnSyntax() {
        let out = DiagnosticFormatter(format: .github).report([hostile], fileCount: 1)
        XCTAssertEqual(out.split(separator: "\n").count, 1, out)
        XCTAssertTrue(out.hasPrefix("::warning file=postmortems/a\\u{1B}[31m.md,line=2,col=1,title=DB022::unknown field 'x'%0Apostmortems/forged.md:1:1: error: [DB001] forged\\u{1B}[2J"), out)
        XCTAssertTrue(out.hasSuffix("(b%0A.md:1:1)\n"), out)
        XCTAssertFalse(out.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" })
        let property = GitHubAnnotation.property("a:b,c%d\r\ne\u{1B}")
        XCTAssertEqual(property, "a%3Ab%2Cc%25d%0D%0Ae\\u{1B}")
    }

    func test_item13_jsonEscapesControlCharacters() throws {
        let out = DiagnosticFormatter(format: .json).report([hostile], fileCount: 1)
        XCTAssertFalse(out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, out)
        XCTAssertTrue(out.contains("\\u001b[2J"), out)
        XCTAssertTrue(out.contains("\\u0000"), out)
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let first = try XCTUnwrap((decoded["diagnostics"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["file"] as? String, "postmortems/a\u{1B}[31m.md")
        XCTAssertTrue((first["message"] as? String)?.hasPrefix("unknown field '\(hostileKey)'") == true)
    }
}

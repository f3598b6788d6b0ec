import DebriefTestSupport
import Foundation
import XCTest

/// Runs the built `debrief` on fixture repos and compares what it prints with golden
/// transcripts in `Golden/` (re-recorded with `DEBRIEF_RECORD=1`).
class CLITestCase: XCTestCase {
    /// `Tests/DebriefCLITests/Fixtures`.
    static let fixtures = TestPaths.fixtures("DebriefCLITests")
    /// `Tests/DebriefCLITests/Golden`.
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard FileManager.default.isExecutableFile(atPath: TestPaths.debriefBinary.path) else {
            XCTFail("no built debrief at \(TestPaths.debriefBinary.path); run swift build first")
            throw XCTSkip("debrief is not built")
        }
    }

    /// A temporary copy of `Fixtures/<name>`.
    func fixture(_ name: String) throws -> URL {
        try FixtureRepo(copying: Self.fixtures.appendingPathComponent(name), testCase: self).root
    }

    /// Runs debrief and fails the test on a crash or a hang.
    @discardableResult
    func debrief(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil, environment: [String: String] = [:],
                 timeout: TimeInterval = 300, file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        let result = try ProcessRunner.debrief(arguments, in: directory, stdin: stdin, environment: environment, timeout: timeout)
        XCTAssertFalse(result.timedOut, "debrief \(arguments.joined(separator: " ")) did not finish in \(Int(timeout)) s", file: file, line: line)
        XCTAssertFalse(result.crashed, "debrief \(arguments.joined(separator: " ")) crashed with signal \(result.exitCode)", file: file, line: line)
        return result
    }

    /// Runs debrief and compares the transcript (command, exit code, stdout, stderr) with
    /// `Golden/<golden>.txt`. `placeholders` replace text in the command as shown (a temporary
    /// root shown as `<repo>`), never in the output.
    @discardableResult
    func assertTranscript(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil, golden: String,
                          placeholders: [String: String] = [:],
                          file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        let result = try debrief(arguments, in: directory, stdin: stdin, file: file, line: line)
        let shown = arguments.map { argument in
            placeholders.reduce(argument) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        DebriefTestSupport.Golden.assertMatches(Self.transcript(shown, result), golden: Self.golden.appendingPathComponent(golden + ".txt"), file: file, line: line)
        return result
    }

    /// Compares every file under `root` with the golden tree `Golden/<golden>.tree/` (re-recorded
    /// with `DEBRIEF_RECORD=1`): the same paths, the same bytes.
    func assertTree(_ root: URL, golden: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try SiteTree.assertTree(try SiteTree.files(in: root), matches: Self.goldenTree(golden), file: file, line: line)
    }

    /// Compares every file under `root` with those under `expected`, never recording.
    func assertSameFiles(_ root: URL, as expected: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        SiteTree.assertSame(try SiteTree.files(in: root), try SiteTree.files(in: expected), file: file, line: line)
    }

    /// `Golden/<name>.tree`.
    static func goldenTree(_ name: String) -> URL {
        golden.appendingPathComponent(name + ".tree")
    }

    /// The golden form of a run. Byte counts make a missing final newline visible.
    static func transcript(_ arguments: [String], _ result: RunResult) -> String {
        """
        $ debrief \(arguments.joined(separator: " "))
        exit code: \(result.exitCode)
        --- stdout (\(result.stdoutData.count) bytes)
        \(result.stdout)
        --- stderr (\(result.stderrData.count) bytes)
        \(result.stderr)
        """
    }

    /// Every file under `root`, relative, sorted.
    func files(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String { files.append(path) }
        return files.sorted()
    }
}

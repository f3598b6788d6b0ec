import Foundation
import XCTest

/// What one run of the built `debrief` binary did.
struct DebriefRun: Equatable {
    var exitCode: Int32
    var stdout: String
    var stderr: String

    /// The run as a golden transcript: the command, standard output, standard error, exit code.
    func transcript(command: String) -> String {
        "$ \(command)\n--- stdout\n\(stdout)--- stderr\n\(stderr)--- exit \(exitCode)\n"
    }
}

/// Runs the `debrief` executable that `swift build` put next to the test bundle.
enum DebriefBinary {
    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/DebriefCLITests/Fixtures`.
    static let fixtures = packageRoot.appendingPathComponent("Tests/DebriefCLITests/Fixtures")

    /// The built binary: beside the test bundle (the products directory), else `.build/debug`.
    static var url: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("debrief"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("debrief"),
            packageRoot.appendingPathComponent(".build/debug/debrief"),
        ] + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent("debrief") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// Runs `debrief` with `arguments`, standard output and error captured through files (so a
    /// large output cannot fill a pipe and hang the run).
    static func run(_ arguments: [String]) throws -> DebriefRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("debrief-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return DebriefRun(exitCode: process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// Golden files in `Fixtures/golden`: a transcript `<name>.txt`, or a whole folder
/// `<name>.tree/`. `DEBRIEF_RECORD=1 swift test` rewrites them from what the run produced, and
/// fails, so a recording never passes unnoticed.
enum Golden {
    static let directory = DebriefBinary.fixtures.appendingPathComponent("golden")
    static var isRecording: Bool { ProcessInfo.processInfo.environment["DEBRIEF_RECORD"] == "1" }

    /// Runs `arguments` (with `placeholders` replaced for display, e.g. a temporary root shown as
    /// `<repo>`) and compares the transcript with `<name>.txt`.
    @discardableResult
    static func assertRun(_ arguments: [String], matches name: String, placeholders: [String: String] = [:],
                          file: StaticString = #filePath, line: UInt = #line) throws -> DebriefRun {
        let run = try DebriefBinary.run(arguments)
        var shown = (["debrief"] + arguments).joined(separator: " ")
        for (actual, placeholder) in placeholders { shown = shown.replacingOccurrences(of: actual, with: placeholder) }
        let transcript = run.transcript(command: shown)
        let url = directory.appendingPathComponent(name + ".txt")
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(transcript.utf8).write(to: url)
            XCTFail("recorded \(name).txt; run again without DEBRIEF_RECORD", file: file, line: line)
            return run
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            XCTFail("no golden file \(name).txt; record it with DEBRIEF_RECORD=1", file: file, line: line)
            return run
        }
        XCTAssertEqual(transcript, String(decoding: expected, as: UTF8.self), "transcript differs from \(name).txt", file: file, line: line)
        return run
    }

    /// Compares every file under `root` with `<name>.tree/`: same paths (a missing or an
    /// unexpected file fails), same bytes.
    static func assertTree(_ root: URL, matches name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = directory.appendingPathComponent(name + ".tree")
        if isRecording {
            try? FileManager.default.removeItem(at: expected)
            try FileManager.default.copyItem(at: root, to: expected)
            XCTFail("recorded \(name).tree; run again without DEBRIEF_RECORD", file: file, line: line)
            return
        }
        try assertSameTree(root, expected, file: file, line: line)
    }

    /// Every file under `actual` equals the one at the same path under `expected`, and neither
    /// has a file the other lacks.
    static func assertSameTree(_ actual: URL, _ expected: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let actualFiles = try files(under: actual)
        let expectedFiles = try files(under: expected)
        XCTAssertEqual(actualFiles, expectedFiles, "files differ from \(expected.lastPathComponent)", file: file, line: line)
        for path in actualFiles.intersection(expectedFiles).sorted() {
            let a = FileManager.default.contents(atPath: actual.appendingPathComponent(path).path)
            let e = FileManager.default.contents(atPath: expected.appendingPathComponent(path).path)
            XCTAssertEqual(a.map { String(decoding: $0, as: UTF8.self) }, e.map { String(decoding: $0, as: UTF8.self) }, path, file: file, line: line)
            XCTAssertEqual(a, e, "\(path): bytes differ", file: file, line: line)
        }
    }

    static func files(under root: URL) throws -> Set<String> {
        let all = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        return Set(all.filter { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        })
    }
}

/// A copy of a fixture repo (or any folder) in a temporary directory, removed at teardown.
func scratchCopy(of source: URL, in testCase: XCTestCase) throws -> URL {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("debrief-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
    let copy = scratch.appendingPathComponent("repo")
    try FileManager.default.copyItem(at: source, to: copy)
    return copy
}

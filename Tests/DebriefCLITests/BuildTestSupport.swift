import Foundation
import XCTest

/// Runs the built `debrief` and compares site trees for the `build` tests.
enum BuildHarness {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/DebriefCLITests/Fixtures/<name>`.
    static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/DebriefCLITests/Fixtures/\(name)")
    }

    /// The built binary: beside the test runner (Linux), else `.build/debug/debrief`.
    static var binary: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            let beside = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("debrief")
            if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        }
        #endif
        let beside = Bundle.main.bundleURL.appendingPathComponent("debrief")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/debrief")
    }

    /// What a run printed and how it ended.
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs `executable` (the built debrief by default) in `directory`.
    static func run(_ arguments: [String], in directory: URL, executable: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      status: process.terminationStatus)
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("debrief-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Every regular file under `folder` by relative path, leaving out `excluding` prefixes.
    static func files(in folder: URL, excluding: [String] = []) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
        for case let relative as String in walker where !excluding.contains(where: { relative.hasPrefix($0) }) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: base + "/" + relative)
            }
        }
        return result
    }

    /// Whether this run records golden files (`DEBRIEF_RECORD=1`) instead of comparing.
    static var isRecording: Bool { ProcessInfo.processInfo.environment["DEBRIEF_RECORD"] == "1" }

    /// Compares a built tree with a golden tree: every file must be there, byte for byte, and no
    /// other file. With `DEBRIEF_RECORD=1` the golden tree is replaced and the test fails.
    static func assertTree(_ actual: [String: Data], matches golden: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        if isRecording {
            try? FileManager.default.removeItem(at: golden)
            for (path, data) in actual {
                let target = golden.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: target)
            }
            XCTFail("recorded \(actual.count) golden files in \(golden.lastPathComponent); run again without DEBRIEF_RECORD", file: file, line: line)
            return
        }
        let expected = try files(in: golden)
        XCTAssertFalse(expected.isEmpty, "no golden files in \(golden.path); record them with DEBRIEF_RECORD=1", file: file, line: line)
        for path in expected.keys.sorted() where actual[path] == nil {
            XCTFail("missing file \(path)", file: file, line: line)
        }
        for path in actual.keys.sorted() where expected[path] == nil {
            XCTFail("unexpected file \(path)", file: file, line: line)
        }
        for (path, data) in actual.sorted(by: { $0.key < $1.key }) {
            guard let want = expected[path], want != data else { continue }
            let a = String(decoding: want, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let b = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            XCTFail("\(path) differs from the golden file at line \(first + 1):\n  expected: \(first < a.count ? String(a[first]) : "<end>")\n  actual:   \(first < b.count ? String(b[first]) : "<end>")",
                    file: file, line: line)
        }
    }
}

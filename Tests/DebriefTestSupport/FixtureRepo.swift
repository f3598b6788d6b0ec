import Foundation
import XCTest

/// A fixture folder copied into a fresh temporary folder with its markers stripped, so tests
/// never write into the source tree and each one sees exactly its own files.
public struct FixtureRepo {
    /// A marker found in one of the fixture's files.
    public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Path relative to the fixture root, `/`-separated.
        public var file: String
        /// 1-based line.
        public var line: Int
        /// 1-based column in Unicode scalars.
        public var column: Int

        /// Creates a mark.
        public init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }

        public static func < (lhs: Mark, rhs: Mark) -> Bool {
            (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
        }
        public var description: String { "\(file):\(line):\(column)" }
    }

    /// The temporary copy.
    public let root: URL
    /// Every marker, sorted by file, line and column.
    public let marks: [Mark]

    /// Copies `source` (a folder) into a temporary folder, stripping `↓` markers from every file.
    /// The copy is removed when the test case ends.
    public init(copying source: URL, testCase: XCTestCase) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: source.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FixtureError("fixture \(source.path) does not exist")
        }
        let root = try Self.temporaryDirectory(testCase: testCase)
        var marks: [Mark] = []
        let prefix = source.standardizedFileURL.path + "/"
        let enumerator = fileManager.enumerator(atPath: source.path)
        while let relative = enumerator?.nextObject() as? String {
            let from = source.appendingPathComponent(relative)
            let to = root.appendingPathComponent(relative)
            var directory: ObjCBool = false
            if fileManager.fileExists(atPath: from.path, isDirectory: &directory), directory.boolValue {
                try fileManager.createDirectory(at: to, withIntermediateDirectories: true)
                continue
            }
            let marked = MarkedText(bytes: Array(try Data(contentsOf: from)))
            try Data(marked.bytes).write(to: to)
            let name = from.standardizedFileURL.path.replacingOccurrences(of: prefix, with: "")
            marks += marked.marks.map { Mark(file: name, line: $0.line, column: $0.column) }
        }
        self.root = root
        self.marks = marks.sorted()
    }

    /// An empty temporary folder, removed when the test case ends.
    public static func temporaryDirectory(testCase: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("debrief-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.standardizedFileURL
    }
}

/// A fixture that cannot be used.
public struct FixtureError: Error, CustomStringConvertible {
    /// What is wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// Writes `contents` to `relative` under `root`, creating folders.
public func writeFile(_ contents: some DataProtocol, to relative: String, under root: URL) throws {
    let url = root.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents).write(to: url)
}

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

extension FixtureRepo {
    /// What one row of `writeActionsRepo` holds.
    public struct ActionRow {
        public var text: String
        public var due: String
        public var status: String

        public init(text: String, due: String, status: String) {
            self.text = text
            self.due = due
            self.status = status
        }
    }

    /// Writes a repo of `count` post-mortems (`INC-1`…, on services `svc-0`…`svc-2`, tags `tag-0`
    /// and `tag-1`, severities SEV1 and SEV2) with `actions` actions each, every third naming the
    /// SOP `restore`; `row(number, action)` makes each action's text, due date and status.
    public static func writeActionsRepo(at root: URL, postmortems count: Int, actions: Int,
                                        row: (Int, Int) -> ActionRow) throws {
        try writeFile(Data("required_sections: [Summary]\n".utf8), to: "debrief.yml", under: root)
        try writeFile(Data("---\ntitle: Restore\nowner: dana\nlast_reviewed: 2020-01-01\n---\n\n# Restore\n\nSteps.\n".utf8),
                      to: "sops/restore.md", under: root)
        for number in 1...count {
            var text = """
                ---
                id: INC-\(number)
                title: Incident \(number)
                date: 2026-01-\(String(format: "%02d", number % 28 + 1))
                severity: SEV\(number % 2 + 1)
                status: final
                services: [svc-\(number % 3)]
                tags: [tag-\(number % 2)]
                ---

                ## Summary

                Something broke.

                ## Preventive Actions

                | ID | Action | Owner | Due | Status | SOP |
                |----|--------|-------|-----|--------|-----|

                """
            for action in 1...actions {
                let sop = action % 3 == 0 ? "[restore](../sops/restore.md)" : ""
                let made = row(number, action)
                text += "| PA-\(action) | \(made.text) | @owner\(action % 4) | \(made.due) | \(made.status) | \(sop) |\n"
            }
            try writeFile(Data(text.utf8), to: "postmortems/inc-\(number).md", under: root)
        }
    }
}

@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// File trees for the end-to-end tests (a built site, a synced repo): collecting the files under
/// a folder and comparing them with a golden tree or another folder.
enum SiteTree {
    /// `Tests/DebriefCLITests/Fixtures/<name>`.
    static func fixture(_ name: String) -> URL {
        TestPaths.fixtures("DebriefCLITests").appendingPathComponent(name)
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

    /// The tree with each search document file (`search/d/N.js`, base64 of raw DEFLATE) as the
    /// JSON it holds, so a golden tree shows what changed and does not depend on zlib's exact
    /// bytes. A file that does not decode stays as it is, and fails the comparison.
    static func inflatingSearchDocuments(_ files: [String: Data]) -> [String: Data] {
        var result = files
        for (path, data) in files where path.hasPrefix("search/d/") && path.hasSuffix(".js") {
            let text = String(decoding: data, as: UTF8.self)
            guard let open = text.firstIndex(of: "\""), let close = text.lastIndex(of: "\""), open < close,
                  let packed = Data(base64Encoded: String(text[text.index(after: open)..<close])),
                  let json = Deflate.decompress(Array(packed)) else { continue }
            result[path] = Data((String(text[...open]) + String(decoding: json, as: UTF8.self) + String(text[close...])).utf8)
        }
        return result
    }

    /// Compares a built tree with a golden tree: every file must be there, byte for byte, and no
    /// other file. With `DEBRIEF_RECORD=1` the golden tree is replaced and the test fails.
    static func assertTree(_ actual: [String: Data], matches golden: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        if DebriefTestSupport.Golden.isRecording {
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
        assertSame(actual, expected, file: file, line: line)
    }

    /// The same files with the same bytes: a missing, an unexpected or a different file fails.
    static func assertSame(_ actual: [String: Data], _ expected: [String: Data], file: StaticString = #filePath, line: UInt = #line) {
        for path in expected.keys.sorted() where actual[path] == nil {
            XCTFail("missing file \(path)", file: file, line: line)
        }
        for path in actual.keys.sorted() where expected[path] == nil {
            XCTFail("unexpected file \(path)", file: file, line: line)
        }
        for (path, data) in actual.sorted(by: { $0.key < $1.key }) {
            guard let want = expected[path], want != data else { continue }
            let difference = DebriefTestSupport.Golden.firstDifference(String(decoding: want, as: UTF8.self), String(decoding: data, as: UTF8.self))
            XCTFail("\(path) differs from the golden file: \(difference)", file: file, line: line)
        }
    }
}

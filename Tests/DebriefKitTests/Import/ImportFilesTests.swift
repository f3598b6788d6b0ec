@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// Reading inputs and creating drafts: links followed to regular files only, and a file that
/// exists (even one that appears at the last moment) never replaced.
final class ImportFilesTests: XCTestCase {
    func test_import_aLinkToARegularFileIsReadAndALinkToAFIFOIsNot() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("\u{FEFF}# T\r\n".utf8), to: "real.md", under: folder)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.md", withDestinationPath: folder.path + "/real.md")
        XCTAssertEqual(try ImportInput.read(folder.path + "/link.md", limit: 1024).get(), "# T\r\n")
        XCTAssertEqual(mkfifo(folder.path + "/pipe", 0o644), 0)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/pipe.md", withDestinationPath: folder.path + "/pipe")
        XCTAssertEqual(ImportInput.read(folder.path + "/pipe.md", limit: 1024),
                       .failure(ImportNote(.error, line: nil, "a named pipe (FIFO) is not a regular file; nothing was read")))
        XCTAssertEqual(ImportInput.read(folder.path, limit: 1024),
                       .failure(ImportNote(.error, line: nil, "a folder is not a regular file; nothing was read")))
    }

    func test_import_anExistingFileOrLinkIsNeverReplaced() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        let path = folder.path + "/out/a.md"
        try ExclusiveFileWriter.create(path, bytes: Array("first\n".utf8))
        XCTAssertThrowsError(try ExclusiveFileWriter.create(path, bytes: Array("second\n".utf8))) { error in
            XCTAssertEqual(error as? ExclusiveFileWriter.Failure, .exists)
        }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/out/b.md", withDestinationPath: folder.path + "/nowhere")
        XCTAssertThrowsError(try ExclusiveFileWriter.create(folder.path + "/out/b.md", bytes: Array("x".utf8)))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").sorted(), ["a.md", "b.md"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/nowhere"))
    }
}

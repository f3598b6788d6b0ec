@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// `FileIO.readRegularFile`: never blocks, never reads a device, never holds more than the limit.
final class FileIOTests: XCTestCase {
    func test_item3_devicesAreRefusedBeforeReading() {
        XCTAssertEqual(FileIO.readRegularFile("/dev/zero", limit: 1024), .notRegular(.characterDevice))
        XCTAssertEqual(FileIO.readRegularFile("/dev/null", limit: 1024), .notRegular(.characterDevice))
    }

    func test_item3_fifoIsRefusedWithoutBlocking() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        let path = folder.appendingPathComponent("pipe.md").path
        XCTAssertEqual(mkfifo(path, 0o644), 0)
        XCTAssertEqual(FileIO.readRegularFile(path, limit: 1024), .notRegular(.fifo))
    }

    func test_item3_linksAreNotFollowedAndFoldersAreRefused() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("text".utf8), to: "real.txt", under: folder)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.txt", withDestinationPath: "real.txt")
        XCTAssertEqual(FileIO.readRegularFile(folder.path + "/real.txt", limit: 4), .bytes(Array("text".utf8)))
        XCTAssertEqual(FileIO.readRegularFile(folder.path + "/link.txt", limit: 4), .notRegular(.symbolicLink))
        XCTAssertEqual(FileIO.readRegularFile(folder.path, limit: 4), .notRegular(.directory))
        XCTAssertEqual(FileIO.readRegularFile(folder.path + "/none", limit: 4), .missing)
    }

    func test_item3_sizeIsCheckedBeforeAndWhileReading() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data(repeating: 0x41, count: 5), to: "five.txt", under: folder)
        XCTAssertEqual(FileIO.readRegularFile(folder.path + "/five.txt", limit: 4), .tooLarge(size: 5))
        XCTAssertEqual(FileIO.readRegularFile(folder.path + "/five.txt", limit: 5), .bytes(Array(repeating: 0x41, count: 5)))
        // /proc files report a size of 0 and hold more: the limit holds while reading.
        if case .tooLarge = FileIO.readRegularFile("/proc/self/maps", limit: 16) {} else {
            XCTFail("a file larger than its reported size must still stop at the limit")
        }
    }

    func test_item3_sparseFileIsRefusedWithoutAllocating() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        let path = folder.appendingPathComponent("huge.md").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 64 << 30)
        try handle.close()
        XCTAssertEqual(FileIO.readRegularFile(path, limit: 8 << 20), .tooLarge(size: 64 << 30))
    }

    func test_item3_aLinkIsNotWrittenThrough() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("keep".utf8), to: "target.txt", under: folder)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/cache.tmp", withDestinationPath: "target.txt")
        XCTAssertThrowsError(try FileIO.write(Array("over".utf8), to: folder.path + "/cache.tmp"))
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("target.txt"), encoding: .utf8), "keep")
        try FileIO.write(Array("new".utf8), to: folder.path + "/plain.txt", mode: 0o600)
        XCTAssertEqual(FileIO.readRegularFile(folder.path + "/plain.txt", limit: 8), .bytes(Array("new".utf8)))
    }
}

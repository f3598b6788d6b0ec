@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// `RepositoryFiles`: reads stay inside the root; walks enter each folder once.
final class RepositoryFilesTests: XCTestCase {
    private let fileManager = FileManager.default

    private func root() throws -> URL {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("# A\n".utf8), to: "sops/a.md", under: root)
        return root
    }

    func test_item3_linksInsideTheRootAreReadAndOthersRefused() throws {
        let root = try root()
        let outside = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("secret".utf8), to: "secret.md", under: outside)
        try fileManager.createSymbolicLink(atPath: root.path + "/sops/inside.md", withDestinationPath: "a.md")
        try fileManager.createSymbolicLink(atPath: root.path + "/sops/outside.md", withDestinationPath: outside.path + "/secret.md")
        try fileManager.createSymbolicLink(atPath: root.path + "/sops/gone.md", withDestinationPath: "nowhere.md")
        try fileManager.createSymbolicLink(atPath: root.path + "/sops/climb.md", withDestinationPath: "../../" + outside.lastPathComponent + "/secret.md")
        let files = RepositoryFiles(root: root)
        XCTAssertEqual(files.read("sops/inside.md", limit: 100), .bytes(Array("# A\n".utf8)))
        for file in ["sops/outside.md", "sops/climb.md"] {
            guard case .refused(let diagnostic) = files.read(file, limit: 100) else { return XCTFail(file) }
            XCTAssertEqual(diagnostic.code, .symlinkOutsideRoot)
            XCTAssertEqual(diagnostic.location, SourceLocation(file: file, line: 1, column: 1))
        }
        guard case .refused(let dangling) = files.read("sops/gone.md", limit: 100) else { return XCTFail() }
        XCTAssertEqual(dangling.message, "symbolic link leads to nothing and is not read; fix or remove the link")
        XCTAssertEqual(files.read("sops/none.md", limit: 100), .missing)
    }

    func test_item4_walkEntersEachFolderOnce() throws {
        let root = try root()
        for name in ["l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8"] {
            try fileManager.createSymbolicLink(atPath: root.path + "/sops/" + name, withDestinationPath: ".")
        }
        let started = Date()
        let listing = try RepositoryFiles(root: root).walk("sops") { $0.hasSuffix(".md") }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertEqual(listing.files, ["sops/a.md"])
        XCTAssertEqual(listing.diagnostics.map(\.location.file), ["sops/l1", "sops/l2", "sops/l3", "sops/l4", "sops/l5", "sops/l6", "sops/l7", "sops/l8"])
        XCTAssertEqual(Set(listing.diagnostics.map(\.code)), [.folderLoop])
    }

    func test_item4_linkedFolderIsWalkedOnceThroughTheFirstLink() throws {
        let root = try root()
        try writeFile(Data("# B\n".utf8), to: "common/b.md", under: root)
        try fileManager.createSymbolicLink(atPath: root.path + "/sops/x", withDestinationPath: "../common")
        try fileManager.createSymbolicLink(atPath: root.path + "/sops/y", withDestinationPath: "../common")
        try fileManager.createSymbolicLink(atPath: root.path + "/common/back", withDestinationPath: "../sops")
        let listing = try RepositoryFiles(root: root).walk("sops") { $0.hasSuffix(".md") }
        XCTAssertEqual(listing.files, ["sops/a.md", "sops/x/b.md"])
        XCTAssertEqual(listing.diagnostics.map(\.location.file), ["sops/x/back", "sops/y"])
    }

    func test_item3_sizesParseAndPrint() {
        XCTAssertEqual(Config.parseSize("1048576"), 1 << 20)
        XCTAssertEqual(Config.parseSize("512 KiB"), 512 << 10)
        XCTAssertEqual(Config.parseSize("8MiB"), 8 << 20)
        XCTAssertEqual(Config.parseSize("1 GiB"), 1 << 30)
        XCTAssertNil(Config.parseSize("8 MB"))
        XCTAssertNil(Config.parseSize("-1"))
        XCTAssertNil(Config.parseSize("99999999999999999999 GiB"))
        XCTAssertEqual(RepositoryFiles.describe(size: 100), "100 bytes")
        XCTAssertEqual(RepositoryFiles.describe(size: 8 << 20), "8 MiB")
        XCTAssertEqual(RepositoryFiles.describe(size: 1536), "1.5 KiB")
    }
}

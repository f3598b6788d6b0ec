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

    func test_review_linkTargetsAreHeldToWhatTheLinkIsReadAs() throws {
        let root = try root()
        try writeFile(Data("token".utf8), to: ".git/config", under: root)
        try writeFile(Data("# P\n".utf8), to: "postmortems/p.md", under: root)
        try writeFile(Data("page".utf8), to: "_site/index.txt", under: root)
        try writeFile(Data("plain".utf8), to: "notes/plain.txt", under: root)
        try writeFile(Data("{{x}}".utf8), to: "templates/page.mustache", under: root)
        let links = ["sops/git.md": "../.git/config", "sops/pm.md": "../postmortems/p.md", "sops/site.md": "../_site/index.txt",
                     "notes/site.txt": "../_site/index.txt", "notes/git.txt": "../.git/config", "notes/tpl.txt": "../templates/page.mustache",
                     "templates/alias.mustache": "page.mustache", "debrief.yml": ".git/config", "notes/a.md": "../sops/a.md",
                     "sops/yml.md": "../debrief.yml", "sops/txt.md": "../notes/plain.txt", "postmortems/shared.md": "../notes/a.md"]
        for (link, target) in links {
            try fileManager.createDirectory(at: root.appendingPathComponent(link).deletingLastPathComponent(), withIntermediateDirectories: true)
            try fileManager.createSymbolicLink(atPath: root.path + "/" + link, withDestinationPath: target)
        }
        let files = RepositoryFiles(root: root).configured(with: Config())
        func refusal(_ file: String) -> RepositoryFiles.Refusal? { files.refusal(of: file, limit: 100) }
        XCTAssertEqual(refusal("sops/git.md"), .target(".git/config", .hidden))
        XCTAssertEqual(refusal("notes/git.txt"), .target(".git/config", .hidden))
        XCTAssertEqual(refusal("debrief.yml"), .target(".git/config", .hidden))
        XCTAssertEqual(RepositoryFiles(root: root).refusal(of: "debrief.yml", limit: 100), .target(".git/config", .hidden))
        XCTAssertEqual(refusal("notes/tpl.txt"), .target("templates/page.mustache", .templates))
        XCTAssertEqual(refusal("sops/site.md"), .target("_site/index.txt", .output))
        XCTAssertEqual(refusal("notes/site.txt"), .target("_site/index.txt", .output))
        XCTAssertNil(refusal("sops/pm.md"), "a document may lead to a document in the other folder")
        XCTAssertNil(refusal("templates/alias.mustache"), "a template may lead to a template")
        XCTAssertNil(refusal("notes/a.md"), "a linked file may lead to a document")
        XCTAssertEqual(refusal("sops/yml.md"), .target(".git/config", .hidden), "every link on the way is resolved")
        XCTAssertEqual(refusal("sops/txt.md"), .target("notes/plain.txt", .notDocument))
        XCTAssertNil(refusal("postmortems/shared.md"), "a document may lead to Markdown in a shared folder")
        guard case .refused(let diagnostic) = files.read("sops/git.md", limit: 100) else { return XCTFail() }
        XCTAssertEqual(diagnostic.code, .symlinkOutsideRoot)
        XCTAssertEqual(diagnostic.message, "symbolic link points at .git/config, a hidden file, and is not read; put the file itself here or remove the link")
        XCTAssertFalse(diagnostic.message.contains("token"))
    }

    func test_review_folderLinksToHiddenFoldersAreNotScanned() throws {
        let root = try root()
        try writeFile(Data("# H\n".utf8), to: ".github/h.md", under: root)
        try fileManager.createSymbolicLink(atPath: root.path + "/sops/gh", withDestinationPath: "../.github")
        let listing = try RepositoryFiles(root: root).configured(with: Config()).walk("sops") { $0.hasSuffix(".md") }
        XCTAssertEqual(listing.files, ["sops/a.md"])
        XCTAssertEqual(listing.diagnostics.map(\.message), ["folder link points at .github, a hidden file, and is not scanned; put the folder itself here or remove the link"])
        // A document folder that is itself a link into a hidden folder is not scanned either.
        try fileManager.createSymbolicLink(atPath: root.path + "/pm", withDestinationPath: ".github")
        var config = Config()
        config.postmortems = "pm"
        let start = try RepositoryFiles(root: root).configured(with: config).walk("pm") { $0.hasSuffix(".md") }
        XCTAssertEqual(start.files, [])
        XCTAssertEqual(start.diagnostics.map(\.location.file), ["pm"])
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

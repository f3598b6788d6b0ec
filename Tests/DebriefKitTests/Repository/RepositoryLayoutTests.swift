import DebriefKit
import XCTest

final class RepositoryLayoutTests: XCTestCase {
    private let layout = RepositoryLayout(
        config: Config(),
        postmortemFiles: ["postmortems/2026/checkout.md", "postmortems/search.md"],
        sopFiles: ["sops/cache-flush.md", "sops/db/database-restore.md", "sops/a b.md"]
    )

    func test_idsSlugsAndPages() {
        XCTAssertEqual(layout.postmortemSlug("postmortems/2026/checkout.md"), "2026/checkout")
        XCTAssertEqual(layout.sopID("sops/db/database-restore.md"), "db/database-restore")
        XCTAssertEqual(layout.sopFile(forID: "db/database-restore"), "sops/db/database-restore.md")
        XCTAssertTrue(layout.hasSOP(id: "cache-flush"))
        XCTAssertFalse(layout.hasSOP(id: "cache"))
        XCTAssertEqual(layout.pagePath(forFile: "postmortems/2026/checkout.md"), "postmortems/2026/checkout.html")
        XCTAssertEqual(layout.pagePath(forFile: "sops/db/database-restore.md"), "sops/db/database-restore.html")
        XCTAssertNil(layout.pagePath(forFile: "README.md"))
    }

    func test_pagesUseFixedFolderNamesWhateverTheConfiguredOnes() {
        var config = Config()
        config.postmortems = "records"
        config.sops = "runbooks"
        let custom = RepositoryLayout(config: config, postmortemFiles: ["records/a.md"], sopFiles: ["runbooks/b.md"])
        XCTAssertEqual(custom.pagePath(forFile: "records/a.md"), "postmortems/a.html")
        XCTAssertEqual(custom.pagePath(forFile: "runbooks/b.md"), "sops/b.html")
        XCTAssertEqual(custom.sopID("runbooks/b.md"), "b")
    }

    func test_resolve() {
        let from = "postmortems/2026/checkout.md"
        XCTAssertEqual(layout.resolve("", from: from), .fragment)
        XCTAssertEqual(layout.resolve("#impact", from: from), .fragment)
        XCTAssertEqual(layout.resolve("https://example.com/a.md", from: from), .external)
        XCTAssertEqual(layout.resolve("mailto:sre@example.com", from: from), .external)
        XCTAssertEqual(layout.resolve("//cdn.example.com/x.png", from: from), .external)
        XCTAssertEqual(layout.resolve("/absolute/path.md", from: from), .external)
        // From the repository root, as GitHub reads it: documents only.
        XCTAssertEqual(layout.resolve("/sops/cache-flush.md#steps", from: from), .document(file: "sops/cache-flush.md", fragment: "steps"))
        XCTAssertEqual(layout.resolve("/sops/gone.md", from: from), .missingDocument(file: "sops/gone.md"))
        XCTAssertEqual(layout.resolve("/images/diagram.png", from: from), .external)
        XCTAssertEqual(layout.resolve("/../sops/cache-flush.md", from: from), .external)
        XCTAssertEqual(layout.resolve("../../sops/cache-flush.md", from: from), .document(file: "sops/cache-flush.md", fragment: nil))
        XCTAssertEqual(layout.resolve("../../sops/db/database-restore.md#steps", from: from),
                       .document(file: "sops/db/database-restore.md", fragment: "steps"))
        XCTAssertEqual(layout.resolve("../search.md?plain=1", from: from), .document(file: "postmortems/search.md", fragment: nil))
        XCTAssertEqual(layout.resolve("../../sops/a%20b.md", from: from), .document(file: "sops/a b.md", fragment: nil))
        XCTAssertEqual(layout.resolve("./../search.md", from: from), .document(file: "postmortems/search.md", fragment: nil))
        XCTAssertEqual(layout.resolve("../../sops/nope.md", from: from), .missingDocument(file: "sops/nope.md"))
        XCTAssertEqual(layout.resolve("diagram.png", from: from), .otherFile(file: "postmortems/2026/diagram.png"))
        XCTAssertEqual(layout.resolve("../../README.md", from: from), .otherFile(file: "README.md"), "Markdown outside the document folders")
        XCTAssertEqual(layout.resolve("../../../etc/passwd", from: from), .otherFile(file: "../../../etc/passwd"), "above the root")
    }

    func test_href() {
        XCTAssertEqual(layout.href(toPage: "sops/db/database-restore.html", fromPage: "postmortems/2026/checkout.html", baseURL: nil),
                       "../../sops/db/database-restore.html")
        XCTAssertEqual(layout.href(toPage: "sops/cache-flush.html", fragment: "steps", fromPage: "index.html", baseURL: nil),
                       "sops/cache-flush.html#steps")
        XCTAssertEqual(layout.href(toPage: "sops/cache-flush.html", fragment: "", fromPage: "index.html", baseURL: nil),
                       "sops/cache-flush.html")
        XCTAssertEqual(layout.href(toPage: "sops/cache-flush.html", fragment: "x", fromPage: "postmortems/a.html", baseURL: "/kb/"),
                       "/kb/sops/cache-flush.html#x")
    }

    func test_rootPrefix() {
        XCTAssertEqual(RepositoryLayout.rootPrefix(fromPage: "index.html", baseURL: nil), "")
        XCTAssertEqual(RepositoryLayout.rootPrefix(fromPage: "sops/db/x.html", baseURL: nil), "../../")
        XCTAssertEqual(RepositoryLayout.rootPrefix(fromPage: "sops/db/x.html", baseURL: "https://kb.example.com/"), "https://kb.example.com/")
    }
}

@testable import DebriefKit
import XCTest

final class SOPReaderTests: XCTestCase {
    private let synced = """
        # Cache flush

        Steps:

        1. Flush.

        ## Preventive actions

        <!-- debrief:actions:begin -->

        | Status | Key |
        | --- | --- |
        | open | INC-1/PA-1 |

        <!-- debrief:actions:end -->

        ## Rollback

        Nothing to roll back.

        """

    func test_managedBlockAndItsHeadingBecomeBlankLines() {
        let stripped = SOPReader.withoutManagedBlock(synced, file: "sops/cache-flush.md")
        XCTAssertFalse(stripped.contains("debrief:actions"))
        XCTAssertFalse(stripped.contains("INC-1/PA-1"))
        XCTAssertFalse(stripped.contains("## Preventive actions"))
        XCTAssertTrue(stripped.contains("## Rollback"))
        // Every other line keeps its number, so diagnostics still point at the right place.
        let before = synced.split(separator: "\n", omittingEmptySubsequences: false)
        let after = stripped.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(after.count, before.count)
        XCTAssertEqual(after.firstIndex(of: "## Rollback"), before.firstIndex(of: "## Rollback"))
    }

    func test_aBodyWithBrokenMarkersIsRenderedAsItIs() {
        let broken = "# X\n\n<!-- debrief:actions:begin -->\n\ntext\n"
        XCTAssertEqual(SOPReader.withoutManagedBlock(broken, file: "sops/x.md"), broken)
    }

    func test_theSitePageLeavesTheSyncedCopyOutButCheckingReadsTheWholeBody() {
        let layout = RepositoryLayout(config: Config(), postmortemFiles: [], sopFiles: ["sops/cache-flush.md"])
        let source = SourceText(path: "sops/cache-flush.md", text: synced)
        let (rendered, _) = SOPReader(layout: layout, render: RenderSettings(options: .site, baseURL: nil)).read(source)
        XCTAssertFalse(rendered.bodyHTML?.contains("INC-1/PA-1") ?? true)
        XCTAssertTrue(rendered.bodyHTML?.contains("Rollback") ?? false)
        let (checked, diagnostics) = SOPReader(layout: layout).read(source)
        XCTAssertNil(checked.bodyHTML)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(checked.title, "Cache flush")
    }
}

import DebriefKit
import DebriefTestSupport
import XCTest

/// Reading a document costs time in proportion to its size, whatever its shape: each test builds
/// a hostile shape at two sizes and checks that the larger one is not super-linearly slower
/// (see `Linearity`).
final class LinearScalingTests: XCTestCase {
    func test_item9_manyEmptyBlocksInOneSectionReadInLinearTime() {
        for empty in ["***", "<!-- c -->"] {
            assertLinear("\(empty) blocks in one section", startingAt: 500) { n in
                frontMatter() + "## Summary\n\n" + String(repeating: empty + "\n\n", count: n)
            } run: { text in
                let (pm, _) = readPostmortem(text)
                XCTAssertEqual(pm.section("Summary")?.hasContent, false)
            }
        }
    }
}

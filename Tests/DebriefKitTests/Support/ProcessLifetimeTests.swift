@testable import DebriefKit
import DebriefTestSupport
import XCTest

/// `debrief build` leaves its last structures to the process's exit: what `keep` is given must
/// outlive every other reference to it, and a build that keeps them makes the same site. Large
/// blocks get mappings of their own (`ProcessHeap`).
final class ProcessLifetimeTests: XCTestCase {
    private final class Probe {}

    func testKeptObjectOutlivesItsLastReference() {
        weak var kept: Probe?
        weak var dropped: Probe?
        do {
            let first = Probe(), second = Probe()
            kept = first
            dropped = second
            ProcessLifetime.keep((first, 1))
            _ = second
        }
        XCTAssertNotNil(kept)
        XCTAssertNil(dropped)
    }

    func testBuildThatKeepsItsMemoryWritesTheSameSite() throws {
        let root = TestPaths.exampleRepo
        var pages: [[String: [UInt8]]] = []
        for releases in [true, false] {
            let writer = MemorySiteWriter()
            var options = BuildOptions(root: root, asOf: CalendarDate("2026-12-01"), useCache: false)
            options.releasesMemory = releases
            let report = try SiteBuilder(options: options, writer: writer).build()
            XCTAssertTrue(report.built)
            pages.append(writer.pages)
        }
        XCTAssertGreaterThan(pages[0].count, 10)
        XCTAssertEqual(pages[0], pages[1])
    }

    /// glibc's `mallopt` is found and takes the fixed threshold for mapping large blocks apart.
    func testLargeBlocksAreMappedApartOnGlibc() {
        #if canImport(Glibc)
        XCTAssertTrue(ProcessHeap.mapLargeBlocksApart())
        #endif
    }
}

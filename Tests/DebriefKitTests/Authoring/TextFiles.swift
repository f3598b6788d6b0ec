import DebriefTestSupport
import Foundation
import XCTest

/// Writes `text` as UTF-8 to `relative` under `root`, creating folders.
func writeFile(utf8 text: String, to relative: String, under root: URL) throws {
    try writeFile(Array(text.utf8), to: relative, under: root)
}

extension XCTestCase {
    /// The UTF-8 text of `relative` under `root`.
    func text(_ relative: String, under root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }
}

import DebriefKit
import DebriefTestSupport
import Dispatch
import XCTest

/// The rules of `check` read the knowledge base and write only their own bag, so they run on
/// every core; what comes out is what running them one after another gives.
final class ValidatorConcurrencyTests: XCTestCase {
    /// Waits, up to a few seconds, for its partner to be running at the same time.
    private struct RendezvousRule: Rule {
        let mine: DispatchSemaphore
        let partner: DispatchSemaphore
        let code: DiagnosticCode

        func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
            mine.signal()
            let met = partner.wait(timeout: .now() + 5) == .success
            bag.warning(code, at: SourceLocation(file: "debrief.yml", line: 1), met ? "ran beside its partner" : "ran alone")
        }
    }

    func test_item4_rulesRunOnBothCores() throws {
        try XCTSkipIf(ProcessInfo.processInfo.activeProcessorCount < 2, "one core")
        let base = try RepositoryLoader().load(root: TestPaths.exampleRepo)
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        let validator = Validator(rules: [RendezvousRule(mine: first, partner: second, code: .configUnknownKey),
                                          RendezvousRule(mine: second, partner: first, code: .configInvalidValue)])
        let messages = validator.validate(base).filter { $0.location.file == "debrief.yml" }.map(\.message)
        XCTAssertEqual(messages, ["ran beside its partner", "ran beside its partner"])
    }

    func test_item4_rulesOnBothCoresGiveWhatOneAfterAnotherGives() throws {
        let base = try RepositoryLoader().load(root: TestPaths.exampleRepo)
        var sequential = DiagnosticBag()
        sequential.add(contentsOf: base.readDiagnostics)
        for rule in Validator.standard.rules { rule.check(base, into: &sequential) }
        XCTAssertEqual(Validator.standard.validate(base), sequential.all.sortedForOutput())
    }
}

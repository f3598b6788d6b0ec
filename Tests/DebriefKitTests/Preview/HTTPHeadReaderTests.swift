import DebriefKit
import XCTest

final class HTTPHeadReaderTests: XCTestCase {
    private func read(_ text: String, limits: HTTPHeadReader.Limits = .standard, byteByByte: Bool = false) -> HTTPHeadReader.Outcome {
        var reader = HTTPHeadReader(limits: limits)
        guard byteByByte else { return reader.feed(Array(text.utf8)) }
        var outcome = HTTPHeadReader.Outcome.needMore
        for byte in text.utf8 where outcome == .needMore { outcome = reader.feed([byte]) }
        return outcome
    }

    func test_aRequestHeadIsReadWholeOrByteByByte() {
        let text = "GET /a%20b?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept:  text/html \r\n\r\nbody"
        let expected = HTTPHeadReader.Head(method: "GET", target: "/a%20b?x=1", version: "HTTP/1.1",
                                           headers: [("Host", "127.0.0.1:8000"), ("Accept", "text/html")])
        XCTAssertEqual(read(text), .head(expected))
        XCTAssertEqual(read(text, byteByByte: true), .head(expected))
        XCTAssertEqual(read("GET / HTTP/1.0\n\n"), .head(.init(method: "GET", target: "/", version: "HTTP/1.0", headers: [])))
        XCTAssertEqual(read("GET / HTTP/1.1\r\nHost: x\r\n"), .needMore)
    }

    func test_item11_limitsAreKeptToTheByte() {
        let limits = HTTPHeadReader.Limits(requestLine: 20, headerLine: 10, headerBytes: 30, headerCount: 3)
        let line20 = "GET /" + String(repeating: "a", count: 6) + " HTTP/1.1"
        XCTAssertEqual(line20.utf8.count, 20)
        XCTAssertEqual(read(line20 + "\r\n\r\n", limits: limits), .head(.init(method: "GET", target: "/aaaaaa", version: "HTTP/1.1", headers: [])))
        XCTAssertEqual(read("GET /aaaaaaa HTTP/1.1\r\n\r\n", limits: limits), .refused(.uriTooLong))
        // Refused as soon as the line is too long, without waiting for its end.
        XCTAssertEqual(read("GET /" + String(repeating: "a", count: 100), limits: limits), .refused(.uriTooLong))
        XCTAssertEqual(read("GET / HTTP/1.1\r\nX: 1234567\r\n\r\n", limits: limits), .head(.init(method: "GET", target: "/", version: "HTTP/1.1", headers: [("X", "1234567")])))
        XCTAssertEqual(read("GET / HTTP/1.1\r\nX: 12345678", limits: limits), .refused(.headerFieldsTooLarge))
        XCTAssertEqual(read("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", limits: limits), .refused(.headerFieldsTooLarge))
        // All lines together: 10 + 10 bytes, then a third line of 6 passes 25.
        var total = limits
        total.headerBytes = 25
        XCTAssertEqual(read("GET / HTTP/1.1\r\nA: 12345\r\nB: 12345\r\nC: 12", limits: total), .needMore)
        XCTAssertEqual(read("GET / HTTP/1.1\r\nA: 12345\r\nB: 12345\r\nC: 123", limits: total), .refused(.headerFieldsTooLarge))
    }

    func test_item11_aMegabyteLineCostsLinearTime() {
        let start = Date()
        let huge = String(repeating: "a", count: 1 << 20)
        XCTAssertEqual(read("GET /" + huge, limits: .init(requestLine: 1 << 22, headerLine: 8192, headerBytes: 65536, headerCount: 100),
                            byteByByte: false), .needMore)
        XCTAssertEqual(read("GET / HTTP/1.1\r\nX: " + huge + "\r\n\r\n"), .refused(.headerFieldsTooLarge))
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    func test_malformedHeadsAreBadRequests() {
        for text in ["GET\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET http://x/ HTTP/1.1\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n",
                     "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", "GET / HTTP/1.1\r\n folded\r\n\r\n", "GET / HTTP/1.1\r\nX: a\u{0}b\r\n\r\n",
                     "GET / HTTP/1.1\r\n: empty\r\n\r\n", "\r\n\r\n\r\n\r\n\r\n"] {
            XCTAssertEqual(read(text), .refused(.badRequest), text.debugDescription)
        }
        XCTAssertEqual(read("GET / HTTP/2.0\r\n\r\n"), .refused(.versionNotSupported))
        XCTAssertEqual(read("\r\nGET / HTTP/1.1\r\n\r\n"), .head(.init(method: "GET", target: "/", version: "HTTP/1.1", headers: [])))
    }
}

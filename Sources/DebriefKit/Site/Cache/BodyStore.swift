/// Rendered bodies: in memory for documents parsed in this build, in the cache's
/// `bodies.bin` for the others. A stored body is returned only when its bytes hash to the
/// record's `bodyHash` (a SHA-256 digest), so a damaged or tampered store can never put one document's body on
/// another's page.
struct BodyStore: Sendable {
    let writer: any SiteWriter

    /// The body's HTML, or nil when it has none or the stored bytes are not the record's.
    func html(of document: SiteDocument) -> String? {
        switch document.body {
        case .rendered(let rendered): return rendered.html
        case .stored: return storedBytes(of: document).map { String(decoding: $0, as: UTF8.self) }
        case .none: return nil
        }
    }

    /// The body's HTML, "" for a document without one. Throws when a stored body no longer
    /// matches its record (something changed the cache during the build): a page or a search
    /// file is never made with another document's body.
    func requiredHTML(of document: SiteDocument) throws -> String {
        guard let html = html(of: document) ?? (document.body.isNone ? "" : nil) else {
            throw EnvironmentError("the build cache changed while debrief was building: the stored body of \(document.file) no longer matches; build again")
        }
        return html
    }

    /// Whether the store holds the record's body, checked without making a string of it.
    func holds(_ document: SiteDocument) -> Bool {
        storedBytes(of: document) != nil
    }

    private func storedBytes(of document: SiteDocument) -> [UInt8]? {
        guard case .stored(let offset, let length) = document.body,
              let bytes = writer.read(BuildCache.bodiesPath, offset: offset, length: length),
              ContentDigest.of(bytes) == document.bodyHash else { return nil }
        return bytes
    }
}

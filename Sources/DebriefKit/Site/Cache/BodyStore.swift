/// Rendered bodies: in memory for documents parsed in this build, in the cache's
/// `bodies.bin` for the others.
struct BodyStore: Sendable {
    let writer: any SiteWriter

    func html(of document: SiteDocument) -> String? {
        switch document.body {
        case .html(let html): return html
        case .stored(let offset, let length):
            return writer.read(BuildCache.bodiesPath, offset: offset, length: length).map { String(decoding: $0, as: UTF8.self) }
        case .none: return nil
        }
    }
}

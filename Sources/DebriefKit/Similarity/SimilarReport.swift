import Foundation

/// The output formats of `debrief similar`.
public enum SimilarFormat: String, Sendable, CaseIterable {
    /// A line per similar post-mortem (score, id, date, title) and its reasons below it.
    case table
    /// One JSON document.
    case json
}

/// What `debrief similar` found: the post-mortems most similar to one of the repository, or
/// to a text (the first lines of a post-mortem not yet written).
public struct SimilarReport: Sendable {
    /// One similar post-mortem.
    public struct Item: Sendable, Equatable {
        /// Its id.
        public var id: String
        /// Its title.
        public var title: String
        /// Its date.
        public var date: CalendarDate?
        /// Its file.
        public var file: String
        /// The similarity, 0 to 1.
        public var score: Double
        /// Why (`SimilarMatch.reasons`).
        public var reasons: [String]
    }

    /// The post-mortem asked about, or nil for a text.
    public var id: String?
    /// The text asked about, or the title of the post-mortem.
    public var subject: String
    /// The similar post-mortems, best first.
    public var items: [Item]
    /// The post-mortem's `related` ids, which the computed list leaves out.
    public var related: [String]

    /// The post-mortems most similar to the one with `id`, leaving out the ones it names in
    /// `related` and the ones that name it there (as its page does); nil when no post-mortem
    /// has that id.
    public static func postmortem(_ id: String, in base: KnowledgeBase, limit: Int = SimilarityIndex.defaultLimit) -> SimilarReport? {
        guard let position = base.postmortems.firstIndex(where: { $0.id == id }) else { return nil }
        let pm = base.postmortems[position]
        let related = Self.relatedPositions(of: position, in: base.postmortems)
        let found = base.similarityIndex.similar(to: position, limit: limit, excluding: related)
        return SimilarReport(id: id, subject: pm.title, items: found.map { item($0, base) },
                             related: related.sorted().map { base.postmortems[$0].id })
    }

    /// The post-mortems most similar to `text`.
    public static func text(_ text: String, in base: KnowledgeBase, limit: Int = SimilarityIndex.defaultLimit) -> SimilarReport {
        SimilarReport(id: nil, subject: text, items: base.similarityIndex.similar(toText: text, limit: limit).map { item($0, base) }, related: [])
    }

    /// Positions of the post-mortems `postmortems[position]` names in `related` and of those
    /// naming it there: the author's links, which computed lists never repeat.
    public static func relatedPositions(of position: Int, in postmortems: [Postmortem]) -> Set<Int> {
        let id = postmortems[position].id
        let named = Set(postmortems[position].related)
        var found: Set<Int> = []
        // By index: a loop over the values would copy every record.
        for other in postmortems.indices where other != position {
            let candidate = postmortems[other].id
            if !candidate.isEmpty && named.contains(candidate) { found.insert(other) }
            if !id.isEmpty && postmortems[other].related.contains(id) { found.insert(other) }
        }
        return found
    }

    /// `relatedPositions(of:in:)` of every post-mortem at once, in one pass over the `related`
    /// lists (the site needs all of them; asking one by one is quadratic).
    public static func relatedPositionsForAll(in postmortems: [Postmortem]) -> [Set<Int>] {
        var byID: [String: [Int]] = [:]
        for position in postmortems.indices where !postmortems[position].id.isEmpty {
            byID[postmortems[position].id, default: []].append(position)
        }
        var found = [Set<Int>](repeating: [], count: postmortems.count)
        for position in postmortems.indices {
            for id in postmortems[position].related {
                for other in byID[id] ?? [] where other != position {
                    found[position].insert(other)
                    found[other].insert(position)
                }
            }
        }
        return found
    }

    private static func item(_ match: SimilarMatch, _ base: KnowledgeBase) -> Item {
        let pm = base.postmortems[match.position]
        return Item(id: pm.id, title: pm.title, date: pm.date, file: pm.file, score: match.score, reasons: match.reasons)
    }

    /// The report in `format`, ending with a newline.
    public func format(_ format: SimilarFormat) -> String {
        switch format {
        case .table: table()
        case .json: json()
        }
    }

    /// A score as shown: two decimals.
    static func score(_ value: Double) -> String {
        value.twoDecimals
    }

    private func table() -> String {
        let show: (String) -> String = TerminalText.escape
        var out = id.map { "Similar incidents (computed) to \(show($0)): \(show(subject))\n" }
            ?? "Similar incidents (computed) to the text: \(show(subject))\n"
        if items.isEmpty {
            out += "\nNone scores \(Self.score(SimilarityIndex.minimumScore)) or more.\n"
        } else {
            let idWidth = items.map { show($0.id).count }.max() ?? 0
            out += "\n"
            for item in items {
                let id = show(item.id)
                out += "  \(Self.score(item.score))  \(id)\(String(repeating: " ", count: idWidth - id.count))  "
                    + "\(item.date?.description ?? "----------")  \(show(item.title))\n"
                if !item.reasons.isEmpty { out += "        " + show(item.reasons.joined(separator: "; ")) + "\n" }
            }
        }
        if !related.isEmpty {
            out += "\nLeft out, already in 'related': \(related.map(show).joined(separator: ", "))\n"
        }
        return out
    }

    private func json() -> String {
        var fields: [(String, JSONText.Value)] = []
        if let id {
            fields.append(("id", .string(id)))
            fields.append(("title", .string(subject)))
        } else {
            fields.append(("text", .string(subject)))
        }
        fields.append(("similar", .array(items.map { item in
            .object([
                ("id", .string(item.id)),
                ("title", .string(item.title)),
                ("date", item.date.map { .string($0.description) } ?? .null),
                ("file", .string(item.file)),
                ("score", .number((item.score * 1000).rounded() / 1000)),
                ("reasons", .array(item.reasons.map { .string($0) })),
            ])
        })))
        fields.append(("related", .array(related.map { .string($0) })))
        return JSONText.render(.object(fields)) + "\n"
    }
}

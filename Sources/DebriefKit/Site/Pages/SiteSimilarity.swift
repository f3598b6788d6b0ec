/// Stage 6 of a build (plan), after the index: the similar incidents and the recurrences of
/// every post-mortem, by position in `SiteIndex.postmortems`. The similarity index itself is
/// made once, before validation (which warns about recurrences, DB032), from the post-mortems in
/// document order; this maps its positions to the site's.
struct SiteSimilarity: Sendable {
    /// A computed similar post-mortem.
    struct Item: Sendable {
        /// Position in `SiteIndex.postmortems`.
        let position: Int
        let score: Double
        /// Its reasons, by position in `SiteSimilarity.reasonTexts`: the same few hundred
        /// reasons come back across fifty thousand items, each a string of its own before.
        fileprivate let reasonNumbers: [Int32]
    }

    /// A recurrence with the positions of both post-mortems in `SiteIndex.postmortems`, kept by
    /// position and day numbers (56 bytes): a large site has a hundred thousand recurrences,
    /// held until the last page is written. `SiteSimilarity.recurrence(_:)` makes the
    /// `Recurrence` with its strings when a page needs it.
    struct Recurred: Sendable {
        private let laterPosition: Int32
        private let earlierPosition: Int32
        /// The earlier post-mortem's action: its table, and its row in the table.
        fileprivate let table: Int32
        fileprivate let row: Int32
        let score: Double
        /// Days since 1970, as whole `Int`s: a closing day can come from a commit's date in the
        /// git history, which a repository sets to anything. `Int.min` stands for none: a day
        /// made from any date or 64-bit count of seconds is nowhere near it.
        fileprivate let startedDay: Int
        fileprivate let dueDay: Int
        fileprivate let closedDay: Int
        fileprivate let closedBeforeDue: Bool

        /// Position of the later post-mortem.
        var later: Int { Int(laterPosition) }
        /// Position of the earlier post-mortem.
        var earlier: Int { Int(earlierPosition) }
        /// The day the later incident started.
        var started: CalendarDate { CalendarDate(daysSinceEpoch: startedDay) }

        fileprivate init(later: Int, earlier: Int, _ found: RecurrenceFinder.Found) {
            laterPosition = Int32(later)
            earlierPosition = Int32(earlier)
            table = Int32(found.table)
            row = Int32(found.row)
            score = found.score
            startedDay = found.started.daysSinceEpoch
            dueDay = found.due?.daysSinceEpoch ?? .min
            closedDay = found.closed?.daysSinceEpoch ?? .min
            if case .closedBeforeDue = found.state { closedBeforeDue = true } else { closedBeforeDue = false }
        }

        private static func day(_ number: Int) -> CalendarDate? {
            number == .min ? nil : CalendarDate(daysSinceEpoch: number)
        }

        /// The recurrence, with its ids and action key read from `postmortems` (the site's).
        fileprivate func recurrence(in postmortems: [SiteIndex.PostmortemEntry]) -> Recurrence {
            // Each field read in place: a copy of a post-mortem retains every one of its fields,
            // and a site makes this for each of its recurrences on every build.
            let later = postmortems[self.later], earlier = postmortems[self.earlier]
            let closed = Self.day(closedDay)
            return Recurrence(earlierID: earlier.pm.id, laterID: later.pm.id, laterFile: later.pm.file, score: score,
                              actionKey: earlier.pm.actionTables[Int(table)].actions[Int(row)].key, due: Self.day(dueDay),
                              closed: closed, started: started,
                              // Closed before due always has its closing day (`RecurrenceFinder.state`).
                              state: closedBeforeDue ? .closedBeforeDue(closed: closed ?? started) : .open)
        }
    }

    /// The computed similar post-mortems of each post-mortem: best first, at most
    /// `SimilarityIndex.defaultLimit`, none the author already links in `related` (either way).
    let similar: [[Item]]
    /// The recurrences whose later incident is each post-mortem.
    let recurrences: [[Recurred]]
    /// Where each recurrence is in `recurrences` (the later post-mortem, then the place in its
    /// list), the latest started first: a large site has a hundred thousand recurrences, and
    /// this is 8 bytes for each where a second copy would be 56.
    private let order: [(later: Int32, slot: Int32)]
    /// Every reason of an item, once.
    private let reasonTexts: [String]

    /// Why `item` is similar, strongest first (`SimilarityIndex.reasons(between:and:)`).
    func reasons(_ item: Item) -> [String] {
        item.reasonNumbers.map { reasonTexts[Int($0)] }
    }

    /// The site's post-mortems (`SiteIndex.postmortems`, shared, not copied): where a
    /// recurrence's ids and action key are read.
    private let postmortems: [SiteIndex.PostmortemEntry]

    /// The recurrence `recurred` stands for.
    func recurrence(_ recurred: Recurred) -> Recurrence {
        recurred.recurrence(in: postmortems)
    }

    /// Every recurrence, the latest started first.
    var all: LazyMapCollection<[(later: Int32, slot: Int32)], Recurred> {
        let recurrences = self.recurrences
        return order.lazy.map { recurrences[Int($0.later)][Int($0.slot)] }
    }

    /// The recurrences in which a post-mortem that `involved` marks (by position in
    /// `SiteIndex.postmortems`) is the later or the earlier incident, the latest started first.
    /// Only the matching ones are copied out: a service page looks for its own among them all.
    func recurrences(involving involved: [Bool]) -> [Recurred] {
        func marked(_ position: Int) -> Bool { position >= 0 && position < involved.count && involved[position] }
        var found: [Recurred] = []
        for (later, slot) in order where marked(Int(later)) || marked(recurrences[Int(later)][Int(slot)].earlier) {
            found.append(recurrences[Int(later)][Int(slot)])
        }
        return found
    }

    /// Nothing computed (a site without post-mortems).
    init() {
        similar = []
        recurrences = []
        order = []
        postmortems = []
        reasonTexts = []
    }

    /// `similarity` was made from `postmortems` (document order); `index` is the site's, made
    /// from the same documents: a recurrence found in `postmortems` names its action by table
    /// and row, and is read back from `index.postmortems`, whose tables must be the same.
    init(index: SiteIndex, similarity: SimilarityIndex, postmortems: [Postmortem], settings: RecurrenceSettings) {
        var sitePosition: [String: Int] = [:]
        for (position, entry) in index.postmortems.enumerated() { sitePosition[entry.pm.file] = position }
        let toSite = postmortems.map { sitePosition[$0.file] ?? -1 }
        var inIndex = [Int](repeating: -1, count: index.postmortems.count)
        for (position, site) in toSite.enumerated() where site >= 0 { inIndex[site] = position }
        let toIndex = inIndex
        // One query per post-mortem serves both: its list leaves out the related ones
        // afterwards, since a related incident may well be a recurrence.
        let floor = min(settings.threshold, SimilarityIndex.minimumScore)
        // Reasons only for the few shown, below: the rest serve the recurrence rule.
        let found = similarity.similarForAll(limit: RecurrenceFinder.candidates, minimumScore: floor, withReasons: false)
        let relatedAll = SimilarReport.relatedPositionsForAll(in: postmortems)
        let perSite: [([(position: Int, score: Double, reasons: [String])], [Recurred])] = parallelMap(Array(index.postmortems.indices)) { site in
            let position = toIndex[site]
            guard position >= 0, position < found.count else { return ([], []) }
            let related = relatedAll[position]
            let items = found[position].filter { !related.contains($0.position) && $0.score >= SimilarityIndex.minimumScore }
                .prefix(SimilarityIndex.defaultLimit)
                .compactMap { match in
                    toSite[match.position] >= 0
                        ? (toSite[match.position], match.score, similarity.reasons(between: position, and: match.position))
                        : nil
                }
            let recurrences = RecurrenceFinder.found(of: position, in: postmortems, similar: found[position], settings: settings)
                .compactMap { found -> Recurred? in
                    toSite[found.earlier] >= 0 ? Recurred(later: site, earlier: toSite[found.earlier], found) : nil
                }
            return (Array(items), recurrences)
        }
        var numbers: [String: Int32] = [:]
        var texts: [String] = []
        similar = perSite.map { items in
            items.0.map { item in
                Item(position: item.position, score: item.score, reasonNumbers: item.reasons.map { reason in
                    if let number = numbers[reason] { return number }
                    texts.append(reason)
                    numbers[reason] = Int32(texts.count - 1)
                    return Int32(texts.count - 1)
                })
            }
        }
        reasonTexts = texts
        self.postmortems = index.postmortems
        let recurrences = perSite.map(\.1)
        self.recurrences = recurrences
        order = recurrences.indices.flatMap { later in recurrences[later].indices.map { (later: Int32(later), slot: Int32($0)) } }
            .sorted { leftSlot, rightSlot in
                let left = recurrences[Int(leftSlot.later)][Int(leftSlot.slot)], right = recurrences[Int(rightSlot.later)][Int(rightSlot.slot)]
                if left.startedDay != right.startedDay { return left.startedDay > right.startedDay }
                if left.later != right.later { return left.later < right.later }
                return left.earlier < right.earlier
            }
    }
}

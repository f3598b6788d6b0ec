/// The site's data files: `api/postmortems.json`, and the models of
/// `feed.mustache` (Atom) and `sitemap.mustache`.
extension PageModels {
    /// How many post-mortems the Atom feed carries.
    static let feedLength = 20

    /// How many post-mortems' lines of `api/postmortems.json` are made at once.
    static let apiBatch = 512

    /// `api/postmortems.json`: one object per post-mortem, newest first, with the fields and
    /// key order documented in `docs/site.md`, on one line per post-mortem: indentation made up
    /// a third of the file and no program reading it needs it.
    ///
    /// It comes in consecutive pieces, given to `emit` in order: the lines of `apiBatch`
    /// post-mortems at a time, made on every core. At ten thousand post-mortems the
    /// file is some 70 MB; made whole, it and its lines were the largest thing a build held at
    /// once, and a caller that writes each piece as it comes never holds more than one batch.
    func postmortemsJSON(_ emit: ([UInt8]) throws -> Void) rethrows {
        let count = index.postmortems.count
        var start = 0
        repeat {
            let end = min(start + Self.apiBatch, count)
            let lines = postmortemLines(start..<end)
            var piece: [UInt8] = []
            piece.reserveCapacity(lines.reduce(8) { $0 + $1.count + 2 })
            if start == 0 { piece += "[\n".utf8 }
            for (offset, line) in lines.enumerated() {
                if start + offset > 0 { piece += ",\n".utf8 }
                piece += line
            }
            if end == count { piece += "\n]\n".utf8 }
            try emit(piece)
            start = end
        } while start < count
    }

    /// The lines of `api/postmortems.json` of the post-mortems at `positions`.
    private func postmortemLines(_ positions: Range<Int>) -> [[UInt8]] {
        let windows = index.config.publishWithin, asOf = settings.asOf
        return parallelMap(Array(positions)) { position in
            let entry = index.postmortems[position]
            let pm = entry.pm
            let metrics = pm.metrics
            func number(_ value: Double?) -> JSONText.Value { value.map { .number($0) } ?? .null }
            let ticketURLs = entry.document.ticketURLs
            let actions: [JSONText.Value] = pm.actions.enumerated().map { row, action in
                let ticketURL = row < ticketURLs.count ? ticketURLs[row] : nil
                return .object([
                    ("key", .string(action.key)),
                    ("id", .string(action.id)),
                    ("action", .string(action.action)),
                    ("owner", .string(action.owner)),
                    ("due", action.due.map { .string($0.description) } ?? .null),
                    ("status", action.status.map { .string($0.rawValue) } ?? .null),
                    ("sops", .array(Self.unique(action.sops.compactMap(\.sopID)).map { .string($0) })),
                    ("ticket", action.ticket.map { .string($0) } ?? .null),
                    ("ticket_url", ticketURL.map { .string($0) } ?? .null),
                    ("untracked", .bool(action.untracked)),
                ])
            }
            func utc(_ time: Timestamp?) -> JSONText.Value {
                time.map { .string(Timestamp(epochSeconds: $0.epochSeconds, offsetSeconds: 0).description) } ?? .null
            }
            let timeline: [JSONText.Value] = pm.timeline.map { entry in
                .object([
                    ("at", utc(entry.time)),
                    ("end", utc(entry.end)),
                    ("text", .string(entry.event)),
                    ("approximate", .bool(entry.approximate)),
                    ("day_only", .bool(entry.dayOnly)),
                ])
            }
            return JSONText.bytes(.object([
                ("id", .string(pm.id)),
                ("title", .string(pm.title)),
                ("date", pm.date.map { .string($0.description) } ?? .null),
                ("severity", .string(pm.severity)),
                ("status", .string(pm.status?.rawValue ?? pm.statusText)),
                ("services", .array(pm.services.map { .string($0) })),
                ("tags", .array(pm.tags.map { .string($0) })),
                ("url", .string(Format.urlPath(entry.path))),
                ("imported", .bool(pm.imported)),
                ("reviewers", .array(pm.reviewers.filter { !$0.isEmpty }.map { .string($0) })),
                ("approved_by", .array(pm.approvedBy.filter { !$0.isEmpty }.map { .string($0) })),
                ("approved", pm.approved.map { .string($0.description) } ?? .null),
                ("publishing", Self.publishingJSON(PublishingDeadline.of(pm, windows: windows, asOf: asOf))),
                ("metrics", .object([
                    ("time_to_detect", number(metrics.timeToDetect)),
                    ("time_to_mitigate", number(metrics.timeToMitigate)),
                    ("time_to_resolve", number(metrics.timeToResolve)),
                ])),
                ("actions", .array(actions)),
                ("timeline", .array(timeline)),
                ("fields", .object(Self.customFields(pm, declared: index.config.fields).map { field in
                    (field.key, field.kind == .list ? .array(field.values.map { .string($0) }) : .string(field.values.first ?? ""))
                })),
                ("similar", .array(similarJSON(position))),
                ("recurrences", .array(recurrencesJSON(position))),
            ]), indent: nil)
        }
    }

    /// A post-mortem's publishing deadline in `api/postmortems.json`, or null without one.
    static func publishingJSON(_ deadline: PublishingDeadline?) -> JSONText.Value {
        guard let deadline else { return .null }
        return .object([
            ("publish_within", .string(deadline.window.description)),
            ("deadline", .string(deadline.deadline.description)),
            ("state", .string(deadline.state.rawValue)),
            ("days_late", .number(Double(deadline.daysLate))),
        ])
    }

    /// The `similar` entries of a post-mortem in `api/postmortems.json`.
    private func similarJSON(_ position: Int) -> [JSONText.Value] {
        let items = position < similarity.similar.count ? similarity.similar[position] : []
        return items.map { item in
            let score = (item.score * 1000).rounded() / 1000
            return .object([
                ("id", .string(index.postmortems[item.position].pm.id)),
                ("score", .number(score)),
                ("reasons", .array(similarity.reasons(item).map { .string($0) })),
            ])
        }
    }

    /// The `recurrences` entries of a post-mortem in `api/postmortems.json`.
    private func recurrencesJSON(_ position: Int) -> [JSONText.Value] {
        let found = position < similarity.recurrences.count ? similarity.recurrences[position] : []
        return found.map { recurred in
            let recurrence = similarity.recurrence(recurred)
            let score = (recurrence.score * 1000).rounded() / 1000
            return .object([
                ("recurs", .string(recurrence.earlierID)),
                ("action", .string(recurrence.actionKey)),
                ("score", .number(score)),
                ("days_overdue", .number(Double(recurrence.daysOverdue))),
                ("message", .string(recurrence.sentence)),
            ])
        }
    }

    /// The model of `feed.mustache`: the newest post-mortems as Atom entries.
    func feed() -> TemplateValue {
        let root = settings.root(forPage: "feed.xml")
        let entries = index.postmortems.prefix(Self.feedLength)
        func published(_ pm: Postmortem) -> String {
            pm.date.map { "\($0)T00:00:00Z" } ?? "1970-01-01T00:00:00Z"
        }
        func updated(_ pm: Postmortem) -> String {
            pm.resolved.map { Timestamp(epochSeconds: $0.epochSeconds, offsetSeconds: 0).description } ?? published(pm)
        }
        let newest = entries.map { updated($0.pm) }.max() ?? "1970-01-01T00:00:00Z"
        return .object([
            "root": .string(root),
            "siteTitle": .string(settings.title),
            "feedID": .string(settings.hasAbsoluteBase ? root : "urn:debrief:" + Slug.make(settings.title)),
            "updated": .string(newest),
            "entries": .list(entries.map { entry in
                let pm = entry.pm
                let status = Format.postmortemStatus(pm)
                return .object([
                    "atomID": .string(settings.hasAbsoluteBase ? root + Format.urlPath(entry.path) : "urn:debrief:postmortem:" + Self.urnPart(pm.id.isEmpty ? pm.slug : pm.id)),
                    "id": .string(pm.id),
                    "title": .string(pm.title.isEmpty ? pm.file : pm.title),
                    "url": .string(Format.urlPath(entry.path)),
                    "published": .string(published(pm)),
                    "updated": .string(updated(pm)),
                    "authors": .strings(pm.authors),
                    "categories": .strings(Self.unique([pm.severity] + pm.services + pm.tags).filter { !$0.isEmpty }),
                    "severity": .string(pm.severity),
                    "statusLabel": .string(status.label),
                    "hasSummary": .bool(!entry.document.excerpt.isEmpty),
                    "summary": .string(entry.document.excerpt),
                ])
            }),
        ])
    }

    /// The model of `sitemap.mustache`: every page but `404.html`, post-mortems with the day
    /// they were last changed (resolved, else the incident date).
    func sitemap(pages: [String]) -> TemplateValue {
        var lastModified: [String: String] = [:]
        for entry in index.postmortems {
            if let day = entry.pm.resolved?.localDate ?? entry.pm.date { lastModified[entry.path] = day.description }
        }
        return .object([
            "root": .string(settings.root(forPage: "sitemap.xml")),
            "pages": .list(pages.filter { $0.hasSuffix(".html") && $0 != "404.html" }.sorted().map { path in
                .object(["url": .string(Format.urlPath(path)), "hasLastmod": .bool(lastModified[path] != nil),
                         "lastmod": .string(lastModified[path] ?? "")])
            }),
        ])
    }

    /// Text made safe for the specific part of a URN: anything but letters, digits and
    /// `-._~` percent-encoded.
    static func urnPart(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) || "-._~".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

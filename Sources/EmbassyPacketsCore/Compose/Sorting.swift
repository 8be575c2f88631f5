/// Every input row, sorted into exactly one bucket: delivered (in a packet), duplicate,
/// rejected or unrouted.
public struct SortedRows: Sendable {
    /// A rejected row.
    public struct Rejected: Sendable {
        public var location: SourceLocation
        public var record: SignatureRecord
        public var reason: Rejection
    }

    public var rows: Int
    public var plans: [PacketPlan]
    public var duplicates: [Deduplicator.Duplicate]
    public var rejected: [Rejected]
    public var unrouted: [Router.Unrouted]
    /// With `--by consulate`: signers whose region matched nothing, by embassy code.
    public var regionUnmatched: [String: Int] = [:]

    /// The figures, for the manifest.
    public var totals: Manifest.Totals {
        let routed = plans.reduce(0) { $0 + $1.signatureCount }
        return Manifest.Totals(
            rows: rows, accepted: routed + unrouted.count, duplicates: duplicates.count,
            rejected: rejected.count, routed: routed, unrouted: unrouted.count)
    }

    /// Rejected rows by reason id.
    public var rejectedByReason: [String: Int] {
        Dictionary(rejected.map { ($0.reason.id, 1) }, uniquingKeysWith: +)
    }

    /// Unrouted signatures by country code.
    public var unroutedByCountry: [String: Int] {
        Dictionary(unrouted.map { ($0.signature.countryCode, 1) }, uniquingKeysWith: +)
    }

    /// Validates, deduplicates and routes records. Each stage's input is released as soon as
    /// the next stage has what it needs, so that a million rows are never held four times over.
    public static func sort(_ records: consuming [SignatureRecord], validator: Validator, router: Router) -> SortedRows {
        let rows = records.count
        var valid: [Signature] = []
        valid.reserveCapacity(rows)
        var rejected: [Rejected] = []
        for index in records.indices {
            let record = records[index]
            switch validator.validate(record) {
            case .success(let signature): valid.append(signature)
            case .failure(let error): rejected.append(Rejected(location: record.location, record: record, reason: error.rejection))
            }
        }
        _ = consume records
        let (kept, duplicates) = Deduplicator.deduplicate(consume valid)
        let routed = router.route(consume kept)
        return SortedRows(
            rows: rows, plans: routed.plans, duplicates: duplicates, rejected: rejected, unrouted: routed.unrouted,
            regionUnmatched: routed.regionUnmatched)
    }

    /// Diagnostics for every row that is not delivered. Emails appear only masked.
    public var diagnostics: [Diagnostic] {
        var items: [Diagnostic] = []
        for row in rejected {
            items.append(Diagnostic(.warning, id: row.reason.id, message: "row rejected: \(row.reason.message)", location: row.location))
        }
        for duplicate in duplicates {
            items.append(Diagnostic(
                .warning, id: "signature.duplicate", message: "duplicate signature: this signer is already counted",
                location: duplicate.signature.location,
                notes: [Diagnostic.Note(message: "the submission that counts is here", location: duplicate.keptAt)]))
        }
        for row in unrouted {
            items.append(Diagnostic(.warning, id: row.reason.id, message: "signature not routed: \(row.reason.message)", location: row.signature.location))
        }
        return items.sorted { ($0.location ?? SourceLocation(file: "")) < ($1.location ?? SourceLocation(file: "")) }
    }
}

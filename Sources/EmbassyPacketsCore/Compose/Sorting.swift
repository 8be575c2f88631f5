import Dispatch
import Foundation
import Synchronization

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
        let (valid, rejected) = validateAll(records, validator: validator)
        _ = consume records
        let (kept, duplicates) = Deduplicator.deduplicate(consume valid)
        let routed = router.route(consume kept)
        return SortedRows(
            rows: rows, plans: routed.plans, duplicates: duplicates, rejected: rejected, unrouted: routed.unrouted,
            regionUnmatched: routed.regionUnmatched)
    }

    /// Validates every record, in input order. A big input is cut into runs of rows, one per
    /// core at a time, validated side by side (each row on its own: the country cache is the only thing
    /// shared, behind its lock), and the runs joined in order, so the result is the same as
    /// one pass's.
    public static func validateAll(_ records: [SignatureRecord], validator: Validator) -> (valid: [Signature], rejected: [Rejected]) {
        @Sendable func run(_ range: Range<Int>) -> (valid: [Signature], rejected: [Rejected]) {
            var valid: [Signature] = []
            valid.reserveCapacity(range.count)
            var rejected: [Rejected] = []
            for index in range {
                let record = records[index]
                switch validator.validate(record) {
                case .success(let signature): valid.append(signature)
                case .failure(let error): rejected.append(Rejected(location: record.location, record: record, reason: error.rejection))
                }
            }
            return (valid, rejected)
        }
        let cores = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard records.count >= 50_000, cores > 1 else { return run(records.indices) }
        var valid: [Signature] = []
        valid.reserveCapacity(records.count)
        var rejected: [Rejected] = []
        // Blocks of 32,768 rows a core, so that what waits to be joined stays small.
        let size = 32_768
        for block in stride(from: 0, to: records.count, by: size * cores) {
            let ranges = stride(from: block, to: min(block + size * cores, records.count), by: size).map { $0..<min($0 + size, records.count) }
            let parts = Mutex<[(valid: [Signature], rejected: [Rejected])?]>(Array(repeating: nil, count: ranges.count))
            DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                let part = run(ranges[index])
                parts.withLock { $0[index] = part }
            }
            parts.withLock { parts in
                for part in parts {
                    valid.append(contentsOf: part!.valid)
                    rejected.append(contentsOf: part!.rejected)
                }
            }
        }
        return (valid, rejected)
    }

    /// Diagnostics for every row that is not delivered. Emails appear only masked.
    public var diagnostics: [Diagnostic] {
        var items: [Diagnostic] = []
        for row in rejected {
            items.append(Diagnostic(.warning, id: row.reason.id, message: "row rejected: \(row.reason.message)", location: row.location))
        }
        for duplicate in duplicates {
            items.append(Diagnostic(
                .warning, id: DiagnosticID.signatureDuplicate, message: "duplicate signature: this signer is already counted",
                location: duplicate.signature.location,
                notes: [Diagnostic.Note(message: "the submission that counts is here", location: duplicate.keptAt)]))
        }
        for row in unrouted {
            items.append(Diagnostic(.warning, id: row.reason.id, message: "signature not routed: \(row.reason.message)", location: row.signature.location))
        }
        return items.sorted { ($0.location ?? SourceLocation(file: "")) < ($1.location ?? SourceLocation(file: "")) }
    }
}

extension SortedRows {
    /// One warning per country spelling that was read as a close or ambiguous match
    /// ("'Germnay' read as Germany (3 rows: a.csv:4, a.csv:9, ...)").
    public func notices(countries: CountryResolver) -> [Diagnostic] {
        var byText: [String: (code: String, locations: [SourceLocation])] = [:]
        func note(_ signature: Signature) {
            guard let typed = signature.countryNote else { return }
            byText[typed, default: (signature.countryCode, [])].locations.append(signature.location)
        }
        for plan in plans { for section in plan.sections { section.signatures.forEach(note) } }
        for row in unrouted { note(row.signature) }
        for duplicate in duplicates { note(duplicate.signature) }
        return byText.sorted { $0.value.locations.min()! < $1.value.locations.min()! }.map { typed, entry in
            let locations = entry.locations.sorted()
            let shown = locations.prefix(5).map(\.description).joined(separator: ", ") + (locations.count > 5 ? ", ..." : "")
            let rows = locations.count == 1 ? "1 row" : "\(locations.count) rows"
            let reading: String
            switch countries.match(typed) {
            case .ambiguous(_, let others):
                reading = "'\(typed)' can mean \(([entry.code] + others).map { countries.name(of: $0) }.joined(separator: " or ")): read as \(countries.name(of: entry.code)) (\(entry.code))"
            default:
                reading = "'\(typed)' read as \(countries.name(of: entry.code)) (\(entry.code))"
            }
            return Diagnostic(
                .warning, id: DiagnosticID.signatureCountryGuessed,
                message: "\(reading) in \(rows): \(shown); if that is wrong, correct the rows or add --route", location: locations[0])
        }
    }

    /// When most rows fall to one reason (over half), or no signature is delivered from rows
    /// that exist, the likely cause and its fix, as one error. Nil when the run looks sound.
    public func undeliveredSummary(encodingDetected: Bool = false) -> Diagnostic? {
        guard rows > 0 else { return nil }
        var buckets: [(id: String, count: Int)] = rejectedByReason.map { ($0.key, $0.value) }
        buckets.append((DiagnosticID.signatureDuplicate, duplicates.count))
        for (id, count) in Dictionary(unrouted.map { ($0.reason.id, 1) }, uniquingKeysWith: +) { buckets.append((id, count)) }
        let delivered = plans.reduce(0) { $0 + $1.signatureCount }
        guard let worst = buckets.max(by: { $0.count != $1.count ? $0.count < $1.count : $0.id > $1.id }) else { return nil }
        let mostly = worst.count * 2 > rows
        guard mostly || delivered == 0 else { return nil }
        let share = "\(worst.count) of \(rows) rows"
        var cause: String
        switch worst.id {
        case DiagnosticID.signatureUnknownCountry, DiagnosticID.signatureMissingCountry:
            cause = "\(share) have no country the tool knows: is the Country column the right one? Map it with --column country=HEADER"
        case DiagnosticID.signatureInvalidEmail, DiagnosticID.signatureMissingEmail:
            cause = "\(share) have no usable email address: map the right column with --column email=HEADER, or for an export without emails use --dedup name"
        case DiagnosticID.signatureEmailInField:
            cause = "\(share) have an email address in a printed field: the columns are probably mapped wrong; check them with --column"
        case DiagnosticID.signatureWrongFieldCount, DiagnosticID.signatureUnclosedQuote:
            cause = "\(share) do not have the header's number of fields: the separator or the quoting is wrong; open the file in a spreadsheet and save it again as CSV"
        case DiagnosticID.signatureUnreadable:
            cause = "\(share) could not be read: is the encoding right? Name it with --encoding"
        case DiagnosticID.signatureMissingName, DiagnosticID.signatureMissingCity:
            cause = "\(share) have no name or city: are the columns mapped right? Check them with --column"
        case DiagnosticID.signatureDuplicate:
            cause = "\(share) are duplicates: was the same export given twice, or --dedup too coarse?"
        case DiagnosticID.routeNoDirectoryEntry, DiagnosticID.routeNoMission, DiagnosticID.routeAccredited, DiagnosticID.routeNoRelations, DiagnosticID.routeSpecial:
            cause = "\(share) go to no embassy: send them to one with --route CC=XX"
        default:
            cause = "\(share) were not delivered (\(worst.id))"
        }
        if encodingDetected && [DiagnosticID.signatureUnknownCountry, DiagnosticID.signatureMissingName, DiagnosticID.signatureInvalidEmail].contains(worst.id) {
            cause += "; or the file's code page was guessed wrong: name it with --encoding"
        }
        let lead = delivered == 0 ? "no signature is delivered: " : "most rows are not delivered: "
        return Diagnostic(
            .error, id: DiagnosticID.intakeMostlyUndelivered,
            message: lead + cause + " (pass --allow-mostly-undelivered to go on anyway)")
    }
}

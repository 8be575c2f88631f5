/// `DIR/counts.json`: the figures a campaign can publish. Signatures by country in the shape
/// the UK Parliament's petitions site uses for `signatures_by_country` (`name`, `code`,
/// `signature_count`), by mission, the totals, the duplicates and the rejected rows by reason,
/// and the delivery date. It holds no name, city or email: nothing in it is about one signer.
/// Keys are snake_case like the shape it follows; encoded with sorted keys, so two runs give
/// the same bytes.
public struct PublicCounts: Codable, Sendable, Equatable {
    /// The counts format's version.
    public static let currentSchema = 1

    public var schema: Int
    /// The petition's title, as the letter template names it.
    public var petition: String
    /// The delivery (letter) date, `YYYY-MM-DD`.
    public var deliveryDate: String
    /// For a supplementary delivery: its number.
    public var supplement: Int?
    /// Every signer counted once, delivered or not: the figure to publish.
    public var signatureCount: Int
    public var totals: Totals
    /// Signers by the country they live in (every counted signer, with or without a mission),
    /// largest first, then by code.
    public var signaturesByCountry: [Country]
    /// Signers by the mission whose packet takes them (over all deliveries so far), largest
    /// first, then by file.
    public var signaturesByMission: [MissionCount]
    /// Counted signers no mission takes, by country.
    public var notDeliveredByCountry: [Country]
    /// Rejected rows by reason id, largest first, then by id.
    public var rejectedByReason: [Reason]

    /// The reconciliation, in the manifest's terms: rows = signatures + duplicates + rejected,
    /// signatures = delivered + not delivered.
    public struct Totals: Codable, Sendable, Equatable {
        /// Rows read from the exports and typed-in sheets.
        public var rows: Int
        /// Signers counted once (the manifest's `accepted`).
        public var signatures: Int
        /// Signers in a packet (the manifest's `routed`).
        public var delivered: Int
        /// Signers no packet takes (the manifest's `unrouted`).
        public var notDelivered: Int
        /// With a supplement: delivered signers who were in an earlier delivery.
        public var previouslyDelivered: Int?
        public var duplicates: Int
        public var rejected: Int
        /// Signers from paper sheets without an email, counted once by name, city and country.
        public var paperWithoutEmail: Int?

        enum CodingKeys: String, CodingKey {
            case rows, signatures, delivered, duplicates, rejected
            case notDelivered = "not_delivered"
            case previouslyDelivered = "previously_delivered"
            case paperWithoutEmail = "paper_without_email"
        }
    }

    /// One country, as `signatures_by_country` gives it.
    public struct Country: Codable, Sendable, Equatable {
        /// The country's English short name.
        public var name: String
        /// ISO 3166-1 alpha-2.
        public var code: String
        public var signatureCount: Int

        /// Creates an entry.
        public init(name: String, code: String, signatureCount: Int) {
            self.name = name
            self.code = code
            self.signatureCount = signatureCount
        }

        enum CodingKeys: String, CodingKey {
            case name, code
            case signatureCount = "signature_count"
        }
    }

    /// One mission's packet.
    public struct MissionCount: Codable, Sendable, Equatable {
        /// The mission's official name.
        public var name: String
        /// The embassy's country code.
        public var code: String
        /// The consulate's city, when the packet goes through a consulate-general.
        public var consulate: String?
        /// The packet's file stem (`US`, `US-new-york`), as in `packets/`.
        public var packet: String
        public var signatureCount: Int
        /// The countries its signers live in.
        public var countries: [Country]

        enum CodingKeys: String, CodingKey {
            case name, code, consulate, packet, countries
            case signatureCount = "signature_count"
        }
    }

    /// Rejected rows for one reason.
    public struct Reason: Codable, Sendable, Equatable {
        /// The reason's stable id (`signature.invalid-email`).
        public var reason: String
        public var count: Int
    }

    enum CodingKeys: String, CodingKey {
        case schema, petition, supplement, totals
        case deliveryDate = "delivery_date"
        case signatureCount = "signature_count"
        case signaturesByCountry = "signatures_by_country"
        case signaturesByMission = "signatures_by_mission"
        case notDeliveredByCountry = "not_delivered_by_country"
        case rejectedByReason = "rejected_by_reason"
    }

    /// The counts of a run: from its sorted rows (every packet of the run, whichever this
    /// delivery renders) and its totals.
    public init(
        petition: String, date: String, supplement: Int?, sorted: SortedRows, totals: Manifest.Totals, paperWithoutEmail: Int?,
        countryName: (String) -> String
    ) {
        func countries(_ counts: [String: Int]) -> [Country] {
            counts.map { Country(name: countryName($0.key), code: $0.key, signatureCount: $0.value) }
                .sorted { ($1.signatureCount, $0.code) < ($0.signatureCount, $1.code) }
        }
        var byCountry = sorted.unroutedByCountry
        var missions: [MissionCount] = []
        for plan in sorted.plans {
            let counts = plan.countryCounts
            for (code, count) in counts { byCountry[code, default: 0] += count }
            missions.append(MissionCount(
                name: plan.mission.name, code: plan.code, consulate: plan.consulate == nil ? nil : plan.mission.city, packet: plan.fileStem,
                signatureCount: plan.signatureCount, countries: countries(counts)))
        }
        schema = Self.currentSchema
        self.petition = petition
        deliveryDate = date
        self.supplement = supplement
        signatureCount = totals.accepted
        self.totals = Totals(
            rows: totals.rows, signatures: totals.accepted, delivered: totals.routed, notDelivered: totals.unrouted,
            previouslyDelivered: totals.previouslyDelivered, duplicates: totals.duplicates, rejected: totals.rejected,
            paperWithoutEmail: paperWithoutEmail)
        signaturesByCountry = countries(byCountry)
        signaturesByMission = missions.sorted { ($1.signatureCount, $0.packet) < ($0.signatureCount, $1.packet) }
        notDeliveredByCountry = countries(sorted.unroutedByCountry)
        rejectedByReason = sorted.rejectedByReason.map { Reason(reason: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }
    }

    /// The sums that must hold, and what in the manifest they must agree with; a description
    /// of each that does not. `complete` is a run of every packet (no `--only`, no `--shard`):
    /// then, unless it is a supplement, each mission and country must be what the packets hold.
    public func disagreements(with manifest: Manifest, complete: Bool) -> [String] {
        var problems: [String] = []
        let byCountry = signaturesByCountry.reduce(0) { $0 + $1.signatureCount }
        if byCountry != signatureCount { problems.append("signatures by country add up to \(byCountry), not \(signatureCount)") }
        let byMission = signaturesByMission.reduce(0) { $0 + $1.signatureCount }
        if byMission != totals.delivered { problems.append("signatures by mission add up to \(byMission), not \(totals.delivered)") }
        if signatureCount != totals.signatures { problems.append("signature_count is \(signatureCount), totals.signatures \(totals.signatures)") }
        if totals.rows != manifest.totals.rows || totals.signatures != manifest.totals.accepted || totals.delivered != manifest.totals.routed
            || totals.notDelivered != manifest.totals.unrouted || totals.duplicates != manifest.totals.duplicates
            || totals.rejected != manifest.totals.rejected || totals.previouslyDelivered != manifest.totals.previouslyDelivered
        {
            problems.append("the totals differ from the manifest's")
        }
        if deliveryDate != manifest.date { problems.append("the delivery date is \(deliveryDate), the manifest's \(manifest.date)") }
        if supplement != manifest.supplement { problems.append("the supplement differs from the manifest's") }
        if totals.paperWithoutEmail != manifest.paper?.withoutEmail { problems.append("paper signers without an email differ from the manifest's") }
        if Dictionary(rejectedByReason.map { ($0.reason, $0.count) }, uniquingKeysWith: +) != manifest.rejected {
            problems.append("rejected by reason differs from the manifest's")
        }
        let notDelivered = Dictionary(notDeliveredByCountry.map { ($0.code, $0.signatureCount) }, uniquingKeysWith: +)
        if notDelivered != manifest.unrouted { problems.append("not delivered by country differs from the manifest's unrouted") }
        if complete && manifest.since == nil {
            var countries = manifest.unrouted
            for packet in manifest.packets { for (code, count) in packet.countries { countries[code, default: 0] += count } }
            if Dictionary(signaturesByCountry.map { ($0.code, $0.signatureCount) }, uniquingKeysWith: +) != countries {
                problems.append("signatures by country differ from what the packets hold and the manifest's unrouted")
            }
            // A packet's stem: the embassy's code, then the consulate's (`US-new-york`).
            struct Mission: Hashable { var packet: String, signatures: Int }
            let counted = signaturesByMission.map { Mission(packet: $0.packet, signatures: $0.signatureCount) }
            let packets = manifest.packets.map { packet in
                Mission(packet: packet.consulate.map { "\(packet.embassy)-\($0)" } ?? packet.embassy, signatures: packet.signatures)
            }
            if Set(counted) != Set(packets) || counted.count != packets.count {
                problems.append("signatures by mission differ from the manifest's packets")
            }
        }
        return problems
    }
}

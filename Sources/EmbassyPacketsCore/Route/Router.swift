/// How signers are routed beyond the directory's own classes.
public struct RoutingOptions: Sendable {
    /// Signer country → the embassy country whose packet takes them (`--route TW=US`).
    public var overrides: [String: String]
    /// One packet per consulate, signers routed by State or Province (`--by consulate`).
    public var byConsulate: Bool

    /// Creates routing options.
    public init(overrides: [String: String] = [:], byConsulate: Bool = false) {
        self.overrides = overrides
        self.byConsulate = byConsulate
    }
}

/// Sends each signature to the packet of the PRC mission that serves its country: its
/// embassy; for an `accredited` country, the embassy accredited to it; with `--by consulate`,
/// the consulate-general whose district holds the signer's State or Province.
public struct Router: Sendable {
    /// Why a signature could not be routed.
    public struct Unrouted: Sendable {
        public var signature: Signature
        public var reason: Rejection
    }

    /// A packet: an embassy, or one of the consulates in its country.
    public struct Destination: Hashable, Sendable, Comparable {
        public var embassy: String
        /// Index into the embassy's `consulates`; nil for the embassy itself.
        public var consulate: Int?

        public static func < (a: Destination, b: Destination) -> Bool {
            (a.embassy, a.consulate ?? -1) < (b.embassy, b.consulate ?? -1)
        }
    }

    /// What routing made.
    public struct Routed: Sendable {
        public var plans: [PacketPlan]
        public var unrouted: [Unrouted]
        /// With `--by consulate`: signers whose region matched no subdivision, by embassy code
        /// (they are in the embassy's packet).
        public var regionUnmatched: [String: Int]
    }

    public let directory: EmbassyDirectory
    public let countries: CountryResolver
    public let options: RoutingOptions
    let subdivisions: SubdivisionResolver

    /// Creates a router over a directory.
    public init(directory: EmbassyDirectory, countries: CountryResolver, options: RoutingOptions = RoutingOptions()) {
        self.directory = directory
        self.countries = countries
        self.options = options
        self.subdivisions = SubdivisionResolver()
    }

    /// The packets, ordered by embassy code (the embassy before its consulates), with sections
    /// in country order (the mission's own country first) and signatures in input order; and
    /// the signatures no mission takes.
    public func route(_ signatures: consuming [Signature]) -> Routed {
        var byPacket: [Destination: [String: [Signature]]] = [:]
        var unrouted: [Unrouted] = []
        var unmatched: [String: Int] = [:]
        for index in signatures.indices {
            let signature = signatures[index]
            switch embassy(for: signature.countryCode) {
            case .failure(let error):
                unrouted.append(Unrouted(signature: signature, reason: error.rejection))
            case .success(let code):
                var destination = Destination(embassy: code, consulate: nil)
                if options.byConsulate, code == signature.countryCode, let entry = directory[code], !entry.consulates.isEmpty {
                    if let region = subdivisions.resolve(signature.region, country: code) {
                        destination.consulate = consulate(serving: region, in: entry)
                    } else {
                        unmatched[code, default: 0] += 1  // into the embassy's packet, and counted
                    }
                }
                byPacket[destination, default: [:]][signature.countryCode, default: []].append(signature)
            }
        }
        let plans = byPacket.keys.sorted().compactMap { destination -> PacketPlan? in
            guard let embassy = directory[destination.embassy] else { return nil }
            let mission = destination.consulate.map { embassy.consulates[$0] } ?? embassy.mission
            guard let mission else { return nil }
            let groups = byPacket[destination]!
            let sections = groups.keys.sorted { a, b in
                a == destination.embassy ? true : b == destination.embassy ? false : a < b
            }.map { country in
                CountrySection(countryCode: country, countryName: countries.name(of: country), signatures: groups[country]!)
            }
            return PacketPlan(embassy: embassy, mission: mission, consulate: destination.consulate, sections: sections)
        }
        return Routed(plans: plans, unrouted: unrouted, regionUnmatched: unmatched)
    }

    /// The consulate whose district holds a region; nil when the embassy serves it.
    func consulate(serving region: String, in entry: Embassy) -> Int? {
        let lineage = subdivisions.lineage(of: region)
        return entry.consulates.firstIndex { consulate in lineage.contains { consulate.district.contains($0) } }
    }

    /// The embassy code whose packets take a country's signers.
    public func embassy(for country: String) -> Result<String, RejectionError> {
        if let target = options.overrides[country] { return .success(target) }
        guard let entry = directory[country] else {
            return .failure(RejectionError(Rejection(
                id: DiagnosticID.routeNoDirectoryEntry,
                message: "\(countries.name(of: country)) (\(country)) has no entry in the embassy directory")))
        }
        switch entry.missionClass {
        case .embassy where entry.mission != nil:
            return .success(country)
        case .embassy:
            return .failure(RejectionError(Rejection(id: DiagnosticID.routeNoMission, message: "the directory entry for \(country) names no mission")))
        case .accredited:
            if let target = entry.accreditedTo, directory[target]?.mission != nil { return .success(target) }
            return .failure(RejectionError(Rejection(id: DiagnosticID.routeAccredited, message: "\(entry.countryName) is accredited to an embassy the directory does not have")))
        case .noRelations:
            return .failure(RejectionError(Rejection(id: DiagnosticID.routeNoRelations, message: "\(entry.countryName) has no diplomatic relations with the People's Republic of China (route it with --route \(country)=CC)")))
        case .special:
            return .failure(RejectionError(Rejection(id: DiagnosticID.routeSpecial, message: "\(entry.countryName) has no PRC embassy (route it with --route \(country)=CC)")))
        }
    }
}

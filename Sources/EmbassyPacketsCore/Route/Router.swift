/// Sends each signature to the packet of the PRC embassy that serves its country.
public struct Router: Sendable {
    /// Why a signature could not be routed.
    public struct Unrouted: Sendable {
        public var signature: Signature
        public var reason: Rejection
    }

    public let directory: EmbassyDirectory
    public let countries: CountryResolver

    /// Creates a router over a directory.
    public init(directory: EmbassyDirectory, countries: CountryResolver) {
        self.directory = directory
        self.countries = countries
    }

    /// The packets, ordered by embassy code, with sections in country order and signatures in
    /// input order; and the signatures no embassy takes.
    public func route(_ signatures: consuming [Signature]) -> (plans: [PacketPlan], unrouted: [Unrouted]) {
        var byPacket: [String: [String: [Signature]]] = [:]
        var unrouted: [Unrouted] = []
        for signature in signatures {
            switch destination(of: signature.countryCode) {
            case .success(let packet):
                byPacket[packet, default: [:]][signature.countryCode, default: []].append(signature)
            case .failure(let error):
                unrouted.append(Unrouted(signature: signature, reason: error.rejection))
            }
        }
        let plans = byPacket.keys.sorted().compactMap { code -> PacketPlan? in
            guard let embassy = directory[code], let mission = embassy.mission else { return nil }
            let sections = byPacket[code]!.keys.sorted { a, b in
                // The embassy's own country first, then the others by code.
                a == code ? true : b == code ? false : a < b
            }.map { country in
                CountrySection(countryCode: country, countryName: countries.name(of: country), signatures: byPacket[code]![country]!)
            }
            return PacketPlan(embassy: embassy, mission: mission, sections: sections)
        }
        return (plans, unrouted)
    }

    /// The embassy code whose packet takes a country's signers.
    public func destination(of country: String) -> Result<String, RejectionError> {
        guard let entry = directory[country] else {
            return .failure(RejectionError(Rejection(
                id: "route.no-directory-entry",
                message: "\(countries.name(of: country)) (\(country)) has no entry in the embassy directory")))
        }
        switch entry.missionClass {
        case .embassy where entry.mission != nil:
            return .success(country)
        case .embassy:
            return .failure(RejectionError(Rejection(id: "route.no-mission", message: "the directory entry for \(country) names no mission")))
        case .accredited:
            return .failure(RejectionError(Rejection(id: "route.accredited", message: "\(entry.countryName) is served by an embassy elsewhere")))
        case .noRelations:
            return .failure(RejectionError(Rejection(id: "route.no-relations", message: "\(entry.countryName) has no diplomatic relations with the People's Republic of China")))
        case .special:
            return .failure(RejectionError(Rejection(id: "route.special", message: "\(entry.countryName) has no PRC embassy")))
        }
    }
}

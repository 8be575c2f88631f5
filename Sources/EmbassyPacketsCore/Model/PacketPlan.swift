/// The signatures from one country inside a packet.
public struct CountrySection: Sendable {
    public var countryCode: String
    public var countryName: String
    public var signatures: [Signature]

    /// Creates a section.
    public init(countryCode: String, countryName: String, signatures: [Signature]) {
        self.countryCode = countryCode
        self.countryName = countryName
        self.signatures = signatures
    }
}

/// One packet to print: the letter through one embassy, then its countries' signatures.
public struct PacketPlan: Sendable {
    /// The directory entry of the embassy's country.
    public var embassy: Embassy
    public var mission: Mission
    public var sections: [CountrySection]

    /// Creates a plan.
    public init(embassy: Embassy, mission: Mission, sections: [CountrySection]) {
        self.embassy = embassy
        self.mission = mission
        self.sections = sections
    }

    /// The packet's file stem: the embassy's country code.
    public var code: String { embassy.countryCode }

    /// How many signatures the packet carries.
    public var signatureCount: Int { sections.reduce(0) { $0 + $1.signatures.count } }

    /// Signatures per country code.
    public var countryCounts: [String: Int] {
        Dictionary(sections.map { ($0.countryCode, $0.signatures.count) }, uniquingKeysWith: +)
    }
}

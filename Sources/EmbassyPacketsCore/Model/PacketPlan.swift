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
    /// The mission the packet goes through: the embassy, or a consulate-general.
    public var mission: Mission
    /// Which of the embassy's consulates, when the packet goes through one.
    public var consulate: Int?
    public var sections: [CountrySection]

    /// Creates a plan.
    public init(embassy: Embassy, mission: Mission, consulate: Int? = nil, sections: [CountrySection]) {
        self.embassy = embassy
        self.mission = mission
        self.consulate = consulate
        self.sections = sections
    }

    /// The embassy's country code.
    public var code: String { embassy.countryCode }

    /// The packet's file stem: the embassy's country code, then the consulate's city
    /// (`US`, `US-new-york`).
    public var fileStem: String { consulate == nil ? code : "\(code)-\(mission.slug)" }

    /// How many signatures the packet carries.
    public var signatureCount: Int { sections.reduce(0) { $0 + $1.signatures.count } }

    /// Signatures per country code.
    public var countryCounts: [String: Int] {
        Dictionary(sections.map { ($0.countryCode, $0.signatures.count) }, uniquingKeysWith: +)
    }
}

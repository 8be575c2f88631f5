import Foundation

/// How a country or territory is served by the People's Republic of China.
public enum MissionClass: String, Sendable, Codable, CaseIterable {
    /// A resident PRC embassy.
    case embassy
    /// Served by a PRC embassy in another country.
    case accredited
    /// No diplomatic relations with the PRC.
    case noRelations = "no-relations"
    /// Taiwan, Hong Kong, Macau and the PRC itself.
    case special
}

/// The paper a packet is printed on.
public enum Paper: String, Sendable, Codable, CaseIterable {
    case a4
    case letter

    /// Width and height in PostScript points.
    public var size: (width: Double, height: Double) {
        switch self {
        case .a4: return (595.276, 841.89)
        case .letter: return (612, 792)
        }
    }
}

/// Where a fact in the embassy directory came from.
public struct FactSource: Sendable, Hashable {
    public var about: String
    public var url: String
    public var checked: String
    public var note: String

    /// Creates a source.
    public init(about: String, url: String, checked: String, note: String) {
        self.about = about
        self.url = url
        self.checked = checked
        self.note = note
    }
}

/// A PRC diplomatic mission.
public struct Mission: Sendable, Hashable {
    /// "embassy", "consulate-general", ...
    public var kind: String
    /// Official English name.
    public var name: String
    /// Chinese name, when known.
    public var chineseName: String?
    /// The postal address, one envelope line each.
    public var addressLines: [String]
    /// False when the address could not be confirmed from a source.
    public var addressVerified: Bool
    public var city: String
    public var phone: String?
    public var website: String?
    /// The consular district: ISO 3166-2 codes (a code covers the subdivisions under it).
    public var district: [String]

    /// Creates a mission.
    public init(
        kind: String, name: String, chineseName: String?, addressLines: [String],
        addressVerified: Bool, city: String, phone: String?, website: String?, district: [String] = []
    ) {
        self.kind = kind
        self.name = name
        self.chineseName = chineseName
        self.addressLines = addressLines
        self.addressVerified = addressVerified
        self.city = city
        self.phone = phone
        self.website = website
        self.district = district
    }

    /// A short identifier made of the city's letters: "new-york", "san-francisco".
    public var slug: String {
        var out = ""
        for character in city.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil) {
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "mission" : out
    }
}

/// One country or territory of the embassy directory.
public struct Embassy: Sendable, Hashable {
    /// ISO 3166-1 alpha-2.
    public var countryCode: String
    public var missionClass: MissionClass
    /// English short name ("United States").
    public var countryName: String
    public var officialName: String?
    /// Other names that country resolution accepts.
    public var aliases: [String]
    public var paper: Paper
    /// The resident mission; nil unless `missionClass` is `.embassy`.
    public var mission: Mission?
    /// For an `accredited` country: the country whose embassy serves it.
    public var accreditedTo: String?
    /// Consulates-general in the country, with their districts.
    public var consulates: [Mission]
    public var sources: [FactSource]
    /// The file it was read from.
    public var location: SourceLocation

    /// Creates a directory entry.
    public init(
        countryCode: String, missionClass: MissionClass, countryName: String, officialName: String?,
        aliases: [String], paper: Paper, mission: Mission?, accreditedTo: String? = nil, consulates: [Mission] = [],
        sources: [FactSource], location: SourceLocation
    ) {
        self.countryCode = countryCode
        self.missionClass = missionClass
        self.countryName = countryName
        self.officialName = officialName
        self.aliases = aliases
        self.paper = paper
        self.mission = mission
        self.accreditedTo = accreditedTo
        self.consulates = consulates
        self.sources = sources
        self.location = location
    }
}

/// The embassy directory: every entry by country code.
public struct EmbassyDirectory: Sendable {
    public var entries: [String: Embassy]

    /// Creates a directory from its entries.
    public init(entries: [Embassy]) {
        self.entries = Dictionary(entries.map { ($0.countryCode, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The entry for a country code.
    public subscript(code: String) -> Embassy? { entries[code] }
}

/// How an address is printed on what goes in the post: the envelope and the label.
public enum PostalAddress {
    /// The recipient's lines: the mission's name, then the directory's address lines in their
    /// order (the directory already writes each country's postcode where its post wants it:
    /// "Washington, DC 20008", "London" over "W1B 1JL", "01090 Ciudad de México"), the last line
    /// (the country, by the directory's convention) in capitals for international mail and left
    /// out when the mail stays in the country.
    public static func recipient(name: String, lines: [String], international: Bool) -> [String] {
        var result = [name]
        guard lines.count > 1 else { return result + lines }
        result += lines.dropLast()
        if international, let country = lines.last { result.append(country.uppercased()) }
        return result
    }

    /// The return address: the organisation (else the named person), then the sender's postal
    /// lines, the last one (when it names a country) in capitals for international mail and left
    /// out for domestic mail, as for the recipient. Never the email address or the phone: an
    /// envelope carries a postal address only (and no line shaped like an email gets through,
    /// whatever the sender file says).
    public static func returnAddress(_ sender: Sender?, international: Bool, resolver: CountryResolver) -> [String] {
        guard let sender else { return [] }
        var address = sender.address
        if country(of: address, resolver: resolver) != nil, let last = address.popLast(), international {
            address.append(last.uppercased())
        }
        let lines = [sender.organisation ?? sender.name].compactMap { $0 } + address
        return lines.filter { !EmailShape.contains($0) && !$0.contains("@") }
    }

    /// The country a postal address is in, when its last line names one exactly.
    public static func country(of lines: [String], resolver: CountryResolver) -> String? {
        guard let last = lines.last, case .exact(let code) = resolver.match(last) else { return nil }
        return code
    }

    /// The language whose glyph forms a country's Han characters take (see `FontBook.cjk`).
    public static func language(forCountry code: String) -> String? {
        switch code {
        case "JP": return "ja"
        case "KR", "KP": return "ko"
        case "TW", "MO": return "zh-Hant"
        case "HK": return "zh-HK"
        default: return nil
        }
    }
}

/// One envelope and its label: a packet file (each volume of a packet has its own), or with
/// `envelopes --all` a mission of the directory.
public struct EnvelopeItem: Sendable, Hashable {
    /// The packet file, relative to the output folder (nil with `--all`).
    public var file: String?
    /// The embassy's country code.
    public var countryCode: String
    /// The mission's official name.
    public var mission: String
    /// The recipient's lines as printed (see `PostalAddress.recipient`).
    public var recipient: [String]
    /// The return address as printed (empty: none known, left blank).
    public var returnAddress: [String]
    /// For Han characters in the address: the language whose glyph forms they take.
    public var language: String?
    /// The packet's paper, which decides the envelope and the label sheet.
    public var paper: Paper
    /// The file's pages (nil with `--all`).
    public var pages: Int?
    /// The sheets it is printed on (both sides).
    public var sheets: Int
    public var stock: EnvelopeStock
    /// What the coordinator must check before posting it, one note each: for the coordinator's
    /// copy only, never on the envelope or the label.
    public var checks: [String]

    /// Creates an item.
    public init(
        file: String?, countryCode: String, mission: String, recipient: [String], returnAddress: [String], language: String?,
        paper: Paper, pages: Int?, sheets: Int, stock: EnvelopeStock, checks: [String]
    ) {
        self.returnAddress = returnAddress
        self.file = file
        self.countryCode = countryCode
        self.mission = mission
        self.recipient = recipient
        self.language = language
        self.paper = paper
        self.pages = pages
        self.sheets = sheets
        self.stock = stock
        self.checks = checks
    }
}

/// Which envelopes and labels a run makes, from a `generate` manifest or from the whole
/// directory, and what the coordinator must check on each.
public enum EnvelopePlanner {
    /// The checklist's note for an address no source confirms.
    public static let unconfirmedNote = "address not confirmed — check before posting"

    /// One item per packet file of the manifest, in the manifest's order (each volume in turn).
    /// `sender`: the return address (mail to the country it is in is domestic).
    public static func items(for manifest: Manifest, directory: EmbassyDirectory, sender: Sender?, resolver: CountryResolver) throws -> [EnvelopeItem] {
        let forcedPaper = manifest.options?.paper.flatMap(Paper.init(rawValue:))
        var items: [EnvelopeItem] = []
        for packet in manifest.packets {
            guard let entry = directory[packet.embassy], let mission = Self.mission(of: packet, in: entry) else {
                throw PipelineError(
                    stage: .directory,
                    message: "the embassy directory has no \(packet.mission) for \(packet.file): use the directory the packets were made with (--embassies FOLDER)")
            }
            var warnings = packet.addressWarnings ?? []
            if !packet.addressVerified && !warnings.contains(AddressCheck.unconfirmed) { warnings.insert(AddressCheck.unconfirmed, at: 0) }
            for warning in AddressCheck.warnings(mission, countryCode: entry.countryCode) where !warnings.contains(warning) { warnings.append(warning) }
            let volumes = packet.volumes.isEmpty
                ? [Manifest.Packet.Volume(file: packet.file, sha256: packet.sha256, bytes: packet.bytes, pages: packet.pages)] : packet.volumes
            for volume in volumes {
                items.append(item(
                    file: volume.file, entry: entry, mission: mission, paper: forcedPaper ?? entry.paper, pages: volume.pages,
                    warnings: warnings, sender: sender, resolver: resolver))
            }
        }
        return items
    }

    /// One item per mission of the directory, embassies and consulates, by country code.
    public static func allMissions(directory: EmbassyDirectory, sender: Sender?, resolver: CountryResolver) -> [EnvelopeItem] {
        var items: [EnvelopeItem] = []
        for code in directory.entries.keys.sorted() {
            guard let entry = directory[code] else { continue }
            for mission in [entry.mission].compactMap({ $0 }) + entry.consulates {
                items.append(item(
                    file: nil, entry: entry, mission: mission, paper: entry.paper, pages: nil,
                    warnings: AddressCheck.warnings(mission, countryCode: entry.countryCode), sender: sender, resolver: resolver))
            }
        }
        return items
    }

    /// The mission a packet goes through: the consulate its manifest entry names by city, else
    /// the embassy; matched by name when the city no longer is.
    static func mission(of packet: Manifest.Packet, in entry: Embassy) -> Mission? {
        let all = [entry.mission].compactMap { $0 } + entry.consulates
        if let consulate = packet.consulate {
            return entry.consulates.first { $0.slug == consulate } ?? all.first { $0.name == packet.mission }
        }
        return entry.mission ?? all.first { $0.name == packet.mission }
    }

    static func item(
        file: String?, entry: Embassy, mission: Mission, paper: Paper, pages: Int?, warnings: [String], sender: Sender?,
        resolver: CountryResolver
    ) -> EnvelopeItem {
        // The country the mail goes to is the one its address names (the embassy for Yemen
        // sits in Riyadh), else the embassy's.
        let destination = PostalAddress.country(of: mission.addressLines, resolver: resolver) ?? entry.countryCode
        let international = PostalAddress.country(of: sender?.address ?? [], resolver: resolver) != destination
        let sheets = pages.map(EnvelopeStock.sheets(pages:)) ?? 1
        let stock = EnvelopeStock.choose(paper: paper, sheets: sheets)
        var checks: [String] = []
        if warnings.contains(AddressCheck.unconfirmed) { checks.append(unconfirmedNote) }
        let missing = warnings.filter { $0 != AddressCheck.unconfirmed }
        if !missing.isEmpty { checks.append("address incomplete (\(missing.joined(separator: ", "))) — check before posting") }
        if sheets > stock.capacity {
            checks.append("\(sheets) sheets: thicker than a \(stock.name) envelope holds (\(stock.capacity)) — use a box or a padded bag")
        }
        return EnvelopeItem(
            file: file, countryCode: entry.countryCode, mission: mission.name,
            recipient: PostalAddress.recipient(name: mission.name, lines: mission.addressLines, international: international),
            returnAddress: PostalAddress.returnAddress(sender, international: international, resolver: resolver),
            language: PostalAddress.language(forCountry: destination), paper: paper, pages: pages, sheets: sheets, stock: stock, checks: checks)
    }
}

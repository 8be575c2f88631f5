/// Everything the renderer needs to typeset one packet; no file paths, no emails. Codable,
/// so that a rendering worker receives it whole (the signatures go separately, see `RenderJobs`).
public struct PacketDocument: Sendable, Codable {
    /// A table of signatures under a heading.
    public struct Section: Sendable, Codable {
        /// "Signatures from United States".
        public var heading: String
        public var countryCode: String
        /// The language whose glyphs Han characters take (zh-Hans, zh-Hant, ja, ko), if any.
        public var language: String?
        /// Not in the coded form: `RenderJobs` writes them compactly, without their email keys.
        public var signatures: [Signature] = []
        /// The number of the first row: 1, or where an earlier delivery's numbering ended + 1.
        public var firstNumber: Int

        enum CodingKeys: String, CodingKey {
            case heading, countryCode, language, firstNumber
        }

        /// Creates a section.
        public init(heading: String, countryCode: String, language: String?, signatures: [Signature], firstNumber: Int = 1) {
            self.heading = heading
            self.countryCode = countryCode
            self.language = language
            self.signatures = signatures
            self.firstNumber = firstNumber
        }
    }

    /// PDF document information.
    public struct Metadata: Sendable, Codable {
        public var title: String
        public var author: String
        public var subject: String
        public var creator: String
        /// The creation date as seconds since 1970: fixed, so that runs give the same bytes.
        public var creationDate: Int64

        /// Creates metadata.
        public init(title: String, author: String, subject: String, creator: String, creationDate: Int64) {
            self.title = title
            self.author = author
            self.subject = subject
            self.creator = creator
            self.creationDate = creationDate
        }
    }

    /// The letters, each starting a page: the letter, or the English letter and its translation.
    public var letters: [LetterDocument]
    public var sections: [Section]
    /// The running header of every page.
    public var header: String
    /// The footer's left side (the mission's name).
    public var footer: String
    public var paper: Paper
    public var metadata: Metadata
    /// The signature table's columns, in order.
    public var columns: [TableColumn]
    /// Packets longer than this are split into volumes.
    public var maxPages: Int
    /// The delivery receipt printed as the last page, when the template asks for one.
    public var receipt: LetterDocument.Receipt?
    /// The translation's receipt, printed under the letter's on the same page (bilingual packets).
    public var secondReceipt: LetterDocument.Receipt?
    /// The short id of the packet, printed on the cover and the receipt and kept in the manifest.
    public var packetID: String?
    /// The cover sheet on top of the packet, when there is one.
    public var cover: Cover?
    /// The words the packet prints besides the letter, in the letter's language.
    public var words: PacketWords
    /// How much of the structure the PDF tags.
    public var tagging: Tagging = .cells

    /// How much of a packet's structure is tagged: every table cell (the default), each row
    /// (a third the size for big tables: 30,000 rows made 23 MB with cells, 7.5 MB with
    /// rows, 3.3 MB untagged), or nothing.
    public enum Tagging: String, Sendable, Codable, CaseIterable {
        case cells, rows, none
    }
    /// For a bilingual packet: the translation's words, printed beside the letter's on the receipt.
    public var secondWords: PacketWords?

    /// What the cover sheet says.
    public struct Cover: Sendable, Codable {
        /// The petition's title, and the translation's title in a bilingual packet.
        public var titles: [String]
        /// The mission's name as the packet's words call it, and its postal address.
        public var mission: String
        public var address: [String]
        /// "United Kingdom (180)", one entry per country, in the table's order.
        public var countries: [String]
        public var signatures: Int
        /// The delivery date, written for the words' language.
        public var date: String
        /// The sender's organisation, or its signatory.
        public var sender: String?

        /// Creates a cover.
        public init(titles: [String], mission: String, address: [String], countries: [String], signatures: Int, date: String, sender: String? = nil) {
            self.titles = titles
            self.mission = mission
            self.address = address
            self.countries = countries
            self.signatures = signatures
            self.date = date
            self.sender = sender
        }
    }

    /// Creates a document.
    public init(letters: [LetterDocument], sections: [Section], header: String, footer: String, paper: Paper, metadata: Metadata,
                columns: [TableColumn] = TableColumn.standard, maxPages: Int = 500) {
        self.letters = letters
        self.sections = sections
        self.header = header
        self.footer = footer
        self.paper = paper
        self.metadata = metadata
        self.columns = columns
        self.maxPages = maxPages
        self.receipt = letters.first?.receipt
        self.words = PacketWords(language: letters.first?.language ?? "en")
        if letters.count > 1 {
            let second = PacketWords(language: letters[1].language)
            if second != words {
                secondWords = second
                secondReceipt = letters[1].receipt
            }
        }
    }
}

/// A column of the signature tables.
public enum TableColumn: String, Sendable, CaseIterable, Codable {
    case number = "no"
    case name, city, region
    case signed

    /// No., Name, City, State or Province.
    public static let standard: [TableColumn] = [.number, .name, .city, .region]

    /// The column's title in the header row.
    public var title: String {
        switch self {
        case .number: return "No."
        case .name: return "Name"
        case .city: return "City"
        case .region: return "State or Province"
        case .signed: return "Signed"
        }
    }

    /// The cell's text for a signature (`number` is the row's number).
    public func value(_ signature: Signature, number: Int) -> String {
        switch self {
        case .number: return String(number)
        case .name: return signature.displayName
        case .city: return signature.city
        case .region: return signature.region
        case .signed: return signature.submittedAt.map { LetterDate(secondsSince1970: $0).description } ?? ""
        }
    }
}

/// The language a country's names are most likely written in, for choosing regional glyphs.
public enum CountryLanguage {
    /// A BCP 47 tag for Han glyph selection, or nil where the default serves.
    public static func hanLanguage(for countryCode: String) -> String? {
        switch countryCode {
        case "CN", "SG", "MY": return "zh-Hans"
        case "TW": return "zh-TW"
        case "HK", "MO": return "zh-HK"
        case "JP": return "ja"
        case "KR", "KP": return "ko"
        default: return nil
        }
    }
}

extension PacketPlan {
    /// The packet's document: the filled letter, one section per country.
    ///
    /// With a `date`, the packet has a cover sheet (and `packetID` is printed on it and on the
    /// receipt). Headings and footers are in the letter's language: Chinese for a Chinese letter.
    public func document(
        letters: [LetterDocument], creator: String, creationDate: Int64, columns: [TableColumn] = TableColumn.standard,
        paper: Paper? = nil, maxPages: Int = 500, date: LetterDate? = nil, packetID: String? = nil
    ) -> PacketDocument {
        let letter = letters[0]
        let words = PacketWords(language: letter.language)
        let sections = self.sections.map {
            PacketDocument.Section(
                heading: words.sectionHeading(countryCode: $0.countryCode, countryName: $0.countryName), countryCode: $0.countryCode,
                language: CountryLanguage.hanLanguage(for: $0.countryCode),
                // What is printed, and no more: the renderer never sees an email key.
                signatures: $0.signatures.map { signature in
                    var printed = signature
                    printed.emailKey = ""
                    printed.countryNote = nil
                    return printed
                })
        }
        let missionName = words.isChinese ? (mission.chineseName ?? mission.name) : mission.name
        var document = PacketDocument(
            letters: letters, sections: sections, header: letter.title, footer: missionName, paper: paper ?? embassy.paper,
            metadata: PacketDocument.Metadata(
                title: "\(letter.title) — \(embassy.countryName)", author: letter.sender?.organisation ?? letter.campaign,
                subject: "Petition delivered through the \(mission.name)", creator: creator, creationDate: creationDate),
            columns: columns, maxPages: maxPages)
        document.packetID = packetID
        if let date {
            let countries = self.sections.map { section -> String in
                let name = words.isChinese ? (ChineseCountryNames.names[section.countryCode] ?? section.countryName) : section.countryName
                let count = Formatting.number(section.signatures.count, language: words.language)
                return words.isChinese ? "\(name)（\(count)）" : "\(name) (\(count))"
            }
            document.cover = PacketDocument.Cover(
                titles: letters.map(\.title).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } },
                mission: missionName, address: mission.addressLines, countries: countries, signatures: signatureCount,
                date: Formatting.date(date, language: words.language),
                sender: letter.sender.flatMap { $0.organisation ?? $0.name } ?? (letter.campaign.isEmpty ? nil : letter.campaign))
        }
        return document
    }
}

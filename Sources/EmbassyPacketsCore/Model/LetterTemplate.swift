/// A letter template as read from `Templates/*.xml`, before its fields are filled.
public struct LetterTemplate: Sendable {
    /// The petition's title: the running header and the PDF title.
    public var title: String
    /// Who sends it: the PDF author.
    public var campaign: String
    /// BCP 47 language of the letter ("en", "zh-Hans").
    public var language: String
    public var blocks: [Block]
    /// The delivery receipt page, when the template asks for one.
    public var receipt: Receipt?
    /// For a translation: the original it translates (`translation-of="letter.xml"`).
    public var translationOf: String?
    /// Who sends it (`<sender>`), when the template says.
    public var sender: Sender?
    /// The petition's requests in a sentence each (`<summary>`), for paper signature sheets.
    public var requests: [String]
    /// The template file.
    public var location: SourceLocation

    /// Creates a template.
    public init(
        title: String, campaign: String, language: String, blocks: [Block], receipt: Receipt? = nil, translationOf: String? = nil,
        sender: Sender? = nil, requests: [String] = [], location: SourceLocation
    ) {
        self.requests = requests
        self.sender = sender
        self.translationOf = translationOf
        self.title = title
        self.campaign = campaign
        self.language = language
        self.blocks = blocks
        self.receipt = receipt
        self.location = location
    }

    /// `<receipt title="…">statement</receipt>`.
    public struct Receipt: Sendable {
        public var title: String
        public var statement: [Inline]

        /// Creates a receipt.
        public init(title: String, statement: [Inline]) {
            self.title = title
            self.statement = statement
        }
    }

    /// The kinds of block a letter is made of, in the order they usually stand.
    public enum BlockKind: String, Sendable, CaseIterable, Codable {
        case note, recipient, date, subject, salutation, paragraph, statement, closing, signature
    }

    /// A block: a paragraph of inline content.
    public struct Block: Sendable {
        public var kind: BlockKind
        public var content: [Inline]
        public var location: SourceLocation

        /// Creates a block.
        public init(kind: BlockKind, content: [Inline], location: SourceLocation) {
            self.kind = kind
            self.content = content
            self.location = location
        }
    }

    /// Inline content.
    public indirect enum Inline: Sendable {
        case text(String)
        /// A placeholder filled per packet (`<field name="mission.name"/>`).
        case field(name: String, location: SourceLocation)
        /// A word chosen by a number (`<plural count="signatures" one="person" other="people"/>`).
        case plural(count: String, one: String, other: String, location: SourceLocation)
        case emphasis([Inline])
        case strong([Inline])
        case lineBreak
    }

    /// Inline content as plain text, fields and plurals left out (a subject line for a sheet).
    public static func plainText(_ content: [Inline]) -> String {
        content.map { inline -> String in
            switch inline {
            case .text(let text): return text
            case .emphasis(let inner), .strong(let inner): return plainText(inner)
            case .lineBreak: return " "
            case .field, .plural: return ""
            }
        }.joined().split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }
}

/// The fields a template may name, and what each holds.
public enum LetterField: String, Sendable, CaseIterable {
    case missionName = "mission.name"
    case missionChineseName = "mission.name.zh"
    case missionAddress = "mission.address"
    case missionCity = "mission.city"
    case countryName = "country.name"
    case countries = "countries"
    case signatures = "signatures"
    case countrySignatures = "country.signatures"
    case date = "date"
    case campaign = "campaign"
    case title = "title"

    /// Fields that hold a number, usable as a plural's `count`.
    public static let numeric: Set<LetterField> = [.signatures, .countrySignatures]

    /// What the field holds, for the README and error messages.
    public var meaning: String {
        switch self {
        case .missionName: return "the mission's English name"
        case .missionChineseName: return "the mission's Chinese name (its English name where the directory has none)"
        case .missionAddress: return "the mission's postal address, one line each"
        case .missionCity: return "the mission's city"
        case .countryName: return "the embassy country's name"
        case .countries: return "the packet's countries, with their counts when there are several"
        case .signatures: return "the number of signatures in the packet"
        case .countrySignatures: return "the number of signatures from the embassy's own country"
        case .date: return "the letter date, written for the letter's language"
        case .campaign: return "the campaign (the template's <campaign>)"
        case .title: return "the petition's title (the template's <title>)"
        }
    }
}

/// Blank paper signature sheets for events (`embassy-packets sheets`): every word printed on
/// them, composed here; the renderer only draws it. Typed in afterwards, a sheet's rows come
/// back through intake with its id in a `Sheet` column and the printed line number in `Line`.
public struct SignatureSheets: Sendable {
    /// One sheet: its id, printed at the top and the foot of its page.
    public struct Sheet: Sendable, Equatable {
        public var id: String
        /// Its number, as in its id: from `--first`.
        public var number: Int
    }

    /// One column of the table: its heading, and the header a typist gives it in the CSV.
    public struct Column: Sendable, Equatable {
        public var heading: String
        /// Share of the table's width.
        public var share: Double
    }

    public var title: String
    /// The sentence before the requests.
    public var lead: String
    public var requests: [String]
    public var columns: [Column]
    /// The signed lines each sheet holds; the renderer fits as many as the paper takes when nil.
    public var lines: Int?
    /// The form's notice about the email address.
    public var emailNotice: String
    /// For the coordinator: how the sheet is typed in.
    public var typingNote: String
    /// With `--country`: the country's name, printed lightly in each line's Country cell.
    public var country: String?
    /// The consent cell's two answers.
    public var consentAnswers: [String]
    public var sheets: [Sheet]
    /// The number of the first sheet: a batch may go on from an earlier one.
    public var first = 1
    public var paper: Paper
    public var metadata: PacketDocument.Metadata

    /// The CSV header a typist uses: the form's own headers, after `Sheet` and `Line`.
    public static let typingHeader = ["Sheet", "Line", "First Name", "Last Name", "City", "State or Province", "Country", "Email Address", "How may we use your email address?"]

    /// A sheet id: the country's code (or `S` for sheets of any country), the date as YYMMDD and
    /// a three-digit number: `FR-261201-001`. Only letters, digits and `-`, so that it is typed
    /// without mistakes and reads back as a sheet id.
    public static func id(country: String?, date: LetterDate, number: Int) -> String {
        let day = [date.year % 100, date.month, date.day].map { Formatting.zeroPadded($0) }.joined()
        return "\(country ?? "S")-\(day)-\(Formatting.zeroPadded(number, width: 3))"
    }

    /// How the sheets' signatures will be delivered, for the sentence before the requests.
    public enum Delivery: Sendable {
        /// Sheets of any country: each signer's embassy.
        case eachCountry
        /// Through the embassy in `embassy`, which serves `country` (the same name for a
        /// country with an embassy of its own).
        case embassy(in: String, serving: String)
        /// The country has no PRC embassy to deliver through.
        case none
    }

    /// Composes `count` sheets from the letter template, numbered from `first`.
    public init(
        template: LetterTemplate, count: Int, first: Int = 1, country: (code: String, name: String)?, delivery: Delivery, paper: Paper,
        date: LetterDate, creator: String, creationDate: Int64, lines: Int? = nil
    ) {
        title = template.title
        switch delivery {
        case .eachCountry:
            lead = "We, the undersigned, ask President Xi Jinping, through the Chinese embassy in each signer's country:"
        case .embassy(let embassy, let serving) where embassy == serving:
            lead = "We, the undersigned, ask President Xi Jinping, through the Chinese embassy in \(CountryNames.inSentence(embassy)):"
        case .embassy(let embassy, let serving):
            lead = "We, the undersigned, ask President Xi Jinping, through the Chinese embassy in \(CountryNames.inSentence(embassy)), which serves \(CountryNames.inSentence(serving)):"
        case .none:
            lead = "We, the undersigned, ask President Xi Jinping:"
        }
        requests = template.requests.isEmpty
            ? (template.blocks.first { $0.kind == .subject }.map { [LetterTemplate.plainText($0.content)] } ?? [])
            : template.requests
        columns = [
            Column(heading: "No.", share: 0.04), Column(heading: "First Name", share: 0.125), Column(heading: "Last Name", share: 0.125),
            Column(heading: "City", share: 0.115), Column(heading: "State or Province", share: 0.11), Column(heading: "Country", share: 0.11),
            Column(heading: "Email Address", share: 0.235), Column(heading: "May we email you?", share: 0.14),
        ]
        self.lines = lines
        emailNotice = "Your email address will not be transmitted with the petition. It is used for internal purposes only and to ensure each signature is counted only once. We will never sell your email address and will abide by your choice on how to use it."
        typingNote = "For the coordinator: type each signed line into a CSV with the columns "
            + Self.typingHeader.joined(separator: ", ")
            + ", giving this sheet's id and the line's number; then give the CSV to embassy-packets generate."
        self.country = country?.name
        consentAnswers = ["Yes", "No"]
        let code = country?.code
        let made = (0..<max(0, count)).map { Sheet(id: Self.id(country: code, date: date, number: first + $0), number: first + $0) }
        sheets = made
        self.first = first
        self.paper = paper
        let range = made.first.map { $0.id + (made.count > 1 ? " to \(made.last!.id)" : "") } ?? ""
        metadata = PacketDocument.Metadata(
            title: "\(template.title): signature sheets", author: template.campaign, subject: "Signature sheets \(range)",
            creator: creator, creationDate: creationDate)
    }
}

/// One row as read from an input file, before validation: every value is the raw text. The
/// consent answer is kept only for `contacts`: no packet, report or manifest prints it.
public struct SignatureRecord: Sendable {
    /// Where the row starts.
    public var location: SourceLocation
    /// Position among all rows of all inputs (0-based); breaks ties between equal timestamps.
    public var order: Int
    public var timestamp: String
    public var firstName: String
    public var lastName: String
    public var city: String
    public var region: String
    public var country: String
    public var email: String
    /// The answer to "How may we use your email address?".
    public var consent: String = ""
    /// For a row typed in from a paper signature sheet: the sheet's id (empty otherwise).
    public var sheet: String = ""
    /// The numbered line on the sheet, as typed.
    public var sheetLine: String = ""

    /// True for a row typed in from a paper signature sheet.
    public var isPaper: Bool { !sheet.isEmpty }
    /// The signing instant (seconds since 1970, UTC), read from `timestamp` in the date order
    /// decided for the whole column; nil when the row has no readable timestamp.
    public var submittedAt: Int64?
    /// Set when the row could not be decoded (invalid UTF-8, a malformed JSON element, a row
    /// of the wrong shape).
    public var decodingProblem: String?
    /// The stable id of `decodingProblem`.
    public var problemID: String = DiagnosticID.signatureUnreadable

    /// Creates a record.
    public init(
        location: SourceLocation, order: Int, timestamp: String = "", firstName: String = "",
        lastName: String = "", city: String = "", region: String = "", country: String = "",
        email: String = "", consent: String = "", submittedAt: Int64? = nil, decodingProblem: String? = nil,
        problemID: String = DiagnosticID.signatureUnreadable
    ) {
        self.location = location
        self.order = order
        self.timestamp = timestamp
        self.firstName = firstName
        self.lastName = lastName
        self.city = city
        self.region = region
        self.country = country
        self.email = email
        self.consent = consent
        self.submittedAt = submittedAt
        self.decodingProblem = decodingProblem
        self.problemID = problemID
    }
}

/// One row as read from an input file, before validation: every value is the raw text. The
/// consent answer is not kept: nothing the tool makes uses it.
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
    /// Set when the row could not be decoded (invalid UTF-8, a malformed JSON element).
    public var decodingProblem: String?

    /// Creates a record.
    public init(
        location: SourceLocation, order: Int, timestamp: String = "", firstName: String = "",
        lastName: String = "", city: String = "", region: String = "", country: String = "",
        email: String = "", decodingProblem: String? = nil
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
        self.decodingProblem = decodingProblem
    }
}

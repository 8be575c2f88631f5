/// A validated, normalised signature. The email key is kept only to count each signer
/// once; nothing that writes output ever reads it.
public struct Signature: Sendable {
    public var location: SourceLocation
    public var order: Int
    /// Seconds since 1970 (UTC), when the timestamp could be read.
    public var submittedAt: Int64?
    public var firstName: String
    public var lastName: String
    public var city: String
    public var region: String
    /// ISO 3166-1 alpha-2.
    public var countryCode: String
    /// The normalised email: the deduplication key. Never printed.
    public var emailKey: String
    /// What the signer typed in the Country field when it was read as a close or ambiguous
    /// match ("Germnay", "Congo"), for one warning per spelling.
    public var countryNote: String?
    /// True for a signer from a paper sheet who gave no email: counted once by name, city and country.
    public var paperWithoutEmail = false

    /// Creates a signature.
    public init(
        location: SourceLocation, order: Int, submittedAt: Int64?, firstName: String,
        lastName: String, city: String, region: String, countryCode: String, emailKey: String
    ) {
        self.location = location
        self.order = order
        self.submittedAt = submittedAt
        self.firstName = firstName
        self.lastName = lastName
        self.city = city
        self.region = region
        self.countryCode = countryCode
        self.emailKey = emailKey
    }

    /// The name as the signer's culture writes it: family name first without a space for
    /// names written in Han or Hangul, given name first elsewhere.
    public var displayName: String {
        if firstName.isEmpty { return lastName }
        if lastName.isEmpty { return firstName }
        if NameOrder.isEastAsian(lastName) && NameOrder.isEastAsian(firstName) {
            return lastName + firstName
        }
        return firstName + " " + lastName
    }
}

/// Decides how a full name is assembled.
public enum NameOrder {
    /// True when the text is written in Han, Hangul or kana (and nothing Latin).
    public static func isEastAsian(_ text: String) -> Bool {
        var sawEastAsian = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1100...0x11FF, 0x3040...0x30FF, 0x3130...0x318F, 0x3400...0x4DBF,
                0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x3FFFF:
                sawEastAsian = true
            case 0x41...0x5A, 0x61...0x7A:
                return false
            default:
                continue
            }
        }
        return sawEastAsian
    }
}

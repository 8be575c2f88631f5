/// Why a row was rejected: a stable identifier and a sentence.
public struct Rejection: Sendable, Hashable {
    public var id: String
    public var message: String

    /// Creates a rejection.
    public init(id: String, message: String) {
        self.id = id
        self.message = message
    }
}

/// Checks and normalises records into signatures.
public struct Validator: Sendable {
    /// The longest name part accepted, in characters.
    public static let maximumNameLength = 200
    /// The most Unicode scalars a name part may hold: a flood of combining marks is one
    /// "character" but no name.
    public static let maximumNameScalars = 1000
    /// The longest any field may be, in bytes (a city, a region, an email).
    public static let maximumFieldBytes = 4096

    public let countries: CountryResolver
    public let dedup: DedupMode

    /// Creates a validator that resolves countries with `countries`.
    public init(countries: CountryResolver, dedup: DedupMode = .exact) {
        self.countries = countries
        self.dedup = dedup
    }

    /// A signature, or why the record cannot be one.
    public func validate(_ record: SignatureRecord) -> Result<Signature, RejectionError> {
        if let problem = record.decodingProblem {
            return .failure(RejectionError(Rejection(id: "signature.unreadable", message: problem)))
        }
        for (name, value) in [("City", record.city), ("State or Province", record.region), ("Country", record.country), ("Email Address", record.email)]
        where value.utf8.count > Self.maximumFieldBytes {
            return .failure(RejectionError(Rejection(id: "signature.field-too-long", message: "the \(name) field is longer than \(Self.maximumFieldBytes) bytes")))
        }
        if record.firstName.unicodeScalars.count > Self.maximumNameScalars || record.lastName.unicodeScalars.count > Self.maximumNameScalars
            || record.firstName.utf8.count > Self.maximumFieldBytes || record.lastName.utf8.count > Self.maximumFieldBytes
        {
            return .failure(RejectionError(Rejection(id: "signature.name-too-long", message: "a name is longer than \(Self.maximumNameLength) characters")))
        }
        let first = cleanedName(record.firstName)
        let last = cleanedName(record.lastName)
        if first.isEmpty && last.isEmpty {
            return .failure(RejectionError(Rejection(id: "signature.missing-name", message: "the row has neither a first nor a last name")))
        }
        if first.count > Self.maximumNameLength || last.count > Self.maximumNameLength {
            return .failure(RejectionError(Rejection(id: "signature.name-too-long", message: "a name is longer than \(Self.maximumNameLength) characters")))
        }
        let city = TextNormalizer.clean(record.city)
        if !TextNormalizer.hasSubstance(city) {
            return .failure(RejectionError(Rejection(id: "signature.missing-city", message: "the City field is empty")))
        }
        let countryText = TextNormalizer.clean(record.country)
        if countryText.isEmpty {
            return .failure(RejectionError(Rejection(id: "signature.missing-country", message: "the Country field is empty")))
        }
        guard let code = countries.resolve(countryText) else {
            let hints = countries.suggestions(for: countryText)
            let hint = hints.isEmpty ? "" : " (did you mean \(hints.map { "'\($0)'" }.joined(separator: " or "))?)"
            return .failure(RejectionError(Rejection(id: "signature.unknown-country", message: "unknown country '\(countryText)'\(hint)")))
        }
        let email = record.email.trimmingSpaces()
        if email.isEmpty {
            return .failure(RejectionError(Rejection(id: "signature.missing-email", message: "the Email Address field is empty")))
        }
        guard EmailAddress.isValid(email) else {
            return .failure(RejectionError(Rejection(id: "signature.invalid-email", message: "invalid email address '\(EmailMask.mask(email))'")))
        }
        return .success(Signature(
            location: record.location, order: record.order,
            submittedAt: TimestampParser.parse(record.timestamp),
            firstName: first, lastName: last, city: city,
            region: TextNormalizer.clean(record.region), countryCode: code,
            emailKey: EmailAddress.key(email, mode: dedup)))
    }

    /// A name part cleaned; a part that is only punctuation counts as empty.
    func cleanedName(_ raw: String) -> String {
        let cleaned = TextNormalizer.clean(raw)
        return TextNormalizer.hasSubstance(cleaned) ? cleaned : ""
    }
}

/// A rejection as an `Error`, for `Result`.
public struct RejectionError: Error, Sendable {
    public var rejection: Rejection

    /// Wraps a rejection.
    public init(_ rejection: Rejection) { self.rejection = rejection }
}

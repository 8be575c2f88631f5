import Foundation

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
        func reject(_ id: String, _ message: String) -> Result<Signature, RejectionError> {
            .failure(RejectionError(Rejection(id: id, message: message)))
        }
        if let problem = record.decodingProblem { return reject(record.problemID, problem) }
        for (name, value) in [("City", record.city), ("State or Province", record.region), ("Country", record.country), ("Email Address", record.email)]
        where value.utf8.count > Self.maximumFieldBytes {
            return reject(DiagnosticID.signatureFieldTooLong, "the \(name) field is longer than \(Self.maximumFieldBytes) bytes")
        }
        if record.firstName.unicodeScalars.count > Self.maximumNameScalars || record.lastName.unicodeScalars.count > Self.maximumNameScalars
            || record.firstName.utf8.count > Self.maximumFieldBytes || record.lastName.utf8.count > Self.maximumFieldBytes
        {
            return reject(DiagnosticID.signatureNameTooLong, "a name is longer than \(Self.maximumNameLength) characters")
        }
        // An address typed into a printed field would go to the embassy: the row is rejected
        // (not the address cut out), so that the coordinator sees it and asks the signer.
        for (name, value) in [("First Name", record.firstName), ("Last Name", record.lastName), ("City", record.city),
                              ("State or Province", record.region), ("Country", record.country)]
        where EmailShape.contains(value) || AddressMask.containsAtSign(value) {
            return reject(DiagnosticID.signatureEmailInField, "the \(name) field holds an email address or an at-sign ('\(Self.shown(value))'), which must never be printed")
        }
        // What a signer typed in two fields prints as one line: "splitleft@" + "example.org".
        if AddressMask.containsAtSign(record.firstName + " " + record.lastName) {
            return reject(DiagnosticID.signatureEmailInField, "the name holds an email address or an at-sign, which must never be printed")
        }
        let first = cleanedName(record.firstName)
        let last = cleanedName(record.lastName)
        if first.isEmpty && last.isEmpty {
            return reject(DiagnosticID.signatureMissingName, "the row has neither a first nor a last name")
        }
        if first.count > Self.maximumNameLength || last.count > Self.maximumNameLength {
            return reject(DiagnosticID.signatureNameTooLong, "a name is longer than \(Self.maximumNameLength) characters")
        }
        let city = TextNormalizer.clean(record.city)
        if !TextNormalizer.hasSubstance(city) {
            return reject(DiagnosticID.signatureMissingCity, "the City field is empty")
        }
        let countryText = TextNormalizer.clean(record.country)
        if countryText.isEmpty {
            return reject(DiagnosticID.signatureMissingCountry, "the Country field is empty")
        }
        let code: String
        var countryNote: String?
        switch countries.match(countryText) {
        case .exact(let found):
            code = found
        case .ambiguous(let chosen, _), .corrected(let chosen, _):
            code = chosen
            countryNote = countryText
        case .missing:
            return reject(DiagnosticID.signatureMissingCountry, "the Country field says '\(countryText)', which names no country")
        case .candidates(let codes):
            let names = codes.map { "'\(countries.name(of: $0))'" }.joined(separator: " or ")
            return reject(DiagnosticID.signatureUnknownCountry, "unknown country '\(countryText)' (did you mean \(names)?)")
        case .unknown(let hints):
            let hint = hints.isEmpty ? "" : " (did you mean \(hints.map { "'\($0)'" }.joined(separator: " or "))?)"
            return reject(DiagnosticID.signatureUnknownCountry, "unknown country '\(countryText)'\(hint)")
        }
        let region = TextNormalizer.clean(record.region)
        let key: String
        var withoutEmail = false
        let typed = record.email.trimmingSpaces()
        if dedup == .name {
            key = Self.nameKey(first: first, last: last, city: city, country: code)
            withoutEmail = record.isPaper && typed.isEmpty
        } else if typed.isEmpty && record.isPaper {
            // A paper sheet's email line may be left blank: the signer is counted once by name,
            // city and country, as --dedup name counts everyone.
            key = Self.nameKey(first: first, last: last, city: city, country: code)
            withoutEmail = true
        } else {
            if typed.isEmpty {
                return reject(
                    DiagnosticID.signatureMissingEmail,
                    "the Email Address field is empty (a row typed in from a paper sheet may leave it empty: give such rows a Sheet column, or --source paper)")
            }
            guard let email = EmailCanonicalizer.canonical(typed), EmailAddress.isValidCanonical(email) else {
                return reject(DiagnosticID.signatureInvalidEmail, "invalid email address '\(EmailMask.mask(typed))'")
            }
            key = EmailAddress.key(canonical: email, mode: dedup)
        }
        var signature = Signature(
            location: record.location, order: record.order, submittedAt: record.submittedAt,
            firstName: first, lastName: last, city: city, region: region, countryCode: code, emailKey: key)
        signature.countryNote = countryNote
        signature.paperWithoutEmail = withoutEmail
        return .success(signature)
    }

    /// A rejected value as a message may show it: masked, and hidden whole when bidi controls
    /// would reorder it (a reversed address shows its local part last).
    static func shown(_ raw: String) -> String {
        let bidi = raw.unicodeScalars.contains(where: TextNormalizer.isBidiControl)
        return bidi ? "***" : AddressMask.mask(TextNormalizer.clean(raw))
    }

    /// The key of `--dedup name`: name, city and country, folded the way countries are.
    static func nameKey(first: String, last: String, city: String, country: String) -> String {
        "name:\(CountryResolver.fold(first))|\(CountryResolver.fold(last))|\(CountryResolver.fold(city))|\(country)"
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

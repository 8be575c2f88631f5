import EmbassyPacketsCore
import Testing

@Suite("Validation")
struct ValidatorTests {
    let validator = Validator(countries: CountryResolver())

    private func record(first: String = "Ana", last: String = "Silva", city: String = "Porto", country: String = "Portugal", email: String = "ana@example.org") -> SignatureRecord {
        SignatureRecord(location: SourceLocation(file: "in.csv", line: 7), order: 0, firstName: first, lastName: last, city: city, country: country, email: email)
    }

    private func rejection(_ record: SignatureRecord) -> String? {
        if case .failure(let error) = validator.validate(record) { return error.rejection.id }
        return nil
    }

    @Test func aGoodRowBecomesASignature() throws {
        let signature = try validator.validate(record(first: "  Ana  Maria ", email: " Ana@Example.ORG ")).get()
        #expect(signature.firstName == "Ana Maria")
        #expect(signature.countryCode == "PT")
        #expect(signature.emailKey == "ana@example.org")
        #expect(signature.location.line == 7)
    }

    @Test func namesStayAsWrittenInNFC() throws {
        // "é" written as e + combining acute becomes one code point; nothing else changes.
        let signature = try validator.validate(record(first: "Ame\u{301}lie", last: "van der Berg")).get()
        #expect(signature.firstName == "Amélie")
        #expect(signature.firstName.unicodeScalars.count == 6)
        #expect(signature.lastName == "van der Berg")
    }

    @Test func controlCharactersAndBidiOverridesAreStripped() throws {
        let signature = try validator.validate(record(first: "Jo\u{0007}hn\u{202E}", last: "Smith")).get()
        #expect(signature.firstName == "John")
    }

    @Test func aMononymIsAName() throws {
        let signature = try validator.validate(record(first: "", last: "Suharto")).get()
        #expect(signature.displayName == "Suharto")
    }

    @Test(arguments: [
        (["first": "", "last": ""], "signature.missing-name"),
        (["first": "-", "last": "."], "signature.missing-name"),
        (["city": "  "], "signature.missing-city"),
        (["country": ""], "signature.missing-country"),
        (["country": "Atlantis"], "signature.unknown-country"),
        (["email": ""], "signature.missing-email"),
        (["email": "no-at-sign"], "signature.invalid-email"),
        (["email": "two@@example.org"], "signature.invalid-email"),
        (["email": "a@localhost"], "signature.invalid-email"),
        (["email": "a b@example.org"], "signature.invalid-email"),
        (["first": String(repeating: "x", count: 201)], "signature.name-too-long"),
    ])
    func rejectsWithAReason(changes: [String: String], id: String) {
        let row = record(
            first: changes["first"] ?? "Ana", last: changes["last"] ?? "Silva", city: changes["city"] ?? "Porto",
            country: changes["country"] ?? "Portugal", email: changes["email"] ?? "ana@example.org")
        #expect(rejection(row) == id)
    }

    @Test func aMisspeltCountryIsReadAndNotedAndAFarOneGetsAHint() {
        // One country within a small distance: read as it, with the spelling kept for a warning.
        guard case .success(let signature) = validator.validate(record(country: "Frannce", email: "secret.person@example.org")) else {
            Issue.record("expected 'Frannce' to be read as France")
            return
        }
        #expect(signature.countryCode == "FR")
        #expect(signature.countryNote == "Frannce")
        // Placeholders are a missing country, never Namibia.
        for placeholder in ["N/A", "n/a", "none", "-", "?"] {
            guard case .failure(let missing) = validator.validate(record(country: placeholder)) else {
                Issue.record("'\(placeholder)' was accepted as a country")
                continue
            }
            #expect(missing.rejection.id == "signature.missing-country", "\(placeholder)")
        }
        guard case .failure(let error) = validator.validate(record(country: "Frrannncee", email: "secret.person@example.org")) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(error.rejection.id == "signature.unknown-country")
        #expect(!error.rejection.message.contains("secret.person"))
        guard case .failure(let bad) = validator.validate(record(email: "secret.person@nowhere")) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(!bad.rejection.message.contains("secret.person"))
        #expect(bad.rejection.message.contains("s***@nowhere"))
    }

    @Test func internationalisedDomainsAreAccepted() {
        #expect(EmailAddress.isValid("user@bücher.de"))
        #expect(EmailAddress.isValid("用户@例子.中国"))
        #expect(!EmailAddress.isValid(String(repeating: "a", count: 65) + "@example.org"))
    }

    @Test func eastAsianNamesPutTheFamilyNameFirst() {
        func name(_ first: String, _ last: String) -> String {
            Signature(location: SourceLocation(file: "x"), order: 0, submittedAt: nil, firstName: first, lastName: last, city: "c", region: "", countryCode: "KR", emailKey: "k").displayName
        }
        #expect(name("민준", "김") == "김민준")
        #expect(name("太郎", "山田") == "山田太郎")
        #expect(name("Ji-woo", "Kang") == "Ji-woo Kang")
        #expect(name("John", "Smith") == "John Smith")
    }
}

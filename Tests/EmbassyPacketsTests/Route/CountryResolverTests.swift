@testable import EmbassyPacketsCore
import Testing

@Suite("Country resolution")
struct CountryResolverTests {
    let resolver = CountryResolver()

    @Test(arguments: [
        ("United States", "US"), ("united states", "US"), ("USA", "US"), ("U.S.", "US"), ("us", "US"),
        ("South Korea", "KR"), ("Korea, Republic of", "KR"), ("Republic of Korea", "KR"), ("대한민국", "KR"),
        ("North Korea", "KP"), ("United Kingdom", "GB"), ("UK", "GB"), ("England", "GB"),
        ("Russia", "RU"), ("Russian Federation", "RU"), ("Viet Nam", "VN"), ("Türkiye", "TR"), ("Turkey", "TR"),
        ("Czech Republic", "CZ"), ("Ivory Coast", "CI"), ("Côte d’Ivoire", "CI"), ("Burma", "MM"), ("Holland", "NL"),
        ("日本", "JP"), ("Deutschland", "DE"), ("México", "MX"), ("Россия", "RU"), ("DEU", "DE"), ("fra", "FR"),
        ("Taiwan", "TW"), ("Hong Kong", "HK"), ("Macau", "MO"), ("  Brazil ", "BR"),
        ("St Lucia", "LC"), ("St. Kitts & Nevis", "KN"), ("Trinidad & Tobago", "TT"), ("Corea del Sur", "KR"),
    ])
    func resolves(text: String, code: String) {
        #expect(resolver.resolve(text.trimmingSpaces()) == code)
        #expect(resolver.match(text) == .exact(code))
    }

    @Test(arguments: ["Atlantis", "Narnia", "Earth", "", "n/a", "Iram"])
    func doesNotGuess(text: String) {
        #expect(resolver.resolve(text) == nil)
    }

    @Test func suggestsCloseNames() {
        #expect(resolver.suggestions(for: "Germny").first == "Germany")
        #expect(resolver.suggestions(for: "Gremnay").first == "Germany")
        #expect(resolver.suggestions(for: "Zambai").prefix(2) == ["Zambia", "Gambia"])
        #expect(resolver.suggestions(for: "Atlantis").isEmpty)
        #expect(resolver.suggestions(for: "Maldovia", limit: 1).count == 1)
    }

    @Test func everyISOCountryResolvesFromItsCodes() {
        for code in resolver.codes {
            #expect(resolver.match(code) == .exact(code))
            #expect(resolver.resolve(resolver.name(of: code)) == code, "name of \(code)")
        }
        #expect(resolver.codes.count == 249)
    }

    @Test func everyISOCodeResolvesExactlyToItself() {
        for (alpha2, alpha3, _, _, _) in ISO3166.countries {
            #expect(resolver.match(alpha2) == .exact(alpha2))
            #expect(resolver.match(alpha3) == .exact(alpha2), "\(alpha3)")
            #expect(resolver.match(alpha3.lowercased()) == .exact(alpha2), "\(alpha3.lowercased())")
            // In lower case "na" and "no" are placeholders, not Namibia and Norway.
            let lower = alpha2.lowercased()
            #expect(resolver.match(lower) == (["na", "no"].contains(lower) ? .missing : .exact(alpha2)), "\(lower)")
        }
    }

    @Test func everyISOCodeAndNameResolves() {
        let ambiguous = Set(CountryResolver.ambiguousNames.flatMap(\.names))
        for (alpha2, alpha3, name, official, common) in ISO3166.countries {
            for text in [alpha2, alpha3, alpha3.lowercased(), name, name.uppercased(), official, common] where !text.isEmpty {
                #expect(resolver.resolve(text) == alpha2, "\(text) should be \(alpha2)")
                if !ambiguous.contains(text) && !ambiguous.contains(text.capitalized) {
                    #expect(resolver.match(text) == .exact(alpha2), "\(text) should be exactly \(alpha2)")
                }
            }
        }
    }

    @Test func variantsResolveExactly() {
        for (code, list) in CountryResolver.variants {
            for text in list { #expect(resolver.match(text) == .exact(code), "\(text) should be \(code)") }
        }
    }

    @Test func nativeNamesResolve() {
        for (code, names) in NativeCountryNames.names {
            for name in names { #expect(resolver.match(name) == .exact(code), "\(name) should be \(code)") }
        }
    }

    @Test func nativeNamesAreOnlyWhatTheTranslationsLack() {
        let translated = TranslatedCountryNames.shared
        for (code, names) in NativeCountryNames.names {
            for name in names {
                #expect(translated.codes(for: CountryResolver.fold(name))?.first != code, "\(name): iso-codes has it")
            }
        }
    }

    @Test func theDirectorysNamesResolve() {
        let directory = EmbassyDirectory(entries: [RouterTests.embassy("DE", "Federal Republic of Germania")])
        let resolver = CountryResolver(directory: directory)
        #expect(resolver.match("Federal Republic of Germania") == .exact("DE"))
        #expect(resolver.name(of: "DE") == "Federal Republic of Germania")
        #expect(resolver.match("Federal Republic of Germanja") == .corrected("DE", typed: "Federal Republic of Germanja"))
    }
}

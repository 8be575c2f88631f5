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
    ])
    func resolves(text: String, code: String) {
        #expect(resolver.resolve(text.trimmingSpaces()) == code)
    }

    @Test(arguments: ["Atlantis", "Narnia", "Earth", ""])
    func doesNotGuess(text: String) {
        #expect(resolver.resolve(text) == nil)
    }

    @Test func suggestsCloseNames() {
        #expect(resolver.suggestions(for: "Germny").contains("Germany"))
    }

    @Test func everyISOCountryResolvesFromItsCodes() {
        for code in resolver.codes {
            #expect(resolver.resolve(code) == code)
            #expect(resolver.resolve(resolver.name(of: code)) == code, "name of \(code)")
        }
        #expect(resolver.codes.count == 249)
    }

    @Test func everyISOCodeAndNameResolves() {
        for (alpha2, alpha3, name, official, common) in ISO3166.countries {
            for text in [alpha2, alpha3, alpha3.lowercased(), name, name.uppercased(), official, common] where !text.isEmpty {
                #expect(resolver.resolve(text) == alpha2, "\(text) should be \(alpha2)")
            }
        }
    }

    @Test func nativeNamesResolve() {
        for (code, names) in NativeCountryNames.names {
            for name in names { #expect(resolver.resolve(name) == code, "\(name) should be \(code)") }
        }
    }
}

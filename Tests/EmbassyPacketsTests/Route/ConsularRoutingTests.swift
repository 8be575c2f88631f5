import EmbassyPacketsCore
import Testing

@Suite("Accreditation, route overrides and consular districts")
struct ConsularRoutingTests {
    static func mission(_ name: String, city: String, district: [String] = [], verified: Bool = true) -> Mission {
        Mission(kind: "consulate-general", name: name, chineseName: nil, addressLines: ["1 Main St", city], addressVerified: verified,
                city: city, phone: nil, website: nil, district: district)
    }

    static func entry(_ code: String, _ name: String, class missionClass: MissionClass, accreditedTo: String? = nil, consulates: [Mission] = []) -> Embassy {
        Embassy(
            countryCode: code, missionClass: missionClass, countryName: name, officialName: nil, aliases: [], paper: .a4,
            mission: missionClass == .embassy ? mission("Embassy in \(name)", city: "Capital") : nil,
            accreditedTo: accreditedTo, consulates: consulates, sources: [], location: SourceLocation(file: "\(code).xml"))
    }

    static let directory = EmbassyDirectory(entries: [
        entry("FR", "France", class: .embassy),
        entry("MC", "Monaco", class: .accredited, accreditedTo: "FR"),
        entry("TW", "Taiwan", class: .special),
        entry("US", "United States", class: .embassy, consulates: [
            mission("Consulate General in New York", city: "New York", district: ["US-NY", "US-NJ"]),
            mission("Consulate General in San Francisco", city: "San Francisco", district: ["US-CA", "US-WA"]),
        ]),
        entry("GB", "United Kingdom", class: .embassy, consulates: [mission("Consulate General in Edinburgh", city: "Edinburgh", district: ["GB-SCT"])]),
    ])

    private func signature(_ line: Int, _ country: String, region: String = "") -> Signature {
        Signature(location: SourceLocation(file: "in.csv", line: line), order: line, submittedAt: nil, firstName: "A", lastName: "B",
                  city: "C", region: region, countryCode: country, emailKey: "\(line)@x.org")
    }

    private func router(_ options: RoutingOptions = RoutingOptions()) -> Router {
        Router(directory: Self.directory, countries: CountryResolver(directory: Self.directory), options: options)
    }

    @Test func anAccreditedCountryGoesToItsEmbassyInASectionOfItsOwn() {
        let routed = router().route([signature(2, "MC"), signature(3, "FR"), signature(4, "MC")])
        #expect(routed.unrouted.isEmpty)
        let plan = routed.plans.first!
        #expect(routed.plans.count == 1 && plan.code == "FR")
        #expect(plan.sections.map(\.countryCode) == ["FR", "MC"])
        #expect(plan.sections[1].countryName == "Monaco")
        #expect(plan.countryCounts == ["FR": 1, "MC": 2])
        let document = plan.document(letters: [LetterDocument(title: "T", campaign: "C", language: "en", blocks: [])], creator: "x", creationDate: 0)
        #expect(document.sections.map(\.heading) == ["Signatures from France", "Signatures from Monaco"])
    }

    @Test func theLetterOfAPacketWithSeveralCountriesSaysSo() throws {
        let plan = router().route([signature(2, "MC"), signature(3, "FR"), signature(4, "MC")]).plans[0]
        let template = LetterTemplate(
            title: "T", campaign: "C", language: "en",
            blocks: [.init(kind: .statement, content: [.text("Signed by "), .field(name: "signatures", location: SourceLocation(file: "t")), .text(" people from "), .field(name: "countries", location: SourceLocation(file: "t")), .text(".")], location: SourceLocation(file: "t"))],
            location: SourceLocation(file: "t"))
        let text = LetterFiller(template: template).fill(for: plan, date: LetterDate(year: 2026, month: 1, day: 2)!).plainText
        #expect(text == "Signed by 3 people from France (1) and Monaco (2).")
    }

    @Test func specialAndNoRelationsCountriesAreUnroutedUnlessARouteSendsThem() {
        #expect(router().route([signature(2, "TW")]).unrouted.map(\.reason.id) == ["route.special"])
        let routed = router(RoutingOptions(overrides: ["TW": "US"])).route([signature(2, "TW"), signature(3, "US", region: "Texas")])
        #expect(routed.unrouted.isEmpty)
        #expect(routed.plans.count == 1)
        #expect(routed.plans[0].sections.map(\.countryCode) == ["US", "TW"])
        #expect(routed.plans[0].sections[1].countryName == "Taiwan")
    }

    @Test func byConsulateSignersGoToTheConsulateOfTheirRegion() {
        let signers = [
            signature(2, "US", region: "California"), signature(3, "US", region: "NY"), signature(4, "US", region: "new jersey"),
            signature(5, "US", region: "Texas"), signature(6, "US", region: "Atlantis"), signature(7, "US", region: ""),
            signature(8, "US", region: "US-WA"), signature(9, "US", region: "Seattle, Washington"), signature(10, "FR", region: "Île-de-France"),
            signature(11, "GB", region: "Glasgow City"), signature(12, "GB", region: "Cardiff"), signature(13, "TW", region: "California"),
        ]
        let routed = router(RoutingOptions(overrides: ["TW": "US"], byConsulate: true)).route(signers)
        let lines = Dictionary(uniqueKeysWithValues: routed.plans.map { ($0.fileStem, $0.sections.flatMap { $0.signatures.map(\.location.line) }.sorted()) })
        #expect(lines["US-new-york"] == [3, 4])
        #expect(lines["US-san-francisco"] == [2, 8, 9])
        // Texas is no consulate's: the embassy serves it. Unmatched regions go to the embassy
        // too, and are counted. A routed Taiwanese signer is not routed by US states.
        #expect(lines["US"] == [5, 6, 7, 13])
        #expect(lines["FR"] == [10])
        // A council area is under Scotland.
        #expect(lines["GB-edinburgh"] == [11])
        #expect(lines["GB"] == [12])
        #expect(routed.regionUnmatched == ["US": 2])
        #expect(routed.plans.first { $0.fileStem == "US-new-york" }?.mission.name == "Consulate General in New York")
    }

    @Test func byEmbassyIgnoresConsulates() {
        let routed = router().route([signature(2, "US", region: "California")])
        #expect(routed.plans.map(\.fileStem) == ["US"])
        #expect(routed.regionUnmatched.isEmpty)
    }

    @Test(arguments: [("US", "California", "US-CA"), ("US", "CA", "US-CA"), ("CA", "Québec", "CA-QC"), ("CA", "QC", "CA-QC"),
                      ("AU", "NSW", "AU-NSW"), ("AU", "New South Wales", "AU-NSW"), ("DE", "Bayern", "DE-BY"), ("DE", "Bavaria", "DE-BY"),
                      ("JP", "東京都", "JP-13"), ("JP", "Tokyo", "JP-13"), ("JP", "大阪", "JP-27"), ("KR", "부산광역시", "KR-26"), ("KR", "경기도", "KR-41"),
                      ("KR", "Seoul", "KR-11"), ("IN", "Maharashtra", "IN-MH"), ("IN", "Tamil Nadu", "IN-TN"), ("GB", "Scotland", "GB-SCT"),
                      ("US", "Washington, D.C.", "US-DC")])
    func regionsResolve(country: String, text: String, code: String) {
        #expect(SubdivisionResolver().resolve(text, country: country) == code)
    }
}

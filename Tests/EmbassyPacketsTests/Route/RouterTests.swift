import EmbassyPacketsCore
import Testing

@Suite("Routing")
struct RouterTests {
    static func embassy(_ code: String, _ name: String, class missionClass: MissionClass = .embassy) -> Embassy {
        Embassy(
            countryCode: code, missionClass: missionClass, countryName: name, officialName: nil, aliases: [], paper: .a4,
            mission: missionClass == .embassy
                ? Mission(kind: "embassy", name: "Embassy of the PRC in \(name)", chineseName: nil, addressLines: ["1 Main St", name],
                          addressVerified: true, city: "Capital", phone: nil, website: nil) : nil,
            sources: [], location: SourceLocation(file: "\(code).xml"))
    }

    static let directory = EmbassyDirectory(entries: [
        embassy("FR", "France"), embassy("DE", "Germany"), embassy("MC", "Monaco", class: .accredited),
        embassy("PY", "Paraguay", class: .noRelations), embassy("TW", "Taiwan", class: .special),
    ])

    private func signature(_ line: Int, _ country: String) -> Signature {
        Signature(location: SourceLocation(file: "in.csv", line: line), order: line, submittedAt: nil, firstName: "A",
                  lastName: "B", city: "C", region: "", countryCode: country, emailKey: "\(line)@x.org")
    }

    @Test func signersGoToTheirCountrysEmbassyInInputOrder() {
        let router = Router(directory: Self.directory, countries: CountryResolver(directory: Self.directory))
        let routed = router.route([signature(2, "DE"), signature(3, "FR"), signature(4, "DE")])
        let (plans, unrouted) = (routed.plans, routed.unrouted)
        #expect(plans.map(\.code) == ["DE", "FR"])
        #expect(plans[0].sections.count == 1)
        #expect(plans[0].sections[0].signatures.map(\.location.line) == [2, 4])
        #expect(plans[0].countryCounts == ["DE": 2])
        #expect(unrouted.isEmpty)
    }

    @Test(arguments: [("MC", "route.accredited"), ("PY", "route.no-relations"), ("TW", "route.special"), ("BR", "route.no-directory-entry")])
    func otherCountriesAreUnroutedWithAReason(country: String, id: String) {
        let router = Router(directory: Self.directory, countries: CountryResolver(directory: Self.directory))
        let routed = router.route([signature(2, country)])
        let (plans, unrouted) = (routed.plans, routed.unrouted)
        #expect(plans.isEmpty)
        #expect(unrouted.map(\.reason.id) == [id])
    }

    @Test func sortingAccountsForEveryRow() {
        let countries = CountryResolver(directory: Self.directory)
        let records = [
            SignatureRecord(location: SourceLocation(file: "f", line: 2), order: 0, firstName: "A", lastName: "B", city: "Paris", country: "France", email: "a@x.org"),
            SignatureRecord(location: SourceLocation(file: "f", line: 3), order: 1, firstName: "A", lastName: "B", city: "Paris", country: "France", email: "A@x.org"),
            SignatureRecord(location: SourceLocation(file: "f", line: 4), order: 2, firstName: "C", lastName: "D", city: "Asunción", country: "Paraguay", email: "c@x.org"),
            SignatureRecord(location: SourceLocation(file: "f", line: 5), order: 3, firstName: "E", lastName: "F", city: "", country: "Germany", email: "e@x.org"),
            SignatureRecord(location: SourceLocation(file: "f", line: 6), order: 4, firstName: "G", lastName: "H", city: "Berlin", country: "Germany", email: "g@x.org"),
        ]
        let sorted = SortedRows.sort(records, validator: Validator(countries: countries), router: Router(directory: Self.directory, countries: countries))
        let totals = sorted.totals
        #expect(totals == Manifest.Totals(rows: 5, accepted: 3, duplicates: 1, rejected: 1, routed: 2, unrouted: 1))
        #expect(totals.imbalances.isEmpty)
        #expect(sorted.rejectedByReason == ["signature.missing-city": 1])
        #expect(sorted.unroutedByCountry == ["PY": 1])
        let diagnostics = sorted.diagnostics
        #expect(diagnostics.map { $0.location?.line } == [3, 4, 5])
        #expect(diagnostics[0].notes.first?.location?.line == 2)
        #expect(diagnostics.allSatisfy { !$0.description.contains("@x.org") })
    }

    /// Big inputs are validated on every core in runs of rows; the result must be the one pass's:
    /// the same rows, in input order, the same rejections in the same order.
    @Test func validatingOnEveryCoreKeepsInputOrder() {
        let countries = CountryResolver(directory: Self.directory)
        let validator = Validator(countries: countries)
        let records = (0..<120_001).map { index in
            SignatureRecord(
                location: SourceLocation(file: "f", line: index + 2), order: index, firstName: "A\(index)", lastName: "B",
                city: index % 7 == 0 ? "" : "Paris", country: index % 2 == 0 ? "France" : "Germany", email: "a\(index)@x.org")
        }
        let (valid, rejected) = SortedRows.validateAll(records, validator: validator)
        var expectedValid: [Int] = []
        var expectedRejected: [Int] = []
        for record in records {
            switch validator.validate(record) {
            case .success: expectedValid.append(record.location.line)
            case .failure: expectedRejected.append(record.location.line)
            }
        }
        #expect(valid.count + rejected.count == records.count)
        #expect(valid.map(\.location.line) == expectedValid)
        #expect(rejected.map(\.location.line) == expectedRejected)
        #expect(valid.map(\.countryCode).prefix(4) == ["DE", "FR", "DE", "FR"])
    }

    @Test func imbalancedTotalsAreCaught() {
        let totals = Manifest.Totals(rows: 5, accepted: 3, duplicates: 1, rejected: 0, routed: 2, unrouted: 0)
        #expect(totals.imbalances.count == 2)
    }
}

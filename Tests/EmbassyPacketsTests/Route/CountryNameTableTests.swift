@testable import EmbassyPacketsCore
import Testing

@Suite("Country names from iso-codes")
struct CountryNameTableTests {
    @Test func theTableHasEveryCountryInManyLanguages() {
        let lines = CountryNameTable.text.split(separator: "\n")
        #expect(lines.count == 249)
        #expect(Set(lines.map { String($0.prefix(2)) }) == Set(ISO3166.countries.map(\.0)))
        #expect(CountryNameTable.languageCount >= 100)
        #expect(TranslatedCountryNames.shared.spellingCount > 20_000)
        for line in lines {
            #expect(line.split(separator: "\t").count > 2, "\(line.prefix(2)) has names")
        }
    }

    @Test func everySpellingFoldsToAKeyOfItsCountry() {
        // The table is folded in one Foundation call; each name must come out as it would alone.
        let translated = TranslatedCountryNames.shared
        for line in CountryNameTable.text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            let code = String(fields[0])
            for field in fields.dropFirst() {
                let bar = field.lastIndex(of: "|")!
                let name = String(field[..<bar])
                #expect(Int(field[field.index(after: bar)...]).map { $0 >= 1 } == true, "\(field)")
                let key = CountryResolver.fold(name)
                guard key.unicodeScalars.count >= 2 else { continue }
                #expect(translated.codes(for: key)?.contains(code) == true, "\(name) should be a name of \(code)")
            }
        }
    }

    @Test func theMostUsedSpellingWins() {
        let translated = TranslatedCountryNames.shared
        // "Kongo": the Republic of the Congo's whole name in many languages, only the part before
        // a comma for the Democratic Republic.
        #expect(translated.codes(for: "kongo")?.first == "CG")
        #expect(translated.codes(for: "kongo")?.contains("CD") == true)
        #expect(translated.codes(for: "allemagne") == ["DE"])
        #expect(translated.codes(for: "atlantis") == nil)
        // One letter is too little to go on (Vietnamese "Ý" is Italy).
        #expect(translated.codes(for: "y") == nil)
    }

    @Test func commonSpellingsAreFuzzed() {
        let common = Dictionary(TranslatedCountryNames.shared.common.map { ($0.key, $0.code) }, uniquingKeysWith: { a, _ in a })
        #expect(common["germania"] == "DE")
        #expect(common["alemania"] == "DE")
        // French's name is in iso-codes and CLDR: two sources, so it is fuzzed too.
        #expect(common["allemagne"] == "DE")
    }
}

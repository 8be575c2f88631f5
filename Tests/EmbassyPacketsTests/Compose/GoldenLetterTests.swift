import EmbassyPacketsCore
import EmbassyPacketsXML
import Foundation
import Testing

/// The filled letter, word for word, in both languages. To re-record after a deliberate change
/// to a template, run the tests once with EMBASSY_PACKETS_RECORD=1: the test writes the new
/// text and fails, so that a recording can never pass unnoticed (in CI or anywhere).
@Suite("Golden letters")
struct GoldenLetterTests {
    static func plan() -> PacketPlan {
        let mission = Mission(kind: "embassy", name: "Embassy of the People's Republic of China in the United States of America",
                              chineseName: "中华人民共和国驻美利坚合众国大使馆", addressLines: ["3505 International Place, N.W.", "Washington, DC 20008", "United States of America"],
                              addressVerified: true, city: "Washington, D.C.", phone: nil, website: nil)
        let embassy = Embassy(countryCode: "US", missionClass: .embassy, countryName: "United States", officialName: nil, aliases: [], paper: .letter,
                              mission: mission, sources: [], location: SourceLocation(file: "US.xml"))
        func signer(_ country: String) -> Signature {
            Signature(location: SourceLocation(file: "f"), order: 0, submittedAt: nil, firstName: "A", lastName: "B", city: "C", region: "",
                      countryCode: country, emailKey: "k")
        }
        return PacketPlan(embassy: embassy, mission: mission, sections: [
            CountrySection(countryCode: "US", countryName: "United States", signatures: Array(repeating: signer("US"), count: 1234)),
            CountrySection(countryCode: "TW", countryName: "Taiwan", signatures: [signer("TW")]),
        ])
    }

    @Test(arguments: [("letter.xml", "letter.en.txt"), ("letter.zh-Hans.xml", "letter.zh-Hans.txt")])
    func theFilledLetterMatchesItsGoldenText(template: String, golden: String) throws {
        let loaded = try TemplateLoader.load(path: TestSupport.path("Templates/" + template))
        let letter = LetterFiller(template: loaded).fill(for: Self.plan(), date: LetterDate(year: 2026, month: 11, day: 29)!)
        var text = letter.plainText
        if let receipt = letter.receipt {
            text += "\n\n" + receipt.title + "\n" + receipt.statement.map(\.text).joined()
        }
        text += "\n"
        let path = TestSupport.path("Tests/EmbassyPacketsTests/Fixtures/golden/" + golden)
        if ProcessInfo.processInfo.environment["EMBASSY_PACKETS_RECORD"] != nil {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            Issue.record("recorded \(golden); run the tests again without EMBASSY_PACKETS_RECORD")
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected)
    }
}

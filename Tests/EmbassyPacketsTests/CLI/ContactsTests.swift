import EmbassyPacketsCore
import Foundation
import Testing

/// `contacts` writes only the signers whose answer allows contact; the answer never reaches a
/// packet, the manifest or a report.
@Suite("Contacts")
struct ContactsTests {
    @Test(arguments: [
        ("You may contact me about this and other campaigns", ConsentChoice.allows),
        ("Yes", .allows), ("Sí, pueden escribirme", .allows), ("Ja, gerne", .allows), ("はい", .allows),
        ("Do not contact me", .refuses), ("Only to count my signature", .refuses), ("No", .refuses),
        ("Never", .refuses), ("Not yes", .refuses), ("Nein, nur zum Zählen", .refuses), ("", .none), ("Blue", .unclear), ("Facebook", .unclear),
        ("Book club", .unclear), ("Yes, No", .unclear), ("No ok", .unclear), ("Oui, non", .unclear), ("Yes (no)", .unclear),
        ("No, Yes", .unclear), ("Sure", .allows), ("No thanks", .refuses),
    ])
    func answersAreClassified(answer: String, expected: ConsentChoice) {
        #expect(ConsentChoice.classify(answer) == expected, "\(answer)")
    }

    @Test func theCoordinatorNamesWhatTheRulesCannotRead() {
        #expect(ConsentChoice.classify("Blue", allow: ["blue"]) == .allows)
        #expect(ConsentChoice.classify("Yes", deny: ["yes"]) == .refuses)
    }

    @Test func onlyAllowingSignersAreWrittenAndTheAnswerStaysOutOfThePackets() throws {
        let folder = TestSupport.temporaryFolder()
        var form = FormCSV()
        let allow = "You may contact me about this and other campaigns"
        let refuse = "Do not contact me"
        let unusual = "Purple monkey dishwasher"
        form.lines.append(["2024/03/02 9:09:25 PM GMT-4", "Ann", "Ames", "Leeds", "", "UK", "ann@example.org", allow].joined(separator: ","))
        form.lines.append(["2024/03/02 9:10:25 PM GMT-4", "Bob", "Brown", "Leeds", "", "UK", "bob@example.org", refuse].joined(separator: ","))
        form.lines.append(["2024/03/02 9:11:25 PM GMT-4", "Cat", "Cole", "Paris", "", "France", "cat@example.org", ""].joined(separator: ","))
        form.lines.append(["2024/03/02 9:12:25 PM GMT-4", "Dan", "Dale", "Paris", "", "France", "dan@example.org", unusual].joined(separator: ","))
        // Eve allowed contact, then signed again and refused: she is not written.
        form.lines.append(["2024/03/02 9:13:25 PM GMT-4", "Eve", "Ellis", "Paris", "", "France", "eve@example.org", allow].joined(separator: ","))
        form.lines.append(["2024/03/03 9:13:25 PM GMT-4", "Eve", "Ellis", "Paris", "", "France", "EVE@example.org", refuse].joined(separator: ","))
        let input = TestSupport.write(form.text, named: "form.csv", in: folder)
        let list = folder + "/contacts.csv"
        let run = try TestSupport.run(TestSupport.executable, ["contacts", input, "--out", list, "--embassies", TestSupport.embassies])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: list, encoding: .utf8)
        #expect(text.contains("Ann,Ames,ann@example.org,GB,"))
        for absent in ["bob@", "cat@", "dan@", "eve@"] { #expect(!text.lowercased().contains(absent), "\(absent)") }
        #expect(run.stderr.contains("1 of 5 signers allow contact"))
        #expect(run.stderr.contains("'\(unusual)': unclear"))
        #expect(!run.stderr.contains("@example.org"))
        // Never replaced without --force; --allow takes the unusual answer.
        let again = try TestSupport.run(TestSupport.executable, ["contacts", input, "--out", list, "--embassies", TestSupport.embassies])
        #expect(again.status == 1)
        let forced = try TestSupport.run(TestSupport.executable, [
            "contacts", input, "--out", list, "--embassies", TestSupport.embassies, "--force", "--allow", unusual,
        ])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: list, encoding: .utf8).contains("dan@example.org"))

        // generate never carries the answers.
        let out = folder + "/out"
        let generate = try TestSupport.run(TestSupport.executable, [
            "generate", input, "--out", out, "--date", "2026-12-01", "--embassies", TestSupport.embassies, "--template", TestSupport.template,
        ])
        #expect(generate.status == 0, "\(generate.stderr)")
        for (name, content) in try TestSupport.outputTexts(out) {
            for answer in [allow, refuse, unusual] { #expect(!content.contains(answer), "\(name) holds '\(answer)'") }
        }
    }
}

import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// `sheets` prints paper signature sheets; typed in, they come back through `generate`.
@Suite("Paper signature sheets")
struct PaperSheetTests {
    static let header = SignatureSheets.typingHeader.joined(separator: ",")

    static func cli(_ arguments: [String], in folder: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.run(TestSupport.executable, arguments, currentDirectory: folder)
    }

    static func csv(_ rows: [[String]]) -> String {
        ([header] + rows.map { $0.map(FormCSV.quote).joined(separator: ",") }).joined(separator: "\r\n") + "\r\n"
    }

    @Test func sheetsPrintTheFormWithTheirIdOnEveryPage() throws {
        let folder = TestSupport.temporaryFolder()
        let run = try Self.cli(["sheets", "--count", "3", "--country", "FR", "--out", "fr.pdf", "--date", "2026-12-01",
                                "--embassies", TestSupport.embassies, "--template", TestSupport.template], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("3 signature sheets (FR-261201-001 to FR-261201-003)"))
        let path = folder + "/fr.pdf"
        let info = try TestSupport.pdfInfo(path)
        #expect(info["Pages"] == "3")
        // Landscape A4, France's paper.
        #expect(info["Page size"]?.hasPrefix("841.89 x 595.276") == true)
        for page in 1...3 {
            let text = TestSupport.squeezed(try TestSupport.pdfText(path, firstPage: page, lastPage: page))
            let id = "FR-261201-00\(page)"
            // The id at the top and at the foot.
            #expect(text.components(separatedBy: id).count - 1 == 2, "page \(page): \(text)")
            for words in ["Petition to Xi Jinping to Stop Repatriating North Korean Refugees", "safe passage to a third country",
                          "First Name", "Last Name", "City", "State or Province", "Country", "Email Address", "May we email you?",
                          "will not be transmitted with the petition"] {
                #expect(text.contains(TestSupport.squeezed(words)), "page \(page) lacks \(words)")
            }
            #expect(text.contains("France"))
        }
        // Numbered lines, 1 up to what the page holds, inside the page.
        let words = try TypographyTests.words(path).filter { $0.page == 1 }
        let numbers = Set(words.compactMap { Int($0.text) })
        #expect((1...12).allSatisfy(numbers.contains))
        #expect(words.allSatisfy { $0.xMin >= 35 && $0.yMin >= 35 && $0.xMax <= $0.pageWidth - 35 && $0.yMax <= $0.pageHeight - 35 })
        // Every font embedded.
        let fonts = try TestSupport.run("pdffonts", [path]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes ") })
        // The same bytes every run; an earlier run's sheets are replaced, a coordinator's file is not.
        let before = try Generator.readFile(path)
        #expect(try Self.cli(["sheets", "--count", "3", "--country", "FR", "--out", "fr.pdf", "--date", "2026-12-01",
                              "--embassies", TestSupport.embassies, "--template", TestSupport.template], in: folder).status == 0)
        #expect(try Generator.readFile(path) == before)
        let own = TestSupport.write("%PDF-1.4 the coordinator's own\n", named: "mine.pdf", in: folder)
        let refused = try Self.cli(["sheets", "--count", "1", "--out", "mine.pdf", "--template", TestSupport.template], in: folder)
        #expect(refused.status == 1 && refused.stderr.contains("was not written by embassy-packets sheets"))
        #expect(String(decoding: try Generator.readFile(own), as: UTF8.self) == "%PDF-1.4 the coordinator's own\n")
        // Letter paper for a Letter country; sheets of any country are numbered S-.
        #expect(try Self.cli(["sheets", "--count", "1", "--country", "US", "--out", "us.pdf", "--embassies", TestSupport.embassies,
                              "--template", TestSupport.template], in: folder).status == 0)
        #expect(try TestSupport.pdfInfo(folder + "/us.pdf")["Page size"]?.hasPrefix("792 x 612") == true)
        #expect(try Self.cli(["sheets", "--count", "1", "--first", "7", "--date", "2026-12-01", "--template", TestSupport.template], in: folder).status == 0)
        #expect(TestSupport.squeezed(try TestSupport.pdfText(folder + "/signature-sheets.pdf")).contains("S-261201-007"))
        let wrong = try Self.cli(["sheets", "--count", "1", "--country", "Frogland", "--out", "x.pdf", "--embassies", TestSupport.embassies,
                                  "--template", TestSupport.template], in: folder)
        #expect(wrong.status == 1 && !FileManager.default.fileExists(atPath: folder + "/x.pdf"))
    }

    @Test func aTypedInSheetRoundTripsIntoThePackets() throws {
        let folder = TestSupport.temporaryFolder()
        #expect(try Self.cli(["sheets", "--count", "2", "--country", "FR", "--out", "fr.pdf", "--date", "2026-12-01",
                              "--embassies", TestSupport.embassies, "--template", TestSupport.template], in: folder).status == 0)
        // The ids as the sheets print them, read back from the PDF as a typist would.
        let text = TestSupport.squeezed(try TestSupport.pdfText(folder + "/fr.pdf"))
        let ids = ["FR-261201-001", "FR-261201-002"]
        #expect(ids.allSatisfy(text.contains))
        let typed = Self.csv([
            [ids[0], "1", "Amélie", "Vautrin", "Lyon", "Auvergne-Rhône-Alpes", "France", "", ""],
            [ids[0], "2", "Bastien", "Ollivier", "Paris", "", "France", "bastien@example.org", "Yes"],
            [ids[0], "3", "Amélie", "Vautrin", "Lyon", "", "France", "", ""],
            [ids[0], "4", "Chiara", "Benedetti", "Genève", "", "Switzerland", "", ""],
            [ids[1], "1", "Dorothée", "Marchal", "Nantes", "", "France", "not an address", "No"],
            [ids[1], "2", "Émile", "Garnier", "", "", "France", "", ""],
        ])
        let input = TestSupport.write(typed, named: "typed.csv", in: folder)
        let online = TestSupport.write(FormCSV.header + "\r\n2026/11/20 10:00:00 AM GMT+1,Bastien,Ollivier,Paris,,France,bastien@example.org,Yes\r\n", named: "form.csv", in: folder)
        let run = try Self.cli(["generate", input, online, "--out", "out", "--date", "2026-12-01", "--embassies", TestSupport.embassies,
                                "--template", TestSupport.template], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(try Generator.readFile(folder + "/out/manifest.json")))
        #expect(manifest.paper == Manifest.PaperSheets(sheets: ids, rows: 6, withoutEmail: 2))
        #expect(manifest.totals.rows == 7 && manifest.totals.accepted == 3 && manifest.totals.duplicates == 2 && manifest.totals.rejected == 2)
        // Into the right packets: France's holds the French signers, Switzerland's the Swiss one.
        let fr = TestSupport.squeezed(try TestSupport.pdfText(folder + "/out/packets/FR.pdf"))
        #expect(fr.contains("Amélie") && fr.contains("Vautrin") && fr.contains("Bastien") && !fr.contains("Chiara"))
        #expect(TestSupport.squeezed(try TestSupport.pdfText(folder + "/out/packets/CH.pdf")).contains("Benedetti"))
        // Every report and warning points at the sheet and its line.
        let duplicates = String(decoding: try Generator.readFile(folder + "/out/reports/duplicates.csv"), as: UTF8.self)
        #expect(duplicates.contains("\(ids[0]),3,signature.duplicate,\(ids[0]):1"))
        // The paper signer with an email is the online signer again: counted once.
        #expect(duplicates.contains("form.csv,2,signature.duplicate,\(ids[0]):2") || duplicates.contains("\(ids[0]),2,signature.duplicate,form.csv:2"))
        let rejected = String(decoding: try Generator.readFile(folder + "/out/reports/rejected.csv"), as: UTF8.self)
        #expect(rejected.contains("\(ids[1]),1,signature.invalid-email"))
        #expect(rejected.contains("\(ids[1]),2,signature.missing-city"))
        #expect(run.stderr.contains("\(ids[1]):2: warning: row rejected: the City field is empty"))
        #expect(run.stderr.contains("paper: 6 rows from 2 sheets; 2 signers without an email"))
        let counts = try JSONDecoder().decode(PublicCounts.self, from: Data(try Generator.readFile(folder + "/out/counts.json")))
        #expect(counts.totals.paperWithoutEmail == 2)
        #expect(try BookkeepingTests.schemaProblems(folder + "/out/manifest.json") == "")
        #expect(try CountsTests.schemaProblems(folder + "/out/counts.json") == "")
    }

    @Test func onlyPaperRowsMayLackAnEmail() throws {
        let folder = TestSupport.temporaryFolder()
        // An export without a Sheet column: a row without an email is rejected as ever.
        var form = FormCSV()
        form.add(first: "Ada", last: "Lovelace", city: "London", country: "United Kingdom", email: "")
        form.add(first: "Alan", last: "Turing", city: "London", country: "United Kingdom", email: "alan@example.org")
        let export = TestSupport.write(form.text, named: "export.csv", in: folder)
        var options = BookkeepingTests.options([export], into: folder + "/out")
        options.intake.allowMostlyUndelivered = true
        let report = try Generator.generate(options)
        #expect(report.manifest.totals.rejected == 1 && report.manifest.rejected[DiagnosticID.signatureMissingEmail] == 1)
        #expect(report.manifest.paper == nil)
        // The same file under --source paper is one sheet, named by the file; the row counts by name.
        options.intake.paper = true
        options.outputDirectory = folder + "/paper"
        let paper = try Generator.generate(options)
        #expect(paper.manifest.totals.accepted == 2)
        #expect(paper.manifest.paper == Manifest.PaperSheets(sheets: ["export"], rows: 2, withoutEmail: 1))
        let diagnostics = report.diagnostics.map(\.description).joined(separator: "\n")
        #expect(diagnostics.contains("export.csv:2"))
    }

    @Test func contactsLeavesOutPaperSignersWithoutAnEmail() throws {
        let folder = TestSupport.temporaryFolder()
        let typed = Self.csv([
            ["FR-261201-001", "1", "Anne", "Roy", "Lyon", "", "France", "", "Yes"],
            ["FR-261201-001", "2", "Paul", "Roy", "Lyon", "", "France", "paul@example.org", "Yes"],
            ["FR-261201-001", "3", "Jean", "Roy", "", "", "France", "jean@example.org", "Yes"],
        ])
        let input = TestSupport.write(typed, named: "typed.csv", in: folder)
        let run = try Self.cli(["contacts", input, "--out", "c.csv", "--embassies", TestSupport.embassies], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 rejected rows left out, and 1 paper signer without an email"))
        let written = String(decoding: try Generator.readFile(folder + "/c.csv"), as: UTF8.self)
        #expect(written.contains("paul@example.org") && !written.contains("Anne") && !written.contains("jean@"))
    }

    @Test func aSheetValueThatIsNoIdIsRejectedAndNeverShown() throws {
        let folder = TestSupport.temporaryFolder()
        let typed = Self.csv([
            ["FR-261201-001", "", "Anne", "Roy", "Lyon", "", "France", "", ""],
            ["sheet@example.org", "2", "Paul", "Roy", "Lyon", "", "France", "", ""],
            ["", "3", "Jean", "Roy", "Lyon", "", "France", "", ""],
            ["FR-261201-001", "", "Marc", "Roy", "Lyon", "", "France", "", ""],
        ])
        let input = TestSupport.write(typed, named: "typed.csv", in: folder)
        var options = BookkeepingTests.options([input], into: folder + "/out")
        options.intake.allowMostlyUndelivered = true
        let report = try Generator.generate(options)
        #expect(report.manifest.rejected == [DiagnosticID.signatureInvalidSheet: 2])
        // Rows without a line number are numbered in the order typed, with a note.
        #expect(report.manifest.notices?.contains { $0.id == DiagnosticID.intakePaperLines } == true)
        let lines = report.diagnostics.map(\.description)
        #expect(lines.contains { $0.contains("typed.csv:3: warning") } && lines.contains { $0.contains("typed.csv:4: warning") })
        for (name, text) in try TestSupport.outputTexts(folder + "/out") {
            #expect(!text.contains("sheet@example.org"), "\(name)")
        }
        #expect(!lines.joined().contains("sheet@example.org"))
        let kept = try JSONDecoder().decode(Manifest.self, from: Data(try Generator.readFile(folder + "/out/manifest.json")))
        #expect(kept.paper?.sheets == ["FR-261201-001"])
        #expect(kept.packets.first?.signatures == 2)
    }
}

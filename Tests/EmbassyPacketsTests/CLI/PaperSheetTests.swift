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
        #expect(paper.manifest.paper == Manifest.PaperSheets(sheets: ["EXPORT"], rows: 2, withoutEmail: 1))
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
        #expect(run.stderr.contains("1 rejected rows left out, and 1 paper row without an email"))
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

    @Test func linesWithoutANumberGoAfterTheSheetsLastAndLinesTypedTwiceAreSaid() throws {
        let folder = TestSupport.temporaryFolder()
        let typed = Self.csv([
            ["IT-1", "1", "Aldo", "Bianchi", "Roma", "", "Italy", "", ""],
            ["IT-1", "", "Carla", "Dini", "Roma", "", "Italy", "", ""],
            ["IT-1", "2", "Enzo", "Ferri", "Roma", "", "Italy", "", ""],
            ["it-1", "abc", "Aldo", "Bianchi", "Roma", "", "Italy", "", ""],
            ["IT-1", "2", "Gino", "Hoxha", "Roma", "", "Italy", "", ""],
        ])
        let input = TestSupport.write(typed, named: "typed.csv", in: folder)
        let report = try Generator.generate(BookkeepingTests.options([input], into: folder + "/out"))
        // 2 is the sheet's last numbered line: the two rows without a number are 3 and 4, the
        // lower-case id is the same sheet.
        let duplicates = String(decoding: try Generator.readFile(folder + "/out/reports/duplicates.csv"), as: UTF8.self)
        #expect(duplicates.contains("IT-1,4,signature.duplicate,IT-1:1"), "\(duplicates)")
        #expect(report.manifest.paper?.sheets == ["IT-1"])
        let notices = (report.manifest.notices ?? []).filter { $0.id == DiagnosticID.intakePaperLines }.map(\.message)
        #expect(notices.contains { $0.contains("2 rows of paper sheets have no line number") && $0.contains("lines 3 and 5") })
        #expect(notices.contains { $0.contains("IT-1:2 (lines 4 and 6)") })
    }

    @Test func aSheetColumnBesideOnlineRowsAndFileSheetsUnderSourcePaper() throws {
        let folder = TestSupport.temporaryFolder()
        // Online rows in the same spreadsheet as typed-in ones: a row with no sheet id and an
        // email is an online row, counted by its email, its origin the file's line.
        let mixed = TestSupport.write(
            "Timestamp,Sheet,Line,First Name,Last Name,City,State or Province,Country,Email Address\r\n"
                + "2026/11/20 10:00:00,,,Olga,Online,Paris,,France,olga@example.org\r\n"
                + ",FR-261201-001,1,Paul,Paper,Paris,,France,\r\n"
                + ",,,Nora,Nothing,Paris,,France,\r\n",
            named: "mixed.csv", in: folder)
        var options = BookkeepingTests.options([mixed], into: folder + "/out")
        options.intake.allowMostlyUndelivered = true
        let report = try Generator.generate(options)
        #expect(report.manifest.totals.accepted == 2 && report.manifest.paper?.rows == 1)
        #expect(report.manifest.rejected == [DiagnosticID.signatureInvalidSheet: 1])
        // --source paper: a file without a Sheet column is one sheet, its id made of its name;
        // two files that would be one sheet are refused.
        let one = folder + "/a", two = folder + "/b"
        for sub in [one, two] { try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true) }
        let header = "First Name,Last Name,City,State or Province,Country,Email Address\r\n"
        let first = TestSupport.write(header + "Anna,Arndt,Berlin,,Germany,\r\n", named: "day 1 (Berlin).csv", in: one)
        let second = TestSupport.write(header + "Bernd,Brandt,Berlin,,Germany,\r\n", named: "day 1 (Berlin).csv", in: two)
        var paper = BookkeepingTests.options([first], into: folder + "/paper")
        paper.intake.paper = true
        #expect(try Generator.generate(paper).manifest.paper?.sheets == ["DAY-1-BERLIN"])
        paper.inputs = [first, second]
        paper.outputDirectory = folder + "/both"
        #expect { try Generator.generate(paper) } throws: { ($0 as? PipelineError)?.message.contains("would both be sheet 'DAY-1-BERLIN'") == true }
        // With --dedup name, paper signers without an email are still counted as such.
        var byName = BookkeepingTests.options([first], into: folder + "/name")
        byName.intake.paper = true
        byName.intake.dedup = .name
        #expect(try Generator.generate(byName).manifest.paper?.withoutEmail == 1)
    }

    @Test func sheetsSayWhoDeliversAndFitLongNames() throws {
        let folder = TestSupport.temporaryFolder()
        func sheets(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            try Self.cli(["sheets", "--count", "2", "--date", "2026-12-01", "--embassies", TestSupport.embassies, "--template", TestSupport.template] + arguments, in: folder)
        }
        func text(_ file: String) throws -> String { TestSupport.squeezed(try TestSupport.pdfText(folder + "/" + file, firstPage: 1, lastPage: 1)) }
        // No embassy to deliver through: no sentence names one, and a warning says so.
        let taiwan = try sheets(["--country", "TW", "--out", "tw.pdf"])
        #expect(taiwan.status == 0 && taiwan.stderr.contains("warning: Taiwan (TW) has no PRC embassy to deliver through"))
        #expect(try text("tw.pdf").contains(TestSupport.squeezed("We, the undersigned, ask President Xi Jinping:")))
        #expect(!(try text("tw.pdf")).contains("embassyinTaiwan"))
        // Served from another country: that embassy, named.
        #expect(try sheets(["--country", "MC", "--out", "mc.pdf"]).status == 0)
        #expect(try text("mc.pdf").contains(TestSupport.squeezed("through the Chinese embassy in France, which serves Monaco:")))
        #expect(try sheets(["--country", "US", "--out", "us.pdf"]).status == 0)
        #expect(try text("us.pdf").contains(TestSupport.squeezed("through the Chinese embassy in the United States:")))
        // A name lists invert reads as a sentence says it, and fits its cell.
        #expect(try sheets(["--country", "KP", "--out", "kp.pdf", "--first", "5"]).status == 0)
        let korea = try text("kp.pdf")
        #expect(korea.contains(TestSupport.squeezed("in the Democratic People's Republic of Korea:")) && korea.contains("Sheet5of6"))
        for file in ["kp.pdf", "tw.pdf"] {
            let words = try TypographyTests.words(folder + "/" + file).filter { $0.page == 1 }
            let header = try #require(words.first { $0.text == "Country" && $0.yMin > 100 })
            let next = try #require(words.first { $0.text == "Email" && abs($0.yMin - header.yMin) < 2 })
            let cells = words.filter { $0.yMin > header.yMax && ["Democratic", "People's", "Republic", "of", "Korea", "Taiwan"].contains($0.text) && $0.xMin > header.xMin - 4 && $0.xMin < next.xMin }
            #expect(!cells.isEmpty && cells.allSatisfy { $0.xMax <= next.xMin - 2 }, "\(file)")
        }
        // More lines than the paper holds: said, and the paper's number printed.
        let many = try sheets(["--out", "many.pdf", "--lines", "40"])
        #expect(many.status == 0 && many.stderr.contains("warning: --lines 40: a sheet on A4 holds 13 lines"))
        // A misspelt country: the fix; a folder that does not exist: said as such.
        let typo = try sheets(["--country", "Germnay", "--out", "de.pdf"])
        #expect(typo.status == 1 && typo.stderr.contains("did you mean Germany (--country DE)?"))
        let nowhere = try sheets(["--out", "nowhere/x.pdf"])
        #expect(nowhere.status == 1 && nowhere.stderr.contains("the folder 'nowhere' does not exist") && !nowhere.stderr.contains("partial"))
    }

    @Test func theSamplePaperSheetsReconcileWithTheSampleExport() throws {
        let folder = TestSupport.temporaryFolder()
        let report = try Generator.generate(BookkeepingTests.options([TestSupport.sampleCSV, TestSupport.path("Samples/paper-sheets.csv")], into: folder))
        let alone = try Generator.generate(BookkeepingTests.options([TestSupport.sampleCSV], into: folder + "-alone"))
        #expect(report.manifest.paper == Manifest.PaperSheets(sheets: ["FR-261201-001", "FR-261201-002"], rows: 9, withoutEmail: 5))
        // Nine more rows: eight more signers, one a duplicate by name on the same sheet.
        #expect(report.manifest.totals.rows == alone.manifest.totals.rows + 9)
        #expect(report.manifest.totals.accepted == alone.manifest.totals.accepted + 8)
        #expect(report.manifest.totals.duplicates == alone.manifest.totals.duplicates + 1)
        #expect(report.diagnostics.contains { $0.location?.description == "FR-261201-001:4" && $0.id == DiagnosticID.signatureDuplicate })
        let fr = TestSupport.squeezed(try TestSupport.pdfText(folder + "/packets/FR.pdf"))
        #expect(fr.contains("Vautrin") && fr.contains("Théo"))
        #expect(TestSupport.squeezed(try TestSupport.pdfText(folder + "/packets/DE.pdf")).contains("Weber"))
    }

    @Test func aSheetTypedInAGermanExcelIsReadAsPaper() throws {
        let folder = TestSupport.temporaryFolder()
        // Headers in German, semicolons and Windows-1252, as Excel saves "CSV" on a German system.
        let text = "Blatt;Zeile;Vorname;Nachname;Stadt;Bundesland;Land;E-Mail-Adresse\r\n"
            + "DE-261201-001;1;Jürgen;Müller;Köln;NRW;Deutschland;\r\n"
            + "DE-261201-001;2;Anna;Schmidt;Berlin;;Deutschland;anna@example.org\r\n"
        let path = folder + "/blatt.csv"
        try Data(text.data(using: .windowsCP1252)!).write(to: URL(fileURLWithPath: path))
        let report = try Generator.generate(BookkeepingTests.options([path], into: folder + "/out"))
        #expect(report.manifest.paper == Manifest.PaperSheets(sheets: ["DE-261201-001"], rows: 2, withoutEmail: 1))
        #expect(report.manifest.totals.accepted == 2)
        #expect(TestSupport.squeezed(try TestSupport.pdfText(folder + "/out/packets/DE.pdf")).contains("Müller"))
        // Without a sheet column, a row without an email is rejected, and the message says how
        // a paper row is given.
        var form = FormCSV()
        form.add(first: "Jürgen", last: "Müller", city: "Köln", country: "Germany", email: "")
        form.add(first: "Anna", last: "Schmidt", city: "Berlin", country: "Germany", email: "anna@example.org")
        let export = TestSupport.write(form.text, named: "export.csv", in: folder)
        let plain = try Generator.generate(BookkeepingTests.options([export], into: folder + "/plain"))
        #expect(plain.diagnostics.contains { $0.id == DiagnosticID.signatureMissingEmail && $0.message.contains("give such rows a Sheet column, or --source paper") })
    }
}

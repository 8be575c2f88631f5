import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// Intake is never silently wrong: a stray quote, a dropped cell, an address typed in a name,
/// a mis-mapped column or a file in a Windows code page each end in a report that says so,
/// and no address reaches any byte the tool writes.
@Suite("Loud intake")
struct LoudIntakeTests {
    static let header = FormCSV.header

    static func row(_ first: String, _ last: String, city: String = "Leeds", country: String = "United Kingdom", email: String, consent: String = "") -> String {
        ["2024/03/02 9:09:25 PM GMT-4", first, last, city, "", country, email, consent].map(FormCSV.quote).joined(separator: ",")
    }

    static func prepare(_ text: String, named name: String = "in.csv", intake: IntakeOptions = IntakeOptions()) throws -> PreparedRun {
        let path = TestSupport.write(text, named: name, in: TestSupport.temporaryFolder())
        return try Generator.prepare(inputs: [path], intake: intake, embassiesFolder: TestSupport.embassies, templatePath: nil)
    }

    static func delivered(_ run: PreparedRun) -> [String] {
        run.sorted.plans.flatMap { $0.sections.flatMap { $0.signatures.map(\.firstName) } }.sorted()
    }

    @Test func aStrayQuoteLosesOnlyItsOwnRow() throws {
        var lines = [Self.header, Self.row("Ann", "Ames", email: "ann@example.org")]
        // `"Bob` opens a quoted field that never closes: without resynchronising, every later row vanishes into it.
        lines.append("2024/03/02 9:10:25 PM GMT-4,\"Bob,Brown,Leeds,,United Kingdom,bob@example.org,")
        for (index, name) in ["Cat", "Dan", "Eve", "Fay"].enumerated() {
            lines.append(Self.row(name, "Row\(index)", email: "\(name.lowercased())@example.org"))
        }
        let run = try Self.prepare(lines.joined(separator: "\r\n") + "\r\n")
        #expect(Self.delivered(run) == ["Ann", "Cat", "Dan", "Eve", "Fay"])
        #expect(run.sorted.rejected.map(\.location.line) == [3])
        #expect(run.sorted.rejected.first?.reason.id == "signature.unclosed-quote")
        #expect(run.sorted.rejected.first?.reason.message.contains("lines 4–7") == true)
        #expect(run.sorted.totals.rows == 6)
    }

    @Test func aQuotedLineBreakInsideAFieldIsStillOneRow() throws {
        let text = [Self.header, Self.row("Ann", "Ames", city: "Leeds\nWest Yorkshire", email: "ann@example.org"), Self.row("Bob", "Brown", email: "bob@example.org")]
            .joined(separator: "\r\n") + "\r\n"
        let run = try Self.prepare(text)
        #expect(Self.delivered(run) == ["Ann", "Bob"])
        #expect(run.sorted.rejected.isEmpty)
    }

    @Test func rowsOfTheWrongShapeAreRejectedByTheirShape() throws {
        let text = [
            Self.header, Self.row("Ann", "Ames", email: "ann@example.org"),
            // The State or Province cell is missing: every later value would shift one column left.
            "2024/03/02 9:10:25 PM GMT-4,Bob,Brown,Leeds,United Kingdom,bob@example.org,",
            // One cell too many (an unquoted comma in the city).
            "2024/03/02 9:11:25 PM GMT-4,Cat,Cole,Leeds, Yorks,,United Kingdom,cat@example.org,",
            // Trailing empty cells look harmless, but so does the row above when its last cell
            // is empty: an extra cell is refused wherever it stands.
            Self.row("Dan", "Dale", email: "dan@example.org") + ",,",
            Self.row("Eve", "Ellis", email: "eve@example.org"),
        ].joined(separator: "\r\n") + "\r\n"
        let run = try Self.prepare(text)
        #expect(Self.delivered(run) == ["Ann", "Eve"])
        #expect(run.sorted.rejected.map(\.reason.id) == ["signature.wrong-field-count", "signature.wrong-field-count", "signature.wrong-field-count"])
        #expect(run.sorted.rejected.map(\.location.line) == [3, 4, 5])
    }

    @Test(arguments: [
        ("First Name", 1), ("Last Name", 2), ("City", 3), ("State or Province", 4), ("Country", 5),
    ])
    func anAddressTypedInAPrintedFieldRejectsTheRow(field: String, position: Int) throws {
        var cells = ["2024/03/02 9:10:25 PM GMT-4", "Bob", "Brown", "Leeds", "", "United Kingdom", "bob@example.org", ""]
        cells[position] = "bob.brown@mail.example.net"
        let text = [Self.header, Self.row("Ann", "Ames", email: "ann@example.org"), cells.joined(separator: ",")].joined(separator: "\r\n") + "\r\n"
        let run = try Self.prepare(text)
        #expect(Self.delivered(run) == ["Ann"])
        let rejection = try #require(run.sorted.rejected.first)
        #expect(rejection.reason.id == "signature.email-in-field")
        #expect(rejection.reason.message.contains(field))
        #expect(!rejection.reason.message.contains("bob.brown@"))
    }

    @Test func hostileRowsEndToEndLeaveNoAddressInAnyByte() throws {
        let folder = TestSupport.temporaryFolder()
        var lines = [Self.header]
        for index in 0..<30 { lines.append(Self.row("Signer\(index)", "Good", email: "good\(index)@example.org")) }
        lines.append(Self.row("in.name@leak.example.com", "Leak", email: "leak1@example.org"))
        lines.append(Self.row("City", "Leak", city: "Leeds city.leak@example.co.uk", email: "leak2@example.org"))
        lines.append("2024/03/02 9:10:25 PM GMT-4,Short,Row,Leeds,United Kingdom,short.row@example.org,")
        lines.append("2024/03/02 9:10:25 PM GMT-4,\"Stray,Quote,Leeds,,United Kingdom,stray.quote@example.org,")
        for index in 30..<40 { lines.append(Self.row("Signer\(index)", "Good", email: "good\(index)@example.org")) }
        let input = TestSupport.write(lines.joined(separator: "\r\n") + "\r\n", named: "hostile.csv", in: folder)
        let out = folder + "/out"
        let run = try TestSupport.run(TestSupport.executable, [
            "generate", input, "--out", out, "--date", "2026-12-01", "--embassies", TestSupport.embassies, "--template", TestSupport.template,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
        #expect(manifest.totals.rows == 44)
        #expect(manifest.totals.routed == 40)
        #expect(manifest.rejected == ["signature.email-in-field": 2, "signature.wrong-field-count": 1, "signature.unclosed-quote": 1])
        let written = [("stdout", run.stdout), ("stderr", run.stderr)] + (try TestSupport.outputTexts(out)).map { ($0.name, $0.text) }
        for (name, text) in written {
            for leaked in ["in.name@leak", "city.leak@example", "short.row@", "stray.quote@", "leak1@", "good1@"] {
                #expect(!text.contains(leaked), "\(name) holds '\(leaked)'")
            }
        }
        #expect(written.contains { $0.0 == "reports/rejected.csv" && $0.1.contains("i***@leak.example.com") })
    }

    @Test func aMisMappedColumnFailsLoudlyAndWritesNothing() throws {
        let folder = TestSupport.temporaryFolder()
        var lines = ["Timestamp,First Name,Last Name,City,State or Province,Home,Country,Email Address"]
        for index in 0..<20 {
            // "Country" holds a postcode; the countries are in "Home".
            lines.append("2024/03/02 9:09:25 PM GMT-4,Signer\(index),Test,Berlin,,Germany,\(10_115 + index),s\(index)@example.de")
        }
        let input = TestSupport.write(lines.joined(separator: "\n") + "\n", named: "mapped.csv", in: folder)
        let out = folder + "/out"
        let run = try TestSupport.run(TestSupport.executable, [
            "generate", input, "--out", out, "--embassies", TestSupport.embassies, "--template", TestSupport.template, "--quiet",
        ])
        #expect(run.status == 1)
        let last = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("20 of 20 rows"), "\(run.stderr)")
        #expect(last.contains("--column country="))
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))

        let validate = try TestSupport.run(TestSupport.executable, ["validate", input, "--embassies", TestSupport.embassies, "--quiet"])
        #expect(validate.status == 1)
        let allowed = try TestSupport.run(TestSupport.executable, [
            "validate", input, "--embassies", TestSupport.embassies, "--quiet", "--allow-mostly-undelivered",
        ])
        #expect(allowed.status == 0)
        let mapped = try TestSupport.run(TestSupport.executable, [
            "validate", input, "--embassies", TestSupport.embassies, "--quiet", "--column", "country=Home",
        ])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout.contains("DE Germany"))
    }

    @Test func aFileOfDuplicatesAloneIsNotDelivered() throws {
        var lines = [Self.header]
        for _ in 0..<5 { lines.append(Self.row("Ann", "Ames", email: "ann@example.org")) }
        let run = try Self.prepare(lines.joined(separator: "\n") + "\n")
        let summary = try #require(run.sorted.undeliveredSummary())
        #expect(summary.message.contains("4 of 5 rows are duplicates"))
        // Half is not most.
        let half = try Self.prepare([Self.header, Self.row("Ann", "Ames", email: "a@example.org"), Self.row("Bob", "B", country: "Atlantis", email: "b@example.org")].joined(separator: "\n"))
        #expect(half.sorted.undeliveredSummary() == nil)
    }

    @Test func theMissingColumnErrorNamesTheClosestHeaderAndTheFlag() throws {
        let text = "Timestamp,First Name,Last Name,Home town,Country,Email Address\n2024/03/02 9:09:25 PM GMT-4,Ann,Ames,Leeds,UK,a@example.org\n"
        do {
            _ = try Self.prepare(text)
            Issue.record("a file without a City column was accepted")
        } catch let error as PipelineError {
            #expect(error.message.contains("'City'"))
            #expect(error.message.contains("--column city='Home town'"), "\(error.message)")
        }
    }

    @Test func aPlatformEmailColumnOfAnonymousGivesWayToTheFormsQuestion() throws {
        // Microsoft Forms: its own Email column says "anonymous" on a public form.
        let microsoft = """
            ID,Start time,Completion time,Email,Name,First Name,Last Name,City,State or Province,Country,Email Address
            1,3/2/24 21:01:05,3/2/24 21:09:25,anonymous,,Ann,Ames,Leeds,,UK,ann@example.org
            2,3/2/24 21:02:05,3/2/24 21:10:25,anonymous,,Bob,Brown,Leeds,,UK,bob@example.org

            """
        let run = try Self.prepare(microsoft)
        #expect(Self.delivered(run) == ["Ann", "Bob"])
        // Here the question column was left empty and the platform's column has the addresses.
        let swapped = """
            ID,Start time,Completion time,Email,Name,First Name,Last Name,City,State or Province,Country,Email Address
            1,3/2/24 21:01:05,3/2/24 21:09:25,ann@example.org,Ann Ames,Ann,Ames,Leeds,,UK,
            2,3/2/24 21:02:05,3/2/24 21:10:25,bob@example.org,Bob Brown,Bob,Brown,Leeds,,UK,

            """
        let other = try Self.prepare(swapped)
        #expect(Self.delivered(other) == ["Ann", "Bob"])
        #expect(other.notices.contains { $0.id == "intake.email-column" && $0.message.contains("'Email'") })
    }

    @Test func aWindowsCodePageIsDetectedAndTheWholeFileRead() throws {
        let folder = TestSupport.temporaryFolder()
        func file(_ text: String, _ encoding: String.Encoding, _ name: String) throws -> String {
            let path = folder + "/" + name
            try text.data(using: encoding)!.write(to: URL(fileURLWithPath: path))
            return path
        }
        let western = [Self.header, Self.row("José", "Müller", city: "Köln", country: "Deutschland", email: "jose@example.de"),
                       Self.row("François", "Lefèvre", city: "Besançon", country: "France", email: "francois@example.fr")]
            .joined(separator: "\r\n") + "\r\n"
        let cyrillic = [Self.header, Self.row("Иван", "Петров", city: "Москва", country: "Россия", email: "ivan@example.ru"),
                        Self.row("Мария", "Иванова", city: "Санкт-Петербург", country: "Россия", email: "maria@example.ru")]
            .joined(separator: "\r\n") + "\r\n"
        let polish = [Self.header, Self.row("Łukasz", "Wójcik", city: "Łódź", country: "Polska", email: "lukasz@example.pl"),
                      Self.row("Zofia", "Żółć", city: "Gdańsk", country: "Polska", email: "zofia@example.pl")]
            .joined(separator: "\r\n") + "\r\n"
        for (text, encoding, name, expected) in [
            (western, String.Encoding.windowsCP1252, "western.csv", "windows-1252"), (cyrillic, .windowsCP1251, "cyrillic.csv", "windows-1251"),
            (polish, .windowsCP1250, "polish.csv", "windows-1250"),
        ] {
            let path = try file(text, encoding, name)
            let run = try Generator.prepare(inputs: [path], embassiesFolder: TestSupport.embassies, templatePath: nil)
            #expect(run.sorted.rejected.isEmpty, "\(name): \(run.sorted.rejected.map(\.reason.message))")
            #expect(run.inputs[0].encoding == expected, "\(name)")
            let names = Set(run.sorted.plans.flatMap { $0.sections.flatMap { $0.signatures.map(\.displayName) } })
            let original = text.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[1] + " " + $0.split(separator: ",")[2] }
            #expect(names == Set(original.map(String.init)), "\(name)")
            #expect(run.notices.contains { $0.id == "intake.encoding-detected" && $0.message.contains(expected) })
        }
    }

    @Test func namesASpreadsheetAlreadyDamagedAreKeptAndReportedOnce() throws {
        let text = [Self.header, Self.row("?ukasz", "Nowak", country: "Poland", email: "l@example.pl"),
                    Self.row("Minh", "Nguy?n", country: "Vietnam", email: "m@example.vn"), Self.row("Who?", "Knows", email: "w@example.org")]
            .joined(separator: "\n") + "\n"
        let run = try Self.prepare(text)
        #expect(run.sorted.rejected.isEmpty)
        let damaged = run.notices.filter { $0.id == "intake.damaged-text" }
        #expect(damaged.count == 1)
        #expect(damaged.first?.message.hasPrefix("2 rows") == true)
        #expect(damaged.first?.message.contains("lines 2 and 3") == true)
    }

    @Test func dedupByNameReadsExportsWithoutEmailsAndSaysItIsWeaker() throws {
        let text = "Name,First Name,Last Name,City,Country\nx,Ann,Ames,Leeds,UK\nx,ANN,Ames,leeds,United Kingdom\nx,Bob,Brown,Leeds,UK\n"
        do {
            _ = try Self.prepare(text)
            Issue.record("a file without emails was read without --dedup name")
        } catch let error as PipelineError {
            #expect(error.message.contains("--dedup name"))
        }
        let run = try Self.prepare(text, intake: IntakeOptions(dedup: .name))
        #expect(Self.delivered(run) == ["Ann", "Bob"])
        #expect(run.sorted.duplicates.count == 1)
        #expect(run.notices.contains { $0.id == "dedup.by-name" })
    }
}

/// Exports with no form titles or no emails: the Google Forms API's responses.
@Suite("Forms API responses")
struct FormsAPIResponseTests {
    @Test func answersByQuestionIdAreMappedWithColumn() throws {
        // The shape of forms.responses.list: answers keyed by question id, times in RFC 3339.
        let json = """
            {"responses": [
              {"responseId": "r1", "createTime": "2024-03-02T21:09:20.000Z", "lastSubmittedTime": "2024-03-02T21:09:25.120Z",
               "respondentEmail": "ann@example.org",
               "answers": {"1a2b": {"questionId": "1a2b", "textAnswers": {"answers": [{"value": "Ann"}]}},
                           "3c4d": {"questionId": "3c4d", "textAnswers": {"answers": [{"value": "Ames"}]}},
                           "5e6f": {"questionId": "5e6f", "textAnswers": {"answers": [{"value": "Leeds"}]}},
                           "7a8b": {"questionId": "7a8b", "textAnswers": {"answers": [{"value": "United Kingdom"}]}}}}
            ]}
            """
        let path = TestSupport.write(json, named: "responses.json", in: TestSupport.temporaryFolder())
        do {
            _ = try Generator.prepare(inputs: [path], embassiesFolder: TestSupport.embassies, templatePath: nil)
            Issue.record("question ids were read as columns without --column")
        } catch let error as PipelineError {
            // The question ids are the headers the coordinator maps.
            #expect(error.message.contains("'1a2b'"))
        }
        let intake = IntakeOptions(columns: [.first: "1a2b", .last: "3c4d", .city: "5e6f", .country: "7a8b"])
        let run = try Generator.prepare(inputs: [path], intake: intake, embassiesFolder: TestSupport.embassies, templatePath: nil)
        let signature = try #require(run.sorted.plans.first?.sections.first?.signatures.first)
        #expect(signature.displayName == "Ann Ames")
        #expect(signature.submittedAt == TimestampParser.parse("2024-03-02T21:09:25Z"))
    }
}

extension LoudIntakeTests {
    @Test func aStrayQuoteClosedOnALaterLineStillLosesOnlyItsOwnRow() throws {
        // The quote opened on line 3 closes in the middle of line 4: the record has the header's
        // number of fields, but it holds two rows.
        let text = [
            Self.header, Self.row("Ann", "Ames", email: "ann@example.org"),
            "2024/03/02 9:10:25 PM GMT-4,Cat,\"Cole,Leeds,,United Kingdom,cat@example.org,",
            "2024/03/02 9:11:25 PM GMT-4,Bob,Jones\",Paris,,France,bob@example.org,",
            Self.row("Dan", "Dale", email: "dan@example.org"),
        ].joined(separator: "\r\n") + "\r\n"
        let run = try Self.prepare(text)
        #expect(run.sorted.totals.rows == 4)
        // Line 3 is rejected; line 4 is read again on its own, and Bob survives.
        #expect(run.sorted.rejected.map(\.location.line) == [3])
        #expect(run.sorted.rejected.first?.reason.id == "signature.unclosed-quote")
        #expect(run.sorted.rejected.first?.reason.message.contains("line 4") == true)
        #expect(Self.delivered(run) == ["Ann", "Bob", "Dan"])
    }

    @Test func dateOrderNeverOverridesDatesThatProveTheOtherOrder() throws {
        let header = "Timestamp,First Name,Last Name,City,State or Province,Country,Email Address"
        let us = [header, "3/15/2024 10:00:00,Alice,Able,Boston,MA,United States,alice@example.org",
                  "4/1/2024 10:00:00,Bob,Later,Boston,MA,United States,bob@example.org",
                  "3/2/2024 10:00:00,Bob,Earlier,Boston,MA,United States,bob@example.org"].joined(separator: "\n") + "\n"
        let run = try Self.prepare(us, intake: IntakeOptions(dateOrder: .dmy))
        // 3/15 proves month-first: 3/2 (2 March) came before 4/1 (1 April).
        #expect(run.sorted.duplicates.first?.signature.lastName == "Later")
        #expect(run.notices.contains { $0.id == "intake.date-order-ignored" })
        #expect(!run.notices.contains { $0.id == "intake.unreadable-timestamp" })
        // A column that reads both ways takes the flag.
        let open = [header, "2/3/2024 10:00:00,Bob,Later,Boston,MA,United States,bob@example.org",
                    "3/2/2024 10:00:00,Bob,Earlier,Boston,MA,United States,bob@example.org"].joined(separator: "\n") + "\n"
        // Day-first, "3/2" is 3 February and counts; month-first, "2/3" is 3 February and counts.
        #expect(try Self.prepare(open, intake: IntakeOptions(dateOrder: .dmy)).sorted.duplicates.first?.signature.lastName == "Later")
        #expect(try Self.prepare(open, intake: IntakeOptions(dateOrder: .mdy)).sorted.duplicates.first?.signature.lastName == "Earlier")
    }

    @Test(arguments: ["john@localhost", "x@[192.168.0.1]", "\"q\"@example.org", "Roe\u{A0}@\u{A0}example.org", "reg@@example.org",
                      "dotless@examplecom", "Ｊｏｈｎ＠ｅｘａｍｐｌｅ", "a\u{2024}b@c\u{2024}org", "\u{202E}gro.elpmaxe@desrever",
                      "pct%40example.org", "ent&#64;example.org", "john at example dot org"])
    func anythingAddressLikeInANameIsRejectedAndMasked(value: String) throws {
        let run = try Self.prepare([Self.header, Self.row(value, "Roe", email: "roe@example.org"), Self.row("Ann", "Ames", email: "ann@example.org")]
            .joined(separator: "\n") + "\n")
        #expect(Self.delivered(run) == ["Ann"], "\(value)")
        #expect(run.sorted.rejected.first?.reason.id == "signature.email-in-field")
        let report = Reports.rejected(run.sorted)
        for local in ["john@", "x@[", "reg@", "dotless@", "pct%40", "ent&#64;"] { #expect(!report.contains(local), "\(value)") }
    }
}

extension LoudIntakeTests {
    @Test func theSameExportTwiceIsRefused() throws {
        let folder = TestSupport.temporaryFolder()
        let text = [Self.header, Self.row("Ann", "Ames", email: "ann@example.org")].joined(separator: "\n") + "\n"
        let first = TestSupport.write(text, named: "a.csv", in: folder)
        let copy = TestSupport.write(text, named: "copy.csv", in: folder)
        for inputs in [[first, copy], [first, first]] {
            do {
                _ = try Generator.prepare(inputs: inputs, embassiesFolder: TestSupport.embassies, templatePath: nil)
                Issue.record("\(inputs) was read twice")
            } catch let error as PipelineError {
                #expect(error.message.contains("the same export is given twice"))
            }
        }
    }

    @Test func aDamagedDownloadNamedZipOrXlsxIsSaidToBeOne() throws {
        let folder = TestSupport.temporaryFolder()
        for name in ["responses.csv.zip", "export.xlsx"] {
            let path = TestSupport.write("PK garbage, not an archive\n", named: name, in: folder)
            do {
                _ = try Generator.prepare(inputs: [path], embassiesFolder: TestSupport.embassies, templatePath: nil)
                Issue.record("\(name) was read as CSV")
            } catch let error as PipelineError {
                #expect(error.message.contains("not one"), "\(error.message)")
            }
        }
    }

    @Test func aJSONNameThatIsNotTextRejectsItsRow() throws {
        let json = #"[{"first_name": {"given": "Ann"}, "last_name": "Ames", "city": "Leeds", "country": "UK", "email": "ann@example.org"},"#
            + #" {"first_name": "Bob", "last_name": "Brown", "city": "Leeds", "country": "UK", "email": "bob@example.org"}]"#
        let run = try Self.prepare(json, named: "in.json")
        #expect(Self.delivered(run) == ["Bob"])
        #expect(run.sorted.rejected.first?.reason.message.contains("'first_name' value is an object or a list") == true)
    }
}

/// What a second trial as a new user found.
@Suite("Second trial")
struct SecondTrialTests {
    @Test func theFormsOwnHeaderWinsOverALikelyOneAndBothAreNamed() throws {
        let text = "Timestamp,Country code,Country,First Name,Last Name,City,Email\n2024/03/01 10:00:00,DE,Norway,Ann,Lee,Oslo,ann@example.net\n"
        let run = try LoudIntakeTests.prepare(text)
        #expect(run.sorted.plans.map(\.code) == ["NO"])
        #expect(run.notices.contains { $0.id == "intake.several-columns" && $0.message.contains("reading 'Country'") })
    }

    @Test func aRareSpellingOneLetterFromACommonNameIsAWarnedGuess() {
        let resolver = CountryResolver()
        // Latvian "Nigēra" is Niger; typed in plain letters it is a slip for Nigeria.
        #expect(resolver.match("Nigera") == .ambiguous(chosen: "NG", others: ["NE"]))
        #expect(resolver.match("Niger") == .exact("NE"))
    }

    @Test func timestampsLaterThanTodayAreReported() throws {
        let text = "Timestamp,First Name,Last Name,City,Country,Email\n2099-03-02 10:00:00,Ann,Lee,Oslo,Norway,ann@example.net\n2024-03-02 10:00:00,Bob,Lee,Oslo,Norway,bob@example.net\n"
        let run = try LoudIntakeTests.prepare(text)
        let future = try #require(run.notices.first { $0.id == "intake.future-timestamp" })
        #expect(future.message.hasPrefix("1 timestamp is later than today (line 2)"))
    }

    @Test(arguments: [("aa03 at example dot org", "aa03"), ("aa15 @example.org", "aa15"), ("x aa16\u{A0}@example.org", "aa16")])
    func spacedAndSpelledOutAddressesAreMasked(text: String, local: String) {
        #expect(AddressMask.containsAtSign(text))
        #expect(!AddressMask.mask(text).contains(local), "\(AddressMask.mask(text))")
    }

    @Test func aRoutesFileWithWindowsLineEndsIsRead() throws {
        let folder = TestSupport.temporaryFolder()
        let routes = TestSupport.write("TW=US\r\nVA=IT\r\n", named: "routes.txt", in: folder)
        let run = try TestSupport.run(TestSupport.executable, ["validate", TestSupport.sampleCSV, "--routes", routes, "--quiet", "--embassies", TestSupport.embassies])
        #expect(run.status == 0, "\(run.stderr)")
    }
}

extension SecondTrialTests {
    @Test func aHeaderInAnotherLayoutMidFileRemapsTheRowsAfterIt() throws {
        let text = """
            Timestamp,First Name,Last Name,City,Country,Email Address
            2024/03/01 10:00:00,Ann,Lee,Oslo,Norway,ann@example.net
            Timestamp,Last Name,First Name,City,Country,Email Address
            2024/03/02 10:00:00,Smith,Bob,Oslo,Norway,bob@example.net

            """
        let run = try LoudIntakeTests.prepare(text)
        let names = run.sorted.plans.flatMap { $0.sections.flatMap { $0.signatures.map(\.displayName) } }.sorted()
        #expect(names == ["Ann Lee", "Bob Smith"])
        #expect(run.sorted.rejected.map(\.reason.id) == ["signature.header-row"])
        #expect(run.notices.contains { $0.id == "intake.header-changes" })
    }

    /// Another export's header with more or fewer columns (a form without the consent question
    /// pasted under one with it) is still a header: the rows after it are read by it, not each
    /// rejected for its field count.
    @Test func aHeaderWithAnotherNumberOfColumnsMidFileRemapsTheRowsAfterIt() throws {
        let text = """
            Timestamp,First Name,Last Name,City,Country,Email Address,How may we use your email address?
            2024/03/01 10:00:00,Ann,Lee,Oslo,Norway,ann@example.net,Do not use it except to count me
            Email Address,Country,City,Last Name,First Name,Timestamp
            bob@example.net,Norway,Bergen,Smith,Bob,2024/03/02 10:00:00
            carl@example.net,Norway,Oslo,Berg,Carl,2024/03/02 11:00:00,extra

            """
        let run = try LoudIntakeTests.prepare(text)
        let names = run.sorted.plans.flatMap { $0.sections.flatMap { $0.signatures.map(\.displayName) } }.sorted()
        #expect(names == ["Ann Lee", "Bob Smith"])
        #expect(run.sorted.rejected.map(\.reason.id) == ["signature.header-row", "signature.wrong-field-count"])
        #expect(run.notices.contains { $0.id == "intake.header-changes" })
    }
}

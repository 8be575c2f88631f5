import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// One set of signers, exported the ways real tools write it (see Fixtures/hostile/make.py):
/// every file must reconcile to the same figures, country by country.
@Suite("Hostile exports")
struct HostileExportTests {
    struct Expected: Decodable {
        var rows, accepted, duplicates, rejected, routed, unrouted: Int
        var delivered: [String: Int]
        var unroutedByCountry: [String: Int]
        var rejectedByReason: [String: Int]
        var gmail: Gmail
        struct Gmail: Decodable {
            var duplicates, routed: Int
            var US: Int
        }
    }

    static let folder = TestSupport.path("Tests/EmbassyPacketsTests/Fixtures/hostile")
    static let expected = try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json")))

    static let files = [
        "google-forms.csv", "excel-utf8-bom.csv", "excel-unicode.txt", "excel-semicolon.csv", "classic-mac-cr.csv",
        "platform-export.csv", "form.json", "wrapped.json", "form.jsonl", "libreoffice-via-ods.csv", "libreoffice-via-xlsx.csv",
    ]

    static func prepare(_ name: String, dedup: DedupMode = .exact) throws -> PreparedRun {
        try Generator.prepare(
            inputs: [folder + "/" + name], intake: IntakeOptions(dedup: dedup), embassiesFolder: TestSupport.embassies, templatePath: nil)
    }

    static func delivered(_ sorted: SortedRows) -> [String: Int] {
        var counts: [String: Int] = [:]
        for plan in sorted.plans {
            for (code, count) in plan.countryCounts { counts[code, default: 0] += count }
        }
        return counts
    }

    @Test(arguments: files)
    func reconcilesExactlyPerCountry(file: String) throws {
        let sorted = try Self.prepare(file).sorted
        let totals = sorted.totals
        let expected = Self.expected
        #expect(totals == Manifest.Totals(
            rows: expected.rows, accepted: expected.accepted, duplicates: expected.duplicates, rejected: expected.rejected,
            routed: expected.routed, unrouted: expected.unrouted))
        #expect(Self.delivered(sorted) == expected.delivered)
        #expect(sorted.unroutedByCountry == expected.unroutedByCountry)
        #expect(sorted.rejectedByReason == expected.rejectedByReason)
    }

    @Test(arguments: files)
    func namesSurviveAsWritten(file: String) throws {
        let sorted = try Self.prepare(file).sorted
        let names = Set(sorted.plans.flatMap { $0.sections.flatMap { $0.signatures.map(\.displayName) } })
        for name in ["Amélie Dupont", "Emily O'Brien, Jr.", "Zoë \"Zo\" Bœuf", "John Smith Jones", "김민준", "山田太郎", "Ivan Petrov", "محمد علي", "Suharto", "Ali Khan", "Thị Hương Nguyễn", "이서연"] {
            #expect(names.contains(name), "\(file): \(name)")
        }
    }

    @Test func rowsKeepTheirPhysicalLines() throws {
        let sorted = try Self.prepare("google-forms.csv").sorted
        // Row 4 spans lines 5-6; a blank line and a row of empty cells follow.
        #expect(sorted.rejected.map(\.location.line) == [16, 17, 18, 19, 20])
        #expect(sorted.duplicates.map(\.signature.location.line) == [11, 14])
        #expect(sorted.duplicates.map(\.keptAt.line) == [15, 2])
    }

    @Test func filesMergeInOrderAndKeepTheirLocations() throws {
        let csv = Self.folder + "/google-forms.csv", json = Self.folder + "/form.json"
        let run = try Generator.prepare(inputs: [csv, json], embassiesFolder: TestSupport.embassies, templatePath: nil)
        let sorted = run.sorted
        #expect(run.inputs.map(\.rows) == [25, 25])
        // The JSON repeats every signer of the CSV with the same timestamps: the CSV's rows count.
        #expect(sorted.totals == Manifest.Totals(rows: 50, accepted: 18, duplicates: 22, rejected: 10, routed: 16, unrouted: 2))
        #expect(Self.delivered(sorted) == Self.expected.delivered)
        #expect(sorted.plans.allSatisfy { $0.sections.allSatisfy { $0.signatures.allSatisfy { $0.location.file == csv } } })
        #expect(sorted.duplicates.allSatisfy { $0.keptAt.file == csv })
        #expect(sorted.duplicates.filter { $0.signature.location.file == json }.count == 20)
        #expect(Set(sorted.rejected.filter { $0.location.file == json }.map(\.location.line)).count == 5)
    }

    @Test func gmailDeduplicationFoldsDotsAndTags() throws {
        let sorted = try Self.prepare("google-forms.csv", dedup: .gmail).sorted
        #expect(sorted.totals.duplicates == Self.expected.gmail.duplicates)
        #expect(sorted.totals.routed == Self.expected.gmail.routed)
        #expect(Self.delivered(sorted)["US"] == Self.expected.gmail.US)
    }

    @Test func windows1252IsDecodedOnlyWhenAskedFor() throws {
        var bytes = Array("Timestamp,First Name,Last Name,City,Country,Email Address\r\n".utf8)
        // "Zoë,Bœuf,Besançon" in Windows-1252, then the euro sign in a city.
        bytes += Array("1,Zo".utf8) + [0xEB] + Array(",B".utf8) + [0x9C] + Array("uf,Besan".utf8) + [0xE7] + Array("on,France,z@example.fr\r\n".utf8)
        bytes += Array("2,Ana,Silva,".utf8) + [0x80] + Array("ville,France,a@example.fr\r\n".utf8)
        let cp1252 = try SignatureReader(encoding: .windows1252).read(bytes: bytes, path: "w.csv", firstOrder: 0)
        #expect(cp1252.records.map(\.firstName) == ["Zoë", "Ana"])
        #expect(cp1252.records.map(\.lastName) == ["Bœuf", "Silva"])
        #expect(cp1252.records.map(\.city) == ["Besançon", "€ville"])
        // Without --encoding the code page is detected: the whole file is read, with a note.
        let detected = try SignatureReader().read(bytes: bytes, path: "w.csv", firstOrder: 0)
        #expect(detected.encoding == .windows1252)
        #expect(detected.records.map(\.lastName) == ["Bœuf", "Silva"])
        #expect(detected.notices.first?.id == "intake.encoding-detected")
        // Told it is UTF-8, the rows that are not are rejected, never read as mangled text.
        let utf8 = try SignatureReader(encoding: .utf8).read(bytes: bytes, path: "w.csv", firstOrder: 0)
        #expect(utf8.records.map(\.decodingProblem).allSatisfy { $0 != nil })
        #expect(utf8.records.map(\.location.line) == [2, 3])
        #expect(utf8.records.allSatisfy { !$0.firstName.contains("\u{FFFD}") })
    }

    @Test func columnOverridesMapOtherHeaders() throws {
        let text = "Rufname,Zuname,Wohnsitz,Heimat,Kontakt\nJürgen,Müller,Köln,Deutschland,j@example.de\n"
        #expect(throws: PipelineError.self) { try SignatureReader().read(bytes: Array(text.utf8), path: "de.csv", firstOrder: 0) }
        let reader = SignatureReader(overrides: [.first: "Rufname", .last: "Zuname", .city: "Wohnsitz", .country: "Heimat", .email: "kontakt"])
        let record = try #require(try reader.read(bytes: Array(text.utf8), path: "de.csv", firstOrder: 0).records.first)
        #expect([record.firstName, record.lastName, record.city, record.country, record.email] == ["Jürgen", "Müller", "Köln", "Deutschland", "j@example.de"])
    }

    @Test func reportsMaskEmailsAndNeutraliseFormulas() throws {
        let sorted = try Self.prepare("google-forms.csv").sorted
        let rejected = Reports.rejected(sorted)
        let duplicates = Reports.duplicates(sorted)
        #expect(rejected.hasPrefix("File,Line,Reason,Message,Timestamp,First Name,Last Name,City,State or Province,Country,Email Address\r\n"))
        #expect(rejected.contains(",17,signature.missing-city,"))
        #expect(rejected.contains(",'=cmd|' /C calc'!A0,"))
        #expect(!rejected.contains(",=cmd"))
        #expect(rejected.contains("f***@example.de"))
        #expect(duplicates.contains(",14,signature.duplicate,") && duplicates.contains("google-forms.csv:2"))
        for text in [rejected, duplicates, Reports.unrouted(sorted)] {
            #expect(!text.contains("formula@example.de"))
            #expect(!text.lowercased().contains("amelie@example.fr"))
            #expect(!text.contains("ivan@example.ru"))
        }
        #expect(CSVWriter.field("+1") == "'+1")
        #expect(CSVWriter.field("-") == "'-")
        #expect(CSVWriter.field("@x") == "'@x")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("Plain") == "Plain")
    }
}

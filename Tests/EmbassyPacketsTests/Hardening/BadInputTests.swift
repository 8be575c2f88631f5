import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// Strangers' spreadsheets: every case stops with its exact diagnostic (file, line, exit 1,
/// nothing written), or is rejected row by row, or — when odd but valid — delivered as written.
@Suite("Bad input")
struct BadInputTests {
    static let header = FormCSV.header

    /// Runs `generate` on one input and returns the status, stderr and whether DIR exists.
    static func generate(_ bytes: [UInt8], name: String = "in.csv") throws -> (status: Int32, stderr: String, wrote: Bool, folder: String) {
        let folder = TestSupport.temporaryFolder()
        let input = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let result = try TestSupport.run(
            TestSupport.executable, ["generate", input, "--out", folder + "/out", "--date", "2026-11-29", "--quiet", "--jobs", "1"],
            currentDirectory: TestSupport.root)
        return (result.status, result.stderr, FileManager.default.fileExists(atPath: folder + "/out"), folder)
    }

    /// The file-level failures: one line on stderr naming the file, exit 1, nothing written.
    @Test(arguments: [
        ("empty", [UInt8](), "in.csv: error: the file is empty: no header line"),
        ("header only", Array((header + "\r\n").utf8), "in.csv: error: no signatures: the file has a header but no rows"),
        ("binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + Array(repeating: 0, count: 64),
         "in.csv: error: the file is not text (it holds NUL bytes): export the signatures as CSV or JSON"),
        ("every required column missing", Array("Timestamp,Notes\r\n1,x\r\n".utf8),
         "in.csv:1: error: missing required columns 'First Name', 'Last Name', 'City', 'Country', 'Email Address'; the headers found are 'Timestamp', 'Notes'; map a header to each with --column COLUMN=HEADER; an export with no email addresses at all can be read with --dedup name (each signer counted once by name, city and country)"),
    ] as [(String, [UInt8], String)])
    func aFileThatCannotBeUsedStopsTheRun(name: String, bytes: [UInt8], message: String) throws {
        let result = try Self.generate(bytes)
        #expect(result.status == 1, "\(name)")
        #expect(result.stderr.hasSuffix(message + "\n"), "\(name): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(name)")
        #expect(!result.wrote, "\(name) wrote output")
    }

    @Test(arguments: [
        ("an object", "{\"a\": 1}", "in.json:1: error: the object has no \"signatures\" array"),
        ("a number", "42", "in.json:1: error: expected an array of signatures, or an object with a \"signatures\" array"),
    ])
    func jsonThatIsNotASignatureListStops(name: String, text: String, message: String) throws {
        let result = try Self.generate(Array(text.utf8), name: "in.json")
        #expect(result.status == 1, "\(name)")
        #expect(result.stderr.hasSuffix(message + "\n"), "\(name): \(result.stderr)")
        #expect(!result.wrote)
    }

    /// Rows that cannot be read are rejected with their line; the rest are delivered.
    static func sorted(_ text: String, name: String = "in.csv") throws -> SortedRows {
        let folder = TestSupport.temporaryFolder()
        let path = TestSupport.write(text, named: name, in: folder)
        return try Generator.prepare(inputs: [path], embassiesFolder: TestSupport.embassies, templatePath: nil).sorted
    }

    static func row(_ first: String, _ last: String = "Silva", city: String = "Porto", email: String) -> String {
        ["1", first, last, city, "", "Portugal", email, ""].map(FormCSV.quote).joined(separator: ",")
    }

    /// A city of thousands of characters is delivered, running on over pages, and named in a
    /// warning with its line and in the manifest (it used to run through the footer and off
    /// the paper).
    @Test func aRowTallerThanAPageIsDeliveredAndNamed() throws {
        let folder = TestSupport.temporaryFolder()
        let tall = ["2024-03-02 10:00:00", "Ana", "Silva", String(repeating: "Porto ", count: 660), String(repeating: "Norte ", count: 600), "Portugal", "tall@example.org", ""]
        let rows = [Self.header, Self.row("Rui", email: "rui@example.org"), tall.map(FormCSV.quote).joined(separator: ","), Self.row("Eva", email: "eva@example.org")]
        let input = TestSupport.write(rows.joined(separator: "\r\n") + "\r\n", named: "in.csv", in: folder)
        let result = try TestSupport.run(
            TestSupport.executable, ["generate", input, "--out", folder + "/out", "--date", "2026-11-29", "--jobs", "1"],
            currentDirectory: TestSupport.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("out/packets/PT.pdf: warning: 1 row is taller than a page and run on over several pages, marked \"runs on\": \(input):3 [render.split-row]"), "\(result.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/manifest.json"))) as! [String: Any]
        let packet = (manifest["packets"] as! [[String: Any]])[0]
        #expect(packet["splitRows"] as? [String] == ["\(input):3"])
        let text = try TestSupport.pdfText(folder + "/out/packets/PT.pdf")
        #expect(text.contains("row 2 runs on"))
        #expect(text.contains("Eva Silva"))
    }

    @Test func anUnterminatedQuoteAtTheEndRejectsOnlyThatRow() throws {
        let sorted = try Self.sorted(Self.header + "\n" + Self.row("Ana", email: "a@example.pt") + "\n1,\"Rui,Silva,Porto,,Portugal,r@example.pt\n")
        #expect(sorted.totals.routed == 1)
        #expect(sorted.rejected.map(\.location.line) == [3])
        #expect(sorted.rejected.first?.reason.id == "signature.unclosed-quote")
    }

    @Test func invalidUTF8AndNULBytesInTheMiddleRejectTheirRows() throws {
        // The rest of the file is UTF-8 ("João", "São"), so the bad bytes damage their rows only.
        var bytes = Array((Self.header + "\n" + Self.row("João São", email: "a@example.pt") + "\n").utf8)
        bytes += Array("1,B".utf8) + [0xC3, 0x28] + Array("o,Silva,Porto,,Portugal,b@example.pt,\n".utf8)
        bytes += Array(String(repeating: "x", count: 5000).utf8).map { _ in UInt8(ascii: " ") }.prefix(0)
        bytes += Array("1,Ca".utf8) + [0] + Array("rla,Silva,Porto,,Portugal,c@example.pt,\n".utf8)
        bytes += Array((Self.row("Duarte", email: "d@example.pt") + "\n").utf8)
        let folder = TestSupport.temporaryFolder()
        let path = folder + "/mid.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let sorted = try Generator.prepare(inputs: [path], embassiesFolder: TestSupport.embassies, templatePath: nil).sorted
        #expect(sorted.totals.routed == 2)
        #expect(sorted.rejected.map(\.location.line) == [3, 4])
        #expect(sorted.rejected[0].reason == Rejection(id: "signature.unreadable", message: "the row is not valid UTF-8 (field 2)"))
        #expect(sorted.rejected[1].reason == Rejection(id: "signature.unreadable", message: "the row holds NUL bytes (field 2)"))
    }

    @Test func aBOMInTheMiddleAndARepeatedHeaderAreHandled() throws {
        // Two exports pasted together: the second's BOM and header stand in the middle.
        let text = Self.header + "\r\n" + Self.row("Ana", email: "a@example.pt") + "\r\n\u{FEFF}" + Self.header + "\r\n"
            + Self.row("\u{FEFF}Rui", email: "r@example.pt") + "\r\n"
        let sorted = try Self.sorted(text)
        #expect(sorted.totals.routed == 2)
        #expect(sorted.rejected.map(\.location.line) == [3])
        #expect(sorted.rejected.first?.reason.message == "the row repeats the header line (were two exports pasted together?)")
        let names = sorted.plans.flatMap { $0.sections.flatMap { $0.signatures.map(\.displayName) } }
        #expect(names.contains("Rui Silva"))
    }

    @Test func mixedLineEndsAndDuplicateHeadersAreRead() throws {
        let text = "Timestamp,First Name,Last Name,City,Country,Email Address,Email Address\r\n"
            + "1,Ana,Silva,Porto,Portugal,a@example.pt,other@example.pt\n" + "1,Rui,Silva,Porto,Portugal,r@example.pt,x\r" + "1,Eva,Silva,Porto,Portugal,e@example.pt,y\r\n"
        let sorted = try Self.sorted(text)
        #expect(sorted.totals.routed == 3)
        #expect(sorted.rejected.isEmpty)  // the first "Email Address" column counts
    }

    @Test func aFiftyMegabyteFieldAndTenThousandColumnsAreSurvived() throws {
        let huge = String(repeating: "A", count: 50_000_000)
        var text = Self.header + "\n" + Self.row(huge, email: "a@example.pt") + "\n" + Self.row("Rui", city: huge, email: "r@example.pt") + "\n" + Self.row("Eva", email: "e@example.pt") + "\n"
        // Timings are the benchmark's business, never a test's: this checks only the outcome.
        var sorted = try Self.sorted(text)
        #expect(sorted.totals.routed == 1)
        #expect(sorted.rejectedByReason == ["signature.name-too-long": 1, "signature.field-too-long": 1])
        let columns = (0..<10_000).map { "Extra \($0)" }
        text = (FormCSV.header.split(separator: ",").map(String.init) + columns).joined(separator: ",") + "\n"
            + (["1", "Ana", "Silva", "Porto", "", "Portugal", "a@example.pt", ""] + Array(repeating: "x", count: 10_000)).joined(separator: ",") + "\n"
        sorted = try Self.sorted(text)
        #expect(sorted.totals.routed == 1)
    }

    @Test func jsonCutShortOrNestedTenThousandDeep() throws {
        let good = "{\"First Name\": \"Ana\", \"Last Name\": \"Silva\", \"City\": \"Porto\", \"Country\": \"Portugal\", \"Email Address\": \"a@example.pt\"}"
        var sorted = try Self.sorted("[\n" + good + ",\n{\"First Name\": \"Rui\", \"Last", name: "cut.json")
        #expect(sorted.totals.routed == 1 && sorted.rejected.map(\.location.line) == [3])
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        sorted = try Self.sorted("[\n" + good + ",\n" + deep + "\n]", name: "deep.json")
        #expect(sorted.totals.routed == 1)
        #expect(sorted.rejected.map(\.location.line) == [3])
    }

    @Test func oddButValidNamesAreDeliveredAsWritten() throws {
        let zwj = "Zoë 👩‍👩‍👧"  // a family emoji joined with zero-width joiners
        let marks = "Ana" + String(repeating: "\u{301}", count: 40)
        let text = Self.header + "\n" + Self.row("Jo\u{0007}ão\u{202E}", email: "j@example.pt") + "\n" + Self.row(zwj, email: "z@example.pt") + "\n"
            + Self.row(marks, email: "m@example.pt") + "\n" + Self.row("Z" + String(repeating: "\u{300}", count: 2000), email: "flood@example.pt") + "\n"
        let sorted = try Self.sorted(text)
        let names = sorted.plans.flatMap { $0.sections.flatMap { $0.signatures.map(\.firstName) } }
        #expect(names.contains("João"))  // a control character and a bidi override removed
        #expect(names.contains(zwj))
        #expect(names.contains(marks.precomposedStringWithCanonicalMapping))
        #expect(sorted.rejectedByReason == ["signature.name-too-long": 1])  // 2,001 scalars is no name
    }
}

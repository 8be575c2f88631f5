import EmbassyPacketsCore
import Testing

@Suite("Signature files")
struct SignatureReaderTests {
    let reader = SignatureReader()

    @Test func googleFormsCSVMapsEveryColumn() throws {
        var csv = FormCSV()
        csv.add(first: "Amélie", last: "Dupont", city: "Paris", region: "Île-de-France", country: "France", email: "a@example.org")
        let result = try reader.read(bytes: Array(csv.text.utf8), path: "in.csv", firstOrder: 0)
        #expect(result.records.count == 1)
        let record = result.records[0]
        #expect(record.firstName == "Amélie")
        #expect(record.lastName == "Dupont")
        #expect(record.city == "Paris")
        #expect(record.region == "Île-de-France")
        #expect(record.country == "France")
        #expect(record.email == "a@example.org")
        #expect(record.timestamp == "2017/03/15 10:23:45 AM GMT-4")
        #expect(record.location == SourceLocation(file: "in.csv", line: 2))
    }

    @Test func headersMatchIgnoringCaseSpacingAndPunctuation() throws {
        let text = "first_name;SURNAME;Town;Province;country;E-mail\nAna;Silva;Porto;Norte;Portugal;ana@example.org\n"
        let result = try reader.read(bytes: Array(text.utf8), path: "in.csv", firstOrder: 0)
        let record = try #require(result.records.first)
        #expect(record.firstName == "Ana")
        #expect(record.lastName == "Silva")
        #expect(record.city == "Porto")
        #expect(record.region == "Norte")
        #expect(record.email == "ana@example.org")
    }

    @Test func missingColumnsStopWithTheHeadersFound() {
        let text = "Timestamp,First Name,City\nx,y,z\n"
        #expect {
            try reader.read(bytes: Array(text.utf8), path: "short.csv", firstOrder: 0)
        } throws: { error in
            let error = error as! PipelineError
            return error.message.contains("'Last Name'") && error.message.contains("'Email Address'")
                && error.message.contains("'Country'") && error.message.contains("'Timestamp', 'First Name', 'City'")
                && error.location?.file == "short.csv"
        }
    }

    @Test func anEmptyFileIsAnError() {
        #expect(throws: PipelineError.self) { try reader.read(bytes: [], path: "empty.csv", firstOrder: 0) }
    }

    @Test func byteOrderMarksAndUTF16AreRead() throws {
        var csv = FormCSV()
        csv.add(first: "서연", last: "이", country: "South Korea", email: "s@example.org")
        let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(csv.text.utf8)
        var utf16LE: [UInt8] = [0xFF, 0xFE]
        for unit in csv.text.utf16 { utf16LE += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        for bytes in [utf8BOM, utf16LE] {
            let result = try reader.read(bytes: bytes, path: "bom.csv", firstOrder: 0)
            #expect(result.headers.first == "Timestamp")
            #expect(result.records.first?.firstName == "서연")
        }
    }

    @Test func jsonArrayElementsKeepTheirLines() throws {
        let text = """
            [
              {"First Name": "Ivan", "Last Name": "Petrov", "City": "Moscow", "Country": "Russia", "Email Address": "i@example.org"},
              42,
              {
                "First Name": "Anna",
                "Last Name": "Smirnova", "City": "Kazan", "Country": "RU", "Email Address": "a@example.org"
              }
            ]
            """
        let result = try reader.read(bytes: Array(text.utf8), path: "in.json", firstOrder: 10)
        #expect(result.records.map(\.location.line) == [2, 3, 4])
        #expect(result.records.map(\.order) == [10, 11, 12])
        #expect(result.records[0].firstName == "Ivan")
        #expect(result.records[1].decodingProblem != nil)
        #expect(result.records[2].lastName == "Smirnova")
    }

    @Test func jsonLinesAndSnakeCaseKeys() throws {
        let text = """
            {"first_name": "Lena", "last_name": "Groß", "city": "Köln", "country": "Germany", "email": "l@example.org"}

            {"first_name": "Jürgen", "last_name": "Müller", "city": "Bonn", "country": "DE", "email": "j@example.org"}
            """
        let result = try reader.read(bytes: Array(text.utf8), path: "in.jsonl", firstOrder: 0)
        #expect(result.records.map(\.location.line) == [1, 3])
        #expect(result.records[1].lastName == "Müller")
    }

    /// A JSON Lines export saved as .json used to stop with "the object has no signatures
    /// array": it is read as JSON Lines, with a note.
    @Test func jsonLinesSavedAsJSONIsReadAsJSONLines() throws {
        let text = #"{"First Name": "Ana", "Last Name": "Silva", "City": "Porto", "Country": "Portugal", "Email Address": "a@example.pt"}"# + "\n"
            + #"{"First Name": "Rui", "Last Name": "Silva", "City": "Porto", "Country": "Portugal", "Email Address": "r@example.pt"}"# + "\n"
        let result = try reader.read(bytes: Array(text.utf8), path: "lines.json", firstOrder: 0)
        #expect(result.records.map(\.firstName) == ["Ana", "Rui"])
        #expect(result.records.map(\.location.line) == [1, 2])
        #expect(result.notices.map(\.id) == ["intake.json-lines"])
        // An object followed by something that is not an object stays an error.
        #expect(throws: PipelineError.self) { try reader.read(bytes: Array("{\"a\": 1}\n[1]\n".utf8), path: "o.json", firstOrder: 0) }
    }

    @Test func jsonThatIsNotAListIsAnError() {
        #expect(throws: PipelineError.self) { try reader.read(bytes: Array("42".utf8), path: "n.json", firstOrder: 0) }
        #expect(throws: PipelineError.self) { try reader.read(bytes: Array("{\"a\": 1}".utf8), path: "o.json", firstOrder: 0) }
    }

    @Test func aSignaturesObjectIsRead() throws {
        let text = #"{"campaign": "x", "signatures": [{"First Name": "A", "Last Name": "B", "City": "C", "Country": "France", "Email Address": "a@b.fr"}]}"#
        let result = try reader.read(bytes: Array(text.utf8), path: "w.json", firstOrder: 0)
        #expect(result.records.count == 1)
        #expect(result.records[0].firstName == "A")
    }

    @Test func truncatedJSONRejectsTheCutElementAndKeepsTheRest() throws {
        let text = """
            [
              {"First Name": "A", "Last Name": "B", "City": "C", "Country": "France", "Email Address": "a@b.fr"},
              {"First Name": "D", "Last Name
            """
        let result = try reader.read(bytes: Array(text.utf8), path: "cut.json", firstOrder: 0)
        #expect(result.records.count == 2)
        #expect(result.records[0].decodingProblem == nil)
        #expect(result.records[1].decodingProblem != nil)
        #expect(result.records[1].location.line == 3)
    }
}

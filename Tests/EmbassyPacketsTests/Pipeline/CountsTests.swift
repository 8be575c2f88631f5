import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// `counts.json` and `counts.csv`: the public figures, held to their schema and to the manifest.
@Suite("Public counts")
struct CountsTests {
    static func counts(_ folder: String) throws -> PublicCounts {
        try JSONDecoder().decode(PublicCounts.self, from: Data(try Generator.readFile(folder + "/counts.json")))
    }

    /// Validates JSON against `Schemas/counts.schema.json`.
    static func schemaProblems(_ path: String) throws -> String {
        try BookkeepingTests.schemaProblems(path, schema: "Schemas/counts.schema.json")
    }

    @Test func countsMatchTheirSchema() throws {
        let plain = TestSupport.temporaryFolder()
        _ = try Generator.generate(BookkeepingTests.options([TestSupport.sampleCSV, TestSupport.sampleJSON], into: plain))
        #expect(try Self.schemaProblems(plain + "/counts.json") == "")
        var consular = BookkeepingTests.options([TestSupport.sampleCSV], into: TestSupport.temporaryFolder())
        consular.intake.routing = RoutingOptions(overrides: ["TW": "US"], byConsulate: true)
        _ = try Generator.generate(consular)
        #expect(try Self.schemaProblems(consular.outputDirectory + "/counts.json") == "")
        #expect(try Self.counts(consular.outputDirectory).signaturesByMission.contains { $0.consulate != nil })
        // The schema can fail: a count of people by name is not a counts file.
        let broken = TestSupport.write("{\"schema\": 1, \"signatures_by_country\": [{\"name\": \"Jane\", \"code\": \"usa\"}]}", named: "broken.json", in: plain)
        #expect(try Self.schemaProblems(broken) != "")
    }

    @Test func countsAgreeWithTheManifest() throws {
        let folder = TestSupport.temporaryFolder()
        let manifest = try Generator.generate(BookkeepingTests.options([TestSupport.sampleCSV, TestSupport.sampleJSON], into: folder)).manifest
        let counts = try Self.counts(folder)
        #expect(counts.disagreements(with: manifest, complete: true) == [])
        #expect(counts.signatureCount == manifest.totals.accepted)
        #expect(counts.totals.rows == manifest.totals.rows && counts.totals.duplicates == manifest.totals.duplicates)
        // By country: what the packets hold and what no packet takes, country by country.
        var expected = manifest.unrouted
        for packet in manifest.packets { for (code, count) in packet.countries { expected[code, default: 0] += count } }
        #expect(Dictionary(uniqueKeysWithValues: counts.signaturesByCountry.map { ($0.code, $0.signatureCount) }) == expected)
        // By mission: each packet's signatures, under its file's stem.
        let packets = Dictionary(uniqueKeysWithValues: manifest.packets.map { (String($0.file.dropFirst("packets/".count).dropLast(".pdf".count)), $0.signatures) })
        #expect(Dictionary(uniqueKeysWithValues: counts.signaturesByMission.map { ($0.packet, $0.signatureCount) }) == packets)
        #expect(counts.signaturesByCountry.first { $0.code == "US" }?.name == "United States")
        #expect(counts.rejectedByReason.reduce(0) { $0 + $1.count } == manifest.totals.rejected)
        #expect(counts.deliveryDate == manifest.date)
        // Largest first.
        #expect(counts.signaturesByCountry.map(\.signatureCount) == counts.signaturesByCountry.map(\.signatureCount).sorted(by: >))
        // The manifest names both files, and verify holds them to it.
        #expect(manifest.counts?.map(\.file) == ["counts.json", "counts.csv"])
        #expect(try BookkeepingTests.cli(["verify", folder]).status == 0)
        // A counts.json edited to add up, its record in the manifest edited to match: verify
        // still holds it to the manifest's figures.
        let json = folder + "/counts.json"
        var edited = try JSONSerialization.jsonObject(with: Data(try Generator.readFile(json))) as! [String: Any]
        var countries = edited["signatures_by_country"] as! [[String: Any]]
        countries[0]["signature_count"] = (countries[0]["signature_count"] as! Int) + 100
        edited["signatures_by_country"] = countries
        edited["signature_count"] = (edited["signature_count"] as! Int) + 100
        let bytes = [UInt8](try JSONSerialization.data(withJSONObject: edited, options: [.sortedKeys]))
        let manifestPath = folder + "/manifest.json"
        var object = try JSONSerialization.jsonObject(with: Data(try Generator.readFile(manifestPath))) as! [String: Any]
        object["counts"] = [["file": "counts.json", "sha256": Generator.sha256Hex(bytes), "bytes": bytes.count]] + (object["counts"] as! [[String: Any]]).dropFirst()
        let original = try Generator.readFile(manifestPath), originalCounts = try Generator.readFile(json)
        try Data(bytes).write(to: URL(fileURLWithPath: json))
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: URL(fileURLWithPath: manifestPath))
        let contradicted = try BookkeepingTests.cli(["verify", folder])
        #expect(contradicted.status == 1 && contradicted.stderr.contains("counts.json: signature_count"), "\(contradicted.stderr)")
        try Data(original).write(to: URL(fileURLWithPath: manifestPath))
        try Data(originalCounts).write(to: URL(fileURLWithPath: json))
        #expect(try BookkeepingTests.cli(["verify", folder]).status == 0)
        let csv = folder + "/counts.csv"
        try Data(String(decoding: try Generator.readFile(csv), as: UTF8.self).replacingOccurrences(of: ",United States,40", with: ",United States,41").utf8)
            .write(to: URL(fileURLWithPath: csv))
        let verify = try BookkeepingTests.cli(["verify", folder])
        #expect(verify.status == 1 && verify.stderr.contains("counts.csv: sha256"))
    }

    @Test func theCsvHoldsTheSameFiguresAsTheJson() throws {
        let folder = TestSupport.temporaryFolder()
        _ = try Generator.generate(BookkeepingTests.options([TestSupport.sampleCSV], into: folder))
        let counts = try Self.counts(folder)
        let bytes = try Generator.readFile(folder + "/counts.csv")
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "Delivery Date,Section,Code,Name,Count")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.allSatisfy { $0.count == 5 && $0[0] == counts.deliveryDate })
        func value(_ section: String, _ code: String) -> Int? { rows.first { $0[1] == section && $0[2] == code }.flatMap { Int($0[4]) } }
        #expect(value("total", "signatures") == counts.signatureCount)
        #expect(value("total", "rejected") == counts.totals.rejected)
        for country in counts.signaturesByCountry { #expect(value("country", country.code) == country.signatureCount) }
        for mission in counts.signaturesByMission { #expect(value("mission", mission.packet) == mission.signatureCount) }
        for reason in counts.rejectedByReason { #expect(value("rejected", reason.reason) == reason.count) }
    }

    @Test func countsNameNoSigner() throws {
        var form = FormCSV()
        form.add(first: "Zebulon", last: "Quixotic", city: "Vexillopolis", region: "Nowhere Province", country: "France", email: "zq@example.org")
        form.add(first: "Ottoline", last: "Brackenbury", city: "Lyon", country: "Taiwan", email: "ob@example.org")
        form.add(first: "Bad", last: "Row", city: "", country: "France", email: "bad@example.org")
        let folder = TestSupport.temporaryFolder()
        let input = TestSupport.write(form.text, named: "in.csv", in: folder)
        _ = try Generator.generate(BookkeepingTests.options([input], into: folder + "/out"))
        for name in CountsFiles.names {
            let text = String(decoding: try Generator.readFile(folder + "/out/" + name), as: UTF8.self)
            for word in ["Zebulon", "Quixotic", "Vexillopolis", "Nowhere", "Ottoline", "Brackenbury", "Lyon", "Bad", "@", "example"] {
                #expect(!text.contains(word), "\(name) holds \(word)")
            }
            #expect(text.contains("France") && text.contains("TW"))
        }
    }

    @Test func aCoordinatorsOwnCountsFileIsNotReplaced() throws {
        let folder = TestSupport.temporaryFolder()
        let own = TestSupport.write("my own figures\n", named: "counts.csv", in: folder)
        var options = BookkeepingTests.options([TestSupport.sampleCSV], into: folder)
        options.force = true
        #expect(throws: PipelineError.self) { try Generator.generate(options) }
        #expect(String(decoding: try Generator.readFile(own), as: UTF8.self) == "my own figures\n")
        // An earlier output whose manifest does not name counts.csv: the file there is the coordinator's.
        let earlier = TestSupport.temporaryFolder("earlier")
        _ = try Generator.generate(BookkeepingTests.options([TestSupport.sampleCSV], into: earlier))
        var object = try JSONSerialization.jsonObject(with: Data(try Generator.readFile(earlier + "/manifest.json"))) as! [String: Any]
        object["counts"] = nil
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: earlier + "/manifest.json"))
        _ = TestSupport.write("my own figures\n", named: "counts.csv", in: earlier)
        #expect(throws: PipelineError.self) { try Generator.generate(BookkeepingTests.options([TestSupport.sampleCSV], into: earlier)) }
        #expect(String(decoding: try Generator.readFile(earlier + "/counts.csv"), as: UTF8.self) == "my own figures\n")
        // A run's own counts are replaced by the next run.
        let again = TestSupport.temporaryFolder("again")
        _ = try Generator.generate(BookkeepingTests.options([TestSupport.sampleCSV], into: again))
        _ = try Generator.generate(BookkeepingTests.options([TestSupport.sampleJSON], into: again))
        #expect(try Self.counts(again).totals.rows == (try JSONDecoder().decode(Manifest.self, from: Data(try Generator.readFile(again + "/manifest.json")))).totals.rows)
    }
}

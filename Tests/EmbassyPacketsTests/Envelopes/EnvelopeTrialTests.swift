import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// What a new user's trial of `envelopes` found: a record that names other files, a sender
/// with an at-sign, the sender of a run made in another folder, an at-sign in the directory,
/// and envelopes left from earlier packets.
@Suite("Envelopes, as tried")
struct EnvelopeTrialTests {
    static func run(_ arguments: [String], in folder: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.run(TestSupport.executable, arguments, currentDirectory: folder)
    }

    static func generated(in folder: String, extra: [String] = []) throws {
        let made = try run(["generate", TestSupport.sampleCSV, "--out", "out", "--date", "2026-12-01", "--quiet"] + extra, in: folder)
        #expect(made.status == 0, "\(made.stderr)")
    }

    @Test func aRecordThatNamesOtherFilesNeverMakesThemTheCommands() throws {
        let folder = TestSupport.temporaryFolder()
        try Self.generated(in: folder)
        #expect(try Self.run(["envelopes", "out"], in: folder).status == 0)
        // The record edited to list the manifest and the counts, with their true fingerprints.
        let recordPath = folder + "/out/envelopes.json"
        var record = try JSONSerialization.jsonObject(with: Data(try Generator.readFile(recordPath))) as! [String: Any]
        var files = record["files"] as! [[String: Any]]
        for name in ["manifest.json", "counts.csv"] {
            let bytes = try Generator.readFile(folder + "/out/" + name)
            files.append(["file": name, "sha256": Generator.sha256Hex(bytes), "bytes": bytes.count])
        }
        record["files"] = files
        try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: recordPath))
        #expect(try Self.run(["envelopes", "out"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/out/manifest.json"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/counts.csv"))
        #expect(try Self.run(["verify", "out"], in: folder).status == 0)
    }

    @Test func aSenderWithAnAtSignIsRefusedNotCutShort() throws {
        let folder = TestSupport.temporaryFolder()
        try Self.generated(in: folder)
        _ = TestSupport.write(
            "<sender><organisation>Coalition @ London</organisation><address><line>12 Baker St</line><line>London</line><line>United Kingdom</line></address></sender>",
            named: "sender.xml", in: folder)
        let refused = try Self.run(["envelopes", "out", "--sender", "sender.xml"], in: folder)
        #expect(refused.status == 1 && refused.stderr.contains("holds an at-sign, which an envelope never carries"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/envelopes.pdf"))
    }

    @Test func theSenderOfARunMadeInAnotherFolderIsFound() throws {
        let folder = TestSupport.temporaryFolder()
        _ = TestSupport.write(EnvelopeOutputTests.senderXML, named: "sender.xml", in: folder)
        try Self.generated(in: folder, extra: ["--sender", "sender.xml"])
        let elsewhere = folder + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let run = try Self.run(["envelopes", "../out", "--out", "../envelopes"], in: elsewhere)
        #expect(run.status == 0 && !run.stderr.contains("envelopes.no-sender") && !run.stderr.contains("envelopes.sender-changed"), "\(run.stderr)")
        #expect(TestSupport.squeezed(try TestSupport.pdfText(folder + "/envelopes/envelopes.pdf", firstPage: 1, lastPage: 1)).contains("POBox1234"))
    }

    @Test func anAtSignInTheDirectorysAddressesIsRefusedWhereverItIsRead() throws {
        let folder = TestSupport.temporaryFolder()
        try FileManager.default.copyItem(atPath: TestSupport.embassies, toPath: folder + "/Embassies")
        let france = folder + "/Embassies/FR.xml"
        let text = String(decoding: try Generator.readFile(france), as: UTF8.self)
            .replacingOccurrences(of: "<line>75007 Paris</line>", with: "<line>75007 Paris</line>\n      <line>consular@embassy.example.org</line>")
        try Data(text.utf8).write(to: URL(fileURLWithPath: france))
        for arguments in [["embassies", "--check", "--embassies", "Embassies"], ["validate", TestSupport.sampleCSV, "--embassies", "Embassies", "--quiet"]] {
            let run = try Self.run(arguments, in: folder)
            #expect(run.status == 1 && run.stderr.contains("holds an at-sign") && !run.stderr.contains("consular@"), "\(arguments[0]): \(run.stderr)")
        }
    }

    @Test func generateSaysTheEnvelopesAreForTheEarlierPackets() throws {
        let folder = TestSupport.temporaryFolder()
        try Self.generated(in: folder)
        #expect(try Self.run(["envelopes", "out"], in: folder).status == 0)
        let again = try Self.run(["generate", TestSupport.sampleCSV, "--out", "out", "--date", "2026-12-01"], in: folder)
        #expect(again.status == 0 && again.stderr.contains("which embassy-packets envelopes made for the earlier packets: run 'embassy-packets envelopes out' again"))
        #expect(!again.stderr.contains("that embassy-packets did not write"))
    }
}

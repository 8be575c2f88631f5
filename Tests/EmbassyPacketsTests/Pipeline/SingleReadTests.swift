import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// The parent reads every input once; the rendering workers are handed the composed packets
/// and never open an input. So a pipe renders on every core, and an export that a sync client
/// replaces while the run goes on never gives packets of other signers than the manifest counts.
@Suite("Inputs read once")
struct SingleReadTests {
    static func csv(prefix: String, count: Int) -> String {
        var csv = FormCSV()
        let countries = ["France", "Germany", "Japan", "Canada", "Brazil", "India"]
        for index in 0..<count {
            csv.add(first: "\(prefix)\(index)", last: "Signer", city: "Town", country: countries[index % countries.count], email: "\(prefix.lowercased())\(index)@example.org")
        }
        return csv.text
    }

    static func summary(_ stdout: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func aFIFOIsReadOnceAndRenderedByEveryProcess() throws {
        let folder = TestSupport.temporaryFolder()
        let text = Self.csv(prefix: "Fifo", count: 300)
        let plain = TestSupport.write(text, named: "plain.csv", in: folder)
        let fifo = folder + "/fifo.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(text.utf8))
                try? handle.close()
            }
        }
        writer.start()
        let common = ["--date", "2026-12-01", "--embassies", TestSupport.embassies, "--template", TestSupport.template, "--json"]
        let piped = try TestSupport.run(TestSupport.executable, ["generate", fifo, "--out", folder + "/piped", "--jobs", "2"] + common)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try Self.summary(piped.stdout)["processes"] as? Int == 2)
        let single = try TestSupport.run(TestSupport.executable, ["generate", plain, "--out", folder + "/single", "--jobs", "1"] + common)
        #expect(single.status == 0, "\(single.stderr)")
        #expect(try Self.summary(single.stdout)["processes"] as? Int == 1)
        // The same packets, byte for byte, whichever process drew them.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/single/packets").sorted()
        #expect(names.count == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/piped/packets").sorted() == names)
        for name in names {
            #expect(FileManager.default.contents(atPath: folder + "/piped/packets/" + name) == FileManager.default.contents(atPath: folder + "/single/packets/" + name), "\(name)")
        }
    }

    /// A sync client saves a new export (rename into place) again and again while `generate`
    /// runs on two processes. Each run either stops, naming the file that changed, or makes
    /// packets of exactly the version it read and counted: before, the workers read the file
    /// again and printed the other version's signers under the first one's manifest.
    @Test func anExportReplacedDuringTheRunIsNeverMixed() throws {
        let folder = TestSupport.temporaryFolder()
        let versions = [Self.csv(prefix: "Alpha", count: 900), Self.csv(prefix: "Bravo", count: 1500)]
        let sources = versions.enumerated().map { TestSupport.write($0.element, named: "v\($0.offset).csv", in: folder) }
        let path = folder + "/export.csv"
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: sources[0], toPath: path)
        let hashes = versions.map { Generator.sha256Hex(Array($0.utf8)) }
        final class Flag: @unchecked Sendable { var stop = false }  // written by one thread, read by the other; a stale read costs one more swap
        let flag = Flag()
        let syncer = Thread {
            var turn = 1
            while !flag.stop {
                let temporary = folder + "/.export.csv.partial"
                _ = try? FileManager.default.removeItem(atPath: temporary)
                try? FileManager.default.copyItem(atPath: sources[turn], toPath: temporary)
                rename(temporary, path)
                turn = 1 - turn
                usleep(3_000)
            }
        }
        syncer.start()
        defer { flag.stop = true }
        var stopped = 0, made = 0
        for trial in 0..<6 {
            let out = folder + "/out\(trial)"
            let run = try TestSupport.run(TestSupport.executable, [
                "generate", path, "--out", out, "--jobs", "2", "--quiet", "--date", "2026-12-01",
                "--embassies", TestSupport.embassies, "--template", TestSupport.template,
            ])
            if run.status != 0 {
                #expect(run.status == 1)
                #expect(run.stderr.contains("export.csv") && run.stderr.contains("while it was read"), "\(run.stderr)")
                stopped += 1
                continue
            }
            made += 1
            let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
            let version = try #require(hashes.firstIndex(of: manifest.inputs[0].sha256), "the manifest's hash is of neither version")
            let prefix = version == 0 ? "Alpha" : "Bravo"
            let other = version == 0 ? "Bravo" : "Alpha"
            #expect(manifest.totals.rows == (version == 0 ? 900 : 1500))
            for packet in manifest.packets {
                let text = try TestSupport.pdfText(out + "/" + packet.file)
                #expect(!text.contains(other), "\(packet.file) holds signers of the other version")
                let names = text.components(separatedBy: prefix).count - 1
                #expect(names == packet.signatures, "\(packet.file): \(names) names printed, \(packet.signatures) in the manifest")
            }
        }
        #expect(stopped + made == 6)
    }
}

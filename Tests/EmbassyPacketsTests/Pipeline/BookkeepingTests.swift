import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// The manifest, verify, atomic output, exit statuses, progress, sharding, supplements, the index.
@Suite("Delivery bookkeeping")
struct BookkeepingTests {
    static let date = LetterDate(year: 2026, month: 11, day: 29)!
    static let key = try! SignerKey(bytes: Array("a test key of thirty-two bytes!!".utf8))

    static func options(_ inputs: [String], into folder: String) -> GenerateOptions {
        var options = GenerateOptions(
            inputs: inputs, outputDirectory: folder, date: date, embassiesFolder: TestSupport.embassies, templatePath: TestSupport.template)
        options.signerKey = key
        return options
    }

    /// Runs `embassy-packets ARGS` in the package root.
    static func cli(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.run(TestSupport.executable, arguments, environment: environment, currentDirectory: TestSupport.root)
    }

    /// Validates JSON against a shipped schema (the manifest's unless named) with Python's jsonschema.
    static func schemaProblems(_ manifestPath: String, schema: String = "Schemas/manifest.schema.json") throws -> String {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))), key=str)
            print("\\n".join(f"{list(e.path)}: {e.message}" for e in errors))
            """
        let result = try TestSupport.run("python3", ["-c", script, TestSupport.path(schema), manifestPath])
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : "python3 failed: \(result.stderr)"
    }

    @Test func realManifestsMatchTheSchema() throws {
        let plain = TestSupport.temporaryFolder()
        _ = try Generator.generate(Self.options([TestSupport.sampleCSV, TestSupport.sampleJSON], into: plain))
        #expect(try Self.schemaProblems(plain + "/manifest.json") == "")
        var consular = Self.options([TestSupport.sampleCSV], into: TestSupport.temporaryFolder())
        consular.intake.routing = RoutingOptions(overrides: ["TW": "US"], byConsulate: true)
        consular.maxPages = 3
        consular.paper = .a4
        _ = try Generator.generate(consular)
        #expect(try Self.schemaProblems(consular.outputDirectory + "/manifest.json") == "")
        // A broken manifest is caught: the schema test can fail.
        let broken = TestSupport.write("{\"schema\": 2}", named: "broken.json", in: plain)
        #expect(try Self.schemaProblems(broken) != "")
    }

    @Test func theManifestRecordsFingerprintsAndOptions() throws {
        let folder = TestSupport.temporaryFolder()
        let report = try Generator.generate(Self.options([TestSupport.sampleCSV], into: folder))
        let manifest = report.manifest
        #expect(manifest.templates.map(\.file) == [TestSupport.template])
        #expect(manifest.templates[0].sha256 == Generator.sha256Hex(try Generator.readFile(TestSupport.template)))
        #expect(manifest.directory?.files == 250)  // 249 countries and the schema
        #expect(manifest.options?.by == "embassy" && manifest.options?.maxPages == 500 && manifest.options?.columns == ["no", "name", "city", "region"])
        #expect(manifest.index?.file == "index.pdf")
        #expect(manifest.delivered?.signers == manifest.totals.routed)
        // The delivered list holds hashes, never an email.
        let list = String(decoding: try Generator.readFile(folder + "/delivered.txt"), as: UTF8.self)
        #expect(!list.contains("@"))
        #expect(list.split(separator: "\n").allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test func verifyFindsEveryDifference() throws {
        let folder = TestSupport.temporaryFolder()
        _ = try Generator.generate(Self.options([TestSupport.sampleCSV], into: folder))
        let ok = try Self.cli(["verify", folder])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("files match"))
        // Tamper: change a packet, remove another, add a stray file, misstate a page count.
        try Data("%PDF-1.5 not the packet".utf8).write(to: URL(fileURLWithPath: folder + "/packets/FR.pdf"))
        try FileManager.default.removeItem(atPath: folder + "/packets/DE.pdf")
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/packets/stray.pdf"))
        var manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")))
        let us = manifest.packets.firstIndex { $0.embassy == "US" }!
        manifest.packets[us].volumes[0].pages += 1
        try Generator.writeManifest(manifest, to: folder + "/manifest.json")
        let bad = try Self.cli(["verify", folder])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("packets/FR.pdf: sha256 is"))
        #expect(bad.stderr.contains("packets/DE.pdf: missing"))
        #expect(bad.stderr.contains("packets/stray.pdf: not in the manifest"))
        #expect(bad.stderr.contains("packets/US.pdf: \(manifest.packets[us].pages) pages, the manifest says \(manifest.packets[us].pages + 1)"))
    }

    @Test func verifyFindsEditsToTheReportsAndTotalsThatDisagree() throws {
        let folder = TestSupport.temporaryFolder()
        _ = try Generator.generate(Self.options([TestSupport.sampleCSV], into: folder))
        var manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")))
        #expect(manifest.reports?.map(\.file) == ["reports/rejected.csv", "reports/duplicates.csv", "reports/unrouted.csv"])
        // One byte appended to a report.
        let report = folder + "/reports/duplicates.csv"
        try (Data(contentsOf: URL(fileURLWithPath: report)) + Data("x".utf8)).write(to: URL(fileURLWithPath: report))
        // Per-reason counts that no longer add up to the total.
        let reason = try #require(manifest.rejected.keys.sorted().first)
        manifest.rejected[reason, default: 0] += 1
        try Generator.writeManifest(manifest, to: folder + "/manifest.json")
        let bad = try Self.cli(["verify", folder])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("reports/duplicates.csv: sha256 is"))
        #expect(bad.stderr.contains("rejected by reason adds up to \(manifest.totals.rejected + 1), not \(manifest.totals.rejected)"))
    }

    /// A report and a manifest that agree on hashes but not on rows: a rejected row removed,
    /// the report's hash and size updated to match. The totals still balance; the rows do not.
    @Test func verifyCountsTheReportsRowsAgainstTheTotals() throws {
        let folder = TestSupport.temporaryFolder()
        _ = try Generator.generate(Self.options([TestSupport.sampleCSV], into: folder))
        #expect(try Self.cli(["verify", folder]).status == 0)
        var manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")))
        let path = folder + "/reports/rejected.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
        let removed = lines.remove(at: 1)
        let reason = removed.split(separator: ",")[2]
        let bytes = Array(lines.joined(separator: "\r\n").utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let index = try #require(manifest.reports?.firstIndex { $0.file == "reports/rejected.csv" })
        manifest.reports![index] = Manifest.FileRecord(file: "reports/rejected.csv", sha256: Generator.sha256Hex(bytes), bytes: bytes.count)
        try Generator.writeManifest(manifest, to: folder + "/manifest.json")
        let bad = try Self.cli(["verify", folder])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("reports/rejected.csv: \(manifest.totals.rejected - 1) rows, the manifest's totals say \(manifest.totals.rejected)"), "\(bad.stderr)")
        #expect(bad.stderr.contains("reports/rejected.csv: \(manifest.rejected[String(reason)]! - 1) rows for reason \(reason), the manifest says \(manifest.rejected[String(reason)]!)"), "\(bad.stderr)")
    }

    @Test func aFolderThatIsNotAnEarlierOutputIsRefusedUnlessForcedAndItsFilesAlwaysStay() throws {
        let folder = TestSupport.temporaryFolder()
        _ = TestSupport.write("my thesis", named: "thesis.txt", in: folder)
        let refused = try Self.cli(["generate", "Samples/signatures.csv", "--out", folder, "--quiet"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not empty and holds no embassy-packets manifest"))
        #expect(FileManager.default.fileExists(atPath: folder + "/thesis.txt"))
        // --force writes beside the coordinator's files and deletes none of them.
        let forced = try Self.cli(["generate", "Samples/signatures.csv", "--out", folder, "--quiet", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: folder + "/thesis.txt", encoding: .utf8) == "my thesis")
        #expect(FileManager.default.fileExists(atPath: folder + "/manifest.json"))
        // Files added to an earlier output stay through a regeneration, in packets/ too.
        _ = TestSupport.write("cover letter", named: "packets/cover.txt", in: folder)
        let regenerated = try Self.cli(["generate", "Samples/signatures.csv", "--out", folder])
        #expect(regenerated.status == 0, "\(regenerated.stderr)")
        #expect(regenerated.stderr.contains("kept 2 files that embassy-packets did not write"))
        #expect(try String(contentsOfFile: folder + "/packets/cover.txt", encoding: .utf8) == "cover letter")
        #expect(try String(contentsOfFile: folder + "/thesis.txt", encoding: .utf8) == "my thesis")
        // A folder holding a file named like the tool's own is refused even with --force.
        let clash = TestSupport.temporaryFolder()
        _ = TestSupport.write("{}", named: "manifest.json", in: clash)
        let refusedClash = try Self.cli(["generate", "Samples/signatures.csv", "--out", clash, "--quiet", "--force"])
        #expect(refusedClash.status == 1)
        #expect(try String(contentsOfFile: clash + "/manifest.json", encoding: .utf8) == "{}")
        // An earlier output is replaced without --force.
        let again = try Self.cli(["generate", "Samples/signatures.csv", "--out", folder, "--quiet"])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func aFailedOrKilledRunLeavesThePreviousOutputIntact() throws {
        let folder = TestSupport.temporaryFolder() + "/out"
        _ = try Generator.generate(Self.options([TestSupport.sampleCSV], into: folder))
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        // A run that fails (an unknown template) writes nothing.
        let failed = try Self.cli(["generate", "Samples/signatures.csv", "--out", folder, "--template", "nope.xml"])
        #expect(failed.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")) == before)
        // A run killed while it renders: the previous output stays whole and valid.
        let big = TestSupport.temporaryFolder() + "/big.csv"
        #expect(try Self.cli(["sample", "--count", "60000", "--out", big]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.executable)
        process.arguments = ["generate", big, "--out", folder, "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: TestSupport.root)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let parent = (folder as NSString).deletingLastPathComponent
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).contains(where: { $0.hasPrefix(".out.embassy-packets-") }) {
            usleep(20_000)
        }
        usleep(300_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")) == before)
        #expect(try Self.cli(["verify", folder]).status == 0)
        // A rerun succeeds and clears what the killed run left.
        let rerun = try Self.cli(["generate", "Samples/signatures.csv", "--out", folder, "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: parent)).contains { $0.hasPrefix(".out.embassy-packets-") })
    }

    @Test func exitStatusesAndProgress() throws {
        let folder = TestSupport.temporaryFolder()
        #expect(try Self.cli(["generate", "--no-such-option"]).status == 2)
        #expect(try Self.cli(["generate", "Samples/signatures.csv", "--out", folder, "--shard", "5/4"]).status == 2)
        let plain = try Self.cli(["generate", "Samples/signatures.csv", "--out", folder])
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("embassy-packets: read 199 rows"))
        #expect(plain.stderr.contains("embassy-packets: packet 1 of "))
        let quiet = try Self.cli(["generate", "Samples/signatures.csv", "--out", folder, "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout.isEmpty)
        let json = try Self.cli(["generate", "Samples/signatures.csv", "--out", folder, "--json"])
        #expect(json.status == 0)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let totals = try #require(summary["totals"] as? [String: Int])
        #expect(totals["rows"] == 199)
        #expect((summary["files"] as? [String])?.contains("packets/US.pdf") == true)
        #expect(!json.stderr.contains("packet 1 of"))
        #expect(!json.stdout.contains("@example."))
    }

    @Test func shardsPartitionThePacketsAndMergeIntoTheWholeRun() throws {
        let whole = TestSupport.temporaryFolder()
        let full = try Generator.generate(Self.options([TestSupport.sampleCSV], into: whole)).manifest
        var shards: [String] = []
        var files: [String] = []
        for index in 1...3 {
            var options = Self.options([TestSupport.sampleCSV], into: TestSupport.temporaryFolder())
            options.shard = (index, 3)
            let manifest = try Generator.generate(options).manifest
            files += manifest.packets.map(\.file)
            shards.append(options.outputDirectory + "/manifest.json")
            #expect(try Self.cli(["verify", options.outputDirectory]).status == 0)
        }
        #expect(files.sorted() == full.packets.map(\.file).sorted())
        let (merged, delivered) = try ManifestMerge.merge(shards)
        #expect(merged.packets.map(\.sha256) == full.packets.sorted { $0.file < $1.file }.map(\.sha256))
        #expect(merged.totals == full.totals)
        #expect(merged.delivered?.signers == full.delivered?.signers)
        #expect(delivered.map(Generator.sha256Hex) == full.delivered?.sha256)
        #expect(throws: PipelineError.self) { try ManifestMerge.merge(Array(shards.prefix(2))) }
        // --only renders just the named embassies.
        var only = Self.options([TestSupport.sampleCSV], into: TestSupport.temporaryFolder())
        only.only = ["US", "KR"]
        #expect(try Generator.generate(only).manifest.packets.map(\.embassy) == ["KR", "US"])
        // The CLI merge writes the same manifest.
        let out = TestSupport.temporaryFolder() + "/merged.json"
        #expect(try Self.cli(["manifest", "merge"] + shards + ["--out", out]).status == 0)
        #expect(try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: out))) == merged)
    }

    @Test func aSupplementCarriesOnlyNewSignersNumberedOn() throws {
        let first = TestSupport.temporaryFolder() + "/first"
        let initial = try Generator.generate(Self.options([TestSupport.sampleCSV], into: first)).manifest
        let second = TestSupport.temporaryFolder() + "/second"
        var options = Self.options([TestSupport.sampleCSV, TestSupport.sampleJSON], into: second)
        options.since = first + "/manifest.json"
        let manifest = try Generator.generate(options).manifest
        #expect(manifest.supplement == 1)
        #expect(manifest.since?.date == "2026-11-29")
        #expect(manifest.totals.previouslyDelivered == initial.totals.routed)
        // Only the JSON's new signers: 10 rows, of which 9 are routed (one is Czech, one Nigerian, ...).
        let added = manifest.packets.reduce(0) { $0 + $1.signatures }
        #expect(added == manifest.totals.routed - initial.totals.routed)
        #expect(added > 0 && added <= 10)
        // South Korea had 30 signers; the supplement's one Korean signer is number 31.
        let kr = try #require(manifest.packets.first { $0.embassy == "KR" })
        #expect(kr.signatures == 1)
        let text = try TestSupport.pdfText(second + "/" + kr.file)
        #expect(text.contains("Supplement 1 to the delivery of 2026-11-29"))
        #expect(TestSupport.squeezed(text).contains("31한지민"))
        #expect(manifest.numbering["KR"]?["KR"] == 31)
        #expect(manifest.delivered?.signers == initial.delivered!.signers + added)
        // Without the key, or with another, --since refuses.
        options.signerKey = nil
        #expect(throws: PipelineError.self) { try Generator.generate(options) }
        options.signerKey = try SignerKey(bytes: Array("another key, also thirty-two b!".utf8))
        #expect(throws: PipelineError.self) { try Generator.generate(options) }
    }

    /// The coordinators' index follows --paper (it was always A4), and stays A4 without it.
    @Test func theIndexFollowsThePaper() throws {
        for (paper, size) in [(Paper.letter, "612 x 792 pts (letter)"), (nil, "595.276 x 841.89 pts (A4)")] as [(Paper?, String)] {
            let folder = TestSupport.temporaryFolder()
            var options = Self.options([TestSupport.sampleCSV], into: folder)
            options.paper = paper
            _ = try Generator.generate(options)
            #expect(try TestSupport.pdfInfo(folder + "/index.pdf")["Page size"] == size)
        }
    }

    @Test func theIndexListsEveryPacketAndChartsTheCountries() throws {
        let folder = TestSupport.temporaryFolder()
        let manifest = try Generator.generate(Self.options([TestSupport.sampleCSV, TestSupport.sampleJSON], into: folder)).manifest
        let index = try #require(manifest.index)
        #expect(try TestSupport.pdfInfo(folder + "/index.pdf")["Pages"] == String(index.pages ?? 0))
        let text = TestSupport.squeezed(try TestSupport.pdfText(folder + "/index.pdf"))
        for packet in manifest.packets {
            #expect(text.contains(TestSupport.squeezed((packet.file as NSString).lastPathComponent)), "\(packet.file)")
        }
        #expect(text.contains("Seoul") && text.contains("SouthKorea"))
        #expect(text.contains("Signaturesbycountry"))
        #expect(text.contains("UnitedStates40"))
    }

    @Test func theExamplesAndGeneratedDocsAreCurrent() throws {
        for shell in ["bash", "zsh", "fish"] {
            let generated = try Self.cli(["--generate-completion-script", shell]).stdout
            let shipped = try String(contentsOfFile: TestSupport.path("docs/completions/embassy-packets.\(shell)"), encoding: .utf8)
            #expect(generated == shipped, "docs/completions/embassy-packets.\(shell) is stale: run Scripts/generate-docs.sh")
        }
        for name in ["generate", "validate", "verify", "embassies", "manifest.merge"] {
            #expect(FileManager.default.fileExists(atPath: TestSupport.path("docs/man/embassy-packets.\(name).1")))
        }
        let check = try TestSupport.run("python3", ["-c", "import sys, yaml\nfor p in sys.argv[1:]: list(yaml.safe_load_all(open(p)))",
                                                    TestSupport.path("Examples/github-actions.yml"), TestSupport.path("Examples/github-actions-sharded.yml"),
                                                    TestSupport.path("Examples/gitlab-ci.yml"), TestSupport.path("action.yml")])
        #expect(check.status == 0, "\(check.stderr)")
        // The action: composite, every step a shell script or an action, the inputs it uses declared.
        let action = try TestSupport.run("python3", ["-c", """
            import re, sys, yaml
            action = yaml.safe_load(open(sys.argv[1]))
            assert action["runs"]["using"] == "composite", "not composite"
            declared = set(action["inputs"])
            for step in action["runs"]["steps"]:
                assert ("run" in step and "shell" in step) or "uses" in step, step.get("name")
            used = set(re.findall(r"inputs\\.([a-z-]+)", open(sys.argv[1]).read()))
            assert used <= declared, used - declared
            for example in sys.argv[2:]:
                assert "embassy-packets@" in open(example).read(), example + " does not use the action"
            """, TestSupport.path("action.yml"), TestSupport.path("Examples/github-actions.yml"), TestSupport.path("Examples/github-actions-sharded.yml")])
        #expect(action.status == 0, "\(action.stderr)")
    }

    @Test func renderingWorkersMakeTheSameBytesAsOneProcess() throws {
        let scratch = TestSupport.temporaryFolder()
        let sample = scratch + "/sample.csv"
        #expect(try Self.cli(["sample", "--count", "6000", "--seed", "7", "--out", sample]).status == 0)
        var outputs: [String] = []
        for jobs in ["1", "2", "3"] {
            let out = scratch + "/out-" + jobs
            let result = try Self.cli(["generate", sample, "--out", out, "--date", "2026-11-29", "--jobs", jobs, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            let verify = try Self.cli(["verify", out])
            #expect(verify.status == 0, "\(verify.stderr)")
            outputs.append(out)
        }
        let manifests = try outputs.map { try Data(contentsOf: URL(fileURLWithPath: $0 + "/manifest.json")) }
        #expect(manifests[0] == manifests[1] && manifests[1] == manifests[2])
        let manifest = try JSONDecoder().decode(Manifest.self, from: manifests[0])
        #expect(manifest.packets.contains { $0.pages > 30 })
        // No worker leftovers in the output: no jobs, logs, results or claim markers.
        for output in outputs.dropFirst() {
            let names = try FileManager.default.contentsOfDirectory(atPath: output + "/packets")
            #expect(!names.contains { $0.hasPrefix(".worker") || $0.hasPrefix(".claim") }, "\(names)")
        }
    }


    /// `--jobs 500` for two packets used to start 64 processes that each read and sorted the
    /// inputs; now the surplus stop as soon as the packets are known, every process splits the
    /// packets by the same count, and a note says so.
    @Test func jobsAreCappedAtThePackets() throws {
        #expect(RenderWorkers.effectiveCount(started: 500, packets: 2) == 2)
        #expect(RenderWorkers.effectiveCount(started: 3, packets: 19) == 3)
        #expect(RenderWorkers.effectiveCount(started: 4, packets: 0) == 1)
        let scratch = TestSupport.temporaryFolder()
        let rows = [FormCSV.header] + (0..<6).map { ["2024-03-02 10:00:0\($0)", "Ana\($0)", "Silva", "Porto", "", $0 < 3 ? "Portugal" : "France", "a\($0)@example.org", ""].joined(separator: ",") }
        let input = TestSupport.write(rows.joined(separator: "\n") + "\n", named: "two.csv", in: scratch)
        var manifests: [Data] = []
        for jobs in ["1", "500"] {
            let result = try Self.cli(["generate", input, "--out", scratch + "/out-" + jobs, "--date", "2026-11-29", "--jobs", jobs])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("note: --jobs 500: 2 packets, so 2 processes render them [render.jobs-capped]") == (jobs == "500"), "\(result.stderr)")
            manifests.append(try Data(contentsOf: URL(fileURLWithPath: scratch + "/out-\(jobs)/manifest.json")))
            #expect(!(try FileManager.default.contentsOfDirectory(atPath: scratch + "/out-\(jobs)/packets")).contains { $0.hasPrefix(".worker") })
        }
        #expect(manifests[0] == manifests[1])
    }

    @Test func theSampleIsDeterministicAndRealistic() throws {
        let scratch = TestSupport.temporaryFolder()
        for seed in ["1", "1", "2"] {
            #expect(try Self.cli(["sample", "--count", "2000", "--seed", seed, "--out", scratch + "/s\(seed).csv"]).status == 0)
        }
        let one = try Data(contentsOf: URL(fileURLWithPath: scratch + "/s1.csv"))
        #expect(one != (try Data(contentsOf: URL(fileURLWithPath: scratch + "/s2.csv"))))
        #expect(try Self.cli(["sample", "--count", "2000", "--seed", "1"]).stdout == String(decoding: one, as: UTF8.self))
        let run = try Generator.prepare(inputs: [scratch + "/s1.csv"], embassiesFolder: TestSupport.embassies, templatePath: nil)
        #expect(run.sorted.rows == 2000)
        #expect(run.sorted.plans.count >= 15)
        #expect(run.sorted.totals.duplicates > 0 && run.sorted.totals.rejected > 0)
        let json = try Self.cli(["sample", "--count", "50", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        #expect(objects.count == 50 && objects[0]["Email Address"] == "signer0@example.org")
    }
}

/// The output folder is the coordinator's: paths that crashed, folders that must never be
/// replaced, and a symlinked output.
@Suite("Output folder")
struct OutputFolderTests {
    static func generate(_ out: String, in folder: String, input: String = "s.csv") throws -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.run(TestSupport.executable, [
            "generate", input, "--out", out, "--quiet", "--date", "2026-12-01", "--embassies", TestSupport.embassies,
            "--template", TestSupport.template,
        ], currentDirectory: folder)
    }

    static func folderWithSample() throws -> String {
        let folder = TestSupport.temporaryFolder()
        try FileManager.default.copyItem(atPath: TestSupport.sampleCSV, toPath: folder + "/s.csv")
        return folder
    }

    @Test(arguments: ["o", "o/", "7", "x//", "a/b"])
    func shortAndOddNamesWork(out: String) throws {
        let folder = try Self.folderWithSample()
        let run = try Self.generate(out, in: folder)
        #expect(run.status == 0, "\(out): \(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: UserPath.join(folder, UserPath.join(UserPath.trimmed(out), "manifest.json"))))
    }

    @Test(arguments: [(".", "current folder"), ("./", "current folder"), ("..", "holds the input"), ("/", "'/'"), ("s.csv", "is the input")])
    func foldersThatAreNotTheToolsAreRefused(out: String, reason: String) throws {
        let folder = try Self.folderWithSample()
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let run = try Self.generate(out, in: folder)
        #expect(run.status == 1, "\(out)")
        #expect(run.stderr.contains(reason), "\(out): \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(out): \(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before)
    }

    @Test func aSymlinkedOutputKeepsItsLink() throws {
        let folder = try Self.folderWithSample()
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: "real")
        for _ in 0..<2 {
            let run = try Self.generate("link", in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link") == "real")
            #expect(FileManager.default.fileExists(atPath: folder + "/real/manifest.json"))
        }
    }

    @Test func userPathsAreLexical() {
        #expect(UserPath.parent("o") == "")
        #expect(UserPath.parent("o/") == "")
        #expect(UserPath.parent("/o") == "/")
        #expect(UserPath.name("a/b.csv") == "b.csv")
        #expect(UserPath.name(".") == ".")
        #expect(UserPath.join("", "x") == "x")
        #expect(UserPath.normalized("/a/./b/../c") == "/a/c")
        #expect(UserPath.contains("/a", "/a/b") && !UserPath.contains("/a", "/ab"))
        #expect(UserPath.stem("letter.zh-Hans.xml") == "letter.zh-Hans")
    }
}

extension OutputFolderTests {
    @Test func inputFromAPipeWorksWithAnyJobs() throws {
        let folder = try Self.folderWithSample()
        let command = "cat s.csv | '\(TestSupport.executable)' generate /dev/stdin --out piped --jobs 3 --quiet --date 2026-12-01 --embassies '\(TestSupport.embassies)' --template '\(TestSupport.template)'"
        let run = try TestSupport.run("/bin/sh", ["-c", command], currentDirectory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/piped/manifest.json")))
        #expect(manifest.totals.rows == 199)
        #expect(manifest.packets.count > 10)
    }

    @Test func validateNeverWritesReportsIntoAGenerateOutput() throws {
        let folder = try Self.folderWithSample()
        #expect(try Self.generate("out", in: folder).status == 0)
        let before = try String(contentsOfFile: folder + "/out/reports/rejected.csv", encoding: .utf8)
        let run = try TestSupport.run(TestSupport.executable, ["validate", "s.csv", "--out", "out", "--embassies", TestSupport.embassies], currentDirectory: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("holds a generate output"))
        #expect(try String(contentsOfFile: folder + "/out/reports/rejected.csv", encoding: .utf8) == before)
    }
}

import EmbassyPacketsPipeline
import Foundation
import Testing

/// Runs the built `embassy-packets` executable as a coordinator would.
@Suite("Command line")
struct CommandLineTests {
    private func generate(_ arguments: [String], in folder: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.run(TestSupport.executable, ["generate"] + arguments, currentDirectory: TestSupport.root)
    }

    @Test func generateWritesPacketsAndASummary() throws {
        let folder = TestSupport.temporaryFolder()
        let result = try generate(["Samples/signatures.csv", "--out", folder, "--date", "2026-11-29"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: folder + "/packets").filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.count > 10)
        #expect(result.stderr.contains("embassy-packets: \(pdfs.count) packets, "))
        #expect(result.stderr.contains("Samples/signatures.csv:194: warning: row rejected: unknown country 'Atlantis'"))
        #expect(result.stderr.contains("[signature.duplicate]"))
        #expect(!result.stderr.contains("@example."))
        #expect(FileManager.default.fileExists(atPath: folder + "/packets/US.pdf"))
        #expect(FileManager.default.fileExists(atPath: folder + "/manifest.json"))
    }

    @Test func aMissingFileIsOneLineExitOneAndNothingWritten() throws {
        let folder = TestSupport.temporaryFolder() + "/out"
        let result = try generate(["Samples/signatures.csv", "no-such-file.csv", "--out", folder], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "no-such-file.csv: error: cannot read 'no-such-file.csv': No such file or directory\n")
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func missingColumnsAreNamed() throws {
        let scratch = TestSupport.temporaryFolder()
        let input = TestSupport.write("Timestamp,First Name,Country\n1,2,3\n", named: "partial.csv", in: scratch)
        let folder = scratch + "/out"
        let result = try generate([input, "--out", folder], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("partial.csv:1: error: missing required columns 'Last Name', 'City', 'Email Address'"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func aBadDateIsAUsageError() throws {
        let folder = TestSupport.temporaryFolder()
        let result = try generate(["Samples/signatures.csv", "--out", folder, "--date", "29/11/2026"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--date"))
    }

    @Test func validatePrintsTheReconciliationAndRendersNothing() throws {
        let folder = TestSupport.temporaryFolder()
        let result = try TestSupport.run(
            TestSupport.executable, ["validate", "Samples/signatures.csv", "Samples/signatures.json", "--out", folder],
            currentDirectory: TestSupport.root)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.first == "rows 209")
        #expect(lines.contains("US United States 40"))
        #expect(lines.contains("duplicates 3"))
        #expect(lines.contains("signature.unknown-country 1"))
        #expect(lines.contains("TW Taiwan 1"))
        #expect(!result.stdout.contains("@") && !result.stderr.contains("@example."))
        #expect(!FileManager.default.fileExists(atPath: folder + "/packets"))
        let rejected = try Data(contentsOf: URL(fileURLWithPath: folder + "/reports/rejected.csv"))
        #expect(Array(rejected.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(FileManager.default.fileExists(atPath: folder + "/reports/duplicates.csv"))
    }

    @Test func strictFailsOnRejectedRowsButStillWrites() throws {
        let folder = TestSupport.temporaryFolder()
        let result = try generate(["Samples/signatures.csv", "--out", folder, "--date", "2026-11-29", "--strict", "--quiet"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--strict: 4 rejected and"))
        #expect(FileManager.default.fileExists(atPath: folder + "/manifest.json"))
        let clean = TestSupport.write(FormCSV.header + "\n1,Ana,Silva,Porto,,Portugal,a@example.pt,\n", named: "clean.csv", in: folder)
        let ok = try TestSupport.run(TestSupport.executable, ["validate", clean, "--strict", "--quiet"], currentDirectory: TestSupport.root)
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test func columnAndEncodingOptions() throws {
        let folder = TestSupport.temporaryFolder()
        let input = TestSupport.write("Rufname;Zuname;Wohnsitz;Heimat;Kontakt\nJürgen;Müller;Köln;Deutschland;j@example.de\n", named: "de.csv", in: folder)
        let mapped = try TestSupport.run(
            TestSupport.executable,
            ["validate", input, "--column", "first=Rufname", "--column", "last=Zuname", "--column", "city=Wohnsitz", "--column", "country=Heimat", "--column", "email=Kontakt"],
            currentDirectory: TestSupport.root)
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout.contains("DE Germany"))
        let unmapped = try TestSupport.run(TestSupport.executable, ["validate", input], currentDirectory: TestSupport.root)
        #expect(unmapped.status == 1)
        #expect(unmapped.stderr.contains("the headers found are 'Rufname', 'Zuname', 'Wohnsitz', 'Heimat', 'Kontakt'"))
        let badColumn = try TestSupport.run(TestSupport.executable, ["validate", input, "--column", "nickname=X"], currentDirectory: TestSupport.root)
        #expect(badColumn.status != 0 && badColumn.status != 1)
        let badEncoding = try TestSupport.run(TestSupport.executable, ["validate", input, "--encoding", "ebcdic"], currentDirectory: TestSupport.root)
        #expect(badEncoding.status != 0 && badEncoding.status != 1)
    }

    @Test func languageAndBilingualLetters() throws {
        let chinese = TestSupport.temporaryFolder()
        let one = try generate(["Samples/signatures.csv", "--out", chinese, "--date", "2026-11-29", "--quiet", "--language", "zh-Hans"], in: chinese)
        #expect(one.status == 0, "\(one.stderr)")
        let kr = try TestSupport.pdfText(chinese + "/packets/KR.pdf")
        #expect(kr.contains("经由中华人民共和国驻大韩民国大使馆转呈"))
        #expect(TestSupport.squeezed(kr).contains("2026年11月29日"))
        #expect(!kr.contains("Dear Mr. President"))

        let both = TestSupport.temporaryFolder()
        let two = try generate(["Samples/signatures.csv", "--out", both, "--date", "2026-11-29", "--quiet", "--bilingual"], in: both)
        #expect(two.status == 0, "\(two.stderr)")
        let text = try TestSupport.pdfText(both + "/packets/KR.pdf")
        let english = try #require(text.range(of: "Dear Mr. President:"))
        let translated = try #require(text.range(of: "尊敬的主席先生："))
        let table = try #require(text.range(of: "Signatures from South Korea —"))
        #expect(english.lowerBound < translated.lowerBound && translated.lowerBound < table.lowerBound)
        #expect(text.contains("本信为英文原信的中文译文"))
        let raw = String(decoding: try Generator.readFile(both + "/packets/KR.pdf"), as: UTF8.self)
        #expect(raw.contains("/Title (Letter (zh-Hans))") || raw.contains("<FEFF004C0065007400740065007200200028007A0068002D00480061006E00730029>"))

        let missing = try generate(["Samples/signatures.csv", "--out", both + "/x", "--language", "fr"], in: both)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("letter.fr.xml"))
    }
}

/// Values from outside that crashed or did nothing are refused with one line.
@Suite("Refused values")
struct RefusedValueTests {
    @Test(arguments: ["-9223372036854775808", "9223372036854775807", "abc", "", "1e9", "253402300800"])
    func sourceDateEpochOutOfBoundsIsAUsageError(value: String) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = value
        let out = TestSupport.temporaryFolder() + "/out"
        let run = try TestSupport.run(TestSupport.executable, ["generate", TestSupport.sampleCSV, "--out", out, "--quiet",
            "--embassies", TestSupport.embassies, "--template", TestSupport.template], environment: environment)
        #expect(run.status == 2, "\(value): \(run.stderr)")
        #expect(run.stderr.contains("SOURCE_DATE_EPOCH must be"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aValidSourceDateEpochDatesTheLetters() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "253402300799"
        let out = TestSupport.temporaryFolder() + "/out"
        let run = try TestSupport.run(TestSupport.executable, ["generate", TestSupport.sampleCSV, "--out", out, "--quiet", "--only", "US",
            "--embassies", TestSupport.embassies, "--template", TestSupport.template], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8).contains("\"date\" : \"9999-12-31\""))
    }

    /// An empty --key-file, or a short EMBASSY_PACKETS_KEY, is named in its error line.
    @Test func aShortSignerKeyNamesWhereItCameFrom() throws {
        let folder = TestSupport.temporaryFolder()
        let key = TestSupport.write("", named: "signer.key", in: folder)
        let base = ["generate", TestSupport.sampleCSV, "--out", folder + "/out", "--quiet", "--embassies", TestSupport.embassies, "--template", TestSupport.template]
        let empty = try TestSupport.run(TestSupport.executable, base + ["--key-file", key])
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix("\(key): error: --key-file: the signer key must be at least 16 bytes long; the file holds nothing"), "\(empty.stderr)")
        var environment = ProcessInfo.processInfo.environment
        environment["EMBASSY_PACKETS_KEY"] = "short"
        let short = try TestSupport.run(TestSupport.executable, base, environment: environment)
        #expect(short.status == 1)
        #expect(short.stderr == "error: EMBASSY_PACKETS_KEY: the signer key must be at least 16 bytes long; it holds 5\n", "\(short.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }

    @Test func negativeCountsAndUnknownEmbassiesAreRefused() throws {
        let out = TestSupport.temporaryFolder() + "/out"
        let base = ["generate", TestSupport.sampleCSV, "--out", out, "--quiet", "--embassies", TestSupport.embassies, "--template", TestSupport.template]
        let pages = try TestSupport.run(TestSupport.executable, base + ["--max-pages", "-1"])
        #expect(pages.status == 2)
        #expect(pages.stderr.contains("--max-pages must be at least 2, not -1"))
        let only = try TestSupport.run(TestSupport.executable, base + ["--only", "XX"])
        #expect(only.status == 1)
        #expect(only.stderr.contains("--only XX: no packet of this run"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

extension RefusedValueTests {
    @Test func aClosedStderrEndsTheRunWithStatusOneNotASignal() throws {
        // SIGPIPE ignored and stderr the write end of a pipe whose reader is gone.
        let script = """
            import os, signal, subprocess, sys
            r, w = os.pipe(); os.close(r)
            p = subprocess.run(sys.argv[1:], stderr=w, stdout=subprocess.DEVNULL, preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
            print(p.returncode)
            """
        let run = try TestSupport.run("python3", ["-c", script, TestSupport.executable, "validate", TestSupport.sampleCSV, "--embassies", TestSupport.embassies])
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(run.stdout) \(run.stderr)")
    }
}

extension RefusedValueTests {
    @Test func sampleOntoADeviceWritesToItAndAFullDeviceFails() throws {
        let null = try TestSupport.run(TestSupport.executable, ["sample", "--count", "10", "--out", "/dev/null"])
        #expect(null.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
        let full = try TestSupport.run(TestSupport.executable, ["sample", "--count", "5000", "--out", "/dev/full"])
        #expect(full.status == 1)
        #expect(full.stderr.contains("No space left on device"))
        #expect(full.stderr.split(separator: "\n").count == 1)
    }
}

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
        #expect(result.stderr == "no-such-file.csv: error: cannot read 'no-such-file.csv': no such file\n")
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
}

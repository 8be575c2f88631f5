import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// Faults while writing: each leaves the previous output intact, says so clearly, and a rerun
/// succeeds.
@Suite("Faults", .serialized)
struct FaultTests {
    /// True where this process may mount a tmpfs (root with CAP_SYS_ADMIN, as on this project's machines).
    static let canMount: Bool = {
        let point = TestSupport.temporaryFolder("mount-probe")
        guard (try? TestSupport.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", point]))?.status == 0 else { return false }
        _ = try? TestSupport.run("umount", [point])
        return true
    }()

    static func generate(_ input: String, into folder: String, shell prefix: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let arguments = ["generate", input, "--out", folder, "--date", "2026-11-29", "--quiet", "--jobs", "1"]
        guard let prefix else { return try TestSupport.run(TestSupport.executable, arguments, currentDirectory: TestSupport.root) }
        let command = prefix + " exec " + ([TestSupport.executable] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try TestSupport.run("bash", ["-c", command], currentDirectory: TestSupport.root)
    }

    static func verify(_ folder: String) throws -> Int32 {
        try TestSupport.run(TestSupport.executable, ["verify", folder], currentDirectory: TestSupport.root).status
    }

    static func small() throws -> String {
        TestSupport.write(FormCSV.header + "\n1,Ana,Silva,Porto,,Portugal,a@example.pt,\n", named: "small.csv", in: TestSupport.temporaryFolder())
    }

    @Test func aWriteThatFailsLeavesThePreviousOutput() throws {
        // Files may not grow past 24 KiB (RLIMIT_FSIZE, with SIGXFSZ ignored): the packets' writes fail.
        let folder = TestSupport.temporaryFolder() + "/out"
        #expect(try Self.generate(try Self.small(), into: folder).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        let failed = try Self.generate(TestSupport.sampleCSV, into: folder, shell: "ulimit -f 24; trap '' XFSZ;")
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("error: cannot write"), "\(failed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")) == before)
        #expect(try Self.verify(folder) == 0)
        #expect(try Self.generate(TestSupport.sampleCSV, into: folder).status == 0)
        #expect(try Self.verify(folder) == 0)
    }

    @Test(.enabled(if: FaultTests.canMount)) func aFullDiskLeavesThePreviousOutput() throws {
        let point = TestSupport.temporaryFolder()
        #expect(try TestSupport.run("mount", ["-t", "tmpfs", "-o", "size=900k", "tmpfs", point]).status == 0)
        defer { _ = try? TestSupport.run("umount", ["-l", point]) }
        let folder = point + "/out"
        #expect(try Self.generate(try Self.small(), into: folder).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        let full = try Self.generate(TestSupport.sampleCSV, into: folder)
        #expect(full.status == 1)
        #expect(full.stderr.contains("No space left on device") || full.stderr.contains("cannot write"), "\(full.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")) == before)
        #expect(try Self.verify(folder) == 0)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: point)).contains { $0.contains("embassy-packets-") })
        #expect(try Self.generate(try Self.small(), into: folder).status == 0)
    }

    @Test(.enabled(if: FaultTests.canMount)) func aReadOnlyOutputFolderIsReported() throws {
        let point = TestSupport.temporaryFolder()
        #expect(try TestSupport.run("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", point]).status == 0)
        defer { _ = try? TestSupport.run("umount", ["-l", point]) }
        let folder = point + "/out"
        #expect(try Self.generate(try Self.small(), into: folder).status == 0)
        #expect(try TestSupport.run("mount", ["-o", "remount,ro", point]).status == 0)
        let refused = try Self.generate(TestSupport.sampleCSV, into: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: cannot create a folder beside"), "\(refused.stderr)")
        #expect(refused.stderr.lowercased().contains("read only") || refused.stderr.lowercased().contains("read-only"), "\(refused.stderr)")
        #expect(try Self.verify(folder) == 0)
        #expect(try TestSupport.run("mount", ["-o", "remount,rw", point]).status == 0)
        #expect(try Self.generate(TestSupport.sampleCSV, into: folder).status == 0)
    }

    @Test func anInterruptStopsCleanly() throws {
        let folder = TestSupport.temporaryFolder() + "/out"
        #expect(try Self.generate(try Self.small(), into: folder).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        let big = TestSupport.temporaryFolder() + "/big.csv"
        #expect(try TestSupport.run(TestSupport.executable, ["sample", "--count", "80000", "--out", big]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.executable)
        process.arguments = ["generate", big, "--out", folder, "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: TestSupport.root)
        let errPath = TestSupport.temporaryFolder() + "/stderr"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let parent = (folder as NSString).deletingLastPathComponent
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).contains(where: { $0.hasPrefix(".out.embassy-packets-") }) {
            usleep(20_000)
        }
        usleep(200_000)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect((try String(contentsOfFile: errPath, encoding: .utf8)).contains("error: interrupted: the previous output is left as it was"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")) == before)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: parent)).contains { $0.hasPrefix(".out.embassy-packets-") })
        #expect(try Self.verify(folder) == 0)
    }
}

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

    static func generate(_ input: String, into folder: String, shell prefix: String? = nil, tool: Tool = Tool()) throws -> (status: Int32, stdout: String, stderr: String) {
        let arguments = ["generate", input, "--out", folder, "--date", "2026-11-29", "--quiet", "--jobs", "1"] + tool.dataArguments
        guard let prefix else { return try TestSupport.run(tool.executable, arguments, currentDirectory: tool.folder) }
        let command = prefix + " exec " + ([tool.executable] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try TestSupport.run("bash", ["-c", command], currentDirectory: tool.folder)
    }

    /// The executable and its data files, and the folder it runs in.
    struct Tool {
        var executable = TestSupport.executable
        var folder = TestSupport.root
        var dataArguments: [String] = []

        /// A copy that another user may run and read, in `folder`: the checkout may sit in a
        /// folder only its owner can enter (a home folder, a `mktemp -d` clone), where `nobody`
        /// could run nothing at all.
        static func sharedCopy(in folder: String) throws -> Tool {
            let bin = folder + "/bin"
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: TestSupport.executable, toPath: bin + "/embassy-packets")
            for data in ["Embassies", "Templates"] {
                try FileManager.default.copyItem(atPath: TestSupport.path(data), toPath: folder + "/" + data)
            }
            for path in [folder, bin] + (try FileManager.default.subpathsOfDirectory(atPath: folder)).map({ folder + "/" + $0 }) {
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                chmod(path, isDirectory.boolValue || path.hasSuffix("/embassy-packets") ? 0o755 : 0o644)
            }
            return Tool(executable: bin + "/embassy-packets", folder: folder,
                        dataArguments: ["--embassies", folder + "/Embassies", "--template", folder + "/Templates/letter.xml"])
        }
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

    /// Runs as `nobody` when this process is root (root reads any file), else as itself.
    /// (`generate(shell:)` appends " exec COMMAND": the inner shell drops that word.)
    static var unprivileged: String { getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups bash -c 'shift; exec \"$@\"' --" : "" }

    /// A file the user may not read, an output folder in a folder they may not write: one line
    /// each, in the system's words.
    @Test func permissionDeniedIsSaidInTheSystemsWords() throws {
        let scratch = TestSupport.temporaryFolder()
        chmod(scratch, 0o755)
        // `nobody` must be able to pass through every folder above the scratch folder: each one
        // that others may not search gets that one bit, and keeps every other (a shared /tmp
        // keeps its sticky bit and its write permission).
        var parent = UserPath.parent(scratch)
        while parent != "/" && parent != "." {
            var info = stat()
            if stat(parent, &info) == 0, info.st_mode & 0o001 == 0 { chmod(parent, (info.st_mode & 0o7777) | 0o001) }
            parent = UserPath.parent(parent)
        }
        let input = TestSupport.write(FormCSV.header + "\n1,Ana,Silva,Porto,,Portugal,a@example.pt,\n", named: "private.csv", in: scratch)
        #expect(chmod(input, 0o000) == 0)
        let shared = TestSupport.write(FormCSV.header + "\n1,Ana,Silva,Porto,,Portugal,a@example.pt,\n", named: "shared.csv", in: scratch)
        #expect(chmod(shared, 0o644) == 0)
        let closed = scratch + "/closed"
        #expect(mkdir(closed, 0o555) == 0)
        let writable = scratch + "/writable"
        #expect(mkdir(writable, 0o777) == 0 && chmod(writable, 0o777) == 0)
        let tool = getuid() == 0 ? try Tool.sharedCopy(in: scratch + "/tool") : Tool()
        let unreadable = try Self.generate(input, into: writable + "/out", shell: Self.unprivileged, tool: tool)
        #expect(unreadable.status == 1)
        #expect(unreadable.stderr == "\(input): error: cannot read '\(input)': Permission denied\n", "\(unreadable.stderr)")
        let unwritable = try Self.generate(shared, into: closed + "/out", shell: Self.unprivileged, tool: tool)
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.hasSuffix(": Permission denied\n") && unwritable.stderr.split(separator: "\n").count == 1, "\(unwritable.stderr)")
        #expect(unwritable.stderr.hasPrefix(closed + "/out: error: "), "\(unwritable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: closed + "/out"))
    }

    /// A descriptor limit too low to render is said up front (it used to end in a Cairo
    /// assertion, or in a loop that filled the memory); a low soft limit is raised.
    @Test func tooFewFileDescriptorsAreSaidUpFront() throws {
        let folder = TestSupport.temporaryFolder()
        let starved = try Self.generate(TestSupport.sampleCSV, into: folder + "/starved", shell: "ulimit -n 20;")
        #expect(starved.status == 1)
        #expect(starved.stderr == "error: the process may open only 20 files (Too many open files): embassy-packets needs 64 or more; raise the limit (ulimit -n 1024)\n", "\(starved.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/starved"))
        let raised = try Self.generate(TestSupport.sampleCSV, into: folder + "/raised", shell: "ulimit -S -n 12;")
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(try Self.verify(folder + "/raised") == 0)
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

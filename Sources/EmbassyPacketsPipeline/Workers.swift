import CSystemShim
import EmbassyPacketsCore
import EmbassyPacketsRender
import Foundation

/// Renders packets on several cores at once, in separate processes: Pango and Cairo must not
/// render on two threads of one process (see `PacketRenderer`), but two processes are
/// independent. Each worker is the same `generate` command run again with `--worker K/N`: it
/// reads the packets the parent composed for it (`RenderJobs`, in the staging folder), renders
/// them into the run's staging folder and reports what it made in a small JSON file. It never
/// opens an input: the parent read each once.
public enum RenderWorkers {
    /// What a worker is told to do.
    public struct Role: Sendable {
        /// 1-based; the parent is 1 and renders its share itself.
        public var index: Int
        public var count: Int
        /// Where its PDFs go (the run's staging `packets/`).
        public var folder: String
        /// Where it writes its results.
        public var results: String
        /// The process that started it (the worker dies with it).
        public var parent: Int32 = 0

        /// Creates a role.
        public init(index: Int, count: Int, folder: String, results: String) {
            self.index = index
            self.count = count
            self.folder = folder
            self.results = results
        }
    }

    /// A rendered packet, as a worker reports it.
    struct Rendered: Codable {
        var stem: String
        var pages: Int
        var unknownGlyphs: Int
        var volumes: [Volume]
        var splitRows: [String]
        var layoutSeconds: Double
        var drawSeconds: Double

        struct Volume: Codable {
            var file: String
            var pages: Int
            var sha256: String
            var bytes: Int
        }

        init(stem: String, result: RenderResult) {
            self.stem = stem
            pages = result.pages
            unknownGlyphs = result.unknownGlyphs
            volumes = result.volumes.map { Volume(file: $0.file, pages: $0.pages, sha256: $0.sha256, bytes: $0.bytes) }
            splitRows = result.splitRows
            layoutSeconds = result.layoutSeconds
            drawSeconds = result.drawSeconds
        }

        var result: RenderResult {
            RenderResult(
                pages: pages, unknownGlyphs: unknownGlyphs, volumes: volumes.map { RenderResult.Volume(file: $0.file, pages: $0.pages, sha256: $0.sha256, bytes: $0.bytes) },
                splitRows: splitRows, layoutSeconds: layoutSeconds, drawSeconds: drawSeconds)
        }
    }

    /// Splits packets into `count` shares of about equal work (signatures), the largest first;
    /// every process computes the same split from the same plans.
    ///
    /// The parent (share 0) starts with a handicap of half a share: it also composes every
    /// packet and records the run, and a row's cost differs by script (a Vietnamese row took
    /// twice a Latin one), so a split by rows alone left it rendering alone at the end. Each
    /// share is in the order it is rendered, the largest packet first; once the parent is
    /// through its own, it takes the workers' packets not yet begun, from the smallest up
    /// (`claim`), so the processes finish together.
    static func split(_ plans: [PacketPlan], count: Int) -> [[Int]] {
        var shares = Array(repeating: [Int](), count: count)
        var loads = Array(repeating: 0, count: count)
        let order = plans.indices.sorted {
            plans[$0].signatureCount != plans[$1].signatureCount ? plans[$0].signatureCount > plans[$1].signatureCount : plans[$0].fileStem < plans[$1].fileStem
        }
        if count > 1 {
            let total = plans.reduce(0) { $0 + $1.signatureCount + 60 }
            loads[0] = total / count / 2
        }
        for index in order {
            let lightest = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 }!
            shares[lightest].append(index)
            // A packet's pages cost a little beyond its rows (the letter, the receipt).
            loads[lightest] += plans[index].signatureCount + 60
        }
        return shares
    }

    /// Claims a packet for this process: true for the one process that asks first (an
    /// exclusively created marker in the staging folder), false for any later one. Workers
    /// claim each of their packets before rendering it; the parent claims the ones it takes over.
    static func claim(folder: String, stem: String) -> Bool {
        let descriptor = open(claimPath(folder: folder, stem: stem), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// The marker that says a packet is taken.
    static func claimPath(folder: String, stem: String) -> String { folder + "/.claim-" + stem }

    /// A running worker. (`@unchecked Sendable`: Foundation's Process is not Sendable; a Child is used
    /// by the one thread that started it.)
    final class Child: @unchecked Sendable {
        let process: Process
        let role: Role
        let log: String

        init(process: Process, role: Role, log: String) {
            self.process = process
            self.role = role
            self.log = log
        }
    }

    /// Where the parent writes worker `index`'s jobs.
    static func jobsPath(folder: String, index: Int) -> String { folder + "/.worker-\(index).jobs" }

    /// Starts workers 2...count, whose jobs are written.
    static func start(command: [String], count: Int, folder: String) throws -> [Child] {
        guard count > 1, let executable = command.first else { return [] }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var children: [Child] = []
        for index in 2...count {
            let role = Role(index: index, count: count, folder: folder, results: folder + "/.worker-\(index).json")
            let log = folder + "/.worker-\(index).log"
            // Where the log cannot be made, the worker writes to the run's own stderr.
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(command.dropFirst()) + [
                "--worker", "\(index)/\(count)/\(getpid())", "--worker-folder", folder, "--worker-results", role.results,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: log)
            process.standardInput = FileHandle.nullDevice
            try process.run()
            children.append(Child(process: process, role: role, log: log))
        }
        return children
    }

    /// Waits for the workers and reads what they rendered, by packet file stem.
    static func finish(_ children: [Child]) throws -> [String: RenderResult] {
        var results: [String: RenderResult] = [:]
        for child in children {
            // Wait, but stop everything when the run is interrupted.
            while child.process.isRunning {
                if Cancellation.isRequested {
                    stop(children)
                    try Cancellation.check()
                }
                usleep(20_000)
            }
            defer { try? FileManager.default.removeItem(atPath: child.log) }
            guard child.process.terminationReason == .exit, child.process.terminationStatus == 0,
                let data = FileManager.default.contents(atPath: child.role.results),
                let rendered = try? JSONDecoder().decode([Rendered].self, from: data)
            else {
                var log = (try? String(contentsOfFile: child.log, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                if log.isEmpty {
                    // A worker that could not even write its log: most likely a full disk.
                    var info = statvfs()
                    let full = statvfs(child.role.folder, &info) == 0 && info.f_bavail == 0
                    let ended = child.process.terminationReason == .exit
                        ? "exit status \(child.process.terminationStatus)" : "signal \(child.process.terminationStatus)"
                    log = full ? "\(String(cString: strerror(ENOSPC))) (\(ended))" : ended
                }
                throw PipelineError(
                    stage: .render, message: "rendering worker \(child.role.index) of \(child.role.count) failed: \(log)",
                    location: log.contains(String(cString: strerror(ENOSPC))) ? SourceLocation(file: child.role.folder) : nil)
            }
            try? FileManager.default.removeItem(atPath: child.role.results)
            for item in rendered { results[item.stem] = item.result }
        }
        return results
    }

    /// How many processes render, of `started`: never more than there are packets (and at
    /// least one). The parent and every worker compute it from the same plans.
    public static func effectiveCount(started: Int, packets: Int) -> Int { max(1, min(started, packets)) }

    /// Stops workers (after a failure in the parent, or surplus ones); `discard` also removes
    /// their log and results files.
    static func stop(_ children: [Child], discard: Bool = false) {
        for child in children where child.process.isRunning { child.process.terminate() }
        for child in children {
            child.process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: jobsPath(folder: child.role.folder, index: child.role.index))
            if discard {
                try? FileManager.default.removeItem(atPath: child.log)
                try? FileManager.default.removeItem(atPath: child.role.results)
            }
        }
    }

    /// Makes this worker process die with the run that started it.
    static func bindToParent(_ role: Role) {
        if role.parent > 0 { _ = ep_die_with_parent(role.parent) }
    }

    /// Writes a worker's results.
    static func report(_ rendered: [Rendered], to path: String) throws {
        try Generator.writeFile(Array(try JSONEncoder().encode(rendered)), to: path)
    }
}

import CSystemShim
import EmbassyPacketsCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The output folder. A run builds everything in a hidden staging folder beside it
/// (`.NAME.embassy-packets-PID`) and swaps it into place only when everything was written,
/// the manifest last: an interrupted or failed run leaves the previous output as it was.
///
/// The folder is the coordinator's: only what an earlier run wrote (its manifest, packets,
/// reports, index, delivered list and the counts it names) is replaced. Anything else found there is carried into
/// the new output untouched, and a folder that is, or holds, an input, the current folder, the
/// home folder or `/` is refused, `--force` or not. A symlinked folder keeps its link: the
/// output goes where it points.
public struct OutputFolder {
    /// The folder as the coordinator named it, for messages.
    public let path: String
    /// Where the output really goes: absolute, symlinks followed.
    public let target: String
    /// The staging folder beside `target`.
    public let staging: String
    /// The coordinator's files in an existing output, relative to it, carried into the new one.
    public private(set) var kept: [String] = []

    /// Prefix of staging and retired folders, after the dot and the output's name.
    static let marker = ".embassy-packets-"
    /// What a run writes at the top of its output.
    static let owned: Set<String> = ["manifest.json", "index.pdf", "delivered.txt", "packets", "reports"]
    /// The reports a run writes.
    static let reportFiles: Set<String> = ["rejected.csv", "duplicates.csv", "unrouted.csv"]

    /// Checks that `path` may be written. `inputs` are the files the run reads: the output may
    /// neither be one nor hold one.
    public init(path: String, force: Bool, inputs: [String] = []) throws {
        self.path = path
        let location = SourceLocation(file: path)
        func refuse(_ message: String) -> PipelineError { PipelineError(stage: .output, message: message, location: location) }
        guard !path.isEmpty else { throw refuse("--out names no folder") }
        let target = Self.resolve(path)
        self.target = target
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].map(Self.resolve)
        let current = Self.resolve(".")
        if target == "/" { throw refuse("the output folder would be '/': name a new folder, e.g. --out packets") }
        if target == current { throw refuse("the output folder would be the current folder: name a new folder, e.g. --out packets") }
        if let home, target == home { throw refuse("the output folder would be your home folder: name a new folder, e.g. --out packets") }
        for input in inputs {
            let resolved = Self.resolve(input)
            if UserPath.contains(target, resolved) {
                throw refuse("the output folder \(resolved == target ? "is" : "holds") the input '\(input)': name a folder of its own, e.g. --out packets")
            }
        }
        let holdsHome = home.map { UserPath.contains(target, $0) } ?? false
        if UserPath.contains(target, current) || holdsHome {
            throw refuse("the output folder would hold the current or the home folder: name a new folder, e.g. --out packets")
        }
        if UserPath.name(target).utf8.count > 200 {
            throw refuse("'\(path)': \(String(cString: strerror(ENAMETOOLONG))) (the output folder's name may have at most 200 bytes)")
        }
        // The nearest folder that exists must be a folder, not a file.
        var ancestor = UserPath.parent(target)
        var isFolder: ObjCBool = false
        while !ancestor.isEmpty && ancestor != "/" && !FileManager.default.fileExists(atPath: ancestor, isDirectory: &isFolder) {
            ancestor = UserPath.parent(ancestor)
        }
        if FileManager.default.fileExists(atPath: ancestor, isDirectory: &isFolder), !isFolder.boolValue {
            throw refuse("'\(path)' cannot be made: '\(ancestor)' is a file, \(String(cString: strerror(ENOTDIR)).lowercased())")
        }
        staging = UserPath.join(UserPath.parent(target), ".\(UserPath.name(target))\(Self.marker)\(getpid())")

        var isDirectory: ObjCBool = false
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: target, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw refuse("'\(path)' is a file, not a folder") }
        let contents: [String]
        do {
            contents = try fileManager.contentsOfDirectory(atPath: target)
        } catch {
            throw refuse("cannot read the folder '\(path)': \(Self.reason(error))")
        }
        if contents.isEmpty { return }
        if let manifest = Self.earlierManifest(target) {
            // Everything the earlier run did not write stays.
            let written = Set(manifest.packets.flatMap { $0.volumes.map(\.file) } + manifest.packets.map(\.file))
            // The counts are the earlier run's only when its manifest names them: a coordinator's
            // own counts.csv beside an older output is theirs.
            let owned = Self.owned.union((manifest.counts ?? []).map(\.file))
            for entry in contents.sorted() where !owned.contains(entry) { kept.append(entry) }
            for folder in ["packets", "reports"] {
                for entry in ((try? fileManager.contentsOfDirectory(atPath: UserPath.join(target, folder))) ?? []).sorted() {
                    let relative = "\(folder)/\(entry)"
                    let ours = folder == "packets" ? written.contains(relative) : Self.reportFiles.contains(entry)
                    if !ours { kept.append(relative) }
                }
            }
            return
        }
        guard force else {
            throw refuse("'\(path)' is not empty and holds no embassy-packets manifest; choose another folder, or pass --force to write the output beside its files (nothing of theirs is deleted)")
        }
        let clashes = contents.filter { Self.owned.contains($0) || CountsFiles.names.contains($0) }.sorted()
        if !clashes.isEmpty {
            throw refuse("'\(path)' holds \(clashes.map { "'\($0)'" }.joined(separator: ", ")), which embassy-packets did not write and would replace: move \(clashes.count == 1 ? "it" : "them") away or choose another folder")
        }
        kept = contents.sorted()
    }

    /// An absolute path with symlinks followed as far as the path exists.
    static func resolve(_ path: String) -> String {
        var absolute = path.hasPrefix("/") ? path : UserPath.join(FileManager.default.currentDirectoryPath, path)
        absolute = UserPath.normalized(absolute)
        if let real = realpath(absolute, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let parent = UserPath.parent(absolute)
        if parent == absolute || parent.isEmpty { return absolute }
        return UserPath.join(resolve(parent), UserPath.name(absolute))
    }

    /// The manifest of an earlier embassy-packets run in a folder, if it holds one.
    static func earlierManifest(_ folder: String) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: UserPath.join(folder, "manifest.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let generator = object["generator"] as? [String: Any], generator["name"] as? String == ToolInfo.name
        else { return nil }
        return (try? JSONDecoder().decode(Manifest.self, from: data)) ?? Manifest(
            generator: Manifest.Generator(name: ToolInfo.name, version: ""), date: "", inputs: [],
            totals: Manifest.Totals(rows: 0, accepted: 0, duplicates: 0, rejected: 0, routed: 0, unrouted: 0),
            packets: [], unrouted: [:], rejected: [:])
    }

    /// True when a folder holds a manifest written by embassy-packets.
    public static func isEarlierOutput(_ folder: String) -> Bool { earlierManifest(folder) != nil }

    /// Creates the staging folder (with `packets/`), clearing what dead runs left beside the output.
    public func begin() throws {
        let fileManager = FileManager.default
        let parent = UserPath.parent(target)
        let name = UserPath.name(target)
        do {
            try fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            for entry in (try? fileManager.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(".\(name)\(Self.marker)") {
                let pid = Int32(entry.dropFirst(".\(name)\(Self.marker)".count).prefix { $0.isNumber }) ?? 0
                // This run's own staging folder (its workers may be writing into it) and another
                // live run's are left alone.
                if pid == getpid() || (pid > 0 && kill(pid, 0) == 0) { continue }
                try? fileManager.removeItem(atPath: UserPath.join(parent, entry))
            }
            try fileManager.createDirectory(atPath: UserPath.join(staging, "packets"), withIntermediateDirectories: true)
        } catch {
            throw PipelineError(stage: .output, message: "cannot create a folder beside '\(path)': \(Self.reason(error))", location: SourceLocation(file: path))
        }
    }

    /// Puts the staging folder in the output's place, in one atomic exchange where the output
    /// exists, after carrying the coordinator's files over; then removes what the earlier run wrote.
    public func commit() throws {
        let fileManager = FileManager.default
        let location = SourceLocation(file: path)
        guard fileManager.fileExists(atPath: target) else {
            do {
                try fileManager.moveItem(atPath: staging, toPath: target)
            } catch {
                throw PipelineError(stage: .output, message: "cannot put the new output in place: \(Self.reason(error))", location: location)
            }
            return
        }
        var moved: [String] = []
        func undo() {
            for relative in moved.reversed() { try? fileManager.moveItem(atPath: UserPath.join(staging, relative), toPath: UserPath.join(target, relative)) }
        }
        for relative in kept {
            let destination = UserPath.join(staging, relative)
            if fileManager.fileExists(atPath: destination) {
                undo()
                throw PipelineError(
                    stage: .output,
                    message: "'\(UserPath.join(path, relative))' was not written by embassy-packets and the new output has a file of that name: move it away and run again",
                    location: location)
            }
            do {
                try fileManager.createDirectory(atPath: UserPath.parent(destination), withIntermediateDirectories: true)
                try fileManager.moveItem(atPath: UserPath.join(target, relative), toPath: destination)
                moved.append(relative)
            } catch {
                undo()
                throw PipelineError(stage: .output, message: "cannot keep '\(UserPath.join(path, relative))' in the new output: \(Self.reason(error))", location: location)
            }
        }
        // renameat2(RENAME_EXCHANGE): both folders swap places in one step.
        if ep_rename_exchange(staging, target) == 0 {
            try? fileManager.removeItem(atPath: staging)
            return
        }
        let retired = staging + "-old"
        do {
            try fileManager.moveItem(atPath: target, toPath: retired)
        } catch {
            undo()
            throw PipelineError(stage: .output, message: "cannot put the new output in place: \(Self.reason(error))", location: location)
        }
        do {
            try fileManager.moveItem(atPath: staging, toPath: target)
        } catch {
            // Put the earlier output back, with the coordinator's files.
            try? fileManager.moveItem(atPath: retired, toPath: target)
            undo()
            throw PipelineError(stage: .output, message: "cannot put the new output in place: \(Self.reason(error))", location: location)
        }
        try? fileManager.removeItem(atPath: retired)
    }

    /// Removes the staging folder (after a failure). The coordinator's files are never in it
    /// then: `commit` moves them only right before the exchange, and back if that fails.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    static func reason(_ error: Error) -> String { SystemError.reason(error) }
}

import EmbassyPacketsCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `DIR/envelopes.json`: what an `envelopes` run wrote, so that the next run knows which files
/// it may replace (only those, unchanged since), and from which manifest.
public struct EnvelopeRecord: Codable, Sendable, Equatable {
    public var generator: Manifest.Generator
    /// The manifest the envelopes were made from (absent with `--all`).
    public var manifest: Manifest.FileRecord?
    /// The PDFs' date, `YYYY-MM-DD`.
    public var date: String
    public var envelopes: Int
    public var files: [Manifest.FileRecord]
}

/// Where `envelopes` writes: the output folder, which files in it are its own, and the staging
/// folder inside it.
extension Envelopes {
    /// Creates the output folder if needed; refuses a file in its place.
    static func prepareFolder(_ folder: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw PipelineError(stage: .output, message: "'\(folder)' is a file, not a folder: name the folder to write into with --out", location: SourceLocation(file: folder))
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(stage: .output, message: "cannot create the folder '\(folder)': \(SystemError.reason(error))", location: SourceLocation(file: folder))
        }
    }

    /// The files the previous run recorded (and left as it wrote them), after checking that
    /// every file this run writes is new or one of those: anything else there is the
    /// coordinator's and is refused, unless `force`.
    static func checkOwnership(folder: String, names: [String], force: Bool) throws -> [String] {
        let recordPath = UserPath.join(folder, recordName)
        var ours: [String: String] = [:]
        var recordIsOurs = false
        if let data = FileManager.default.contents(atPath: recordPath),
            let record = try? JSONDecoder().decode(EnvelopeRecord.self, from: data), record.generator.name == ToolInfo.name
        {
            recordIsOurs = true
            // Only the names this command writes: a record edited to list another file (the
            // manifest, a packet) never makes that file the command's to replace or remove.
            for file in record.files where Envelopes.ownNames.contains(file.file) { ours[file.file] = file.sha256 }
        }
        var unchanged: [String] = []
        for (name, sha) in ours.sorted(by: { $0.key < $1.key }) {
            let path = UserPath.join(folder, name)
            if let bytes = try? Generator.readFile(path), Generator.sha256Hex(bytes) == sha { unchanged.append(name) }
        }
        for name in names {
            let path = UserPath.join(folder, name)
            guard FileManager.default.fileExists(atPath: path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil else { continue }
            let mine = name == recordName ? recordIsOurs : unchanged.contains(name)
            if mine || force { continue }
            throw PipelineError(
                stage: .output,
                message: "'\(path)' was not written by embassy-packets envelopes\(ours[name] != nil ? " (or was changed since)" : ""): move it away, choose another --out, or pass --force to replace it",
                location: SourceLocation(file: path))
        }
        return unchanged
    }

    /// Removes staging folders that runs which are no longer alive left behind.
    static func clearDeadStaging(_ folder: String) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(stagingPrefix) {
            let pid = Int32(entry.dropFirst(stagingPrefix.count)) ?? 0
            if pid == getpid() || (pid > 0 && kill(pid, 0) == 0) { continue }
            try? FileManager.default.removeItem(atPath: UserPath.join(folder, entry))
        }
    }

    /// Renames the staged files into place, in order (the record last), removes the staging
    /// folder, and then the files of the previous run that this one did not write again
    /// (`labels.pdf` after `labels-a4.pdf` ...).
    static func commit(_ names: [String], from staging: String, to folder: String, previous: [String]) throws {
        for name in names {
            guard rename(UserPath.join(staging, name), UserPath.join(folder, name)) == 0 else {
                throw PipelineError(
                    stage: .output, message: "cannot put '\(name)' in place: \(String(cString: strerror(errno)))", location: SourceLocation(file: folder))
            }
        }
        try? FileManager.default.removeItem(atPath: staging)
        for old in previous where !names.contains(old) { try? FileManager.default.removeItem(atPath: UserPath.join(folder, old)) }
    }
}

import CSystemShim
import EmbassyPacketsCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The output folder, replaced as a whole: a run builds everything in a hidden staging folder
/// beside it (`.NAME.embassy-packets-PID`) and swaps it into place only when everything was
/// written, the manifest last. An interrupted or failed run leaves the previous output as it
/// was.
public struct OutputFolder {
    public let path: String
    public let staging: String
    private let parent: String
    private let name: String

    /// Prefix of staging and retired folders, after the dot and the output's name.
    static let marker = ".embassy-packets-"

    /// Checks that `path` may be written: absent, empty, or an earlier output (a folder with an
    /// embassy-packets manifest); anything else only with `force`.
    public init(path: String, force: Bool) throws {
        let standardized = (path as NSString).standardizingPath
        self.path = standardized
        parent = (standardized as NSString).deletingLastPathComponent.isEmpty ? "." : (standardized as NSString).deletingLastPathComponent
        name = (standardized as NSString).lastPathComponent
        staging = (parent as NSString).appendingPathComponent(".\(name)\(Self.marker)\(ProcessInfo.processInfo.processIdentifier)")
        var isDirectory: ObjCBool = false
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: standardized, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PipelineError(stage: .output, message: "'\(path)' is a file, not a folder", location: SourceLocation(file: path))
            }
            let contents = (try? fileManager.contentsOfDirectory(atPath: standardized)) ?? []
            if !contents.isEmpty && !force && !Self.isEarlierOutput(standardized) {
                throw PipelineError(
                    stage: .output,
                    message: "'\(path)' is not empty and holds no embassy-packets manifest; choose another folder or use --force to replace it",
                    location: SourceLocation(file: path))
            }
        }
    }

    /// True when a folder holds a manifest written by embassy-packets.
    public static func isEarlierOutput(_ folder: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("manifest.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let generator = object["generator"] as? [String: Any]
        else { return false }
        return generator["name"] as? String == ToolInfo.name
    }

    /// Creates the staging folder (with `packets/`), clearing what dead runs left beside the output.
    public func begin() throws {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            for entry in (try? fileManager.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(".\(name)\(Self.marker)") {
                let pid = Int32(entry.dropFirst(".\(name)\(Self.marker)".count).prefix { $0.isNumber }) ?? 0
                // This run's own staging folder (its workers may be writing into it) and another
                // live run's are left alone.
                if pid == getpid() || (pid > 0 && kill(pid, 0) == 0) { continue }
                try? fileManager.removeItem(atPath: (parent as NSString).appendingPathComponent(entry))
            }
            try fileManager.createDirectory(atPath: (staging as NSString).appendingPathComponent("packets"), withIntermediateDirectories: true)
        } catch {
            throw PipelineError(stage: .output, message: "cannot create a folder beside '\(path)': \(Self.reason(error))", location: SourceLocation(file: path))
        }
    }

    /// Puts the staging folder in the output's place, in one atomic exchange where the output
    /// exists, and removes the previous output.
    public func commit() throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path) {
            // renameat2(RENAME_EXCHANGE): both folders swap places in one step.
            if ep_rename_exchange(staging, path) == 0 {
                try? fileManager.removeItem(atPath: staging)
                return
            }
            let retired = staging + "-old"
            do {
                try fileManager.moveItem(atPath: path, toPath: retired)
                try fileManager.moveItem(atPath: staging, toPath: path)
            } catch {
                throw PipelineError(stage: .output, message: "cannot put the new output in place: \(Self.reason(error))", location: SourceLocation(file: path))
            }
            try? fileManager.removeItem(atPath: retired)
        } else {
            do {
                try fileManager.moveItem(atPath: staging, toPath: path)
            } catch {
                throw PipelineError(stage: .output, message: "cannot put the new output in place: \(Self.reason(error))", location: SourceLocation(file: path))
            }
        }
    }

    /// Removes the staging folder (after a failure).
    public func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

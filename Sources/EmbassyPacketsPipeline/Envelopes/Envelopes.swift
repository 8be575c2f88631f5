import EmbassyPacketsCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What `envelopes` is asked to do.
public struct EnvelopeOptions: Sendable {
    /// A `generate` run's manifest; nil with `--all` (every mission of the directory).
    public var manifestPath: String?
    /// Where the files go.
    public var outputDirectory: String
    public var embassiesFolder: String
    /// `--sender FILE`: the return address, instead of the packets' sender.
    public var senderPath: String?
    /// The template whose `<sender>` serves when nothing else names one (see `DataFiles`).
    public var templatePath: String?
    /// Replace files of the same names that this command did not write.
    public var force = false
    /// The PDFs' creation date, seconds since 1970, when there is no manifest (whose date serves).
    public var creationDate: Int64

    /// Creates options.
    public init(manifestPath: String?, outputDirectory: String, embassiesFolder: String, creationDate: Int64) {
        self.manifestPath = manifestPath
        self.outputDirectory = outputDirectory
        self.embassiesFolder = embassiesFolder
        self.creationDate = creationDate
    }
}

/// What `envelopes` made.
public struct EnvelopeReport: Sendable {
    /// The files written, by name inside the output folder, the record last.
    public var files: [String]
    public var items: [EnvelopeItem]
    /// The label sheets: file name, stock and sheet count.
    public var labels: [(file: String, stock: LabelStock, sheets: Int)]
    /// What the coordinator should know: no sender, a changed directory, addresses to check.
    public var notices: [Diagnostic]
}

/// `embassy-packets envelopes`: an envelope and a label for every packet file of a delivery
/// (or every mission of the directory), and the coordinator's checklist of them. `run` is the
/// list of stages: read (`EnvelopeInputs.swift`), check the folder, render into a staging
/// folder (`EnvelopeRendering.swift`), put the files in place (`EnvelopeFiles.swift`).
///
/// Writes into the output folder beside whatever is there, never replacing a file it did not
/// write: the files are made in a hidden staging folder inside it
/// (`.envelopes.embassy-packets-PID`), then renamed into place one by one, the record last; a
/// failure before that leaves the folder as it was.
public enum Envelopes {
    /// The record's name.
    public static let recordName = "envelopes.json"
    public static let envelopesName = "envelopes.pdf"
    public static let checklistName = "envelopes-checklist.pdf"
    static let stagingPrefix = ".envelopes.embassy-packets-"
    /// True for a name the command writes at the top of its folder.
    public static func isOwnName(_ name: String) -> Bool { ownNames.contains(name) }

    /// Every name the command may write, and so the only ones it may replace or remove.
    static let ownNames: Set<String> = [recordName, envelopesName, checklistName, "labels.pdf", "labels-a4.pdf", "labels-letter.pdf"]

    /// The label sheets' file names: `labels.pdf`, or one per paper when the packets are on both.
    public static func labelNames(_ papers: Set<Paper>) -> [(Paper, String)] {
        let sorted = Paper.allCases.filter(papers.contains)
        return sorted.count == 1 ? [(sorted[0], "labels.pdf")] : sorted.map { ($0, "labels-\($0.rawValue).pdf") }
    }

    /// Runs the command.
    public static func run(_ options: EnvelopeOptions) throws -> EnvelopeReport {
        var notices: [Diagnostic] = []
        let input = try read(options, notices: &notices)
        let labelFiles = labelNames(Set(input.items.map(\.paper)))
        let names = [envelopesName] + labelFiles.map(\.1) + [checklistName, recordName]

        let folder = options.outputDirectory.isEmpty ? "." : options.outputDirectory
        try prepareFolder(folder)
        let previous = try checkOwnership(folder: folder, names: names, force: options.force)
        clearDeadStaging(folder)
        let staging = UserPath.join(folder, "\(stagingPrefix)\(getpid())")
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw PipelineError(stage: .output, message: "cannot create a folder in '\(folder)': \(SystemError.reason(error))", location: SourceLocation(file: folder))
        }
        var committed = false
        defer { if !committed { try? FileManager.default.removeItem(atPath: staging) } }

        let made = try render(input, labelFiles: labelFiles, into: staging)
        if made.toCheck > 0 {
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.envelopesCheckBeforePosting,
                message: "\(made.toCheck == 1 ? "1 envelope needs" : "\(made.toCheck) envelopes need") checking before posting (an address not confirmed or not complete, a packet too thick, an address in very small type): each is marked in \(checklistName)",
                location: SourceLocation(file: options.outputDirectory)))
        }
        let record = EnvelopeRecord(
            generator: Manifest.Generator(name: ToolInfo.name, version: ToolInfo.version, commit: ToolInfo.commit),
            manifest: input.manifestRecord, date: input.date.description, envelopes: input.items.count, files: made.records)
        try Generator.writeFile(try Generator.jsonFile(record), to: UserPath.join(staging, recordName))

        try commit(made.records.map(\.file) + [recordName], from: staging, to: folder, previous: previous)
        committed = true
        return EnvelopeReport(files: made.records.map(\.file) + [recordName], items: input.items, labels: made.labels, notices: notices)
    }
}

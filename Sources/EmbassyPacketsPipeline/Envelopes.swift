import EmbassyPacketsCore
import EmbassyPacketsRender
import EmbassyPacketsXML
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

/// `embassy-packets envelopes`: an envelope and a label for every packet file of a delivery
/// (or every mission of the directory), and the coordinator's checklist of them.
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

    /// The label sheets' file names: `labels.pdf`, or one per paper when the packets are on both.
    public static func labelNames(_ papers: Set<Paper>) -> [(Paper, String)] {
        let sorted = Paper.allCases.filter(papers.contains)
        return sorted.count == 1 ? [(sorted[0], "labels.pdf")] : sorted.map { ($0, "labels-\($0.rawValue).pdf") }
    }

    /// Runs the command.
    public static func run(_ options: EnvelopeOptions) throws -> EnvelopeReport {
        var notices: [Diagnostic] = []
        var manifest: Manifest?
        var manifestRecord: Manifest.FileRecord?
        if let path = options.manifestPath {
            let bytes = try readManifest(path)
            manifest = try decodeManifest(path, bytes)
            manifestRecord = Manifest.FileRecord(file: path, sha256: Generator.sha256Hex(bytes))
        }

        let directory = try EmbassyDirectoryLoader.load(folder: options.embassiesFolder)
        if let recorded = manifest?.directory, let now = try? Generator.directoryFingerprint(options.embassiesFolder), recorded.sha256 != now.sha256 {
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.envelopesDirectoryChanged,
                message: "the embassy directory differs from the one the packets were made with ('\(recorded.path)'): the envelopes carry its addresses as they are now",
                location: SourceLocation(file: options.embassiesFolder)))
        }
        let sender = try loadSender(options, manifest: manifest, notices: &notices)
        if (sender?.organisation ?? sender?.name) == nil && (sender?.address ?? []).isEmpty {
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.envelopesNoSender,
                message: "no sender is known (no --sender FILE, and the template has no <sender> with an address): the return address is left blank"))
        }
        let resolver = CountryResolver(directory: directory)
        let items: [EnvelopeItem]
        if let manifest {
            items = try EnvelopePlanner.items(for: manifest, directory: directory, sender: sender, resolver: resolver)
        } else {
            items = EnvelopePlanner.allMissions(directory: directory, sender: sender, resolver: resolver)
        }
        guard !items.isEmpty else {
            throw PipelineError(
                stage: .output, message: "the manifest lists no packets: there is nothing to put in envelopes",
                location: options.manifestPath.map { SourceLocation(file: $0) })
        }

        let date = manifest.flatMap { LetterDate(iso: $0.date) } ?? LetterDate(secondsSince1970: options.creationDate)
        let creation = manifest == nil ? options.creationDate : date.secondsSince1970
        let creator = "\(ToolInfo.name) \(ToolInfo.version)"
        func metadata(_ title: String, _ subject: String) -> PacketDocument.Metadata {
            PacketDocument.Metadata(
                title: title, author: sender?.organisation ?? sender?.name ?? "", subject: subject, creator: creator, creationDate: creation)
        }
        let labelFiles = labelNames(Set(items.map(\.paper)))
        let names = [envelopesName] + labelFiles.map(\.1) + [checklistName, recordName]

        let folder = options.outputDirectory.isEmpty ? "." : options.outputDirectory
        try prepareFolder(folder)
        let previous = try checkOwnership(folder: folder, names: names, force: options.force)
        let staging = UserPath.join(folder, "\(stagingPrefix)\(getpid())")
        clearDeadStaging(folder)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw PipelineError(stage: .output, message: "cannot create a folder in '\(folder)': \(SystemError.reason(error))", location: SourceLocation(file: folder))
        }
        var committed = false
        defer { if !committed { try? FileManager.default.removeItem(atPath: staging) } }

        let renderer = PacketRenderer()
        var records: [Manifest.FileRecord] = []
        let envelopes = try renderer.renderEnvelopes(
            items, metadata: metadata("Envelopes", "One envelope per packet file"), to: UserPath.join(staging, envelopesName))
        records.append(Manifest.FileRecord(file: envelopesName, sha256: envelopes.sha256, bytes: envelopes.bytes, pages: envelopes.pages))
        // An address that fits only in very small type is for the coordinator to look at.
        var checks = items.map(\.checks)
        for (index, size) in envelopes.sizes.enumerated() where size < EnvelopeType.smallestComfortable.envelope {
            checks[index].append("the address is printed at \(Self.points(size)) on the envelope: check that it can be read")
        }
        var labels: [(file: String, stock: LabelStock, sheets: Int)] = []
        var labelPlace: [Int: String] = [:]
        for (paper, name) in labelFiles {
            let stock = LabelStock.stock(for: paper)
            let indices = items.indices.filter { items[$0].paper == paper }
            for (position, index) in indices.enumerated() {
                let cell = position % stock.perSheet
                labelPlace[index] = "Label: \(name), sheet \(position / stock.perSheet + 1), row \(cell / stock.columns + 1), column \(cell % stock.columns + 1)"
            }
            let written = try renderer.renderLabels(
                indices.map { items[$0] }, stock: stock, metadata: metadata("Address labels (\(stock.name))", "Address labels for the packets"),
                to: UserPath.join(staging, name))
            records.append(Manifest.FileRecord(file: name, sha256: written.sha256, bytes: written.bytes, pages: written.pages))
            labels.append((name, stock, written.pages))
            for (position, size) in written.sizes.enumerated() where size < EnvelopeType.smallestComfortable.label {
                checks[indices[position]].append("the label is printed at \(Self.points(size)): check that it can be read, or address the envelope itself")
            }
        }
        let rows = items.enumerated().map { index, item in
            EnvelopeChecklist.Row(
                envelope: "Envelope \(index + 1) (\(envelopesName) page \(index + 1)): \(item.stock.name)"
                    + (item.pages == nil ? "" : ", \(item.sheets) sheet\(item.sheets == 1 ? "" : "s")"),
                label: labelPlace[index] ?? "", file: item.file ?? "", address: item.recipient, checks: checks[index])
        }
        // No path: the same delivery gives the same bytes wherever its folder is.
        let origin = manifest == nil ? "Every mission of the embassy directory" : "The delivery of \(Formatting.date(date, language: "en"))"
        let toCheck = checks.filter { !$0.isEmpty }
        if !toCheck.isEmpty {
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.envelopesCheckBeforePosting,
                message: "\(toCheck.count == 1 ? "1 envelope needs" : "\(toCheck.count) envelopes need") checking before posting (an address not confirmed or not complete, a packet too thick, an address in very small type): each is marked in \(checklistName)",
                location: SourceLocation(file: options.outputDirectory)))
        }
        let returnLines = PostalAddress.returnAddress(sender, international: false, resolver: resolver)
        let subtitle = [
            "\(origin): \(items.count) envelope\(items.count == 1 ? "" : "s"); \(toCheck.isEmpty ? "nothing to check" : "\(toCheck.count) to check before posting, shaded below").",
            returnLines.isEmpty ? "Return address: none (no sender known), left blank." : "Return address: " + returnLines.joined(separator: " · "),
        ].joined(separator: "\n")
        let checklist = try renderer.renderChecklist(
            EnvelopeChecklist(
                title: "Envelopes and labels: the coordinator's copy", subtitle: subtitle, rows: rows,
                paper: items.allSatisfy { $0.paper == .letter } ? .letter : .a4,
                metadata: metadata("Envelopes and labels: the coordinator's copy", "What to check before posting")),
            to: UserPath.join(staging, checklistName))
        records.append(Manifest.FileRecord(file: checklistName, sha256: checklist.sha256, bytes: checklist.bytes, pages: checklist.pages))

        let record = EnvelopeRecord(
            generator: Manifest.Generator(name: ToolInfo.name, version: ToolInfo.version, commit: ToolInfo.commit),
            manifest: manifestRecord,
            date: date.description, envelopes: items.count, files: records)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try Generator.writeFile(Array(try encoder.encode(record)) + [0x0A], to: UserPath.join(staging, recordName))

        // Into place: the PDFs, then the record that names them.
        for name in records.map(\.file) + [recordName] {
            guard rename(UserPath.join(staging, name), UserPath.join(folder, name)) == 0 else {
                throw PipelineError(
                    stage: .output, message: "cannot put '\(name)' in place: \(String(cString: strerror(errno)))", location: SourceLocation(file: folder))
            }
        }
        committed = true
        try? FileManager.default.removeItem(atPath: staging)
        // What the previous run wrote and this one did not (labels.pdf after labels-a4.pdf ...).
        for old in previous where !names.contains(old) { try? FileManager.default.removeItem(atPath: UserPath.join(folder, old)) }
        return EnvelopeReport(files: records.map(\.file) + [recordName], items: items, labels: labels, notices: notices)
    }

    /// "5.3 pt".
    static func points(_ size: Double) -> String {
        let tenths = Int((size * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) pt"
    }

    /// The manifest's bytes, or one line saying why they cannot be had.
    static func readManifest(_ path: String) throws -> [UInt8] {
        do {
            return try Generator.readFile(path)
        } catch let error as PipelineError {
            throw PipelineError(
                stage: .output, message: error.message.replacingOccurrences(of: "cannot read '\(path)'", with: "cannot read the manifest")
                    + " (give the output folder of a generate run, or its manifest.json)",
                location: SourceLocation(file: path))
        }
    }

    static func decodeManifest(_ path: String, _ bytes: [UInt8]) throws -> Manifest {
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(bytes))
        } catch {
            throw PipelineError(
                stage: .output, message: "not an embassy-packets manifest: \(Verification.decodingReason(error))", location: SourceLocation(file: path))
        }
        guard manifest.generator.name == ToolInfo.name else {
            throw PipelineError(stage: .output, message: "not an embassy-packets manifest: it was written by '\(manifest.generator.name)'", location: SourceLocation(file: path))
        }
        return manifest
    }

    /// Who sends the packets, for the return address: `--sender FILE`; else the sender file the
    /// packets were made with, when the manifest names one and it is unchanged; else the
    /// template's `<sender>` (the manifest's template, else the default one); else nobody.
    static func loadSender(_ options: EnvelopeOptions, manifest: Manifest?, notices: inout [Diagnostic]) throws -> Sender? {
        let letters = manifest?.options?.letters ?? []
        let manifestTemplate = letters.first.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        func template() throws -> String { try manifestTemplate ?? options.templatePath ?? DataFiles.template(nil) }
        func senderFile(_ path: String) throws -> Sender {
            let templatePath = try template()
            guard let letterSchema = TemplateLoader.schemaPath(for: templatePath) else {
                throw PipelineError(stage: .template, message: "cannot find letter.rng beside the template or in Templates/", location: SourceLocation(file: templatePath))
            }
            let schema = SenderLoader.schemaPath(besideLetterSchema: letterSchema)
            guard FileManager.default.fileExists(atPath: schema) else {
                throw PipelineError(stage: .template, message: "cannot find sender.rng beside \(letterSchema); it checks the sender file", location: SourceLocation(file: path))
            }
            return try SenderLoader.load(path: path, schema: schema)
        }
        if let path = options.senderPath { return try senderFile(path) }
        if let used = manifest?.templates.first(where: { !letters.contains($0.file) }) {
            if let bytes = try? Generator.readFile(used.file), Generator.sha256Hex(bytes) == used.sha256 {
                return try senderFile(used.file)
            }
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.envelopesSenderChanged,
                message: "the sender file the packets were made with is gone or has changed since: the return address comes from the template; give --sender FILE for another",
                location: SourceLocation(file: used.file)))
        }
        return try TemplateLoader.load(path: try template()).sender
    }

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
            for file in record.files where !file.file.contains("/") { ours[file.file] = file.sha256 }
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
}

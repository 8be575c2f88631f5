import EmbassyPacketsCore
import EmbassyPacketsXML
import Foundation

/// What `envelopes` reads: the manifest, the directory, who sends the packets; and so which
/// envelopes it makes.
extension Envelopes {
    /// What a run works from.
    struct Input {
        var manifest: Manifest?
        /// The manifest as read (its path and SHA-256), for the record.
        var manifestRecord: Manifest.FileRecord?
        var sender: Sender?
        var resolver: CountryResolver
        var items: [EnvelopeItem]
        /// The date on the PDFs: the manifest's, else the options'.
        var date: LetterDate
        /// The PDFs' creation time, seconds since 1970.
        var creation: Int64
    }

    /// Reads the manifest (when there is one), the directory and the sender, and plans the
    /// envelopes; what the coordinator should know goes to `notices`.
    static func read(_ options: EnvelopeOptions, notices: inout [Diagnostic]) throws -> Input {
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
        // What goes in the post carries no at-sign: a sender part holding one is refused, not
        // left off the return address without a word.
        if let sender {
            for (part, value) in [("organisation", sender.organisation), ("name", sender.name)] + sender.address.map({ ("address line", Optional($0)) })
            where value.map(AddressMask.holdsAnyAtSign) ?? false {
                throw PipelineError(
                    stage: .template,
                    message: "the sender's \(part) '\(AddressMask.mask(value!))' holds an at-sign, which an envelope never carries: remove it from the sender file (the email has a <email> of its own)")
            }
        }
        if (sender?.organisation ?? sender?.name) == nil && (sender?.address ?? []).isEmpty {
            let why = options.senderPath != nil
                ? "the --sender file names no organisation, name or postal address"
                : "no --sender FILE, and the template has no <sender> with an address"
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.envelopesNoSender, message: "no sender is known (\(why)): the return address is left blank"))
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
        return Input(
            manifest: manifest, manifestRecord: manifestRecord, sender: sender, resolver: resolver, items: items, date: date,
            creation: manifest == nil ? options.creationDate : date.secondsSince1970)
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

    /// The generate output the manifest sits in, when there is one.
    static func outputFolder(_ options: EnvelopeOptions) -> String? {
        options.manifestPath.map { UserPath.parent($0).isEmpty ? "." : UserPath.parent($0) }
    }

    /// Who sends the packets, for the return address: `--sender FILE`; else the sender file the
    /// packets were made with, when the manifest names one and it is unchanged; else the
    /// template's `<sender>` (the manifest's template, else the default one); else nobody.
    static func loadSender(_ options: EnvelopeOptions, manifest: Manifest?, notices: inout [Diagnostic]) throws -> Sender? {
        let letters = manifest?.options?.letters ?? []
        let manifestTemplate = letters.first.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        func template() throws -> String { try manifestTemplate ?? options.templatePath ?? DataFiles.template(nil) }
        func senderFile(_ path: String) throws -> Sender { try Generator.loadSenderFile(path, templatePath: try template()) }
        if let path = options.senderPath { return try senderFile(path) }
        // The manifest lists the letters it used, and then the sender file when there was one.
        if manifest?.options != nil, let used = manifest?.templates.first(where: { !letters.contains($0.file) }) {
            // A path recorded relative to the folder generate ran in: that is, for `--out DIR`
            // given relative to it, the folder the output sits in.
            var candidates = [used.file]
            if !used.file.hasPrefix("/"), let output = outputFolder(options) {
                candidates.append(UserPath.join(UserPath.parent(output).isEmpty ? "." : UserPath.parent(output), used.file))
            }
            for candidate in candidates {
                if let bytes = try? Generator.readFile(candidate), Generator.sha256Hex(bytes) == used.sha256 {
                    return try senderFile(candidate)
                }
            }
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.envelopesSenderChanged,
                message: "the sender file the packets were made with cannot be read from here, or has changed since: the return address comes from the template; give --sender FILE",
                location: SourceLocation(file: used.file)))
        }
        return try TemplateLoader.load(path: try template()).sender
    }
}

import Crypto
import EmbassyPacketsCore
import EmbassyPacketsRender
import EmbassyPacketsXML
import Foundation

/// The tool's name and version, as the manifest and PDFs record them.
public enum ToolInfo {
    public static let name = "embassy-packets"
    public static let version = "0.1.0"
}

/// How signature files are read and signers counted.
public struct IntakeOptions: Sendable {
    /// Column overrides (`--column first=Vorname`).
    public var columns: [Column: String]
    /// How files without a byte-order mark are decoded.
    public var encoding: TextEncoding
    public var dedup: DedupMode
    /// `--route` overrides and `--by consulate`.
    public var routing: RoutingOptions

    /// Creates intake options.
    public init(columns: [Column: String] = [:], encoding: TextEncoding = .utf8, dedup: DedupMode = .exact, routing: RoutingOptions = RoutingOptions()) {
        self.columns = columns
        self.encoding = encoding
        self.dedup = dedup
        self.routing = routing
    }
}

/// What `generate` is asked to do.
public struct GenerateOptions: Sendable {
    public var inputs: [String]
    public var intake: IntakeOptions
    public var outputDirectory: String
    /// The date printed on the letters.
    public var date: LetterDate
    /// The PDF creation date (seconds since 1970); midnight of `date` unless SOURCE_DATE_EPOCH says otherwise.
    public var creationDate: Int64
    public var embassiesFolder: String
    public var templatePath: String
    /// Letters printed after the first, each on its own pages (`--bilingual`).
    public var translationPaths: [String]
    /// The signature tables' columns.
    public var columns: [TableColumn]
    /// Paper for every packet, instead of each embassy country's own.
    public var paper: Paper?
    /// Packets longer than this are split into volumes.
    public var maxPages: Int

    /// Creates options.
    public init(
        inputs: [String], intake: IntakeOptions = IntakeOptions(), outputDirectory: String, date: LetterDate, creationDate: Int64? = nil,
        embassiesFolder: String = "Embassies", templatePath: String = "Templates/letter.xml", translationPaths: [String] = [],
        columns: [TableColumn] = TableColumn.standard,
        paper: Paper? = nil, maxPages: Int = 500
    ) {
        self.columns = columns
        self.paper = paper
        self.maxPages = max(1, maxPages)
        self.inputs = inputs
        self.intake = intake
        self.outputDirectory = outputDirectory
        self.date = date
        self.creationDate = creationDate ?? date.secondsSince1970
        self.embassiesFolder = embassiesFolder
        self.templatePath = templatePath
        self.translationPaths = translationPaths
    }
}

/// What a run made.
public struct GenerateReport: Sendable {
    public var manifest: Manifest
    /// Every row that was not delivered, as a diagnostic (emails masked).
    public var diagnostics: [Diagnostic]
    /// Characters no font could draw, per packet code.
    public var unknownGlyphs: [String: Int]

    /// Total pages over all packets.
    public var pages: Int { manifest.packets.reduce(0) { $0 + $1.pages } }
}

/// Everything intake, validation, deduplication and routing made of the inputs.
public struct PreparedRun: Sendable {
    public var inputs: [Manifest.Input]
    public var sorted: SortedRows
    /// The letter templates (the letter, then translations); empty when only intake was asked for (`validate`).
    public var templates: [LetterTemplate]
    public var countries: CountryResolver
}

/// Runs the whole job: intake → validation → deduplication → routing → letters → PDFs → manifest.
public enum Generator {
    /// Reads and checks everything that comes before rendering. Throws on any input that
    /// cannot be used at all; nothing is written.
    public static func prepare(
        inputs: [String], intake: IntakeOptions = IntakeOptions(), embassiesFolder: String, templatePath: String?,
        translationPaths: [String] = []
    ) throws -> PreparedRun {
        guard !inputs.isEmpty else { throw PipelineError(stage: .intake, message: "no input files given") }
        let directory = try EmbassyDirectoryLoader.load(folder: embassiesFolder)
        let templates = try ((templatePath.map { [$0] } ?? []) + translationPaths).map { try TemplateLoader.load(path: $0) }
        let countries = CountryResolver(directory: directory)
        for (from, to) in intake.routing.overrides.sorted(by: { $0.key < $1.key }) {
            guard directory[to]?.missionClass == .embassy, directory[to]?.mission != nil else {
                throw PipelineError(stage: .directory, message: "--route \(from)=\(to): the directory has no embassy in \(to)")
            }
        }
        let reader = SignatureReader(overrides: intake.columns, encoding: intake.encoding)
        var records: [SignatureRecord] = []
        var manifestInputs: [Manifest.Input] = []
        for path in inputs {
            let bytes = try readFile(path)
            let result = try reader.read(bytes: bytes, path: path, firstOrder: records.count)
            manifestInputs.append(Manifest.Input(path: path, sha256: sha256Hex(bytes), rows: result.records.count))
            if records.isEmpty { records = result.records } else { records += result.records }
        }
        let sorted = SortedRows.sort(
            consume records, validator: Validator(countries: countries, dedup: intake.dedup), router: Router(directory: directory, countries: countries, options: intake.routing))
        let imbalances = sorted.totals.imbalances
        guard imbalances.isEmpty else {
            throw PipelineError(stage: .compose, message: "the rows do not add up: " + imbalances.joined(separator: "; "))
        }
        return PreparedRun(inputs: manifestInputs, sorted: sorted, templates: templates, countries: countries)
    }

    /// Runs `generate`.
    public static func generate(_ options: GenerateOptions) throws -> GenerateReport {
        let run = try prepare(
            inputs: options.inputs, intake: options.intake, embassiesFolder: options.embassiesFolder, templatePath: options.templatePath,
            translationPaths: options.translationPaths)
        let fillers = run.templates.map { LetterFiller(template: $0) }
        let creator = "\(ToolInfo.name) \(ToolInfo.version)"

        // Render into a fresh folder beside the output, then put it in place.
        let fileManager = FileManager.default
        let output = options.outputDirectory
        do {
            try fileManager.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(stage: .output, message: "cannot create the output folder: \(error.localizedDescription)", location: SourceLocation(file: output))
        }
        let staging = (output as NSString).appendingPathComponent(".packets-\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? fileManager.removeItem(atPath: staging)
        try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(atPath: staging) }

        let plans = run.sorted.plans
        let results = try renderAll(plans) { plan, renderer in
            let letters = fillers.map { $0.fill(for: plan, date: options.date) }
            let document = plan.document(
                letters: letters, creator: creator, creationDate: options.creationDate, columns: options.columns,
                paper: options.paper, maxPages: options.maxPages)
            return try renderer.render(document, folder: staging, stem: plan.fileStem)
        }

        let packetsFolder = (output as NSString).appendingPathComponent("packets")
        try? fileManager.removeItem(atPath: packetsFolder)
        do {
            try fileManager.moveItem(atPath: staging, toPath: packetsFolder)
        } catch {
            throw PipelineError(stage: .output, message: "cannot move the packets into place: \(error.localizedDescription)", location: SourceLocation(file: packetsFolder))
        }

        var packets: [Manifest.Packet] = []
        var unknownGlyphs: [String: Int] = [:]
        for (plan, result) in zip(plans, results) {
            var volumes: [Manifest.Packet.Volume] = []
            for volume in result.volumes {
                let relative = "packets/\(volume.file)"
                let bytes = try readFile((output as NSString).appendingPathComponent(relative))
                volumes.append(Manifest.Packet.Volume(file: relative, sha256: sha256Hex(bytes), bytes: bytes.count, pages: volume.pages))
            }
            packets.append(Manifest.Packet(
                embassy: plan.code, mission: plan.mission.name, file: volumes[0].file, sha256: volumes[0].sha256,
                bytes: volumes.reduce(0) { $0 + $1.bytes }, pages: result.pages, signatures: plan.signatureCount,
                countries: plan.countryCounts, consulate: plan.consulate == nil ? nil : plan.mission.slug,
                addressVerified: plan.mission.addressVerified, unknownGlyphs: result.unknownGlyphs, volumes: volumes))
            unknownGlyphs[plan.fileStem] = result.unknownGlyphs
        }
        let sorted = run.sorted
        let manifest = Manifest(
            generator: Manifest.Generator(name: ToolInfo.name, version: ToolInfo.version), date: options.date.description,
            inputs: run.inputs, totals: sorted.totals, packets: packets, unrouted: sorted.unroutedByCountry,
            rejected: sorted.rejectedByReason, regionUnmatched: options.intake.routing.byConsulate ? sorted.regionUnmatched : nil)
        try Reports.write(sorted, to: (output as NSString).appendingPathComponent("reports"))
        try writeManifest(manifest, to: (output as NSString).appendingPathComponent("manifest.json"))
        return GenerateReport(manifest: manifest, diagnostics: sorted.diagnostics, unknownGlyphs: unknownGlyphs)
    }

    /// Renders the packets one after another with one renderer. Cairo 1.16 shares FreeType
    /// faces between threads without locking them everywhere (a crash in FT_Get_First_Char
    /// was seen with two packets rendering at once), so Pango and Cairo run on one thread.
    static func renderAll(_ plans: [PacketPlan], render: (PacketPlan, PacketRenderer) throws -> RenderResult) throws -> [RenderResult] {
        let renderer = PacketRenderer()
        return try plans.map { try render($0, renderer) }
    }

    /// Writes the manifest with sorted keys, so that equal runs give equal bytes.
    public static func writeManifest(_ manifest: Manifest, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(manifest)
        data.append(0x0A)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PipelineError(stage: .output, message: "cannot write the manifest: \(error.localizedDescription)", location: SourceLocation(file: path))
        }
    }

    /// The bytes of a file, or a one-line error naming it.
    public static func readFile(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw PipelineError(stage: .intake, message: "cannot read '\(path)': \(reason)", location: SourceLocation(file: path))
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw PipelineError(stage: .intake, message: "cannot read '\(path)': \(error.localizedDescription)", location: SourceLocation(file: path))
        }
    }

    /// Lowercase hex SHA-256.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

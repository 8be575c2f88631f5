import EmbassyPacketsCore
import Foundation

/// How signature files are read and signers counted.
public struct IntakeOptions: Sendable {
    /// Column overrides (`--column first=Vorname`).
    public var columns: [Column: String]
    /// How files that are not UTF-8 are decoded; nil detects the code page.
    public var encoding: TextEncoding?
    public var dedup: DedupMode
    /// `--route` overrides and `--by consulate`.
    public var routing: RoutingOptions
    /// `--date-order`: how ambiguous dates are read; nil decides from each file's values.
    public var dateOrder: DateOrder?
    /// `--allow-mostly-undelivered`: go on when most rows fall to one reason or nothing is delivered.
    public var allowMostlyUndelivered: Bool
    /// `--source paper`: every input is typed in from paper signature sheets.
    public var paper: Bool

    /// Creates intake options.
    public init(
        columns: [Column: String] = [:], encoding: TextEncoding? = nil, dedup: DedupMode = .exact, routing: RoutingOptions = RoutingOptions(),
        dateOrder: DateOrder? = nil, allowMostlyUndelivered: Bool = false, paper: Bool = false
    ) {
        self.paper = paper
        self.columns = columns
        self.encoding = encoding
        self.dedup = dedup
        self.routing = routing
        self.dateOrder = dateOrder
        self.allowMostlyUndelivered = allowMostlyUndelivered
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
    /// A sender file (`--sender`): who sends the petition, instead of the template's `<sender>`.
    public var senderPath: String? = nil
    /// How much of each PDF's structure is tagged (`--tags`).
    public var tagging: PacketDocument.Tagging = .cells
    /// The signature tables' columns.
    public var columns: [TableColumn]
    /// Paper for every packet, instead of each embassy country's own.
    public var paper: Paper?
    /// Packets longer than this are split into volumes.
    public var maxPages: Int
    /// Replace an output folder that is not an earlier output.
    public var force: Bool = false
    /// Render only these embassies' packets (`--only US,KR`).
    public var only: Set<String>? = nil
    /// Render only shard K of N (`--shard K/N`), 1-based.
    public var shard: (index: Int, count: Int)? = nil
    /// An earlier delivery's manifest: render only the signers it did not deliver (`--since`).
    public var since: String? = nil
    /// The key for signers' keyed hashes; without one, no delivered list is written.
    public var signerKey: SignerKey? = nil
    /// Told about progress (rows read, packets rendered).
    public var progress: (any ProgressSink)? = nil
    /// How many processes render at once (see `RenderWorkers`); 1 renders in this process only.
    public var jobs: Int = 1
    /// The command line that runs this same generate again, for the worker processes.
    public var workerCommand: [String]? = nil
    /// Set in a worker process: render this share into the parent's staging folder and stop.
    public var worker: RenderWorkers.Role? = nil

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
    /// What intake decided on its own or warns about (also in the manifest).
    public var notices: [Diagnostic] = []
    /// The coordinator's files found in the output folder and kept in it, relative to it.
    public var keptFiles: [String] = []
    /// Seconds per stage: intake (reading and parsing), validation (validating, deduplicating,
    /// routing), layout (the renderer's measuring pass), pdf (drawing and writing), total.
    public var timings: [String: Double] = [:]
    /// How many processes rendered the packets (this one and its workers).
    public var processes: Int = 1

    /// Total pages over all packets.
    public var pages: Int { manifest.packets.reduce(0) { $0 + $1.pages } }
}

/// A run refused because most rows fall to one reason, or nothing would be delivered: the
/// likely cause with its fix, and every row's diagnostic, for the command line to print.
public struct UndeliveredError: Error, Sendable {
    public var summary: Diagnostic
    public var notices: [Diagnostic]
    public var diagnostics: [Diagnostic]
}

/// Everything intake, validation, deduplication and routing made of the inputs.
public struct PreparedRun: Sendable {
    public var inputs: [Manifest.Input]
    public var sorted: SortedRows
    /// The letter templates (the letter, then translations); empty when only intake was asked for (`validate`).
    public var templates: [LetterTemplate]
    public var countries: CountryResolver
    /// What intake decided on its own or warns about, file by file, then over all rows.
    public var notices: [Diagnostic] = []
    /// Seconds spent reading and parsing the inputs, and validating, deduplicating and routing.
    public var intakeSeconds: Double = 0
    public var sortSeconds: Double = 0
    /// What came from paper sheets; nil when no row did.
    public var paper: Manifest.PaperSheets?
}

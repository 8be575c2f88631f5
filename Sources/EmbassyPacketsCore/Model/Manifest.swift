/// `DIR/manifest.json`: what was made, from what, and where every input row went.
/// Encoded with sorted keys and no wall-clock time, so two runs give the same bytes.
public struct Manifest: Codable, Sendable, Equatable {
    /// The manifest format's version.
    public static let currentSchema = 1

    public var schema: Int
    public var generator: Generator
    /// The letter date, `YYYY-MM-DD`.
    public var date: String
    public var inputs: [Input]
    public var totals: Totals
    public var packets: [Packet]
    /// Accepted signatures no packet takes, by country code.
    public var unrouted: [String: Int]
    /// Rejected rows by reason id.
    public var rejected: [String: Int]
    /// With `--by consulate`: signers whose State or Province matched no subdivision, by
    /// embassy code; they are in the embassy's packet. Absent otherwise.
    public var regionUnmatched: [String: Int]?
    /// The letter templates used, with their SHA-256.
    public var templates: [FileRecord]
    /// The embassy directory used: its folder, the SHA-256 over its files, and how many.
    public var directory: DirectoryRecord?
    /// The options the run was given.
    public var options: Options?
    /// The coordinators' index of the packets, `index.pdf`.
    public var index: FileRecord?
    /// For a supplementary delivery: its number (1 for the first supplement) and the delivery
    /// it follows.
    public var supplement: Int?
    public var since: PreviousDelivery?
    /// The signers delivered so far (this delivery and those before it), as keyed hashes of
    /// their normalised emails in `delivered.txt`; absent without a key.
    public var delivered: DeliveredList?
    /// The last number printed in each packet's table for each country, over all deliveries so
    /// far: supplements number on from here.
    public var numbering: [String: [String: Int]]
    /// What intake decided on its own and warned about (emails masked): absent when nothing.
    public var notices: [Notice]?
    /// The reports (`reports/rejected.csv`, ...) with their SHA-256 and bytes, for `verify`.
    public var reports: [FileRecord]?
    /// The public figures, `counts.json` and `counts.csv`, with their SHA-256 and bytes.
    public var counts: [FileRecord]?
    /// Rows typed in from paper signature sheets (a `Sheet` column or `--source paper`); absent when none.
    public var paper: PaperSheets?

    /// What came from paper signature sheets.
    public struct PaperSheets: Codable, Sendable, Equatable {
        /// The sheet ids the rows name, in order.
        public var sheets: [String]
        /// Rows read from paper sheets.
        public var rows: Int
        /// Accepted paper signers without an email, each counted once by name, city and country.
        public var withoutEmail: Int

        /// Creates a record.
        public init(sheets: [String], rows: Int, withoutEmail: Int) {
            self.sheets = sheets
            self.rows = rows
            self.withoutEmail = withoutEmail
        }
    }

    /// A file and its fingerprint.
    public struct FileRecord: Codable, Sendable, Equatable {
        public var file: String
        public var sha256: String
        public var bytes: Int?
        public var pages: Int?

        /// Creates a record.
        public init(file: String, sha256: String, bytes: Int? = nil, pages: Int? = nil) {
            self.file = file
            self.sha256 = sha256
            self.bytes = bytes
            self.pages = pages
        }
    }

    /// The embassy directory's fingerprint.
    public struct DirectoryRecord: Codable, Sendable, Equatable {
        public var path: String
        /// SHA-256 over the lines "NAME SHA256" of every file, in name order.
        public var sha256: String
        public var files: Int

        /// Creates a record.
        public init(path: String, sha256: String, files: Int) {
            self.path = path
            self.sha256 = sha256
            self.files = files
        }
    }

    /// The options of a run, as given.
    public struct Options: Codable, Sendable, Equatable {
        public var by: String
        public var columns: [String]
        public var paper: String?
        public var maxPages: Int
        public var dedup: String
        public var encoding: String
        public var routes: [String: String]
        public var letters: [String]
        public var only: [String]?
        public var shard: String?

        /// Creates an options record.
        public init(by: String, columns: [String], paper: String?, maxPages: Int, dedup: String, encoding: String,
                    routes: [String: String], letters: [String], only: [String]?, shard: String?) {
            self.by = by
            self.columns = columns
            self.paper = paper
            self.maxPages = maxPages
            self.dedup = dedup
            self.encoding = encoding
            self.routes = routes
            self.letters = letters
            self.only = only
            self.shard = shard
        }
    }

    /// The delivery a supplement follows.
    public struct PreviousDelivery: Codable, Sendable, Equatable {
        public var date: String
        public var manifestSha256: String
        public var supplement: Int?

        /// Creates a record.
        public init(date: String, manifestSha256: String, supplement: Int?) {
            self.date = date
            self.manifestSha256 = manifestSha256
            self.supplement = supplement
        }
    }

    /// The keyed hashes of the signers delivered so far.
    public struct DeliveredList: Codable, Sendable, Equatable {
        public var file: String
        public var sha256: String
        public var signers: Int
        /// Identifies the key (a hash of it), so that a supplement can tell it uses the same one.
        public var keyId: String

        /// Creates a record.
        public init(file: String, sha256: String, signers: Int, keyId: String) {
            self.file = file
            self.sha256 = sha256
            self.signers = signers
            self.keyId = keyId
        }
    }

    /// The tool that wrote the manifest.
    public struct Generator: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
        /// The commit the tool was built from, when known.
        public var commit: String?

        /// Creates a generator record.
        public init(name: String, version: String, commit: String? = nil) {
            self.name = name
            self.version = version
            self.commit = commit
        }
    }

    /// One input file.
    public struct Input: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
        /// Data rows read (the header and blank lines not counted).
        public var rows: Int
        /// The encoding the file was read in (`utf-8`, `windows-1252`, ...).
        public var encoding: String?
        /// For a zip archive: the members read, in order (a workbook's first sheet is `xlsx`).
        public var members: [String]?

        /// Creates an input record.
        public init(path: String, sha256: String, rows: Int, encoding: String? = nil, members: [String]? = nil) {
            self.path = path
            self.sha256 = sha256
            self.rows = rows
            self.encoding = encoding
            self.members = members
        }
    }

    /// Something the run decided on its own that the coordinator should know (a detected
    /// encoding, the email column chosen, an ambiguous date order, weaker deduplication).
    public struct Notice: Codable, Sendable, Equatable {
        public var severity: String
        public var id: String
        public var message: String
        /// `file[:line]`, where there is one.
        public var location: String?

        /// Creates a notice.
        public init(severity: String, id: String, message: String, location: String?) {
            self.severity = severity
            self.id = id
            self.message = message
            self.location = location
        }

        /// A diagnostic as a notice.
        public init(_ diagnostic: Diagnostic) {
            self.init(severity: diagnostic.severity.rawValue, id: diagnostic.id, message: AddressMask.mask(diagnostic.message), location: diagnostic.location?.description)
        }
    }

    /// The reconciliation: rows = accepted + duplicates + rejected, accepted = routed + unrouted.
    public struct Totals: Codable, Sendable, Equatable {
        public var rows: Int
        public var accepted: Int
        public var duplicates: Int
        public var rejected: Int
        public var routed: Int
        public var unrouted: Int
        /// With `--since`: routed signers already delivered before (not in this delivery's packets).
        public var previouslyDelivered: Int?

        /// Creates totals.
        public init(rows: Int, accepted: Int, duplicates: Int, rejected: Int, routed: Int, unrouted: Int, previouslyDelivered: Int? = nil) {
            self.previouslyDelivered = previouslyDelivered
            self.rows = rows
            self.accepted = accepted
            self.duplicates = duplicates
            self.rejected = rejected
            self.routed = routed
            self.unrouted = unrouted
        }

        /// The sums that must hold; a description of each one that does not.
        public var imbalances: [String] {
            var problems: [String] = []
            if rows != accepted + duplicates + rejected {
                problems.append("rows (\(rows)) != accepted (\(accepted)) + duplicates (\(duplicates)) + rejected (\(rejected))")
            }
            if accepted != routed + unrouted {
                problems.append("accepted (\(accepted)) != routed (\(routed)) + unrouted (\(unrouted))")
            }
            return problems
        }
    }

    /// One PDF packet.
    public struct Packet: Codable, Sendable, Equatable {
        /// The embassy's country code.
        public var embassy: String
        /// The mission's official name.
        public var mission: String
        /// Relative to the output folder.
        public var file: String
        public var sha256: String
        public var bytes: Int
        public var pages: Int
        public var signatures: Int
        /// Signatures per country code.
        public var countries: [String: Int]
        /// The consulate's short name (its city) when the packet goes through a consulate.
        public var consulate: String?
        /// False when no source confirmed the mission's street address: check it before posting.
        public var addressVerified: Bool
        /// Characters in the packet that no installed font can draw.
        public var unknownGlyphs: Int
        /// Rows (`file:line`) taller than a page, which run on over several pages; absent when none.
        public var splitRows: [String]?
        /// The packet's short id, printed on its cover sheet and its receipt ("GB-7K3Q-9ZXA").
        public var packetId: String?
        /// What must be checked in the mission's address before posting ("no source confirms
        /// it", "no street", "no postcode"); absent when it can be used as it is.
        public var addressWarnings: [String]?
        /// The packet's files: one, or several volumes when it is longer than `--max-pages`.
        /// `file`, `sha256` name the first; `bytes` and `pages` count them all.
        public var volumes: [Volume]

        /// One PDF file of a packet.
        public struct Volume: Codable, Sendable, Equatable {
            public var file: String
            public var sha256: String
            public var bytes: Int
            public var pages: Int

            /// Creates a volume record.
            public init(file: String, sha256: String, bytes: Int, pages: Int) {
                self.file = file
                self.sha256 = sha256
                self.bytes = bytes
                self.pages = pages
            }
        }

        /// Creates a packet record.
        public init(
            embassy: String, mission: String, file: String, sha256: String, bytes: Int, pages: Int, signatures: Int,
            countries: [String: Int], consulate: String? = nil, addressVerified: Bool = true, unknownGlyphs: Int = 0,
            volumes: [Volume] = [], splitRows: [String]? = nil, packetId: String? = nil, addressWarnings: [String]? = nil
        ) {
            self.addressWarnings = addressWarnings
            self.packetId = packetId
            self.splitRows = splitRows
            self.consulate = consulate
            self.unknownGlyphs = unknownGlyphs
            self.volumes = volumes
            self.addressVerified = addressVerified
            self.embassy = embassy
            self.mission = mission
            self.file = file
            self.sha256 = sha256
            self.bytes = bytes
            self.pages = pages
            self.signatures = signatures
            self.countries = countries
        }
    }

    /// The sums that must hold for the whole manifest: the totals' own, and (for a complete
    /// run, not a shard) the packets holding every routed signer not delivered before.
    public func imbalances(complete: Bool) -> [String] {
        var problems = totals.imbalances
        let inPackets = packets.reduce(0) { $0 + $1.signatures }
        if complete && totals.routed != inPackets + (totals.previouslyDelivered ?? 0) {
            problems.append("routed (\(totals.routed)) != signatures in packets (\(inPackets)) + previously delivered (\(totals.previouslyDelivered ?? 0))")
        }
        let read = inputs.reduce(0) { $0 + $1.rows }
        if !inputs.isEmpty && read != totals.rows { problems.append("the inputs' rows add up to \(read), not \(totals.rows)") }
        let rejectedRows = rejected.values.reduce(0, +)
        if rejectedRows != totals.rejected { problems.append("rejected by reason adds up to \(rejectedRows), not \(totals.rejected)") }
        let unroutedRows = unrouted.values.reduce(0, +)
        if unroutedRows != totals.unrouted { problems.append("unrouted by country adds up to \(unroutedRows), not \(totals.unrouted)") }
        for packet in packets where packet.countries.values.reduce(0, +) != packet.signatures {
            problems.append("\(packet.file): countries add up to \(packet.countries.values.reduce(0, +)), not \(packet.signatures)")
        }
        return problems
    }

    /// Creates a manifest.
    public init(
        generator: Generator, date: String, inputs: [Input], totals: Totals, packets: [Packet],
        unrouted: [String: Int], rejected: [String: Int], regionUnmatched: [String: Int]? = nil,
        templates: [FileRecord] = [], directory: DirectoryRecord? = nil, options: Options? = nil, index: FileRecord? = nil,
        supplement: Int? = nil, since: PreviousDelivery? = nil, delivered: DeliveredList? = nil, numbering: [String: [String: Int]] = [:],
        notices: [Notice]? = nil, reports: [FileRecord]? = nil, counts: [FileRecord]? = nil, paper: PaperSheets? = nil
    ) {
        self.counts = counts
        self.paper = paper
        self.regionUnmatched = regionUnmatched
        self.templates = templates
        self.directory = directory
        self.options = options
        self.index = index
        self.supplement = supplement
        self.since = since
        self.delivered = delivered
        self.numbering = numbering
        self.notices = notices
        self.reports = reports
        self.schema = Self.currentSchema
        self.generator = generator
        self.date = date
        self.inputs = inputs
        self.totals = totals
        self.packets = packets
        self.unrouted = unrouted
        self.rejected = rejected
    }
}

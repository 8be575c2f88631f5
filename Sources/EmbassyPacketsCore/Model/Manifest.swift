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

    /// The tool that wrote the manifest.
    public struct Generator: Codable, Sendable, Equatable {
        public var name: String
        public var version: String

        /// Creates a generator record.
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// One input file.
    public struct Input: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
        /// Data rows read (the header and blank lines not counted).
        public var rows: Int

        /// Creates an input record.
        public init(path: String, sha256: String, rows: Int) {
            self.path = path
            self.sha256 = sha256
            self.rows = rows
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

        /// Creates totals.
        public init(rows: Int, accepted: Int, duplicates: Int, rejected: Int, routed: Int, unrouted: Int) {
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
            volumes: [Volume] = []
        ) {
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

    /// Creates a manifest.
    public init(
        generator: Generator, date: String, inputs: [Input], totals: Totals, packets: [Packet],
        unrouted: [String: Int], rejected: [String: Int], regionUnmatched: [String: Int]? = nil
    ) {
        self.regionUnmatched = regionUnmatched
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

/// A letter with every field filled: what the renderer typesets.
public struct LetterDocument: Sendable, Codable {
    /// A run of text in one style.
    public struct Run: Sendable, Hashable, Codable {
        /// How a run is set.
        public enum Style: String, Sendable, Hashable, Codable {
            case regular, emphasis, strong
        }

        public var text: String
        public var style: Style

        /// Creates a run.
        public init(_ text: String, style: Style = .regular) {
            self.text = text
            self.style = style
        }
    }

    /// A paragraph of the letter.
    public struct Block: Sendable, Hashable, Codable {
        public var kind: LetterTemplate.BlockKind
        /// The runs; "\n" inside a run breaks the line.
        public var runs: [Run]

        /// Creates a block.
        public init(kind: LetterTemplate.BlockKind, runs: [Run]) {
            self.kind = kind
            self.runs = runs
        }

        /// The block's text without styles.
        public var text: String { runs.map(\.text).joined() }
    }

    /// The delivery receipt: a page the mission signs and stamps.
    public struct Receipt: Sendable, Hashable, Codable {
        /// "Delivery receipt".
        public var title: String
        /// What the mission acknowledges, filled for the packet.
        public var statement: [Run]
        /// The lines to fill in by hand: "Received by", "Title", "Date", "Signature".
        public var fields: [String]
        /// The label of the box for the mission's stamp.
        public var stampLabel: String

        /// Creates a receipt.
        public init(title: String, statement: [Run], fields: [String] = ["Received by", "Title", "Date", "Signature"],
                    stampLabel: String = "Mission’s stamp") {
            self.title = title
            self.statement = statement
            self.fields = fields
            self.stampLabel = stampLabel
        }
    }

    public var title: String
    public var campaign: String
    public var language: String
    public var blocks: [Block]
    public var receipt: Receipt?
    /// Who sends it: the letterhead, and the signatory under the closing.
    public var sender: Sender?

    /// Creates a letter.
    public init(title: String, campaign: String, language: String, blocks: [Block], receipt: Receipt? = nil, sender: Sender? = nil) {
        self.sender = sender
        self.title = title
        self.campaign = campaign
        self.language = language
        self.blocks = blocks
        self.receipt = receipt
    }

    /// The letter as plain text, a block a paragraph: for golden tests and previews.
    public var plainText: String { blocks.map(\.text).joined(separator: "\n\n") }
}

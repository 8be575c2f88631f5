/// A rectangle on a page, in PostScript points from the page's top left corner.
public struct PageRect: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    /// Creates a rectangle.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// The rectangle shrunk by `distance` on every side.
    public func inset(by distance: Double) -> PageRect {
        PageRect(x: x + distance, y: y + distance, width: width - 2 * distance, height: height - 2 * distance)
    }

    /// True when `other` lies inside, allowing `tolerance` points on each side.
    public func contains(_ other: PageRect, tolerance: Double = 0) -> Bool {
        other.x >= x - tolerance && other.y >= y - tolerance && other.maxX <= maxX + tolerance && other.maxY <= maxY + tolerance
    }
}

/// Lengths in PostScript points.
public enum Length {
    /// One millimetre.
    public static let mm = 72 / 25.4
    /// One inch.
    public static let inch = 72.0
}

/// An envelope a packet is posted in: its size (landscape, as it is printed) and the zones of
/// its face.
///
/// The zones follow the conventions of the posts the packets go through, which agree on the
/// shape: the return address at the top left, the postage at the top right (kept clear), the
/// delivery address lower down and right of the middle, left-aligned, clear of the edges.
/// - USPS Publication 28, Appendix A1 (http://pe.usps.gov/text/pub28/28apa_002.htm): the address
///   inside an area with 1/2 in. margins at the sides and 5/8 in. above the bottom edge (the
///   barcode clear area), lines left-aligned, a foreign country's name alone on the last line.
///   The zones here keep 15 mm from the sides and top and 20 mm from the bottom.
/// - Royal Mail's addressing guidance, as summarised at
///   https://www.garethjmsaunders.co.uk/2014/05/31/how-to-address-your-mail/: left-aligned lines,
///   no centring or staggering; stamps top right (https://www.allcolourenvelopes.co.uk/blogs/news/how-do-i-address-an-envelope).
/// - Canada Post's international addressing guidelines (seen at
///   https://origin-stg12.canadapost.ca/cpc/en/support/articles/addressing-guidelines/international-addresses.page):
///   the country name spelt in full, alone on the last line; at most six lines.
public struct EnvelopeStock: Sendable, Hashable {
    /// "C4", "B4", "9 × 12 in.", "10 × 13 in.".
    public var name: String
    /// The paper it holds flat.
    public var paper: Paper
    /// Landscape: the long side across.
    public var width: Double
    public var height: Double
    /// How many sheets of ordinary 80 g/m² office paper (about 0.1 mm each) it holds with its
    /// flap closed: half the difference between its short side and the paper's (the stack's
    /// thickness goes round both long edges, and the flap needs the rest).
    public var capacity: Int

    /// The thickness of one sheet of 80 g/m² office paper, in millimetres.
    public static let sheetThickness = 0.1

    init(name: String, paper: Paper, widthMM: Double, heightMM: Double) {
        self.name = name
        self.paper = paper
        width = widthMM * Length.mm
        height = heightMM * Length.mm
        let paperShort = paper == .a4 ? 210.0 : 215.9
        capacity = Int(((heightMM - paperShort) / 2 / Self.sheetThickness + 1e-9).rounded(.down))
    }

    /// The sender's return address: top left.
    public var returnZone: PageRect {
        PageRect(x: Self.edge, y: Self.edge, width: width * 0.42 - Self.edge, height: height * 0.30)
    }

    /// Postage, franking and the post's own marks: top right, kept clear.
    public var postageZone: PageRect {
        PageRect(x: width * 0.62, y: Self.edge, width: width * 0.38 - Self.edge, height: height * 0.34)
    }

    /// The delivery address: below the postage and right of the middle, clear of the bottom
    /// edge's barcode zone.
    public var recipientZone: PageRect {
        PageRect(x: width * 0.42, y: height * 0.42, width: width * 0.58 - Self.edge, height: height * 0.58 - Self.bottom)
    }

    /// Clear margin at the sides and top (USPS asks for 1/2 in., 12.7 mm).
    static let edge = 15 * Length.mm
    /// Clear margin at the bottom (USPS keeps 5/8 in., 15.9 mm, for its barcode).
    static let bottom = 20 * Length.mm

    /// C4, 324 × 229 mm (ISO 269): an A4 sheet flat.
    public static let c4 = EnvelopeStock(name: "C4", paper: .a4, widthMM: 324, heightMM: 229)
    /// B4, 353 × 250 mm (ISO 269): a thick stack of A4.
    public static let b4 = EnvelopeStock(name: "B4", paper: .a4, widthMM: 353, heightMM: 250)
    /// The 9 × 12 in. catalog envelope: a US Letter sheet flat.
    public static let catalog9x12 = EnvelopeStock(name: "9 × 12 in.", paper: .letter, widthMM: 12 * 25.4, heightMM: 9 * 25.4)
    /// The 10 × 13 in. catalog envelope: a thick stack of Letter.
    public static let catalog10x13 = EnvelopeStock(name: "10 × 13 in.", paper: .letter, widthMM: 13 * 25.4, heightMM: 10 * 25.4)

    /// The usual envelope for a paper, and the larger one for thick packets.
    public static func stocks(for paper: Paper) -> (standard: EnvelopeStock, large: EnvelopeStock) {
        paper == .a4 ? (c4, b4) : (catalog9x12, catalog10x13)
    }

    /// The sheets a packet of `pages` pages takes: packets are printed on both sides (their
    /// covers and receipts keep blank backs for that), two pages a sheet.
    public static func sheets(pages: Int) -> Int { (max(pages, 0) + 1) / 2 }

    /// The envelope for a packet file of `sheets` sheets: the standard one while it holds them,
    /// else the larger one (which may still be too small: see `capacity`).
    public static func choose(paper: Paper, sheets: Int) -> EnvelopeStock {
        let (standard, large) = stocks(for: paper)
        return sheets <= standard.capacity ? standard : large
    }
}

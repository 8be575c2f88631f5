/// Page geometry in points. The running header and the footer sit in the top and bottom
/// margins, at least half an inch from the paper's edge.
struct PageGeometry {
    var width: Double
    var height: Double
    var left = 62.0
    var right = 62.0
    var top = 70.0
    var bottom = 70.0
    /// The nearest any ink comes to an edge.
    static let edge = 36.0

    var textWidth: Double { width - left - right }
    var contentBottom: Double { height - bottom }

    /// Where each of a table's columns starts, from `left`, given their widths.
    static func columnStarts(_ widths: [Double], from left: Double) -> [Double] {
        var starts: [Double] = []
        var x = left
        for width in widths {
            starts.append(x)
            x += width
        }
        return starts
    }
}

/// One thing drawn on a page, placed by the measuring pass.
enum Placement {
    case letterLine(letter: Int, piece: Int, line: Int, y: Double)
    /// A country's heading; on a page that a split row runs onto, `carried` is that row's number.
    case heading(section: Int, continued: Bool, y: Double, carried: Int? = nil)
    case tableHeader(y: Double)
    case row(section: Int, row: Int, y: Double, height: Double)
    /// The part of a row taller than a page that falls on this page: from `from` to `to`,
    /// measured from the row's top; `y` is where the part's top is drawn.
    case rowPart(section: Int, row: Int, y: Double, from: Double, to: Double, total: Double)
    /// The delivery receipt: copy 1 the mission's, copy 2 the deliverer's.
    case receipt(copy: Int)
    /// A page left blank, so that what follows starts on a right-hand page.
    case blank
    /// The cover sheet, the packet's first page.
    case cover
    /// The title sheet that opens a volume after the first.
    case volumeTitle(volume: Int)
}

/// The pages being filled, and the cursor on the last one.
struct PageList {
    var pages: [[Placement]] = [[]]
    var y: Double

    init(geometry: PageGeometry) { y = geometry.top }

    mutating func newPage(_ geometry: PageGeometry) {
        pages.append([])
        y = geometry.top
    }

    mutating func place(_ placement: Placement) { pages[pages.count - 1].append(placement) }

    /// 1-based number of the current page.
    var current: Int { pages.count }
}

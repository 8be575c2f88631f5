import EmbassyPacketsCore
import Foundation

/// The words of a PDF as `pdftotext -bbox` places them: each page's size and every word's box,
/// in points from the page's top left corner.
struct PDFWords {
    struct Word {
        var text: String
        var box: PageRect
    }

    struct Page {
        var width: Double
        var height: Double
        var words: [Word]

        /// The words inside `area`, in reading order (lines top to bottom, each left to right),
        /// joined without white space: what a squeezed address must equal.
        func squeezedText(in area: PageRect, tolerance: Double = 0.01) -> String {
            let inside = words.filter { area.contains($0.box, tolerance: tolerance) }.sorted { $0.box.y < $1.box.y }
            var lines: [[Word]] = []
            for word in inside {
                if let first = lines.last?.first, word.box.y < first.box.y + first.box.height / 2 {
                    lines[lines.count - 1].append(word)
                } else {
                    lines.append([word])
                }
            }
            return TestSupport.squeezed(lines.map { $0.sorted { $0.box.x < $1.box.x }.map(\.text).joined() }.joined())
        }
    }

    var pages: [Page]

    init(_ path: String) throws {
        let xml = try TestSupport.run("pdftotext", ["-bbox", path, "-"]).stdout
        let pageExpression = try NSRegularExpression(pattern: #"<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>"#, options: [.dotMatchesLineSeparators])
        let wordExpression = try NSRegularExpression(pattern: #"<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>"#)
        func group(_ match: NSTextCheckingResult, _ index: Int, in text: String) -> String {
            String(text[Range(match.range(at: index), in: text)!])
        }
        pages = pageExpression.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map { page in
            let body = group(page, 3, in: xml)
            let words = wordExpression.matches(in: body, range: NSRange(body.startIndex..., in: body)).map { word -> Word in
                let x0 = Double(group(word, 1, in: body))!, y0 = Double(group(word, 2, in: body))!
                let x1 = Double(group(word, 3, in: body))!, y1 = Double(group(word, 4, in: body))!
                return Word(text: Self.unescaped(group(word, 5, in: body)), box: PageRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
            }
            return Page(width: Double(group(page, 1, in: xml))!, height: Double(group(page, 2, in: xml))!, words: words)
        }
    }

    /// The text of every word of every page.
    var allText: String { pages.flatMap { $0.words.map(\.text) }.joined(separator: " ") }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}

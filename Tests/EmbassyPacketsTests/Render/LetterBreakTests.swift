@testable import EmbassyPacketsRender
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// The letter's page breaks, for the letter of every embassy in the directory, at A4 and at
/// US Letter: no paragraph leaves its first line alone at the foot of a page (an orphan) or its
/// last line alone at the top of the next (a widow), and no word is hyphenated across a break.
@Suite("Letter page breaks")
struct LetterBreakTests {
    /// Every paragraph split across pages, and what is wrong with its break.
    static func violations(_ letter: LetterDocument, paper: Paper) -> [String] {
        PacketRenderer.serialized {
            let renderer = PacketRenderer()
            let size = paper.size
            let geometry = PageGeometry(width: size.width, height: size.height)
            let layout = LetterLayout(letter: letter, context: renderer.letterContext, fonts: renderer.fonts, width: geometry.textWidth)
            var pages = PageList(geometry: geometry)
            layout.paginate(&pages, geometry: geometry, letter: 0)
            var pageOfLine: [Int: [Int: Int]] = [:]  // piece -> line -> page
            for (page, placements) in pages.pages.enumerated() {
                for case .letterLine(_, let piece, let line, _) in placements { pageOfLine[piece, default: [:]][line] = page }
            }
            var problems: [String] = []
            for (piece, lines) in pageOfLine {
                let count = lines.count
                for line in 1..<max(count, 1) where lines[line] != lines[line - 1] {
                    if line < 2 { problems.append("piece \(piece): orphan") }
                    if count - line < 2 { problems.append("piece \(piece): widow") }
                    if layout.pieces[piece].lines[line - 1].endsWithHyphen { problems.append("piece \(piece): hyphenated across the break") }
                }
            }
            return problems
        }
    }

    @Test func noWidowNoOrphanNoHyphenAcrossABreakForAnyEmbassyAtA4OrLetter() throws {
        let folder = TestSupport.temporaryFolder()
        // One signer in every country that has an embassy of its own.
        var rows = [FormCSV.header]
        for file in try FileManager.default.contentsOfDirectory(atPath: TestSupport.embassies).sorted() where file.hasSuffix(".xml") {
            let text = try String(contentsOfFile: TestSupport.embassies + "/" + file, encoding: .utf8)
            guard text.contains("class=\"embassy\"") else { continue }
            let code = String(file.dropLast(4))
            rows.append("2024-03-02 10:00:00,Ana,Silva,Town,,\(code),\(code.lowercased())@example.org,")
        }
        let input = TestSupport.write(rows.joined(separator: "\n") + "\n", named: "everyone.csv", in: folder)
        let run = try Generator.prepare(inputs: [input], embassiesFolder: TestSupport.embassies, templatePath: TestSupport.template)
        #expect(run.sorted.plans.count >= 170, "\(run.sorted.plans.count) packets")
        let filler = LetterFiller(template: run.templates[0])
        var problems: [String] = []
        var splitLetters = 0
        for paper in [Paper.a4, Paper.letter] {
            for plan in run.sorted.plans {
                let letter = filler.fill(for: plan, date: LetterDate(year: 2026, month: 12, day: 1)!)
                let found = Self.violations(letter, paper: paper)
                problems += found.map { "\(plan.code) at \(paper.rawValue): \($0)" }
                splitLetters += 1
            }
        }
        #expect(splitLetters >= 340)
        #expect(problems.isEmpty, "\(problems.count) bad breaks: \(problems.prefix(10).joined(separator: "; "))")
    }
}

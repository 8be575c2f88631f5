@testable import EmbassyPacketsRender
import CPangoCairo
import EmbassyPacketsCore
import EmbassyPacketsXML
import Testing

/// The Chinese letter set the Chinese way, checked on Pango's own layout of the real template.
@Suite("Chinese letter typography")
struct ChineseLetterTests {
    static func layout(_ renderer: PacketRenderer) throws -> LetterLayout {
        let template = try TemplateLoader.load(path: TestSupport.path("Templates/letter.zh-Hans.xml"))
        let letter = LetterFiller(template: template).fill(for: GoldenLetterTests.plan(), date: LetterDate(year: 2026, month: 12, day: 1)!)
        let geometry = PageGeometry(width: 595.276, height: 841.89)
        return LetterLayout(letter: letter, context: renderer.letterContext, fonts: renderer.fonts, width: geometry.textWidth, enclosure: 1235)
    }

    static func text(_ layout: OpaquePointer) -> [UInt8] { Array(String(cString: pango_layout_get_text(layout)).utf8) }

    /// Where a byte index stands: x and width in points.
    static func position(_ layout: OpaquePointer, _ index: Int) -> (x: Double, width: Double) {
        var rectangle = PangoRectangle()
        pango_layout_index_to_pos(layout, Int32(index), &rectangle)
        return (Double(rectangle.x) / Double(PANGO_SCALE), Double(rectangle.width) / Double(PANGO_SCALE))
    }

    static func find(_ needle: String, in layout: OpaquePointer) -> Int? {
        let haystack = text(layout), bytes = Array(needle.utf8)
        guard haystack.count >= bytes.count else { return nil }
        return (0...(haystack.count - bytes.count)).first { Array(haystack[$0..<($0 + bytes.count)]) == bytes }
    }

    @Test func justifiedWithoutSpacingDigitsIndentedWithChineseQuotes() throws {
        try PacketRenderer.serialized {
            let renderer = PacketRenderer()
            let letter = try Self.layout(renderer)
            let width = 595.276 - 124
            let first = try #require(letter.pieces.first { Self.find("1982年9月24日", in: $0.layout.layout) != nil })
            let layout = first.layout.layout
            // The digits of 1982 stand at their natural advance: Pango's own justification had
            // spread them by 0.57 pt each.
            let plain = TextLayout(context: renderer.letterContext, font: renderer.fonts.font(.body, language: "zh-Hans"))
            plain.setText("1982", language: "zh-Hans")
            let natural = Self.position(plain.layout, 1).x - Self.position(plain.layout, 0).x
            let start = try #require(Self.find("1982", in: layout))
            for digit in 0..<3 {
                let gap = Self.position(layout, start + digit + 1).x - Self.position(layout, start + digit).x
                #expect(abs(gap - natural) < 0.02, "digit \(digit): \(gap) against \(natural)")
            }
            // Two characters of indent, and every line but the last filled to the width.
            #expect(Double(pango_layout_get_indent(layout)) / Double(PANGO_SCALE) == 21)
            #expect(pango_layout_get_justify(layout) == 0)
            for line in first.lines.dropLast() {
                guard let pangoLine = pango_layout_get_line_readonly(layout, Int32(line.index)) else { continue }
                var logical = PangoRectangle()
                pango_layout_line_get_extents(pangoLine, nil, &logical)
                let filled = (line.index == 0 ? 21 : 0) + Double(logical.width) / Double(PANGO_SCALE)
                #expect(filled > width - 1.2 && filled <= width + 0.01, "line \(line.index) is \(filled) pt of \(width)")
            }
            // The quotation marks are the full-width Chinese forms.
            let quoted = try #require(letter.pieces.first { Self.find("“", in: $0.layout.layout) != nil })
            let mark = try #require(Self.find("“", in: quoted.layout.layout))
            #expect(abs(Self.position(quoted.layout.layout, mark).width - 10.5) < 0.3)
        }
    }

    @Test func closingSignatureAndDateStandTheChineseWay() throws {
        try PacketRenderer.serialized {
            let renderer = PacketRenderer()
            let letter = try Self.layout(renderer)
            let closing = try #require(letter.pieces.first { Self.find("此致", in: $0.layout.layout) != nil })
            // 此致 indented, 敬礼！ on the next line at the margin: one paragraph, two lines.
            #expect(closing.lines.count == 2)
            #expect(Double(pango_layout_get_indent(closing.layout.layout)) / Double(PANGO_SCALE) == 21)
            let salute = try #require(Self.find("敬礼", in: closing.layout.layout))
            #expect(Self.position(closing.layout.layout, salute).x == 0)
            #expect(Self.position(closing.layout.layout, 0).x == 21)
            // After it, the signature and the date at the right.
            let index = try #require(letter.pieces.firstIndex { Self.find("此致", in: $0.layout.layout) != nil })
            let after = letter.pieces[(index + 1)...].filter { Self.find("2026年12月1日", in: $0.layout.layout) != nil || Self.find("全体请愿签名人", in: $0.layout.layout) != nil }
            #expect(after.count == 2)
            #expect(after.allSatisfy { pango_layout_get_alignment($0.layout.layout) == PANGO_ALIGN_RIGHT })
            // Nothing is slanted: no piece asks for an italic face.
            for piece in letter.pieces {
                let description = pango_layout_get_font_description(piece.layout.layout)
                #expect(description.map { pango_font_description_get_style($0) } != PANGO_STYLE_ITALIC)
            }
        }
    }
}

import CCairo
import CPangoCairo
import EmbassyPacketsCore

/// A Pango context set up for print: 72 units per inch (so 11 pt means 11 pt) and no hinting,
/// so glyph positions do not depend on a screen's pixel grid.
final class TextContext {
    let context: OpaquePointer

    /// `exactPositions`: glyphs at their exact positions instead of whole points (see below).
    init(exactPositions: Bool = false) {
        context = pango_font_map_create_context(pango_cairo_font_map_get_default())
        pango_cairo_context_set_resolution(context, 72)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        // Exact glyph positions for the letter: rounded to whole points (Pango's default), the
        // word spaces of one justified line varied by up to 1.84 pt. The tables keep whole
        // points for now: with exact positions poppler drops Thai marks when it extracts the
        // text (ศรีสุข comes back as ศรีสข), and a signer's name must stay findable.
        if exactPositions { pango_context_set_round_glyph_positions(context, 0) }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(context)) }
}

/// A font description, owned.
final class Font {
    let description: OpaquePointer

    /// `families` is a comma-separated list; `size` in points.
    init(families: String, size: Double, bold: Bool = false, italic: Bool = false) {
        description = pango_font_description_from_string(families)
        pango_font_description_set_size(description, Int32(size * Double(PANGO_SCALE)))
        if bold { pango_font_description_set_weight(description, PANGO_WEIGHT_BOLD) }
        if italic { pango_font_description_set_style(description, PANGO_STYLE_ITALIC) }
    }

    deinit { pango_font_description_free(description) }
}

/// A text style: the run styles a letter uses, mapped to Pango attributes.
struct TextStyle {
    var start: Int
    var end: Int
    var style: LetterDocument.Run.Style
}

/// A PangoLayout, owned. Reused across cells: set its text, measure, draw.
final class TextLayout {
    let layout: OpaquePointer

    init(context: TextContext, font: Font, width: Double? = nil) {
        layout = pango_layout_new(context.context)
        pango_layout_set_font_description(layout, font.description)
        if let width { setWidth(width) }
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    func setWidth(_ width: Double) { pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE))) }

    func setAlignment(_ alignment: PangoAlignment) { pango_layout_set_alignment(layout, alignment) }

    /// With `false`, the paragraph's direction stays left-to-right whatever its text, so that
    /// a left-aligned Arabic or Hebrew cell starts at the left edge like every other cell of its
    /// column (the text itself still runs right-to-left).
    func setAutoDirection(_ automatic: Bool) { pango_layout_set_auto_dir(layout, automatic ? 1 : 0) }

    func setJustified(_ justified: Bool) { pango_layout_set_justify(layout, justified ? 1 : 0) }

    func setSpacing(_ points: Double) { pango_layout_set_spacing(layout, Int32(points * Double(PANGO_SCALE))) }

    /// The first line's indent, in points.
    func setIndent(_ points: Double) { pango_layout_set_indent(layout, Int32(points * Double(PANGO_SCALE))) }

    /// Sets plain text (never markup: signer data is not parsed) and an optional language.
    /// `fullWidth`: a CJK family in which the curly quotation marks are set full-width (the
    /// Chinese forms), instead of the proportional Latin ones.
    func setText(_ text: String, language: String? = nil, styles: [TextStyle] = [], fullWidth: String? = nil) {
        pango_layout_set_text(layout, text, -1)
        if language == nil && styles.isEmpty && fullWidth == nil {
            pango_layout_set_attributes(layout, nil)
            return
        }
        let list = pango_attr_list_new()
        if let language, let attribute = pango_attr_language_new(pango_language_from_string(language)) {
            pango_attr_list_insert(list, attribute)
        }
        for style in styles {
            let attribute: UnsafeMutablePointer<PangoAttribute>?
            switch style.style {
            case .regular: continue
            case .emphasis: attribute = pango_attr_style_new(PANGO_STYLE_ITALIC)
            case .strong: attribute = pango_attr_weight_new(PANGO_WEIGHT_BOLD)
            }
            guard let attribute else { continue }
            attribute.pointee.start_index = guint(style.start)
            attribute.pointee.end_index = guint(style.end)
            pango_attr_list_insert(list, attribute)
        }
        if let fullWidth {
            var offset = 0
            for scalar in text.unicodeScalars {
                let length = String(scalar).utf8.count
                defer { offset += length }
                guard [0x201C, 0x201D, 0x2018, 0x2019].contains(scalar.value) else { continue }
                for attribute in [pango_attr_family_new(fullWidth), pango_attr_font_features_new("fwid")] {
                    guard let attribute else { continue }
                    attribute.pointee.start_index = guint(offset)
                    attribute.pointee.end_index = guint(offset + length)
                    pango_attr_list_insert(list, attribute)
                }
            }
        }
        pango_layout_set_attributes(layout, list)
        pango_attr_list_unref(list)
    }

    /// Sets styled runs of a letter.
    func setRuns(_ runs: [LetterDocument.Run], language: String?, fullWidth: String? = nil) {
        var text = ""
        var styles: [TextStyle] = []
        for run in runs {
            let start = text.utf8.count
            text += run.text
            styles.append(TextStyle(start: start, end: text.utf8.count, style: run.style))
        }
        setText(text, language: language, styles: styles, fullWidth: fullWidth)
    }

    /// Keeps the text on one line no wider than `maxWidth`: as it is when it fits, else set
    /// smaller (down to `smallest` of its size), else cut with an ellipsis at the end. Call
    /// after `setText`; returns false when the text had to be cut.
    @discardableResult
    func fitOnOneLine(_ maxWidth: Double, smallest: Double = 0.72) -> Bool {
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE)
        unsetWidth()
        let natural = size.width
        guard natural > maxWidth else { return true }
        let list = pango_layout_get_attributes(layout).map { pango_attr_list_copy($0)! } ?? pango_attr_list_new()!
        if let scale = pango_attr_scale_new(max(smallest, maxWidth / natural * 0.995)) { pango_attr_list_insert(list, scale) }
        pango_layout_set_attributes(layout, list)
        pango_attr_list_unref(list)
        guard size.width > maxWidth else { return true }
        setWidth(maxWidth)
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        return false
    }

    /// Like `fitOnOneLine`, but text that does not fit one line even smaller wraps onto a
    /// second line (at the smaller size), and only text longer than two lines is cut.
    func fitOnTwoLines(_ maxWidth: Double, smallest: Double = 0.85) {
        guard !fitOnOneLine(maxWidth, smallest: smallest) else { return }
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE)
        setWidth(maxWidth)
        if pango_layout_get_line_count(layout) > 2 {
            pango_layout_set_height(layout, -2)
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
    }

    /// Justifies a Chinese paragraph as Chinese typesetting does: every line but a paragraph's
    /// last is filled to `width` by spacing out the Han characters and CJK punctuation, never
    /// the letters of a Latin word or the digits of a number ("1982" stays whole, where Pango's
    /// own justification letter-spaced it). Call after `setText`, with justification off.
    func justifyWide(_ width: Double) {
        guard let text = pango_layout_get_text(layout).map({ String(cString: $0) }) else { return }
        let bytes = Array(text.utf8)
        let base = pango_layout_get_attributes(layout).map { pango_attr_list_copy($0)! } ?? pango_attr_list_new()!
        defer { pango_attr_list_unref(base) }
        struct Line { var start: Int; var end: Int; var last: Bool; var width: Double; var indent: Double }
        func measure() -> [Line] {
            var lines: [Line] = []
            let count = Int(pango_layout_get_line_count(layout))
            for index in 0..<count {
                guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { continue }
                var logical = PangoRectangle()
                pango_layout_line_get_extents(line, nil, &logical)
                let start = Int(line.pointee.start_index)
                let end = start + Int(line.pointee.length)
                let next = index + 1 < count ? pango_layout_get_line_readonly(layout, Int32(index + 1)) : nil
                let last = next == nil || (next!.pointee.is_paragraph_start & 1) == 1
                let indent = (line.pointee.is_paragraph_start & 1) == 1 ? Double(pango_layout_get_indent(layout)) / Double(PANGO_SCALE) : 0
                lines.append(Line(start: start, end: end, last: last, width: Double(logical.width) / Double(PANGO_SCALE), indent: indent))
            }
            return lines
        }
        let natural = measure()
        // The wide characters of each line, but its last, as byte ranges.
        func wideRanges(_ line: Line) -> [(Int, Int)] {
            var ranges: [(Int, Int)] = []
            var offset = line.start
            let characters = String(decoding: bytes[line.start..<line.end], as: UTF8.self).unicodeScalars
            var remaining = characters.count
            for scalar in characters {
                let length = String(scalar).utf8.count
                defer { offset += length; remaining -= 1 }
                guard remaining > 1, Self.isWide(scalar) else { continue }
                if let last = ranges.last, last.1 == offset { ranges[ranges.count - 1].1 = offset + length } else { ranges.append((offset, offset + length)) }
            }
            return ranges
        }
        func wideCount(_ line: Line) -> Int {
            String(decoding: bytes[line.start..<line.end], as: UTF8.self).unicodeScalars.dropLast().filter(Self.isWide).count
        }
        var spacing = natural.map { line -> Double in
            let count = wideCount(line)
            guard !line.last, count > 0 else { return 0 }
            let extra = width - line.indent - line.width
            // A little short of the full width on the first pass: Pango also spaces the ends
            // of a run, and a line that came out too wide would break elsewhere.
            return extra > 0.01 && extra / Double(count) < 3 ? (extra - 0.1) / Double(count + 1) : 0
        }
        func apply() {
            let list = pango_attr_list_copy(base)!
            for (line, space) in zip(natural, spacing) where space > 0 {
                for (start, end) in wideRanges(line) {
                    guard let attribute = pango_attr_letter_spacing_new(Int32((space * Double(PANGO_SCALE)).rounded())) else { continue }
                    attribute.pointee.start_index = guint(start)
                    attribute.pointee.end_index = guint(end)
                    pango_attr_list_insert(list, attribute)
                }
            }
            pango_layout_set_attributes(layout, list)
            pango_attr_list_unref(list)
        }
        // A first pass a little short; then a second corrects each line by what the first
        // achieved (Pango spaces graphemes inside a run and halves at its ends). Pango breaks a
        // line counting the spacing after its last character too, so the correction keeps a
        // reserve, as small as leaves every line break where it was.
        apply()
        let spaced = measure()
        guard spaced.map(\.start) == natural.map(\.start) else {
            // The spacing moved a line break: leave the paragraph as Pango broke it.
            pango_layout_set_attributes(layout, base)
            return
        }
        let first = spacing
        for reserve in [0.25, 0.6, 1.0, 1.6] {
            spacing = first
            for index in spacing.indices where spacing[index] > 0 {
                let gained = spaced[index].width - natural[index].width
                let wanted = width - natural[index].indent - natural[index].width - reserve * first[index] - 0.01
                if gained > 0.001 { spacing[index] = max(first[index], first[index] * wanted / gained) }
            }
            apply()
            if measure().map(\.start) == natural.map(\.start) { return }
        }
        spacing = first
        apply()
    }

    /// Han, kana, hangul, CJK punctuation and full-width forms: the characters a Chinese line
    /// may be spaced out between.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0x20000...0x3FFFF, 0x201C, 0x201D, 0x2018, 0x2019: return true
        default: return false
        }
    }

    /// The width of the last line's ink-free extent (its logical width), in points.
    var lastLineWidth: Double {
        let count = pango_layout_get_line_count(layout)
        guard count > 0, let line = pango_layout_get_line_readonly(layout, count - 1) else { return 0 }
        var logical = PangoRectangle()
        pango_layout_line_get_extents(line, nil, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }

    /// True when Pango cut the text with an ellipsis.
    var isEllipsized: Bool { pango_layout_is_ellipsized(layout) != 0 }

    /// Turns wrapping off (width -1), for measuring a text's natural width.
    func unsetWidth() { pango_layout_set_width(layout, -1) }

    /// Logical width and height in points.
    var size: (width: Double, height: Double) {
        var width: Int32 = 0, height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return (Double(width) / Double(PANGO_SCALE), Double(height) / Double(PANGO_SCALE))
    }

    /// From the layout's top to the first line's baseline, in points.
    var baseline: Double { Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE) }

    /// How many characters no font could draw (Pango's unknown glyphs).
    var unknownGlyphs: Int { Int(pango_layout_get_unknown_glyphs_count(layout)) }

    /// Draws the whole layout with its top left corner at (x, y).
    func draw(on page: PageCanvas, x: Double, y: Double) {
        cairo_move_to(page.cairo, x, y)
        pango_cairo_show_layout(page.cairo, layout)
    }

    /// Draws the layout like `draw`, but so that text extraction (search, copy) gives every
    /// name back as typed: a run of a script whose marks stack on their letters (Thai, Lao,
    /// Khmer, Myanmar, the Indic scripts) is drawn as one text cluster, so that Cairo writes
    /// the run's text as its ActualText (poppler otherwise moved a mark out of its word at
    /// exact positions: ศรีสุข came back ศรีสข). Every other run is drawn with Pango's own
    /// clusters (right-to-left runs keep theirs, which poppler reads in logical order).
    func drawSearchable(on page: PageCanvas, x: Double, y: Double) {
        guard let text = pango_layout_get_text(layout), let iterator = pango_layout_get_iter(layout) else { return }
        defer { pango_layout_iter_free(iterator) }
        let cairo = page.cairo
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iterator), let item = run.pointee.item, let glyphs = run.pointee.glyphs else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_run_extents(iterator, nil, &logical)
            let left = x + Double(logical.x) / Double(PANGO_SCALE)
            let baseline = y + Double(pango_layout_iter_get_baseline(iterator)) / Double(PANGO_SCALE)
            let count = Int(glyphs.pointee.num_glyphs)
            let infos = UnsafeBufferPointer(start: glyphs.pointee.glyphs, count: count)
            let known = infos.allSatisfy { $0.glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0 }
            if Self.stacksMarks(Int(item.pointee.analysis.script)), known, count > 0, let font = item.pointee.analysis.font {
                var placed: [cairo_glyph_t] = []
                placed.reserveCapacity(count)
                var advance: Int32 = 0
                for info in infos {
                    if info.glyph != PANGO_GLYPH_EMPTY {
                        placed.append(cairo_glyph_t(
                            index: UInt(info.glyph), x: left + Double(advance + info.geometry.x_offset) / Double(PANGO_SCALE),
                            y: baseline + Double(info.geometry.y_offset) / Double(PANGO_SCALE)))
                    }
                    advance += info.geometry.width
                }
                guard !placed.isEmpty else { continue }
                cairo_save(cairo)
                cairo_set_scaled_font(cairo, pango_cairo_font_get_scaled_font(OpaquePointer(font)))
                var cluster = cairo_text_cluster_t(num_bytes: item.pointee.length, num_glyphs: Int32(placed.count))
                cairo_show_text_glyphs(cairo, text + Int(item.pointee.offset), item.pointee.length, placed, Int32(placed.count), &cluster, 1, cairo_text_cluster_flags_t(0))
                cairo_restore(cairo)
            } else {
                cairo_move_to(cairo, left, baseline)
                pango_cairo_show_glyph_item(cairo, text, run)
            }
        } while pango_layout_iter_next_run(iterator) != 0
    }

    /// Scripts whose marks stack on their letters (see `drawSearchable`).
    static func stacksMarks(_ script: Int) -> Bool {
        let scripts: [PangoScript] = [
            PANGO_SCRIPT_THAI, PANGO_SCRIPT_LAO, PANGO_SCRIPT_KHMER, PANGO_SCRIPT_MYANMAR, PANGO_SCRIPT_TIBETAN,
            PANGO_SCRIPT_DEVANAGARI, PANGO_SCRIPT_BENGALI, PANGO_SCRIPT_GURMUKHI, PANGO_SCRIPT_GUJARATI, PANGO_SCRIPT_ORIYA,
            PANGO_SCRIPT_TAMIL, PANGO_SCRIPT_TELUGU, PANGO_SCRIPT_KANNADA, PANGO_SCRIPT_MALAYALAM, PANGO_SCRIPT_SINHALA,
        ]
        return scripts.contains { Int($0.rawValue) == script }
    }

    /// The lines of the layout: each line's top, height and baseline relative to the
    /// layout's top, for placing a paragraph line by line across pages.
    func lines() -> [LayoutLine] {
        var result: [LayoutLine] = []
        let text = pango_layout_get_text(layout).map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) }
        guard let iterator = pango_layout_get_iter(layout) else { return result }
        defer { pango_layout_iter_free(iterator) }
        var index = 0
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iterator)) / Double(PANGO_SCALE)
            let top = Double(logical.y) / Double(PANGO_SCALE)
            // A line broken inside a word ends with the soft hyphen the hyphenator put there
            // (U+00AD, C2 AD in UTF-8) or with a hard one.
            var hyphenated = false
            if let text, let line = pango_layout_iter_get_line_readonly(iterator) {
                let end = Int(line.pointee.start_index) + Int(line.pointee.length)
                if end >= 1 && text[end - 1] == 0x2D { hyphenated = true }
                if end >= 2 && text[end - 2] == 0xC2 && text[end - 1] == 0xAD { hyphenated = true }
            }
            result.append(LayoutLine(
                index: index, top: top, height: Double(logical.height) / Double(PANGO_SCALE),
                baseline: baseline - top, x: Double(logical.x) / Double(PANGO_SCALE), endsWithHyphen: hyphenated))
            index += 1
        } while pango_layout_iter_next_line(iterator) != 0
        return result
    }

    /// Draws one line with its top at (x, y).
    func drawLine(_ line: LayoutLine, on page: PageCanvas, x: Double, y: Double) {
        guard let layoutLine = pango_layout_get_line_readonly(layout, Int32(line.index)) else { return }
        cairo_move_to(page.cairo, x + line.x, y + line.baseline)
        pango_cairo_show_layout_line(page.cairo, layoutLine)
    }
}

/// One line of a laid-out paragraph.
struct LayoutLine {
    var index: Int
    var top: Double
    var height: Double
    /// From the line's top to its baseline.
    var baseline: Double
    /// Horizontal offset inside the layout (alignment, indentation).
    var x: Double
    /// True when the line ends inside a hyphenated word.
    var endsWithHyphen = false
}


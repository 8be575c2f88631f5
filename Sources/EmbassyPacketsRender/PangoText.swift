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

    /// Sets plain text (never markup: signer data is not parsed) and an optional language.
    func setText(_ text: String, language: String? = nil, styles: [TextStyle] = []) {
        pango_layout_set_text(layout, text, -1)
        if language == nil && styles.isEmpty {
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
        pango_layout_set_attributes(layout, list)
        pango_attr_list_unref(list)
    }

    /// Sets styled runs of a letter.
    func setRuns(_ runs: [LetterDocument.Run], language: String?) {
        var text = ""
        var styles: [TextStyle] = []
        for run in runs {
            let start = text.utf8.count
            text += run.text
            styles.append(TextStyle(start: start, end: text.utf8.count, style: run.style))
        }
        setText(text, language: language, styles: styles)
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

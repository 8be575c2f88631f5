import CPangoCairo
import EmbassyPacketsCore
import Glibc

/// The fonts of a packet, by role and by the language of the text they set. Families are
/// named in full so that fontconfig picks Noto for every script (with a bare "Noto Sans" it
/// falls back to DejaVu for Arabic), with the CJK face of the text's region first so that
/// Han characters take their regional forms.
final class FontBook {
    enum Role: Hashable {
        case body, bodyBold, noteItalic, note, cell, cellSimple, cellBold, heading, small, receiptTitle
    }

    private struct Key: Hashable {
        var role: Role
        var language: String
    }

    private var fonts: [Key: Font] = [:]
    private var hyphenators: [String: Hyphenator?] = [:]

    /// The hyphenation patterns for a language, loaded once per renderer.
    func hyphenator(for language: String) -> Hyphenator? {
        if let known = hyphenators[language] { return known }
        let loaded = Hyphenator(language: language)
        hyphenators[language] = loaded
        return loaded
    }

    /// The CJK family for a language: Japanese, Korean, Traditional Chinese (Taiwan, Hong
    /// Kong) or Simplified Chinese.
    static func cjk(_ language: String?, serif: Bool) -> String {
        let style = serif ? "Serif" : "Sans"
        switch language?.lowercased() {
        case "ja"?: return "Noto \(style) CJK JP"
        case "ko"?: return "Noto \(style) CJK KR"
        case "zh-tw"?, "zh-hant"?: return "Noto \(style) CJK TC"
        case "zh-hk"?: return serif ? "Noto Serif CJK TC" : "Noto Sans CJK HK"
        default: return "Noto \(style) CJK SC"
        }
    }

    static let scripts = "Noto Sans Arabic, Noto Sans Hebrew, Noto Sans Thai, Noto Sans Devanagari, Noto Sans Bengali, Noto Sans Tamil, Noto Sans Telugu, Noto Sans Kannada, Noto Sans Malayalam, Noto Sans Gujarati, Noto Sans Gurmukhi, Noto Sans Sinhala, Noto Sans Georgian, Noto Sans Armenian, Noto Sans Ethiopic, Noto Sans Khmer, Noto Sans Lao, Noto Sans Myanmar, Noto Sans Tibetan, Noto Sans Mongolian, Noto Sans Thaana, Noto Sans Syriac, Noto Sans Symbols, Noto Sans Symbols 2, Noto Sans Math, Symbola"

    /// The families for a role and language, as a Pango font description list.
    ///
    /// Han, kana and hangul are set in Noto Serif CJK even beside Noto Sans: Cairo 1.16's CFF
    /// subsetter misreads the hint masks of some Noto Sans CJK glyphs and empties a subroutine
    /// they call, so 如 came out blank in Sans SC (瘃 lost a stroke; 忉 and 烪 in Bold), while no
    /// glyph of the Serif CJK faces is affected. Sans CJK stays as the fallback.
    static func families(serif: Bool, language: String?) -> String {
        serif
            ? "Noto Serif, \(cjk(language, serif: true)), \(cjk(language, serif: false)), Noto Serif Hebrew, Noto Serif Devanagari, Noto Serif Thai, \(scripts)"
            : "Noto Sans, \(cjk(language, serif: true)), \(cjk(language, serif: false)), \(scripts)"
    }

    /// The font for a role in a language (nil: the default, Simplified Chinese for Han).
    func font(_ role: Role, language: String? = nil) -> Font {
        let key = Key(role: role, language: language ?? "")
        if let font = fonts[key] { return font }
        let font: Font
        switch role {
        case .body: font = Font(families: Self.families(serif: true, language: language), size: 10.5)
        case .bodyBold: font = Font(families: Self.families(serif: true, language: language), size: 10.5, bold: true)
        case .noteItalic: font = Font(families: Self.families(serif: true, language: language), size: 9, italic: true)
        case .note: font = Font(families: Self.families(serif: true, language: language), size: 9)
        case .cell: font = Font(families: Self.families(serif: false, language: language), size: 9)
        case .cellSimple: font = Font(families: "Noto Sans", size: 9)
        case .cellBold: font = Font(families: Self.families(serif: false, language: language), size: 9, bold: true)
        case .heading: font = Font(families: Self.families(serif: false, language: language), size: 13, bold: true)
        case .small: font = Font(families: Self.families(serif: false, language: language), size: 8)
        case .receiptTitle: font = Font(families: Self.families(serif: true, language: language), size: 16, bold: true)
        }
        fonts[key] = font
        return font
    }
}

extension FontBook {
    /// The families every packet is set in.
    static let required = ["Noto Serif", "Noto Sans"]

    /// The required families that fontconfig does not find (it would substitute another
    /// family, or none at all).
    static func missingFamilies() -> [String] {
        guard let map = pango_cairo_font_map_get_default(), let context = pango_font_map_create_context(map) else { return required }
        defer { g_object_unref(UnsafeMutableRawPointer(context)) }
        var missing: [String] = []
        for family in required {
            let description = pango_font_description_from_string(family)
            defer { pango_font_description_free(description) }
            pango_font_description_set_size(description, 10 * PANGO_SCALE)
            guard let font = pango_font_map_load_font(map, context, description) else {
                missing.append(family)
                continue
            }
            defer { g_object_unref(UnsafeMutableRawPointer(font)) }
            let described = pango_font_describe(font)
            defer { pango_font_description_free(described) }
            let found = pango_font_description_get_family(described).map { String(cString: $0) } ?? ""
            if found.lowercased() != family.lowercased() { missing.append(family) }
        }
        return missing
    }

    /// Checked once per process before the first packet: without its fonts a packet would be
    /// set in whatever fontconfig substitutes, or in nothing.
    static let check: Result<Void, PipelineError> = {
        let missing = missingFamilies()
        guard !missing.isEmpty else { return .success(()) }
        var limit = rlimit()
        let starved = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 && limit.rlim_cur < 64
        let names = missing.joined(separator: " and ")
        let fix = starved
            ? "the process may open only \(limit.rlim_cur) files (Too many open files): raise the limit (ulimit -n 1024)"
            : "install fonts-noto-core and fonts-noto-cjk (Scripts/install-deps.sh does)"
        return .failure(PipelineError(stage: .render, message: "cannot find the fonts \(names) through fontconfig: \(fix)"))
    }()
}

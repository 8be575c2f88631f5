/// What signers type in a Country field to say they give none: "N/A", "none", "-", "keine
/// Angabe", "なし". Such a text is `CountryMatch.missing`, never a country (not Namibia for
/// "n/a", not Norway for "no").
enum CountryPlaceholders {
    /// The placeholders, as typed; they are compared folded (`CountryResolver.fold`), so "N/A",
    /// "n.a." and "na" are one entry. Punctuation alone ("-", "??", "...") and zeros ("0",
    /// "000") are placeholders too, without being listed.
    static let words: [String] = [
        // English.
        "n/a", "n.a.", "na", "n/d", "nd", "none", "no", "nope", "nil", "null", "nan", "nada", "nothing",
        "unknown", "unk", "not known", "not applicable", "not available", "not specified", "unspecified",
        "not given", "not stated", "no country", "nowhere", "prefer not to say", "rather not say",
        "tbd", "tba", "x", "xx", "xxx", "xxxx", "nn", "undefined", "blank", "empty",
        // German.
        "keine Angabe", "k.A.", "keine", "kein", "keins", "nein", "unbekannt", "nicht angegeben", "entfällt",
        // French.
        "aucun", "aucune", "néant", "non", "inconnu", "inconnue", "non applicable", "sans objet", "non renseigné",
        // Spanish and Portuguese.
        "ninguno", "ninguna", "ningún", "desconocido", "desconocida", "no aplica", "sin datos", "sin país",
        "nenhum", "nenhuma", "não", "desconhecido", "não se aplica",
        // Italian, Dutch, Scandinavian, Polish, Turkish.
        "nessuno", "nessuna", "sconosciuto", "geen", "onbekend", "n.v.t.", "ingen", "ukendt", "okänd",
        "ukjent", "brak", "nie", "nie dotyczy", "yok", "bilinmiyor",
        // Russian, Ukrainian.
        "нет", "нету", "неизвестно", "не указано", "немає", "невідомо",
        // Japanese, Chinese, Korean.
        "なし", "無し", "ない", "不明", "該当なし", "无", "無", "没有", "沒有", "未知", "不详", "不詳", "不适用", "不適用",
        "없음", "해당없음", "모름", "미상",
        // Arabic, Hebrew, Hindi.
        "لا يوجد", "لا شيء", "غير معروف", "אין", "कोई नहीं",
    ]

    /// The placeholders folded.
    static let keys: Set<String> = Set(words.map(CountryResolver.fold))

    /// Whether a folded text is a placeholder.
    static func contains(folded key: String) -> Bool {
        key.isEmpty || keys.contains(key) || key.unicodeScalars.allSatisfy { $0 == "0" }
    }
}

/// What a signer's Country field means, in detail.
///
/// Codes are ISO 3166-1 alpha-2 codes; `hints` are display names.
public enum CountryMatch: Sendable, Equatable {
    /// A code or name of exactly one country.
    case exact(String)
    /// A name several countries share ("Congo", "Korea", "Virgin Islands", or a translation
    /// iso-codes gives to two countries): `chosen` is the one it most often means.
    case ambiguous(chosen: String, others: [String])
    /// A misspelling read as the one country within a small edit distance ("Germnay"), with
    /// the text as typed (trimmed).
    case corrected(String, typed: String)
    /// A placeholder that means no country ("N/A", "none", "-", "keine Angabe", "なし").
    case missing
    /// Nothing close: up to three display names of the nearest countries, possibly none.
    case unknown(hints: [String])
    /// A misspelling two or more countries are equally close to: their codes.
    case candidates([String])

    /// The code the match settles on (exact, the chosen one of an ambiguous name, or the
    /// corrected one), or nil.
    public var code: String? {
        switch self {
        case .exact(let code), .ambiguous(chosen: let code, others: _), .corrected(let code, typed: _): code
        case .missing, .unknown, .candidates: nil
        }
    }
}

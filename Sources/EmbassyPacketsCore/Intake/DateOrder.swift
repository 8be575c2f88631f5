/// The order in which a written date gives its day, month and year.
public enum DateOrder: String, Sendable, CaseIterable {
    /// Day, month, year: `02/03/2024` is 2 March 2024 (en-GB, fr, es, it, pt, de, nl, ...).
    case dmy
    /// Month, day, year: `3/2/2024` is 2 March 2024 (en-US).
    case mdy
    /// Year, month, day: `2024/03/02`, `2024-03-02`, `2024. 3. 2` (ISO 8601, ja, zh, ko).
    case ymd
}

/// The fields a signature file carries, whatever its headers are called.
public enum Column: String, Sendable, CaseIterable, Hashable {
    case time, first, last, city, region, country, email, consent
    /// A typed-in paper signature sheet's id and the numbered line on it (`sheets` prints both).
    case sheet, line

    /// The column's place in `allCases`.
    var ordinal: Int {
        switch self {
        case .time: return 0
        case .first: return 1
        case .last: return 2
        case .city: return 3
        case .region: return 4
        case .country: return 5
        case .email: return 6
        case .consent: return 7
        case .sheet: return 8
        case .line: return 9
        }
    }

    /// The columns a file must have (the email only where it is the dedup key).
    public static let required: [Column] = [.first, .last, .city, .country, .email]

    /// The header a Google Forms export gives this column.
    public var formHeader: String {
        switch self {
        case .time: return "Timestamp"
        case .first: return "First Name"
        case .last: return "Last Name"
        case .city: return "City"
        case .region: return "State or Province"
        case .country: return "Country"
        case .email: return "Email Address"
        case .consent: return "How may we use your email address?"
        case .sheet: return "Sheet"
        case .line: return "Line"
        }
    }

    /// The column a header names, if any.
    public static func matching(header: String) -> Column? { HeaderAliases.byKey[key(header)]?.column }

    /// A header reduced to its letters and digits, lowercased: "First_Name " → "firstname".
    public static func key(_ header: String) -> String {
        String(String.UnicodeScalarView(header.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }
}

/// Which position of a file's rows holds each column.
public struct ColumnMap: Sendable {
    // Positions by `Column.allCases` order, -1 where absent: read for every field of every row.
    private var positions = [Int](repeating: -1, count: Column.allCases.count)
    /// Another header that also names the email column (a platform's own "Email" beside the
    /// form's question), tried when the chosen one holds no address at all; -1 when none.
    public private(set) var alternateEmail = -1
    /// The order of dates the timestamp header's language implies ("Zeitstempel" → dmy).
    public private(set) var dateOrderHint: DateOrder?
    /// The columns `--column` named whose header the file does not have.
    public private(set) var unmatchedOverrides: [Column: String] = [:]
    /// The headers the map was made from.
    public let headers: [String]
    /// Columns that several headers name ("Country code" and "Country"), with all of them.
    public private(set) var rivals: [Column: [String]] = [:]

    /// The position of each column the file has.
    public var index: [Column: Int] {
        var map: [Column: Int] = [:]
        for column in Column.allCases where positions[column.ordinal] >= 0 { map[column] = positions[column.ordinal] }
        return map
    }

    /// Matches headers to columns. The timestamp is the best-ranked header (a submission time
    /// before a start time); the email is a form question before a platform's metadata column;
    /// any other column is the first header that names it. `overrides` maps a column to a header
    /// the user named (`--column first=Vorname`).
    public init(headers: [String], overrides: [Column: String] = [:]) {
        self.headers = headers
        var timeRank = Int.max
        var ranks = [Int](repeating: Int.max, count: Column.allCases.count)
        var emails: [(position: Int, metadata: Bool)] = []
        let metadataEnd = HeaderAliases.metadataPrefix(headers)
        for (position, header) in headers.enumerated() {
            guard let alias = HeaderAliases.byKey[Column.key(header)] else { continue }
            switch alias.column {
            case .time:
                if alias.rank < timeRank {
                    timeRank = alias.rank
                    positions[Column.time.ordinal] = position
                    dateOrderHint = alias.dateOrder
                }
            case .email:
                emails.append((position, position < metadataEnd))
            default:
                let current = positions[alias.column.ordinal]
                if current < 0 {
                    positions[alias.column.ordinal] = position
                    ranks[alias.column.ordinal] = alias.rank
                } else {
                    // Two headers name one column: the better-ranked one is read, and a warning says so.
                    if alias.rank < ranks[alias.column.ordinal] {
                        positions[alias.column.ordinal] = position
                        ranks[alias.column.ordinal] = alias.rank
                    }
                    rivals[alias.column, default: [headers[current]]].append(header)
                }
            }
        }
        // The consent question is long and worded in the form's language: any question about
        // the email address that is not the email column itself.
        if positions[Column.consent.ordinal] < 0 {
            positions[Column.consent.ordinal] = headers.firstIndex(where: HeaderAliases.looksLikeConsent) ?? -1
        }
        let ordered = emails.filter { !$0.metadata } + emails.filter(\.metadata)
        if let first = ordered.first { positions[Column.email.ordinal] = first.position }
        if ordered.count > 1 { alternateEmail = ordered[1].position }
        for column in overrides.keys { rivals[column] = nil }
        for (column, header) in overrides {
            if let position = headers.firstIndex(where: { Column.key($0) == Column.key(header) }) {
                positions[column.ordinal] = position
                if column == .email { alternateEmail = -1 }
                if column == .time { dateOrderHint = HeaderAliases.byKey[Column.key(header)]?.dateOrder }
            } else {
                unmatchedOverrides[column] = header
            }
        }
    }

    /// The required columns that no header names; `emailRequired` is false with `--dedup name`
    /// and for typed-in paper sheets (a file with a `Sheet` column), where a row may have no email.
    public func missing(emailRequired: Bool = true) -> [Column] {
        let email = emailRequired && !isPaper
        return Column.required.filter { positions[$0.ordinal] < 0 && ($0 != .email || email) }
    }

    /// True when the file has a `Sheet` column: its rows were typed in from paper sheets.
    public var isPaper: Bool { positions[Column.sheet.ordinal] >= 0 }

    /// The required columns that no header names.
    public var missing: [Column] { missing() }

    /// The header a column was read from.
    public func header(of column: Column) -> String? {
        let position = positions[column.ordinal]
        return position >= 0 && position < headers.count ? headers[position] : nil
    }

    /// Reads the email from the alternate column from now on.
    public mutating func switchToAlternateEmail() {
        guard alternateEmail >= 0 else { return }
        let previous = positions[Column.email.ordinal]
        positions[Column.email.ordinal] = alternateEmail
        alternateEmail = previous
    }

    /// The value of a column in a row, or "" when the row is short or the column absent.
    @inline(__always)
    public func value(_ column: Column, in fields: [String]) -> String {
        let position = positions[column.ordinal]
        guard position >= 0, position < fields.count else { return "" }
        return fields[position]
    }

    /// The alternate email column's value in a row, or "".
    @inline(__always)
    public func alternateEmail(in fields: [String]) -> String {
        guard alternateEmail >= 0, alternateEmail < fields.count else { return "" }
        return fields[alternateEmail]
    }

    /// For a missing column, the header in the file most like one of its names (among the
    /// headers no column took and not in `excluding`), for the `--column` hint: one that holds
    /// a name ("Home town" holds "town") or is within a third of its letters of one.
    public func closestHeader(for column: Column, excluding: Set<String> = []) -> String? {
        let taken = Set(positions.filter { $0 >= 0 })
        let names = Self.aliasKeys[column] ?? []
        var best: (distance: Int, header: String)?
        for (position, header) in headers.enumerated() where !taken.contains(position) && position != alternateEmail && !excluding.contains(header) {
            let key = Array(Column.key(header))
            guard key.count >= 3 else { continue }
            var distance = Int.max
            for name in names {
                if (name.count >= 4 && Self.contains(key, name)) || (key.count >= 4 && Self.contains(name, key)) {
                    distance = min(distance, 1)
                } else if abs(key.count - name.count) <= max(1, name.count / 3) {
                    // Only texts of about the same length can be close: a long header is never
                    // measured against every alias of every language.
                    let edits = HeaderAliases.editDistance(key, name)
                    if edits <= max(1, name.count / 3) { distance = min(distance, edits) }
                }
            }
            if distance < Int.max, best == nil || distance < best!.distance { best = (distance, header) }
        }
        return best?.header
    }

    /// Each column's aliases as keys of three characters or more, made once.
    static let aliasKeys: [Column: [[Character]]] = Dictionary(uniqueKeysWithValues: Column.allCases.map { column in
        (column, HeaderAliases.names(of: column).map(Column.key).filter { $0.count >= 3 }.map { Array($0) })
    })

    /// True when `needle` occurs in `haystack`.
    static func contains(_ haystack: [Character], _ needle: [Character]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var matched = true
            for offset in 1..<needle.count where haystack[start + offset] != needle[offset] {
                matched = false
                break
            }
            if matched { return true }
        }
        return false
    }
}

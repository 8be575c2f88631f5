/// The fields a signature file carries, whatever its headers are called.
public enum Column: String, Sendable, CaseIterable, Hashable {
    case time, first, last, city, region, country, email, consent

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
        }
    }

    /// The columns a file must have.
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
        }
    }

    /// Header names (normalised with `Column.key`) that mean this column.
    static let aliases: [Column: [String]] = [
        .time: ["timestamp", "time", "date", "submittedat", "submitted", "submissiondate", "signedat", "signedon", "signed",
                "signaturedate", "datesigned", "createdat", "created", "dateandtime", "datetime"],
        .first: ["firstname", "first", "givenname", "given", "givennames", "forename", "forenames", "fname", "namefirst",
                 "signerfirstname", "yourfirstname"],
        .last: ["lastname", "last", "surname", "familyname", "family", "lname", "namelast", "signerlastname", "yourlastname"],
        .city: ["city", "town", "cityortown", "towncity", "citytown", "locality", "yourcity", "signercity"],
        .region: ["stateorprovince", "stateprovince", "provinceorstate", "state", "province", "region", "stateprovinceregion",
                  "stateregion", "county", "prefecture", "territory", "stateorregion"],
        .country: ["country", "countryname", "nation", "countryorregion", "countrycode", "countryregion", "yourcountry",
                   "signercountry"],
        .email: ["emailaddress", "email", "emailaddr", "mail", "e-mail", "youremail", "youremailaddress", "signeremail"],
        .consent: ["howmayweuseyouremailaddress", "consent", "emailconsent", "optin", "emailoptin"],
    ]

    private static let byKey: [String: Column] = {
        var map: [String: Column] = [:]
        for (column, names) in aliases {
            for name in names { map[key(name)] = column }
        }
        return map
    }()

    /// A header reduced to its letters and digits, lowercased: "First_Name " → "firstname".
    public static func key(_ header: String) -> String {
        String(String.UnicodeScalarView(header.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

    /// The column a header names, if any.
    public static func matching(header: String) -> Column? { byKey[key(header)] }
}

/// Which position of a file's rows holds each column.
public struct ColumnMap: Sendable {
    // Positions by `Column.allCases` order, -1 where absent: read for every field of every row.
    private var positions = [Int](repeating: -1, count: Column.allCases.count)

    /// The position of each column the file has.
    public var index: [Column: Int] {
        var map: [Column: Int] = [:]
        for column in Column.allCases where positions[column.ordinal] >= 0 { map[column] = positions[column.ordinal] }
        return map
    }

    /// Matches headers to columns; the first header that names a column wins.
    /// `overrides` maps a column to a header the user named (`--column first=Vorname`).
    public init(headers: [String], overrides: [Column: String] = [:]) {
        for (position, header) in headers.enumerated() {
            if let column = Column.matching(header: header), positions[column.ordinal] < 0 {
                positions[column.ordinal] = position
            }
        }
        for (column, header) in overrides {
            if let position = headers.firstIndex(where: { Column.key($0) == Column.key(header) }) {
                positions[column.ordinal] = position
            }
        }
    }

    /// The required columns that no header names.
    public var missing: [Column] { Column.required.filter { positions[$0.ordinal] < 0 } }

    /// The value of a column in a row, or "" when the row is short or the column absent.
    @inline(__always)
    public func value(_ column: Column, in fields: [String]) -> String {
        let position = positions[column.ordinal]
        guard position >= 0, position < fields.count else { return "" }
        return fields[position]
    }
}

/// Country names as English sentences use them.
public enum CountryNames {
    /// Names that take "the" inside a sentence.
    static let withArticle: Set<String> = [
        "Bahamas", "Central African Republic", "Comoros", "Czech Republic", "Dominican Republic",
        "Falkland Islands", "Gambia", "Maldives", "Marshall Islands", "Netherlands", "Philippines",
        "Seychelles", "Solomon Islands", "Vatican City", "Cayman Islands", "Faroe Islands",
        "British Virgin Islands", "Cook Islands", "Northern Mariana Islands", "Turks and Caicos Islands",
    ]

    /// A name as a sentence says it, when a list inverts it: "Korea, Democratic People's
    /// Republic of" → "Democratic People's Republic of Korea"; "Congo, Democratic Republic of
    /// the" → "Democratic Republic of the Congo". Other names stay as they are ("Bonaire, Sint
    /// Eustatius and Saba").
    public static func uninverted(_ name: String) -> String {
        guard let comma = name.range(of: ", ") else { return name }
        let head = name[..<comma.lowerBound], tail = name[comma.upperBound...]
        guard tail.hasSuffix(" of") || tail.hasSuffix(" of the") else { return name }
        return "\(tail) \(head)"
    }

    /// "the United States", "the Philippines", "France".
    public static func inSentence(_ name: String) -> String {
        if name.hasPrefix("the ") || name.hasPrefix("The ") || name.hasPrefix("South Georgia") { return name }
        let needsArticle = withArticle.contains(name) || name.hasPrefix("United ") || name.hasPrefix("Republic of ")
            || name.hasPrefix("Democratic Republic") || name.hasPrefix("Democratic People's") || name.hasSuffix(" Islands") || name.hasPrefix("Kingdom of ")
            || name.hasPrefix("State of ") || name.hasPrefix("People's Republic") || name.hasPrefix("Federated States")
        return needsArticle ? "the " + name : name
    }
}

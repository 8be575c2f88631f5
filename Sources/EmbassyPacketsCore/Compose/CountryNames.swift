/// Country names as English sentences use them.
public enum CountryNames {
    /// Names that take "the" inside a sentence.
    static let withArticle: Set<String> = [
        "Bahamas", "Central African Republic", "Comoros", "Czech Republic", "Dominican Republic",
        "Falkland Islands", "Gambia", "Maldives", "Marshall Islands", "Netherlands", "Philippines",
        "Seychelles", "Solomon Islands", "Vatican City", "Cayman Islands", "Faroe Islands",
        "British Virgin Islands", "Cook Islands", "Northern Mariana Islands", "Turks and Caicos Islands",
    ]

    /// "the United States", "the Philippines", "France".
    public static func inSentence(_ name: String) -> String {
        if name.hasPrefix("the ") || name.hasPrefix("The ") { return name }
        let needsArticle = withArticle.contains(name) || name.hasPrefix("United ") || name.hasPrefix("Republic of ")
            || name.hasPrefix("Democratic Republic") || name.hasSuffix(" Islands") || name.hasPrefix("Kingdom of ")
            || name.hasPrefix("State of ") || name.hasPrefix("People's Republic") || name.hasPrefix("Federated States")
        return needsArticle ? "the " + name : name
    }
}

import Foundation

/// Whether a mission's postal address, as the letter and the envelope print it, is whole:
/// confirmed by a source, with a street, and with a postcode where the country uses them.
/// The coordinators' index marks every address that is not, so that nobody posts a packet to
/// half an address.
public enum AddressCheck {
    /// The warning for an address no source confirms.
    public static let unconfirmed = "no source confirms it"

    /// What must be checked before posting to `mission` in `countryCode`, in words: empty
    /// when the address can be used as it is.
    public static func warnings(_ mission: Mission, countryCode: String) -> [String] {
        var warnings: [String] = []
        if !mission.addressVerified { warnings.append(unconfirmed) }
        warnings += missingParts(mission.addressLines, city: mission.city, countryCode: countryCode)
        return warnings
    }

    /// The parts an address lacks: "no street", "no postcode".
    public static func missingParts(_ lines: [String], city: String, countryCode: String) -> [String] {
        var missing: [String] = []
        let pattern = PostalCodes.patterns[countryCode]
        // The last line names the country; a street is any other line that is not just the
        // city, a postcode, or both.
        let body = lines.count > 1 ? Array(lines.dropLast()) : lines
        let street = body.contains { line in
            var rest = line.lowercased()
            if !city.isEmpty { rest = rest.replacingOccurrences(of: city.lowercased(), with: " ") }
            if let pattern { rest = replacing(pattern, in: rest, with: " ") }
            return rest.unicodeScalars.contains { CharacterSet.letters.contains($0) || CharacterSet.decimalDigits.contains($0) }
        }
        if !street { missing.append("no street") }
        if let pattern, !lines.contains(where: { contains(pattern, $0) }) { missing.append("no postcode") }
        return missing
    }

    /// The pattern as a whole token: not inside a longer run of letters or digits. (Made
    /// anew each time: the index checks a few hundred addresses at most.)
    private static func expression(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: "(?<![0-9A-Za-z])(?:\(pattern))(?![0-9A-Za-z])", options: [.caseInsensitive])
    }

    static func contains(_ pattern: String, _ text: String) -> Bool {
        guard let expression = expression(pattern) else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func replacing(_ pattern: String, in text: String, with replacement: String) -> String {
        guard let expression = expression(pattern) else { return text }
        return expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: replacement)
    }
}

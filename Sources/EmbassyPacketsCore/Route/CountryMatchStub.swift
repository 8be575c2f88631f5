// TEMPORARY: replaced by the countries branch.
public enum CountryMatch: Sendable, Equatable {
    case exact(String), ambiguous(chosen: String, others: [String]), corrected(String, typed: String), missing, unknown(hints: [String]), candidates([String])
}
extension CountryResolver {
    public func match(_ text: String) -> CountryMatch {
        if let code = resolve(text) { return .exact(code) }
        return .unknown(hints: suggestions(for: text))
    }
}

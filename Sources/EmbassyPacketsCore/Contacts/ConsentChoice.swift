/// What a signer answered to "How may we use your email address?", as the coalition may act
/// on it: contact them, or not. An answer the rules cannot read is neither: it is reported,
/// and only `--allow`/`--deny` decide it, so that nobody is written to by a guess.
public enum ConsentChoice: String, Sendable, Hashable {
    /// The answer allows the coalition to contact the signer.
    case allows
    /// The answer refuses contact (or limits the address to counting signatures).
    case refuses
    /// No answer.
    case none
    /// An answer the rules do not recognise.
    case unclear

    /// Words that refuse, checked first: "Do not contact me", "Only to count my signature".
    static let refusing = [
        "do not", "don't", "dont", "never", "no contact", " not ", "not contact", "only to count", "only for counting", "only count",
        "only to verify", "internal purposes only", "unsubscribe", "opt out", "opt-out", "no thanks", "no, ", "nein", "nicht",
        "keine", "ne pas", "non merci", "pas de", "no me", "no contactar", "non contattar", "niet",
        "не ", "нет", "hayır", "istemiyorum", "いいえ", "しない", "不要", "不同意", "아니", "않", "لا", "לא",
    ]
    /// Words that allow: "You may contact me about this and other campaigns", "Yes".
    static let allowing = [
        "yes", "you may", "may contact", "may email", "can contact", "contact me", "keep me", "updates", "newsletter",
        "news", "agree", "i consent", "opt in", "opt-in", "subscribe", "sign me up", "ok", "sure", "ja", "gerne", "oui",
        "sí", "si,", "sim", "sì", "tak", "да", "evet", "はい", "네", "예", "是", "同意", "نعم", "כן",
    ]

    /// Classifies an answer with the built-in rules, after `allow` and `deny` (exact answers
    /// the coordinator named, compared without case and surrounding space).
    public static func classify(_ answer: String, allow: Set<String> = [], deny: Set<String> = []) -> ConsentChoice {
        let text = answer.trimmingSpaces()
        if text.isEmpty { return .none }
        let key = text.lowercased()
        if deny.contains(key) { return .refuses }
        if allow.contains(key) { return .allows }
        let padded = " " + key + " "
        // A yes and a no in one answer ("Yes, no", "OK, non") is no consent: it is left to the coordinator.
        let refuses = wholeWords(key).contains { ["no", "n", "non", "nein", "nie", "não", "nao", "nej", "nee", "hayır", "нет"].contains($0) }
            || refusing.contains(where: { padded.contains($0) })
        let allows = key == "y" || allowing.contains(where: { word in
            // Short words match whole words only ("ok" not inside "book").
            word.count <= 3 && word.unicodeScalars.allSatisfy(\.isASCII) ? wholeWords(key).contains(word) : padded.contains(word)
        })
        switch (refuses, allows) {
        case (true, true):
            // "Do not contact me", "Not yes": a negation before the yes refuses it; a yes before
            // the no ("Yes, actually no") stays unclear.
            let negations = ["do not", "don't", "dont", "never", " not ", "ne pas", "nicht", "no me", "no quiero"]
            let firstNegation = negations.compactMap { padded.range(of: $0)?.lowerBound }.min()
            let firstYes = allowing.compactMap { padded.range(of: $0)?.lowerBound }.min()
            if let firstNegation, firstYes.map({ firstNegation < $0 }) ?? true { return .refuses }
            return .unclear
        case (true, false): return .refuses
        case (false, true): return .allows
        case (false, false): return .unclear
        }
    }

    /// The words of an answer, split at anything that is not a letter.
    static func wholeWords(_ text: String) -> [String] {
        text.split { !$0.isLetter }.map(String.init)
    }
}

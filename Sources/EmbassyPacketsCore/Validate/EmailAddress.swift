/// A pragmatic email check and the key that counts each signer once.
public enum EmailAddress {
    /// One @, a non-empty local part of at most 64 characters, a domain with a dot and no
    /// empty labels, no white space anywhere. Internationalised domains are allowed.
    public static func isValid(_ email: String) -> Bool {
        let utf8 = email.utf8
        guard !utf8.isEmpty, utf8.count <= 320 else { return false }
        var atIndex: String.UTF8View.Index?
        for index in utf8.indices {
            let byte = utf8[index]
            if byte <= 0x20 || byte == 0x7F { return false }
            if byte == UInt8(ascii: "@") {
                if atIndex != nil { return false }
                atIndex = index
            }
        }
        guard let at = atIndex else { return false }
        let local = email[..<at]
        let domain = email[email.index(after: at)...]
        guard !local.isEmpty, local.count <= 64, local.unicodeScalars.count <= 64 else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else { return false }
        return true
    }

    /// The deduplication key: trimmed and case-folded; with `.gmail`, Gmail addresses also
    /// lose the dots and `+tag` of their local part (Gmail delivers them all to one inbox).
    public static func key(_ email: String, mode: DedupMode = .exact) -> String {
        let key = email.trimmingSpaces().lowercased()
        guard mode == .gmail, let at = key.lastIndex(of: "@") else { return key }
        let domain = key[key.index(after: at)...]
        guard domain == "gmail.com" || domain == "googlemail.com" else { return key }
        var local = key[..<at]
        if let plus = local.firstIndex(of: "+") { local = local[..<plus] }
        return local.filter { $0 != "." } + "@gmail.com"
    }
}

/// How email addresses are compared to count each signer once.
public enum DedupMode: String, Sendable, CaseIterable {
    /// Trimmed and case-folded.
    case exact
    /// As `exact`, and Gmail's dots and `+tags` ignored.
    case gmail
}

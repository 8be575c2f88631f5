/// A pragmatic email check and the key that counts each signer once.
public enum EmailAddress {
    /// One @, a non-empty local part of at most 64 characters, a domain with a dot and no
    /// empty labels, no white space anywhere. Internationalised domains are allowed.
    public static func isValid(_ email: String) -> Bool {
        var copy = email
        return copy.withUTF8 { isValid(utf8: $0) }
    }

    /// The same check over UTF-8 bytes, in one pass.
    static func isValid(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 320 else { return false }
        var at = -1
        var localCharacters = 0
        var labelStart = -1
        var labels = 0
        var previous: UInt8 = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte <= 0x20 || byte == 0x7F { return false }
            if at < 0 {
                if byte == UInt8(ascii: "@") {
                    guard localCharacters > 0, localCharacters <= 64 else { return false }
                    at = index
                    labelStart = index + 1
                } else if byte & 0xC0 != 0x80 {
                    localCharacters += 1  // count scalars, not bytes
                }
                continue
            }
            if byte == UInt8(ascii: "@") { return false }
            if byte == UInt8(ascii: ".") {
                // A label is not empty and neither starts nor ends with a hyphen.
                guard index > labelStart, bytes[labelStart] != UInt8(ascii: "-"), previous != UInt8(ascii: "-") else { return false }
                labels += 1
                labelStart = index + 1
            }
            previous = byte
        }
        guard at >= 0, labelStart < bytes.count, bytes[labelStart] != UInt8(ascii: "-"), previous != UInt8(ascii: "-") else { return false }
        return labels + 1 >= 2
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
    /// No email at all (openPetition lists, the UK Parliament's JSON): each signer counted once
    /// by name, city and country. Weaker: namesakes in one city count once.
    case name
}

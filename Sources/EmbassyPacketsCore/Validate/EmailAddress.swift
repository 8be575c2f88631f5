/// A pragmatic email check and the key that counts each signer once.
///
/// Both take what the signer typed: they canonicalise it first (`EmailCanonicalizer`), so a
/// display name, `mailto:`, quotes, invisible characters, fullwidth forms or a Unicode domain do
/// not make a valid address invalid or one signer two. A caller that already holds the canonical
/// form (the Validator: `EmailCanonicalizer.canonical(raw)` once per row) checks it with
/// `isValidCanonical(_:)` and keys it with `key(canonical:mode:)`, which skips the work.
public enum EmailAddress {
    /// True when `email` canonicalises (`EmailCanonicalizer.canonical`) to an address that
    /// `isValidCanonical(_:)` accepts. Internationalised domains are allowed.
    public static func isValid(_ email: String) -> Bool {
        guard let canonical = EmailCanonicalizer.canonical(email) else { return false }
        return isValidCanonical(canonical)
    }

    /// The check itself, on an address taken as it is (meant for `EmailCanonicalizer.canonical`'s
    /// result): one @, a non-empty local part of at most 64 characters, a domain with a dot made
    /// of letters, digits, hyphens and underscores (or characters past ASCII), no empty labels,
    /// no label starting or ending with a hyphen, no label over 63 bytes, at most
    /// 253 bytes of domain, no white space or control character anywhere, and every `xn--` label
    /// real Punycode for something outside ASCII.
    public static func isValidCanonical(_ email: String) -> Bool {
        var copy = email
        guard copy.withUTF8({ isValid(utf8: $0) }) else { return false }
        guard let at = email.utf8.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let domain = email[email.index(after: at)...]
        guard domain.utf8.count >= 4, domain.utf8.contains(UInt8(ascii: "-")) else { return true }
        for label in domain.split(separator: ".") where label.utf8.count > 4 && label.lowercased().hasPrefix(Punycode.acePrefix) {
            guard let decoded = Punycode.decode(label.dropFirst(4)), decoded.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        }
        return true
    }

    /// The same check over UTF-8 bytes, in one pass.
    static func isValid(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 320 else { return false }
        var at = -1
        var localCharacters = 0
        var labelStart = -1
        var labels = 0
        var domainBytes = 0
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
            // Host names are letters, digits and hyphens (underscores are tolerated); bytes
            // past ASCII belong to a label not yet in Punycode.
            guard byte >= 0x80 || EmailCanonicalizer.host[Int(byte)] else { return false }
            domainBytes += 1
            if byte == UInt8(ascii: ".") {
                // A label is not empty, neither starts nor ends with a hyphen, and fits DNS.
                guard index > labelStart, index - labelStart <= 63, bytes[labelStart] != UInt8(ascii: "-"), previous != UInt8(ascii: "-") else { return false }
                labels += 1
                labelStart = index + 1
            }
            previous = byte
        }
        guard at >= 0, labelStart < bytes.count, bytes.count - labelStart <= 63, domainBytes <= 253,
            bytes[labelStart] != UInt8(ascii: "-"), previous != UInt8(ascii: "-")
        else { return false }
        return labels + 1 >= 2
    }

    /// The deduplication key: canonicalised (`EmailCanonicalizer.canonical`; what does not
    /// canonicalise is only trimmed) and case-folded; with `.gmail`, Gmail addresses also lose
    /// the dots and `+tag` of their local part (Gmail delivers them all to one inbox).
    public static func key(_ email: String, mode: DedupMode = .exact) -> String {
        key(canonical: EmailCanonicalizer.canonical(email) ?? email.trimmingSpaces(), mode: mode)
    }

    /// The deduplication key of an address that is already canonical (what
    /// `EmailCanonicalizer.canonical` returned), without canonicalising it again: case-folded,
    /// and with `.gmail` the Gmail rules applied. Same result as `key(_:mode:)` on such input.
    public static func key(canonical email: String, mode: DedupMode = .exact) -> String {
        let key = email.lowercased()
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
    /// Canonicalised (`EmailCanonicalizer`) and case-folded.
    case exact
    /// As `exact`, and Gmail's dots and `+tags` ignored.
    case gmail
    /// No email at all (openPetition lists, the UK Parliament's JSON): each signer counted once
    /// by name, city and country. Weaker: namesakes in one city count once.
    case name
}

/// Counts each signer once: the earliest submission (by timestamp where both rows have
/// one, otherwise by input order) is kept and every other is a duplicate of it.
public struct Deduplicator: Sendable {
    /// A signature counted against another.
    public struct Duplicate: Sendable {
        public var signature: Signature
        /// The row that was kept.
        public var keptAt: SourceLocation
    }

    /// The signatures kept, in input order, and the duplicates, in input order.
    public static func deduplicate(_ signatures: consuming [Signature]) -> (kept: [Signature], duplicates: [Duplicate]) {
        var best: [String: Int] = [:]
        best.reserveCapacity(signatures.count)
        for (index, signature) in signatures.enumerated() {
            if let current = best[signature.emailKey] {
                if isEarlier(signature, than: signatures[current]) { best[signature.emailKey] = index }
            } else {
                best[signature.emailKey] = index
            }
        }
        var kept: [Signature] = []
        var duplicates: [Duplicate] = []
        kept.reserveCapacity(best.count)
        for (index, signature) in signatures.enumerated() {
            let keptIndex = best[signature.emailKey]!
            if keptIndex == index {
                kept.append(signature)
            } else {
                duplicates.append(Duplicate(signature: signature, keptAt: signatures[keptIndex].location))
            }
        }
        return (kept, duplicates)
    }

    /// True when `a` was submitted before `b`.
    static func isEarlier(_ a: Signature, than b: Signature) -> Bool {
        if let ta = a.submittedAt, let tb = b.submittedAt, ta != tb { return ta < tb }
        return a.order < b.order
    }
}

/// Finds the folded country names within a small edit distance of a folded text, without
/// comparing the text with every name.
///
/// A symmetric-delete index: every name is stored under every string it becomes with up to
/// `maximumRadius` letters deleted, and a query looks up the strings the text becomes the same
/// way; two strings within distance d share such a string, so only the few names found that
/// way are compared (optimal string alignment distance: a transposition costs 1). The deleted
/// forms are never built as strings: each is a 64-bit polynomial hash computed from prefix
/// hashes, and a hash collision only costs a comparison.
struct CountryFuzzyIndex: Sendable {
    /// The largest distance a query can ask for.
    static let maximumRadius = 2
    /// Names and queries shorter than this are not fuzzed: too many names are that close.
    static let minimumLength = 4
    /// Names and queries longer than this are not fuzzed.
    static let maximumLength = 40

    // Folded names, flat: name i is scalars[offsets[i] ..< offsets[i + 1]].
    private let scalars: [UInt32]
    private let offsets: [Int32]
    // The codes each name stands for, flat the same way.
    private let codes: [String]
    private let codeOffsets: [Int32]
    // Open addressing on the deletion hash: slot → hash (0 = empty) and a range of `postings`.
    private let slotHashes: [UInt64]
    private let slotStarts: [Int32]
    private let slotEnds: [Int32]
    private let postings: [Int32]
    private let mask: Int
    // One bit per deletion hash, in 512 KB: most of a junk text's deleted forms are no name's,
    // and this rules them out from the cache instead of from the 16 MB slot table.
    private let filter: [UInt64]
    private static let filterBits = 22
    // Every scalar some name uses: a text with more scalars outside it than the radius is far
    // from every name, whatever its length (an email address, a number).
    private let alphabet: Set<UInt32>
    // `alphabet` below U+10000 as bits.
    private let alphabetBits: [UInt64]

    /// How many names the index holds.
    var count: Int { offsets.count - 1 }

    /// An index of folded names, each standing for one or more codes. Names outside the
    /// fuzzed lengths are left out.
    init(names: [(key: String, codes: [String])]) {
        var scalars: [UInt32] = [], offsets: [Int32] = [0]
        var codes: [String] = [], codeOffsets: [Int32] = [0]
        var pairs: [(UInt64, Int32)] = []
        var alphabet = Set<UInt32>()
        var hashes: [UInt64] = []
        for (key, keyCodes) in names {
            let text = key.unicodeScalars.map(\.value)
            guard text.count >= Self.minimumLength, text.count <= Self.maximumLength, !keyCodes.isEmpty else { continue }
            let id = Int32(offsets.count - 1)
            scalars += text
            offsets.append(Int32(scalars.count))
            codes += keyCodes
            codeOffsets.append(Int32(codes.count))
            alphabet.formUnion(text)
            hashes.removeAll(keepingCapacity: true)
            Self.deletionHashes(text, depth: Self.maximumRadius, into: &hashes)
            // Repeated letters give the same deleted form more than once.
            hashes.sort()
            var previous: UInt64?
            for hash in hashes where hash != previous {
                pairs.append((hash, id))
                previous = hash
            }
        }
        pairs.sort { $0.0 < $1.0 }

        var distinct = 0
        var previous: UInt64?
        for (hash, _) in pairs where hash != previous {
            distinct += 1
            previous = hash
        }
        var capacity = 16
        while capacity < distinct * 2 { capacity <<= 1 }
        var slotHashes = [UInt64](repeating: 0, count: capacity)
        var slotStarts = [Int32](repeating: 0, count: capacity)
        var slotEnds = [Int32](repeating: 0, count: capacity)
        var filter = [UInt64](repeating: 0, count: 1 << (Self.filterBits - 6))
        var postings: [Int32] = []
        postings.reserveCapacity(pairs.count)
        var start = 0
        while start < pairs.count {
            let hash = pairs[start].0
            var end = start
            while end < pairs.count && pairs[end].0 == hash {
                postings.append(pairs[end].1)
                end += 1
            }
            let mixed = Self.mix(hash)
            filter[Int(mixed >> (64 - Self.filterBits)) >> 6] |= 1 << (mixed >> (64 - Self.filterBits) & 63)
            var slot = Int(truncatingIfNeeded: mixed) & (capacity - 1)
            while slotHashes[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slotHashes[slot] = hash
            slotStarts[slot] = Int32(start)
            slotEnds[slot] = Int32(end)
            start = end
        }
        self.scalars = scalars
        self.offsets = offsets
        self.codes = codes
        self.codeOffsets = codeOffsets
        self.slotHashes = slotHashes
        self.slotStarts = slotStarts
        self.slotEnds = slotEnds
        self.postings = postings
        self.mask = capacity - 1
        self.alphabet = alphabet
        self.filter = filter
        var alphabetBits = [UInt64](repeating: 0, count: 1 << 10)
        for scalar in alphabet where scalar < 0x10000 { alphabetBits[Int(scalar >> 6)] |= 1 << (scalar & 63) }
        self.alphabetBits = alphabetBits
    }

    /// The codes of the names within `radius` of a folded text, each with its smallest
    /// distance. Empty for texts outside the fuzzed lengths.
    func nearest(_ key: String, within radius: Int) -> [String: Int] {
        let radius = min(radius, Self.maximumRadius)
        var text: [UInt32] = []
        text.reserveCapacity(key.utf8.count)
        for scalar in key.unicodeScalars { text.append(scalar.value) }
        guard radius > 0, text.count >= Self.minimumLength, text.count <= Self.maximumLength else { return [:] }
        var foreign = 0
        for scalar in text where scalar < 0x10000 ? alphabetBits[Int(scalar >> 6)] & (1 << (scalar & 63)) == 0 : !alphabet.contains(scalar) {
            foreign += 1
            if foreign > radius { return [:] }
        }
        var hashes: [UInt64] = []
        Self.deletionHashes(text, depth: radius, into: &hashes)
        var found: [Int32] = []
        for hash in hashes {
            let mixed = Self.mix(hash)
            let bit = mixed >> (64 - Self.filterBits)
            guard filter[Int(bit >> 6)] & (1 << (bit & 63)) != 0 else { continue }
            var slot = Int(truncatingIfNeeded: mixed) & mask
            while slotHashes[slot] != 0 && slotHashes[slot] != hash { slot = (slot + 1) & mask }
            guard slotHashes[slot] == hash else { continue }
            found += postings[Int(slotStarts[slot]) ..< Int(slotEnds[slot])]
        }
        guard !found.isEmpty else { return [:] }
        found.sort()
        var result: [String: Int] = [:]
        var rows = DistanceRows(capacity: text.count + 1)
        var previous: Int32 = -1
        for id in found where id != previous {
            previous = id
            let name = scalars[Int(offsets[Int(id)]) ..< Int(offsets[Int(id) + 1])]
            guard abs(name.count - text.count) <= radius else { continue }
            let distance = rows.distance(text, name, limit: radius)
            guard distance <= radius else { continue }
            for code in codes[Int(codeOffsets[Int(id)]) ..< Int(codeOffsets[Int(id) + 1])] where result[code].map({ distance < $0 }) ?? true {
                result[code] = distance
            }
        }
        return result
    }

    private static let base: UInt64 = 0x100_0000_01B3

    // splitmix64's finaliser: the polynomial hash's low bits alone cluster. The low bits
    // pick the slot, the high ones the filter bit.
    private static func mix(_ hash: UInt64) -> UInt64 {
        var z = hash
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The hashes of a text and of every form of it with up to `depth` (at most 2) scalars
    /// deleted, where hash(s) = Σ (s[k] + 1) · base^(count − 1 − k), wrapping; never 0.
    static func deletionHashes(_ s: [UInt32], depth: Int, into hashes: inout [UInt64]) {
        let n = s.count
        // prefix[i]: hash of s[0 ..< i]; power[k]: base^k.
        var prefix = [UInt64](repeating: 0, count: n + 1)
        var power = [UInt64](repeating: 1, count: n + 1)
        hashes.reserveCapacity(hashes.count + 1 + n + n * (n - 1) / 2)
        for i in 0 ..< n {
            prefix[i + 1] = prefix[i] &* base &+ UInt64(s[i]) &+ 1
            power[i + 1] = power[i] &* base
        }
        // The hash of s[a ..< b].
        func range(_ a: Int, _ b: Int) -> UInt64 { prefix[b] &- prefix[a] &* power[b - a] }
        func add(_ hash: UInt64) { hashes.append(hash == 0 ? 1 : hash) }
        add(prefix[n])
        guard depth >= 1, n >= 1 else { return }
        for i in 0 ..< n {
            add(prefix[i] &* power[n - i - 1] &+ range(i + 1, n))
        }
        guard depth >= 2, n >= 2 else { return }
        for i in 0 ..< n - 1 {
            for j in i + 1 ..< n {
                add(prefix[i] &* power[n - i - 2] &+ range(i + 1, j) &* power[n - j - 1] &+ range(j + 1, n))
            }
        }
    }
}

/// Reusable rows for the optimal string alignment distance.
private struct DistanceRows {
    private var before: [Int], previous: [Int], current: [Int]

    init(capacity: Int) {
        before = Array(repeating: 0, count: capacity)
        previous = before
        current = before
    }

    /// The optimal string alignment distance (Levenshtein plus adjacent transpositions), or
    /// `limit + 1` as soon as it must exceed `limit`.
    mutating func distance(_ a: [UInt32], _ b: ArraySlice<UInt32>, limit: Int) -> Int {
        let n = a.count, m = b.count, b0 = b.startIndex
        guard n > 0, m > 0 else { return max(n, m) }
        if before.count < m + 1 {
            before = Array(repeating: 0, count: m + 1)
            previous = before
            current = before
        }
        for j in 0 ... m { previous[j] = j }
        for i in 1 ... n {
            current[0] = i
            var rowMinimum = i
            for j in 1 ... m {
                let cost = a[i - 1] == b[b0 + j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[b0 + j - 2] && a[i - 2] == b[b0 + j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        return previous[m]
    }
}

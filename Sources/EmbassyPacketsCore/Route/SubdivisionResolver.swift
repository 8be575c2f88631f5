import Foundation

/// Resolves what a signer typed in State or Province to an ISO 3166-2 code, for the
/// countries whose consulates have districts: by name (in English or the local script),
/// by code ("US-CA") and by abbreviation ("CA", "NSW").
/// (`@unchecked Sendable`: its one mutable part, the cache of answers, is guarded by `lock`.)
public final class SubdivisionResolver: @unchecked Sendable {
    private var byKey: [String: String] = [:]  // "US|california" → "US-CA"
    private var parents: [String: String] = [:]
    private var cache: [String: String?] = [:]
    private let lock = NSLock()

    /// Creates a resolver over the built-in ISO 3166-2 table.
    public init() {
        for entry in ISO3166Subdivisions.entries {
            let country = String(entry.code.prefix(2))
            let suffix = String(entry.code.dropFirst(3))
            if !entry.parent.isEmpty { parents[entry.code] = entry.parent }
            register(entry.code, country: country, code: entry.code)
            register(suffix, country: country, code: entry.code)
            for name in entry.names { register(name, country: country, code: entry.code) }
        }
    }

    private func register(_ text: String, country: String, code: String) {
        let key = country + "|" + CountryResolver.fold(text)
        if byKey[key] == nil { byKey[key] = code }
    }

    /// The ISO 3166-2 code for a region typed by a signer from `country`, or nil.
    public func resolve(_ text: String, country: String) -> String? {
        let cacheKey = country + "|" + text
        lock.lock()
        if let cached = cache[cacheKey] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        var result = byKey[country + "|" + CountryResolver.fold(text)]
        if result == nil, let comma = text.firstIndex(of: ",") {
            // "Los Angeles, CA" or "Toronto, Ontario": try what follows the comma.
            result = byKey[country + "|" + CountryResolver.fold(String(text[text.index(after: comma)...]))]
        }
        lock.lock()
        cache[cacheKey] = result
        lock.unlock()
        return result
    }

    /// The code and every code above it: GB-GLG, GB-SCT.
    public func lineage(of code: String) -> [String] {
        var chain = [code]
        var current = code
        while let parent = parents[current], !chain.contains(parent) {
            chain.append(parent)
            current = parent
        }
        return chain
    }
}

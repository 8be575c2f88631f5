import Crypto
import EmbassyPacketsCore

/// How packets are named for a delivery: their id and the shard they belong to, the same in
/// every run of the same delivery.
extension Generator {
    /// A packet's short id, printed on its cover and receipt and kept in the manifest: the
    /// embassy's code and eight characters of a hash of what the packet delivers (the mission,
    /// the date, the supplement and every signature's printed name and place, never an
    /// email), so that the same delivery always has the same id. "GB-7K3Q-9ZXA".
    public static func packetID(_ plan: PacketPlan, date: LetterDate, supplement: Int?) -> String {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Array(text.utf8) + [0]) }
        add(plan.fileStem)
        add(plan.mission.name)
        add(date.description)
        add(String(supplement ?? 0))
        for section in plan.sections {
            add(section.countryCode)
            for signature in section.signatures {
                add(signature.displayName)
                add(signature.city)
                add(signature.region)
            }
        }
        let digest = Array(hasher.finalize())
        // Crockford's base 32: no I, L, O or U, so nothing reads as another character.
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var bits = 0
        var value = 0
        var characters: [Character] = []
        for byte in digest where characters.count < 8 {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5 && characters.count < 8 {
                bits -= 5
                characters.append(alphabet[(value >> bits) & 31])
            }
            value &= (1 << bits) - 1
        }
        return "\(plan.code)-\(String(characters[0..<4]))-\(String(characters[4..<8]))"
    }

    /// The shard (1-based) an embassy's packets belong to: a hash of its code, so that every
    /// run of a sharded job puts each embassy in the same one shard.
    public static func shardIndex(of code: String, count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in code.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int(hash % UInt32(count)) + 1
    }
}

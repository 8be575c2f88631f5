/// Who sends the petition: printed as the letter's letterhead, and as the signatory under
/// its closing. Every part is optional; from the template's `<sender>` or a `--sender` file.
public struct Sender: Sendable, Hashable, Codable {
    /// The organisation ("North Korea Freedom Coalition").
    public var organisation: String?
    /// The named signatory, who signs the letter for the signers.
    public var name: String?
    /// The signatory's title ("Chair").
    public var role: String?
    /// The postal address, one line each.
    public var address: [String]
    /// The campaign's own contact address, printed on purpose: the only email address a
    /// packet may carry (signers' addresses never are).
    public var email: String?
    public var phone: String?

    /// Creates a sender.
    public init(organisation: String? = nil, name: String? = nil, role: String? = nil, address: [String] = [], email: String? = nil, phone: String? = nil) {
        self.organisation = organisation
        self.name = name
        self.role = role
        self.address = address
        self.email = email
        self.phone = phone
    }

    /// True when nothing is given.
    public var isEmpty: Bool {
        organisation == nil && name == nil && role == nil && address.isEmpty && email == nil && phone == nil
    }

    /// How one can answer: the address on one line, then email and phone.
    public var contactLines: [String] {
        var lines: [String] = []
        if !address.isEmpty { lines.append(address.joined(separator: " · ")) }
        let reach = [email, phone].compactMap { $0 }
        if !reach.isEmpty { lines.append(reach.joined(separator: " · ")) }
        return lines
    }
}

import EmbassyPacketsCore
import EmbassyPacketsRender
import Foundation

/// Recording what was made: the packets' manifest entries, the index, the delivered list.
extension Generator {
    /// The record stage's packet entries: each packet's files with their fingerprints (taken as
    /// they were written), its counts, id and address warnings.
    static func packetRecords(
        _ selected: [PacketPlan], results: [RenderResult], staging: String, options: GenerateOptions, supplement: Int?
    ) throws -> [Manifest.Packet] {
        try zip(selected, results).map { plan, result in
            let volumes = try result.volumes.map { volume -> Manifest.Packet.Volume in
                let relative = "packets/\(volume.file)"
                // Hashed as it was written; read back only when the renderer could not say.
                guard volume.sha256.isEmpty else {
                    return Manifest.Packet.Volume(file: relative, sha256: volume.sha256, bytes: volume.bytes, pages: volume.pages)
                }
                let bytes = try readFile(UserPath.join(staging, relative))
                return Manifest.Packet.Volume(file: relative, sha256: sha256Hex(bytes), bytes: bytes.count, pages: volume.pages)
            }
            let warnings = AddressCheck.warnings(plan.mission, countryCode: plan.code)
            return Manifest.Packet(
                embassy: plan.code, mission: plan.mission.name, file: volumes[0].file, sha256: volumes[0].sha256,
                bytes: volumes.reduce(0) { $0 + $1.bytes }, pages: result.pages, signatures: plan.signatureCount,
                countries: plan.countryCounts, consulate: plan.consulate == nil ? nil : plan.mission.slug,
                addressVerified: plan.mission.addressVerified, unknownGlyphs: result.unknownGlyphs, volumes: volumes,
                splitRows: result.splitRows.isEmpty ? nil : result.splitRows, packetId: packetID(plan, date: options.date, supplement: supplement),
                addressWarnings: warnings.isEmpty ? nil : warnings)
        }
    }

    /// Who has been delivered, as keyed hashes: everyone before, and everyone in these packets;
    /// nil without a signer key.
    static func writeDeliveredList(_ selected: [PacketPlan], previous: PreviousDelivery?, key: SignerKey?, folder: String) throws -> Manifest.DeliveredList? {
        guard let key else { return nil }
        var hashes = previous?.delivered ?? []
        for plan in selected {
            for section in plan.sections { for signature in section.signatures { hashes.insert(key.hash(signature.emailKey)) } }
        }
        let bytes = Array(hashes.sorted().map { $0 + "\n" }.joined().utf8)
        try writeFile(bytes, to: UserPath.join(folder, "delivered.txt"))
        return Manifest.DeliveredList(file: "delivered.txt", sha256: sha256Hex(bytes), signers: hashes.count, keyId: key.id)
    }

    /// Writes the coordinators' index, `index.pdf`, and returns its record.
    static func writeIndex(
        selected: [PacketPlan], packets: [Manifest.Packet], run: PreparedRun, date: LetterDate, supplement: Int?,
        creator: String, creationDate: Int64, folder: String, paper: Paper? = nil
    ) throws -> Manifest.FileRecord {
        let title = run.templates.first?.title ?? "Petition"
        let entries = zip(selected, packets).map { plan, packet in
            PacketIndex.Entry(
                mission: plan.mission.name, city: plan.mission.city,
                countries: plan.sections.map(\.countryName).joined(separator: ", "), signatures: packet.signatures,
                pages: packet.pages, file: packet.volumes.map { UserPath.name($0.file) }.joined(separator: ", "),
                address: plan.mission.addressLines, warnings: packet.addressWarnings ?? [], packetID: packet.packetId)
        }
        let unsure = entries.filter { !$0.warnings.isEmpty }.count
        var byCountry: [String: Int] = [:]
        for plan in selected { for section in plan.sections { byCountry[section.countryName, default: 0] += section.signatures.count } }
        let total = packets.reduce(0) { $0 + $1.signatures }
        var index = PacketIndex(
            title: supplement.map { "\(title): supplement \($0)" } ?? title,
            subtitle: "Delivery of \(Formatting.date(date, language: "en")): \(Formatting.number(packets.count, language: "en")) packets, \(Formatting.number(total, language: "en")) signatures, \(Formatting.number(packets.reduce(0) { $0 + $1.pages }, language: "en")) pages."
                + (unsure == 0 ? "" : "\n\(unsure == 1 ? "One address is" : "\(Formatting.number(unsure, language: "en")) addresses are") not confirmed or not complete: each is marked “Check before posting” below."),
            entries: entries,
            byCountry: byCountry.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { (name: $0.key, count: $0.value) },
            metadata: PacketDocument.Metadata(title: "\(title) — index of packets", author: run.templates.first?.campaign ?? "", subject: "The packets of one delivery", creator: creator, creationDate: creationDate))
        index.paper = paper ?? .a4
        let path = UserPath.join(folder, "index.pdf")
        let pages = try PacketRenderer().renderIndex(index, to: path)
        let bytes = try readFile(path)
        return Manifest.FileRecord(file: "index.pdf", sha256: sha256Hex(bytes), bytes: bytes.count, pages: pages)
    }

    /// The options of the run, as the manifest records them.
    static func manifestOptions(_ options: GenerateOptions) -> Manifest.Options {
        Manifest.Options(
            by: options.intake.routing.byConsulate ? "consulate" : "embassy", columns: options.columns.map(\.rawValue),
            paper: options.paper?.rawValue, maxPages: options.maxPages, dedup: options.intake.dedup.rawValue,
            encoding: options.intake.encoding?.rawValue ?? "auto", routes: options.intake.routing.overrides,
            letters: [options.templatePath] + options.translationPaths, only: options.only.map { $0.sorted() },
            shard: options.shard.map { "\($0.index)/\($0.count)" })
    }

    /// SHA-256 over "NAME SHA256" lines of the directory's files, in name order.
    static func directoryFingerprint(_ folder: String) throws -> Manifest.DirectoryRecord {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rng") }.sorted()
        var lines = ""
        for name in names {
            lines += "\(name) \(sha256Hex(try readFile(UserPath.join(folder, name))))\n"
        }
        return Manifest.DirectoryRecord(path: folder, sha256: sha256Hex(Array(lines.utf8)), files: names.count)
    }
}

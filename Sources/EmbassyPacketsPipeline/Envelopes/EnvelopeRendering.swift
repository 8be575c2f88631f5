import EmbassyPacketsCore
import EmbassyPacketsRender

/// What `envelopes` renders: the envelopes, the label sheets, and then the checklist, which
/// also lists what rendering found (an address that fits only in very small type).
extension Envelopes {
    /// What was rendered into the staging folder.
    struct Rendered {
        /// Each PDF with its SHA-256, bytes and pages, in the order they are put in place.
        var records: [Manifest.FileRecord]
        var labels: [(file: String, stock: LabelStock, sheets: Int)]
        /// How many envelopes the checklist marks.
        var toCheck: Int
    }

    /// Renders every file into `staging`.
    static func render(_ input: Input, labelFiles: [(Paper, String)], into staging: String) throws -> Rendered {
        let items = input.items
        let sender = input.sender
        let creator = "\(ToolInfo.name) \(ToolInfo.version)"
        func metadata(_ title: String, _ subject: String) -> PacketDocument.Metadata {
            PacketDocument.Metadata(
                title: title, author: sender?.organisation ?? sender?.name ?? "", subject: subject, creator: creator, creationDate: input.creation)
        }
        let renderer = PacketRenderer()
        var records: [Manifest.FileRecord] = []
        let envelopes = try renderer.renderEnvelopes(
            items, metadata: metadata("Envelopes", "One envelope per packet file"), to: UserPath.join(staging, envelopesName))
        records.append(Manifest.FileRecord(file: envelopesName, sha256: envelopes.sha256, bytes: envelopes.bytes, pages: envelopes.pages))
        // An address that fits only in very small type is for the coordinator to look at.
        var checks = items.map(\.checks)
        for (index, size) in envelopes.sizes.enumerated() where size < EnvelopeType.smallestComfortable.envelope {
            checks[index].append("the address is printed at \(points(size)) on the envelope: check that it can be read")
        }
        var labels: [(file: String, stock: LabelStock, sheets: Int)] = []
        var labelPlace: [Int: String] = [:]
        for (paper, name) in labelFiles {
            let stock = LabelStock.stock(for: paper)
            let indices = items.indices.filter { items[$0].paper == paper }
            for (position, index) in indices.enumerated() {
                let cell = position % stock.perSheet
                labelPlace[index] = "Label: \(name), sheet \(position / stock.perSheet + 1), row \(cell / stock.columns + 1), column \(cell % stock.columns + 1)"
            }
            let written = try renderer.renderLabels(
                indices.map { items[$0] }, stock: stock, metadata: metadata("Address labels (\(stock.name))", "Address labels for the packets"),
                to: UserPath.join(staging, name))
            records.append(Manifest.FileRecord(file: name, sha256: written.sha256, bytes: written.bytes, pages: written.pages))
            labels.append((name, stock, written.pages))
            for (position, size) in written.sizes.enumerated() where size < EnvelopeType.smallestComfortable.label {
                checks[indices[position]].append("the label is printed at \(points(size)): check that it can be read, or address the envelope itself")
            }
        }

        let rows = items.enumerated().map { index, item in
            EnvelopeChecklist.Row(
                envelope: "Envelope \(index + 1) (\(envelopesName) page \(index + 1)): \(item.stock.name)"
                    + (item.pages == nil ? "" : ", \(item.sheets) sheet\(item.sheets == 1 ? "" : "s")"),
                label: labelPlace[index] ?? "", file: item.file ?? "", address: item.recipient, checks: checks[index])
        }
        let toCheck = checks.filter { !$0.isEmpty }.count
        // No path: the same delivery gives the same bytes wherever its folder is.
        let origin = input.manifest == nil ? "Every mission of the embassy directory" : "The delivery of \(Formatting.date(input.date, language: "en"))"
        let returnLines = PostalAddress.returnAddress(sender, international: true, resolver: input.resolver)
        let subtitle = [
            "\(origin): \(items.count) envelope\(items.count == 1 ? "" : "s"); \(toCheck == 0 ? "nothing to check" : "\(toCheck) to check before posting, shaded below").",
            returnLines.isEmpty ? "Return address: none (no sender known), left blank." : "Return address: " + returnLines.joined(separator: " · "),
        ].joined(separator: "\n")
        let checklist = try renderer.renderChecklist(
            EnvelopeChecklist(
                title: "Envelopes and labels: the coordinator's copy", subtitle: subtitle, rows: rows,
                paper: items.allSatisfy { $0.paper == .letter } ? .letter : .a4,
                metadata: metadata("Envelopes and labels: the coordinator's copy", "What to check before posting")),
            to: UserPath.join(staging, checklistName))
        records.append(Manifest.FileRecord(file: checklistName, sha256: checklist.sha256, bytes: checklist.bytes, pages: checklist.pages))
        return Rendered(records: records, labels: labels, toCheck: toCheck)
    }

    /// "5.3 pt".
    static func points(_ size: Double) -> String {
        let tenths = Int((size * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) pt"
    }
}

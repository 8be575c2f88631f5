import EmbassyPacketsCore
import Foundation

/// `DIR/counts.json` and `DIR/counts.csv`: the public figures of a run, with no name, city or
/// email in them.
public enum CountsFiles {
    /// The files a run writes, at the top of its output.
    public static let names = ["counts.json", "counts.csv"]

    /// The columns of `counts.csv`: every row carries the delivery date, so that a sheet of
    /// several deliveries pasted together stays readable.
    static let header = ["Delivery Date", "Section", "Code", "Name", "Count"]

    /// Writes both files into `folder`; their records, for the manifest.
    public static func write(_ counts: PublicCounts, to folder: String) throws -> [Manifest.FileRecord] {
        do {
            let json = try Generator.jsonFile(counts)
            try Data(json).write(to: URL(fileURLWithPath: UserPath.join(folder, names[0])), options: .atomic)
            // Written as the reports are: with a byte-order mark, so that Excel opens the names as UTF-8.
            let csv = try Reports.save(text(counts), to: UserPath.join(folder, names[1]))
            return zip(names, [json, csv]).map { Manifest.FileRecord(file: $0, sha256: Generator.sha256Hex($1), bytes: $1.count) }
        } catch {
            throw PipelineError(stage: .output, message: "cannot write the counts: \(SystemError.reason(error))", location: SourceLocation(file: folder))
        }
    }

    /// `counts.csv` as text: the totals, then one row per country, per mission, per country not
    /// delivered and per rejection reason.
    public static func text(_ counts: PublicCounts) -> String {
        var csv = CSVWriter(header: header)
        let date = counts.deliveryDate
        let totals = counts.totals
        var rows: [(String, String, String, Int)] = [
            ("total", "rows", "Rows read", totals.rows),
            ("total", "signatures", "Signers counted once", totals.signatures),
            ("total", "delivered", "Signers in a packet", totals.delivered),
            ("total", "not-delivered", "Signers no mission takes", totals.notDelivered),
            ("total", "duplicates", "Duplicate rows", totals.duplicates),
            ("total", "rejected", "Rejected rows", totals.rejected),
        ]
        if let previous = totals.previouslyDelivered { rows.append(("total", "previously-delivered", "Signers delivered before", previous)) }
        if let paper = totals.paperWithoutEmail { rows.append(("total", "paper-without-email", "Paper signers without an email", paper)) }
        rows += counts.signaturesByCountry.map { ("country", $0.code, $0.name, $0.signatureCount) }
        rows += counts.signaturesByMission.map { ("mission", $0.packet, $0.name, $0.signatureCount) }
        rows += counts.notDeliveredByCountry.map { ("not-delivered", $0.code, $0.name, $0.signatureCount) }
        rows += counts.rejectedByReason.map { ("rejected", $0.reason, "", $0.count) }
        for (section, code, name, count) in rows { csv.append([date, section, code, name, String(count)]) }
        return csv.text
    }
}

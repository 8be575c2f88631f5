import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation

/// `embassy-packets envelopes OUT_DIR_OR_MANIFEST [--out DIR] [--sender FILE] [--embassies DIR] [--all]`
struct EnvelopesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envelopes",
        abstract: "Make an envelope and an address label for every packet file of a generate run.",
        discussion: """
            Reads DIR/manifest.json and the embassy directory, and writes envelopes.pdf (one \
            envelope per packet file: C4 or 9 x 12 in., B4 or 10 x 13 in. for thick packets), \
            labels.pdf (Avery L7160 on A4, 5160 on Letter; labels-a4.pdf and labels-letter.pdf \
            when the packets are on both), envelopes-checklist.pdf (the coordinator's copy: every \
            envelope in order, with what to check before posting) and envelopes.json. The return \
            address is the sender's. Files it did not write are never replaced without --force.
            """)

    @Argument(help: ArgumentHelp("The output folder of a generate run, or its manifest.json.", valueName: "OUT_DIR_OR_MANIFEST"))
    var source: String?

    @Option(name: .long, help: ArgumentHelp("Write the files here (default: the folder of the manifest).", valueName: "DIR"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("The return address: a <sender> file, as generate --sender takes (default: the packets' sender, else the template's <sender>).", valueName: "FILE"))
    var sender: String?

    @Option(name: .customLong("embassies"), help: ArgumentHelp("The embassy directory (default: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).", valueName: "FOLDER"))
    var embassiesOption: String?

    @Flag(name: .long, help: "Every mission of the embassy directory, embassies and consulates, without a manifest (needs --out).")
    var all = false

    @Option(name: .long, help: ArgumentHelp("With --all: the PDFs' date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's day, else today, UTC). A manifest's own date serves otherwise.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Flag(name: .long, help: "Replace envelopes.pdf, labels*.pdf, envelopes-checklist.pdf or envelopes.json even when envelopes did not write them.")
    var force = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if all && source != nil { throw ValidationError("give either OUT_DIR_OR_MANIFEST or --all, not both") }
        if !all && source == nil { throw ValidationError("give the output folder of a generate run (or its manifest.json), or --all with --out DIR") }
        if all && out == nil { throw ValidationError("--all needs --out DIR") }
        if date != nil && !all { throw ValidationError("--date is for --all: the envelopes of a delivery take its manifest's date") }
        if let date, LetterDate(iso: date) == nil { throw ValidationError("--date must be a calendar date written YYYY-MM-DD, not '\(date)'") }
        if all && date == nil { _ = try Generate.sourceDateEpoch(ProcessInfo.processInfo.environment) }
    }

    /// The manifest a source names: the folder's manifest.json, or the file itself.
    static func manifestPath(_ source: String) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), isFolder.boolValue {
            return UserPath.join(UserPath.trimmed(source), "manifest.json")
        }
        return source
    }

    func run() throws {
        let manifest = source.map(Self.manifestPath)
        let folder = out ?? manifest.map { UserPath.parent($0) } ?? "."
        let report: EnvelopeReport
        do {
            var options = EnvelopeOptions(
                manifestPath: manifest, outputDirectory: folder, embassiesFolder: try DataFiles.embassies(embassiesOption),
                creationDate: Generate.dates(option: date, environment: ProcessInfo.processInfo.environment).1)
            options.senderPath = sender
            options.force = force
            report = try Envelopes.run(options)
        } catch {
            throw Console.fail(error)
        }
        guard !quiet else { return }
        for notice in report.notices { Console.error(notice.description) }
        let shown = folder.isEmpty ? "." : folder
        var sizes: [String: Int] = [:]
        for item in report.items { sizes[item.stock.name, default: 0] += 1 }
        let stocks = sizes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let labels = report.labels.map { "\(UserPath.join(shown, $0.file)) (\($0.sheets) sheet\($0.sheets == 1 ? "" : "s") of \($0.stock.name))" }
        Console.error("""
            embassy-packets: \(report.items.count) envelope\(report.items.count == 1 ? "" : "s") (\(stocks)) in \(UserPath.join(shown, Envelopes.envelopesName))
              labels in \(labels.joined(separator: " and ")); checklist in \(UserPath.join(shown, Envelopes.checklistName))
            """)
    }
}

import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation

extension Paper: ExpressibleByArgument {}
extension PacketDocument.Tagging: ExpressibleByArgument {}

/// `embassy-packets generate INPUT... --out DIR`
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make one PDF packet per embassy and a manifest from signature files.",
        discussion: """
            Reads Google Forms CSV exports and JSON, counts each email address once, routes every \
            signer to the PRC embassy of their country, and writes DIR/packets/<CC>.pdf for each \
            embassy, DIR/manifest.json, DIR/reports/ (rejected.csv, duplicates.csv, \
            unrouted.csv), and the public figures DIR/counts.json and DIR/counts.csv (no name, city or email). Rows that are not delivered are reported on stderr as file:line warnings.
            """)

    @OptionGroup var intake: IntakeArguments

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("The date on the letters, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's day, else today, UTC).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .customLong("template"), help: ArgumentHelp("The letter template (default: $EMBASSY_PACKETS_DATA/Templates/letter.xml, else the one installed with the tool).", valueName: "FILE"))
    var templateOption: String?

    @Option(name: .long, help: ArgumentHelp("Print the letter in this language: the template's variant letter.LANG.xml (zh-Hans ships).", valueName: "LANG"))
    var language: String?

    @Flag(name: .long, help: "Print the English letter and then its translation (zh-Hans, or --language) in every packet.")
    var bilingual = false

    @Option(name: .long, help: ArgumentHelp("How much of each PDF's structure is tagged for screen readers and archives: every table cell, each row (far smaller files for big tables), or none.", valueName: "TAGS"))
    var tags: PacketDocument.Tagging = .cells

    @Option(name: .long, help: ArgumentHelp("Who sends the petition: a <sender> file (organisation, name, role, address, email, phone) printed as the letterhead and the signatory, instead of the template's <sender>.", valueName: "FILE"))
    var sender: String?


    @Option(
        name: .long,
        help: ArgumentHelp("The table's columns, in order, from no, name, city, region, signed (the signing date).", valueName: "LIST"))
    var columns: String = "no,name,city,region"

    @Option(name: .long, help: ArgumentHelp("Print every packet on this paper (a4 or letter) instead of the embassy country's own.", valueName: "PAPER"))
    var paper: Paper?

    @Option(name: .long, parsing: .unconditional, help: "Split packets longer than this many pages into volumes (US-1-of-3.pdf, ...).")
    var maxPages: Int = 500

    @Flag(name: .long, help: "Replace DIR even when it is not empty and not an earlier output.")
    var force = false

    @Flag(name: .long, help: "Print the run's summary as JSON on stdout.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Render only these embassies' packets (country codes, comma-separated).", valueName: "CC,CC"))
    var only: String?

    @Option(name: .long, help: ArgumentHelp("Render only shard K of N: every embassy falls in exactly one shard, the same in every run.", valueName: "K/N"))
    var shard: String?

    @Option(name: .long, help: ArgumentHelp("An earlier delivery's manifest: make supplementary packets of the signers it did not deliver.", valueName: "MANIFEST"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("The key for signers' keyed hashes (default: the EMBASSY_PACKETS_KEY environment variable).", valueName: "FILE"))
    var keyFile: String?

    @Option(name: .long, parsing: .unconditional, help: "How many processes render packets at once (default: the number of cores; never more than the packets).")
    var jobs: Int?

    @Option(name: .long, help: .hidden)
    var worker: String?

    @Option(name: .long, help: .hidden)
    var workerFolder: String?

    @Option(name: .long, help: .hidden)
    var workerResults: String?

    func validate() throws {
        if let date, LetterDate(iso: date) == nil {
            throw ValidationError("--date must be a calendar date written YYYY-MM-DD, not '\(date)'")
        }
        if maxPages < 2 { throw ValidationError("--max-pages must be at least 2, not \(maxPages)") }
        if date == nil { _ = try Self.sourceDateEpoch(ProcessInfo.processInfo.environment) }
        if let language, language.isEmpty || language.contains("/") { throw ValidationError("--language takes a language tag such as zh-Hans") }
        _ = try tableColumns()
        _ = try shardSpec()
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        if let only, only.split(separator: ",").contains(where: { $0.count != 2 }) {
            throw ValidationError("--only takes country codes separated by commas, e.g. US,KR")
        }
    }

    /// `--shard K/N`.
    func shardSpec() throws -> (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw ValidationError("--shard takes K/N with 1 <= K <= N, e.g. 2/4, not '\(shard)'")
        }
        return (index, count)
    }

    /// This process's executable and arguments, for starting rendering workers.
    static func ownCommandLine() -> [String]? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return [executable] + CommandLine.arguments.dropFirst()
    }

    /// `Templates/letter.xml` in another language: `Templates/letter.zh-Hans.xml`.
    static func variant(of template: String, language: String) -> String {
        let fileExtension = UserPath.pathExtension(template)
        let name = "\(UserPath.stem(template)).\(language).\(fileExtension.isEmpty ? "xml" : fileExtension)"
        return UserPath.join(UserPath.parent(template), name)
    }

    /// `--columns` as columns.
    func tableColumns() throws -> [TableColumn] {
        let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let list = try names.map { name -> TableColumn in
            guard let column = TableColumn(rawValue: name) else {
                throw ValidationError("--columns takes a list of \(TableColumn.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'")
            }
            return column
        }
        guard !list.isEmpty, list.contains(.name) else { throw ValidationError("--columns must include name") }
        guard Set(list).count == list.count else { throw ValidationError("--columns names a column twice") }
        return list
    }

    func run() throws {
        let (letterDate, creation) = Self.dates(option: date, environment: ProcessInfo.processInfo.environment)
        let template: String
        let embassies: String
        do {
            template = try DataFiles.template(templateOption)
            embassies = try intake.embassies
        } catch {
            throw Console.fail(error)
        }
        let translation = Self.variant(of: template, language: language ?? "zh-Hans")
        let progress = intake.quiet || json ? nil : ConsoleProgress()
        var options = GenerateOptions(
            inputs: intake.inputs, intake: intake.intakeOptions, outputDirectory: out, date: letterDate, creationDate: creation,
            embassiesFolder: embassies,
            templatePath: bilingual || language == nil ? template : translation,
            translationPaths: bilingual ? [translation] : [],
            columns: (try? tableColumns()) ?? TableColumn.standard,
            paper: paper, maxPages: maxPages)
        options.force = force
        options.senderPath = sender
        options.tagging = tags
        options.only = only.map { Set($0.uppercased().split(separator: ",").map(String.init)) }
        options.shard = try shardSpec()
        options.since = since
        options.progress = progress
        options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        options.workerCommand = Self.ownCommandLine()
        if let worker, let workerFolder, let workerResults {
            // A rendering worker started by another generate: render a share and stop.
            let parts = worker.split(separator: "/").compactMap { Int32($0) }
            guard parts.count == 3 else { throw ValidationError("--worker takes K/N/PARENT") }
            var role = RenderWorkers.Role(index: Int(parts[0]), count: Int(parts[1]), folder: workerFolder, results: workerResults)
            role.parent = parts[2]
            options.worker = role
            options.progress = nil
            do {
                options.signerKey = try SignerKey.load(file: keyFile, environment: ProcessInfo.processInfo.environment)
                _ = try Generator.generate(options)
            } catch {
                throw Console.fail(error)
            }
            return
        }
        // Ctrl-C: stop between pages, leave the previous output as it was, exit 1.
        signal(SIGINT) { _ in Cancellation.request() }
        signal(SIGTERM) { _ in Cancellation.request() }
        // A launcher may have started us with these signals blocked; a Ctrl-C must get through.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        let report: GenerateReport
        do {
            options.signerKey = try SignerKey.load(file: keyFile, environment: ProcessInfo.processInfo.environment)
            report = try Generator.generate(options)
        } catch let error as UndeliveredError {
            progress?.finish()
            throw intake.fail(error, reportsFolder: nil)
        } catch {
            progress?.finish()
            throw Console.fail(error)
        }
        if json { print(Self.jsonSummary(report, output: out)) }
        intake.printNotices(report.notices)
        // What `envelopes` wrote for the earlier packets is kept, but no longer matches them.
        // (Only when its record is there: a labels.pdf of the coordinator's own is theirs.)
        let fromEnvelopes = report.keptFiles.contains(Envelopes.recordName)
        let envelopeFiles = fromEnvelopes ? report.keptFiles.filter(Envelopes.isOwnName) : []
        let others = report.keptFiles.filter { !envelopeFiles.contains($0) }
        if !envelopeFiles.isEmpty && !intake.quiet {
            Console.error("\(out): warning: kept \(envelopeFiles.map { "'\($0)'" }.joined(separator: ", ")), which embassy-packets envelopes made for the earlier packets: run 'embassy-packets envelopes \(out)' again [output.stale-envelopes]")
        }
        if !others.isEmpty && !intake.quiet {
            let shown = others.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (others.count > 5 ? ", ..." : "")
            Console.error("\(out): note: kept \(others.count) file\(others.count == 1 ? "" : "s") that embassy-packets did not write: \(shown) [output.kept-files]")
        }
        intake.printDiagnostics(report.diagnostics, reportsFolder: "\(out)/reports")
        if !intake.quiet && !json {
            for packet in report.manifest.packets where !packet.addressVerified {
                Console.error(Diagnostic(
                    .warning, id: DiagnosticID.directoryUnverifiedAddress,
                    message: "no source confirms the street address of the \(packet.mission); check it before posting",
                    location: SourceLocation(file: "\(out)/\(packet.file)")).description)
            }
            for packet in report.manifest.packets {
                let missing = (packet.addressWarnings ?? []).filter { $0 != AddressCheck.unconfirmed }
                guard !missing.isEmpty else { continue }
                Console.error(Diagnostic(
                    .warning, id: DiagnosticID.directoryIncompleteAddress,
                    message: "the address of the \(packet.mission) has \(missing.joined(separator: " and ")); complete it in the embassy directory or check it before posting",
                    location: SourceLocation(file: "\(out)/\(packet.file)")).description)
            }
            for packet in report.manifest.packets where packet.unknownGlyphs > 0 {
                Console.error(Diagnostic(
                    .warning, id: DiagnosticID.renderUnknownGlyphs,
                    message: "\(Self.characters(packet.unknownGlyphs)) no installed font can draw (they print as boxes)",
                    location: SourceLocation(file: "\(out)/\(packet.file)")).description)
            }
            for packet in report.manifest.packets {
                guard let rows = packet.splitRows, !rows.isEmpty else { continue }
                let shown = rows.prefix(5).joined(separator: ", ") + (rows.count > 5 ? ", ..." : "")
                Console.error(Diagnostic(
                    .warning, id: DiagnosticID.renderSplitRow,
                    message: "\(rows.count == 1 ? "1 row is" : "\(rows.count) rows are") taller than a page and run on over several pages, marked \"runs on\": \(shown)",
                    location: SourceLocation(file: "\(out)/\(packet.file)")).description)
            }
            Console.error(Self.summary(report, output: out))
        }
        let unknown = report.manifest.packets.reduce(0) { $0 + $1.unknownGlyphs }
        if intake.strict && unknown > 0 {
            Console.error("error: --strict: \(Self.characters(unknown)) no installed font can draw [strict.unknown-glyphs]")
            throw ExitCode(1)
        }
        try intake.enforceStrict(report.manifest.totals)
    }

    /// The letter date and the PDF creation time: `--date` at midnight UTC, else
    /// SOURCE_DATE_EPOCH, else today at midnight UTC.
    static func dates(option: String?, environment: [String: String]) -> (LetterDate, Int64) {
        if let option, let date = LetterDate(iso: option) { return (date, date.secondsSince1970) }
        if let epoch = (try? sourceDateEpoch(environment)) ?? nil {
            return (LetterDate(secondsSince1970: epoch), epoch)
        }
        let today = LetterDate(secondsSince1970: Int64(Date().timeIntervalSince1970))
        return (today, today.secondsSince1970)
    }

    /// The latest moment `--date` can name: 9999-12-31T23:59:59Z.
    static let latestEpoch: Int64 = 253_402_300_799

    /// SOURCE_DATE_EPOCH as the reproducible-builds specification defines it: a decimal count of
    /// seconds since 1970, within the days `--date` can name. Nil when unset; throws when set
    /// to anything else (a garbage value is never ignored).
    static func sourceDateEpoch(_ environment: [String: String]) throws -> Int64? {
        guard let text = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text),
            value <= latestEpoch
        else {
            throw ValidationError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 up to \(latestEpoch) (9999-12-31), not '\(text)'")
        }
        return value
    }

    /// The run's summary for CI: what was made and the reconciliation.
    static func jsonSummary(_ report: GenerateReport, output: String) -> String {
        struct Summary: Encodable {
            var output: String
            var manifest: String
            var packets: Int
            var pages: Int
            var signatures: Int
            var totals: Manifest.Totals
            var rejected: [String: Int]
            var unrouted: [String: Int]
            var files: [String]
            var unverifiedAddresses: [String]
            var unknownGlyphs: Int
            /// What intake decided on its own or warns about (as in the manifest).
            var notices: [Manifest.Notice]
            /// Seconds per stage.
            var timings: [String: Double]
            /// How many processes rendered the packets.
            var processes: Int
            /// What came from paper sheets (as in the manifest); absent when nothing did.
            var paper: Manifest.PaperSheets?
        }
        let manifest = report.manifest
        let summary = Summary(
            output: output, manifest: UserPath.join(output, "manifest.json"), packets: manifest.packets.count,
            pages: report.pages, signatures: manifest.packets.reduce(0) { $0 + $1.signatures }, totals: manifest.totals,
            rejected: manifest.rejected, unrouted: manifest.unrouted, files: manifest.packets.flatMap { $0.volumes.map(\.file) },
            unverifiedAddresses: manifest.packets.filter { !$0.addressVerified }.map(\.file),
            unknownGlyphs: manifest.packets.reduce(0) { $0 + $1.unknownGlyphs },
            notices: manifest.notices ?? [],
            timings: report.timings.mapValues { ($0 * 1000).rounded() / 1000 }, processes: report.processes, paper: manifest.paper)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(summary)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func characters(_ count: Int) -> String { count == 1 ? "1 character" : "\(count) characters" }

    static func summary(_ report: GenerateReport, output: String) -> String {
        let totals = report.manifest.totals
        func n(_ value: Int) -> String { Formatting.number(value, language: "en") }
        // What this delivery's packets hold (with --only, --shard or --since, fewer than routed).
        let packets = report.manifest.packets.count
        let signatures = report.manifest.packets.reduce(0) { $0 + $1.signatures }
        var text = """
            embassy-packets: \(n(packets)) packet\(packets == 1 ? "" : "s"), \(n(signatures)) signature\(signatures == 1 ? "" : "s"), \(n(report.pages)) page\(report.pages == 1 ? "" : "s") in \(output)/packets
              rows \(n(totals.rows)): \(n(totals.accepted)) accepted (\(n(totals.routed)) routed, \(n(totals.unrouted)) unrouted), \(n(totals.duplicates)) duplicates, \(n(totals.rejected)) rejected
            """
        if let paper = report.manifest.paper {
            text += "\n  paper: \(n(paper.rows)) row\(paper.rows == 1 ? "" : "s") from \(n(paper.sheets.count)) sheet\(paper.sheets.count == 1 ? "" : "s"); \(n(paper.withoutEmail)) signer\(paper.withoutEmail == 1 ? "" : "s") without an email, counted by name, city and country"
        }
        return text
    }
}

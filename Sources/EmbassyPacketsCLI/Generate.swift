import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation

/// `embassy-packets generate INPUT... --out DIR`
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make one PDF packet per embassy and a manifest from signature files.",
        discussion: """
            Reads Google Forms CSV exports and JSON, counts each email address once, routes every \
            signer to the PRC embassy of their country, and writes DIR/packets/<CC>.pdf for each \
            embassy, DIR/manifest.json, and DIR/reports/ (rejected.csv, duplicates.csv, \
            unrouted.csv). Rows that are not delivered are reported on stderr as file:line warnings.
            """)

    @OptionGroup var intake: IntakeArguments

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("The date on the letters, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's day, else today, UTC).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("The letter template.", valueName: "FILE"))
    var template: String = "Templates/letter.xml"

    @Option(name: .long, help: "How many packets to render at once (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let date, LetterDate(iso: date) == nil {
            throw ValidationError("--date must be a calendar date written YYYY-MM-DD, not '\(date)'")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let (letterDate, creation) = Self.dates(option: date, environment: ProcessInfo.processInfo.environment)
        let options = GenerateOptions(
            inputs: intake.inputs, intake: intake.intakeOptions, outputDirectory: out, date: letterDate, creationDate: creation,
            embassiesFolder: intake.embassies, templatePath: template,
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let report: GenerateReport
        do {
            report = try Generator.generate(options)
        } catch {
            throw Console.fail(error)
        }
        intake.printDiagnostics(report.diagnostics, reportsFolder: "\(out)/reports")
        if !intake.quiet {
            for packet in report.manifest.packets where !packet.addressVerified {
                Console.error(Diagnostic(
                    .warning, id: "directory.unverified-address",
                    message: "no source confirms the street address of the \(packet.mission); check it before posting",
                    location: SourceLocation(file: "\(out)/\(packet.file)")).description)
            }
            Console.error(Self.summary(report, output: out))
        }
        try intake.enforceStrict(report.manifest.totals)
    }

    /// The letter date and the PDF creation time: `--date` at midnight UTC, else
    /// SOURCE_DATE_EPOCH, else today at midnight UTC.
    static func dates(option: String?, environment: [String: String]) -> (LetterDate, Int64) {
        if let option, let date = LetterDate(iso: option) { return (date, date.secondsSince1970) }
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(Int64.init) {
            return (LetterDate(secondsSince1970: epoch), epoch)
        }
        let today = LetterDate(secondsSince1970: Int64(Date().timeIntervalSince1970))
        return (today, today.secondsSince1970)
    }

    static func summary(_ report: GenerateReport, output: String) -> String {
        let totals = report.manifest.totals
        func n(_ value: Int) -> String { Formatting.number(value, language: "en") }
        return """
            embassy-packets: \(n(report.manifest.packets.count)) packets, \(n(totals.routed)) signatures, \(n(report.pages)) pages in \(output)/packets
              rows \(n(totals.rows)): \(n(totals.accepted)) accepted (\(n(totals.routed)) routed, \(n(totals.unrouted)) unrouted), \(n(totals.duplicates)) duplicates, \(n(totals.rejected)) rejected
            """
    }
}

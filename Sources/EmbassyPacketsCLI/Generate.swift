import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation

extension Paper: ExpressibleByArgument {}

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

    @Option(name: .long, help: ArgumentHelp("Print the letter in this language: the template's variant letter.LANG.xml (zh-Hans ships).", valueName: "LANG"))
    var language: String?

    @Flag(name: .long, help: "Print the English letter and then its translation (zh-Hans, or --language) in every packet.")
    var bilingual = false


    @Option(
        name: .long,
        help: ArgumentHelp("The table's columns, in order, from no, name, city, region, signed (the signing date).", valueName: "LIST"))
    var columns: String = "no,name,city,region"

    @Option(name: .long, help: ArgumentHelp("Print every packet on this paper (a4 or letter) instead of the embassy country's own.", valueName: "PAPER"))
    var paper: Paper?

    @Option(name: .long, help: "Split packets longer than this many pages into volumes (US-1-of-3.pdf, ...).")
    var maxPages: Int = 500

    func validate() throws {
        if let date, LetterDate(iso: date) == nil {
            throw ValidationError("--date must be a calendar date written YYYY-MM-DD, not '\(date)'")
        }
        if maxPages < 2 { throw ValidationError("--max-pages must be at least 2") }
        if let language, language.isEmpty || language.contains("/") { throw ValidationError("--language takes a language tag such as zh-Hans") }
        _ = try tableColumns()
    }

    /// `Templates/letter.xml` in another language: `Templates/letter.zh-Hans.xml`.
    static func variant(of template: String, language: String) -> String {
        let url = URL(fileURLWithPath: template)
        let base = url.deletingPathExtension().lastPathComponent
        let folder = (template as NSString).deletingLastPathComponent
        let name = "\(base).\(language).\(url.pathExtension.isEmpty ? "xml" : url.pathExtension)"
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
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
        let translation = Self.variant(of: template, language: language ?? "zh-Hans")
        let options = GenerateOptions(
            inputs: intake.inputs, intake: intake.intakeOptions, outputDirectory: out, date: letterDate, creationDate: creation,
            embassiesFolder: intake.embassies,
            templatePath: bilingual || language == nil ? template : translation,
            translationPaths: bilingual ? [translation] : [],
            columns: (try? tableColumns()) ?? TableColumn.standard,
            paper: paper, maxPages: maxPages)
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
            for packet in report.manifest.packets where packet.unknownGlyphs > 0 {
                Console.error(Diagnostic(
                    .warning, id: "render.unknown-glyphs",
                    message: "\(Self.characters(packet.unknownGlyphs)) no installed font can draw (they print as boxes)",
                    location: SourceLocation(file: "\(out)/\(packet.file)")).description)
            }
            Console.error(Self.summary(report, output: out))
        }
        let unknown = report.manifest.packets.reduce(0) { $0 + $1.unknownGlyphs }
        if intake.strict && unknown > 0 {
            Console.error("embassy-packets: --strict: \(Self.characters(unknown)) no installed font can draw")
            throw ExitCode(1)
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

    static func characters(_ count: Int) -> String { count == 1 ? "1 character" : "\(count) characters" }

    static func summary(_ report: GenerateReport, output: String) -> String {
        let totals = report.manifest.totals
        func n(_ value: Int) -> String { Formatting.number(value, language: "en") }
        return """
            embassy-packets: \(n(report.manifest.packets.count)) packets, \(n(totals.routed)) signatures, \(n(report.pages)) pages in \(output)/packets
              rows \(n(totals.rows)): \(n(totals.accepted)) accepted (\(n(totals.routed)) routed, \(n(totals.unrouted)) unrouted), \(n(totals.duplicates)) duplicates, \(n(totals.rejected)) rejected
            """
    }
}

import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation

/// `embassy-packets sheets --count N [--country CC] [--out FILE]`
struct Sheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print blank paper signature sheets for events, each with its own sheet id.",
        discussion: """
            Each sheet is a landscape page: the petition's title and requests (the template's \
            <summary>), the form's columns (First Name, Last Name, City, State or Province, Country, \
            Email Address, and whether we may email), numbered lines, the form's notice that the \
            email is not transmitted with the petition, and its sheet id (FR-261201-001) at the top \
            and the foot. Type the signed lines into a CSV with Sheet and Line columns and give it \
            to generate: each row keeps SHEET-ID:LINE as its origin, and a line without an email is \
            counted once by name, city and country.
            """)

    @Option(name: .long, help: "How many sheets (1 to 999).")
    var count: Int

    @Option(name: .long, help: ArgumentHelp("Sheets for one country's events: its code in the ids, its name in each line's Country cell, its paper (a code or an exact name).", valueName: "CC"))
    var country: String?

    @Option(name: .long, help: ArgumentHelp("The PDF to write (default: signature-sheets.pdf). A file that an earlier sheets run did not write is never replaced.", valueName: "FILE"))
    var out: String = "signature-sheets.pdf"

    @Option(name: .long, help: ArgumentHelp("The number of the first sheet, to go on from an earlier batch of the same day (default 1).", valueName: "N"))
    var first: Int = 1

    @Option(name: .long, help: ArgumentHelp("The paper, a4 or letter (default: the country's, else A4).", valueName: "PAPER"))
    var paper: Paper?

    @Option(name: .long, help: ArgumentHelp("Signed lines per sheet (default: as many as the paper holds).", valueName: "N"))
    var lines: Int?

    @Option(name: .long, help: ArgumentHelp("The date in the sheet ids, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's day, else today, UTC).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .customLong("template"), help: ArgumentHelp("The letter template whose title and <summary> the sheets print (default: the one installed with the tool).", valueName: "FILE"))
    var templateOption: String?

    @Option(name: .customLong("embassies"), help: ArgumentHelp("The embassy directory, for --country (default: the one installed with the tool).", valueName: "FOLDER"))
    var embassiesOption: String?

    func validate() throws {
        if count < 1 || count > SheetsFile.maximumCount { throw ValidationError("--count must be from 1 to \(SheetsFile.maximumCount), not \(count)") }
        if first < 1 { throw ValidationError("--first must be 1 or more") }
        if let lines, lines < 1 { throw ValidationError("--lines must be 1 or more") }
        if let date, LetterDate(iso: date) == nil { throw ValidationError("--date must be a calendar date written YYYY-MM-DD, not '\(date)'") }
        if date == nil { _ = try Generate.sourceDateEpoch(ProcessInfo.processInfo.environment) }
        if out.isEmpty { throw ValidationError("--out names no file") }
    }

    func run() throws {
        let (day, creation) = Generate.dates(option: date, environment: ProcessInfo.processInfo.environment)
        do {
            let options = SheetsFile.Options(
                count: count, first: first, country: country, output: out, paper: paper, lines: lines,
                templatePath: try DataFiles.template(templateOption),
                embassiesFolder: country == nil ? "" : try DataFiles.embassies(embassiesOption), date: day, creationDate: creation)
            let written = try SheetsFile.write(options)
            for warning in written.warnings { Console.error("warning: \(warning)") }
            let ids = written.sheets.sheets
            let range = ids.count == 1 ? ids[0].id : "\(ids[0].id) to \(ids[ids.count - 1].id)"
            Console.error("embassy-packets: \(ids.count) signature sheet\(ids.count == 1 ? "" : "s") (\(range)), \(written.lines) lines each, in \(out)")
        } catch {
            throw Console.fail(error)
        }
    }
}

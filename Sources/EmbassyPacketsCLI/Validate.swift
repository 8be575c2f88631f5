import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation

/// `embassy-packets validate INPUT...`: intake and routing only.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check signature files and print where every row would go, without rendering.",
        discussion: """
            Runs intake, validation, deduplication and routing, and prints the reconciliation on \
            stdout: rows, accepted by country, duplicates, rejected by reason, unrouted by country. \
            With --out DIR it also writes DIR/reports/ (rejected.csv, duplicates.csv, unrouted.csv).
            """)

    @OptionGroup var intake: IntakeArguments

    @Option(name: .long, help: ArgumentHelp("Also write the reports into DIR/reports.", valueName: "DIR"))
    var out: String?

    func run() throws {
        if let out, OutputFolder.isEarlierOutput(out) {
            // Its reports would then disagree with its packets and manifest.
            throw Console.fail(PipelineError(
                stage: .output,
                message: "'\(out)' holds a generate output: validate --out would make its reports disagree with its packets; name another folder",
                location: SourceLocation(file: out)))
        }
        let run: PreparedRun
        do {
            run = try Generator.prepare(inputs: intake.inputs, intake: intake.intakeOptions, embassiesFolder: try intake.embassies, templatePath: nil)
            if let out { try Reports.write(run.sorted, to: UserPath.join(out, "reports")) }
        } catch {
            throw Console.fail(error)
        }
        intake.printNotices(run.notices)
        intake.printDiagnostics(run.sorted.diagnostics, reportsFolder: out.map { "\($0)/reports" })
        print(Self.reconciliation(run), terminator: "")
        if !intake.allowMostlyUndelivered, let summary = run.sorted.undeliveredSummary(encodingDetected: run.notices.contains { $0.id == DiagnosticID.intakeEncodingDetected }) {
            Console.error(summary.description)
            throw ExitCode(1)
        }
        try intake.enforceStrict(run.sorted.totals)
    }

    /// The reconciliation as aligned text.
    static func reconciliation(_ run: PreparedRun) -> String {
        let sorted = run.sorted
        let totals = sorted.totals
        var lines: [(String, Int)] = [("rows", totals.rows)]
        for input in run.inputs { lines.append(("  \(input.path)", input.rows)) }
        if let paper = run.paper {
            lines.append(("  of them from \(paper.sheets.count) paper sheet\(paper.sheets.count == 1 ? "" : "s")", paper.rows))
        }
        lines.append(("accepted", totals.accepted))
        var accepted: [String: Int] = sorted.unroutedByCountry
        for plan in sorted.plans {
            for (code, count) in plan.countryCounts { accepted[code, default: 0] += count }
        }
        for (code, count) in accepted.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            lines.append(("  \(code) \(run.countries.name(of: code))", count))
        }
        if let paper = run.paper { lines.append(("  of them paper signers without an email", paper.withoutEmail)) }
        lines.append(("duplicates", totals.duplicates))
        lines.append(("rejected", totals.rejected))
        for (reason, count) in sorted.rejectedByReason.sorted(by: { $0.key < $1.key }) { lines.append(("  \(reason)", count)) }
        lines.append(("routed", totals.routed))
        lines.append(("unrouted", totals.unrouted))
        for (code, count) in sorted.unroutedByCountry.sorted(by: { $0.key < $1.key }) {
            lines.append(("  \(code) \(run.countries.name(of: code))", count))
        }
        let width = lines.map(\.0.count).max() ?? 0
        let numbers = lines.map { Formatting.number($0.1, language: "en") }
        let numberWidth = numbers.map(\.count).max() ?? 0
        return zip(lines, numbers).map { line, number in
            line.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: numberWidth - number.count) + number + "\n"
        }.joined()
    }
}

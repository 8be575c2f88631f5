import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline

extension Column: ExpressibleByArgument {}
extension DedupMode: ExpressibleByArgument {}

/// The options `generate` and `validate` share: which files, how to read them, how to count.
struct IntakeArguments: ParsableArguments {
    @Argument(help: "Signature files (CSV, JSON or JSON Lines), merged in the order given.")
    var inputs: [String]

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            "Map a column to a header the file uses, e.g. first=Vorname (columns: \(Column.allCases.map(\.rawValue).joined(separator: ", "))). Repeatable.",
            valueName: "COLUMN=HEADER"))
    var column: [String] = []

    @Option(name: .long, help: ArgumentHelp("How to decode files without a byte-order mark: utf-8 or windows-1252.", valueName: "NAME"))
    var encoding: String = "utf-8"

    @Option(name: .long, help: "How emails are compared: exact (trimmed, case ignored) or gmail (also Gmail's dots and +tags).")
    var dedup: DedupMode = .exact

    @Option(name: .long, help: ArgumentHelp("The embassy directory.", valueName: "FOLDER"))
    var embassies: String = "Embassies"

    @Flag(name: .long, help: "Exit with status 1 when any row is rejected or unrouted (for CI).")
    var strict = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        _ = try columns()
        if TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding must be utf-8 or windows-1252, not '\(encoding)'")
        }
    }

    /// `--column` values as overrides.
    func columns() throws -> [Column: String] {
        var map: [Column: String] = [:]
        for item in column {
            guard let equals = item.firstIndex(of: "="), let key = Column(rawValue: String(item[..<equals]).lowercased()) else {
                throw ValidationError("--column takes COLUMN=HEADER with COLUMN one of \(Column.allCases.map(\.rawValue).joined(separator: ", ")), not '\(item)'")
            }
            let header = String(item[item.index(after: equals)...])
            guard !header.isEmpty else { throw ValidationError("--column \(item) names no header") }
            map[key] = header
        }
        return map
    }

    var intakeOptions: IntakeOptions {
        IntakeOptions(columns: (try? columns()) ?? [:], encoding: TextEncoding(name: encoding) ?? .utf8, dedup: dedup)
    }

    /// Prints the diagnostics of rows not delivered (at most `limit`, then a count).
    func printDiagnostics(_ diagnostics: [Diagnostic], reportsFolder: String?) {
        guard !quiet else { return }
        let limit = 200
        for diagnostic in diagnostics.prefix(limit) { Console.error(diagnostic.description) }
        if diagnostics.count > limit {
            let where_ = reportsFolder.map { " (all of them are in \($0))" } ?? ""
            Console.error("... and \(diagnostics.count - limit) more rows not delivered\(where_)")
        }
    }

    /// Under `--strict`, fails when any row was rejected or unrouted.
    func enforceStrict(_ totals: Manifest.Totals) throws {
        guard strict, totals.rejected + totals.unrouted > 0 else { return }
        Console.error("embassy-packets: --strict: \(totals.rejected) rejected and \(totals.unrouted) unrouted rows")
        throw ExitCode(1)
    }
}

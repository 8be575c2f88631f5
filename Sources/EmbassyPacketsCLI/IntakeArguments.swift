import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline

extension Column: ExpressibleByArgument {}
extension DedupMode: ExpressibleByArgument {}
extension DateOrder: ExpressibleByArgument {}

/// Where the rows come from: an online form's export, or paper sheets typed in.
enum InputSource: String, ExpressibleByArgument, CaseIterable {
    case export, paper
}

/// What a packet goes through.
enum PacketUnit: String, ExpressibleByArgument, CaseIterable {
    case embassy, consulate
}

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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How to decode files that are not UTF-8 (default: detected, with a note): \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "NAME"))
    var encoding: String?

    @Option(
        name: .long,
        help: "How signers are counted once: exact (the email, trimmed, case ignored), gmail (also Gmail's dots and +tags), or name (no email: by name, city and country; weaker).")
    var dedup: DedupMode = .exact

    @Option(
        name: .long,
        help: ArgumentHelp("How to read dates whose day and month are both 12 or less: dmy, mdy or ymd (default: decided from each file's dates, else its locale, with a warning).", valueName: "ORDER"))
    var dateOrder: DateOrder?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "paper: the files are typed-in paper signature sheets (as with a Sheet column): a row may have no email (then it is counted once by name, city and country), and its origin is SHEET-ID:LINE; a file without a Sheet column is one sheet named by the file.",
            valueName: "export|paper"))
    var source: InputSource = .export

    @Flag(name: .long, help: "Go on (exit 0) when most rows fall to one reason or no signature is delivered.")
    var allowMostlyUndelivered = false

    @Option(name: .customLong("embassies"), help: ArgumentHelp("The embassy directory (default: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).", valueName: "FOLDER"))
    var embassiesOption: String?

    /// The directory to read: --embassies, else the one found (see `DataFiles`).
    var embassies: String {
        get throws { try DataFiles.embassies(embassiesOption) }
    }

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp("Send the signers of a country without an embassy of its own to an embassy's packet, e.g. TW=US. Repeatable.", valueName: "FROM=TO"))
    var route: [String] = []

    @Option(name: .long, help: ArgumentHelp("A file of FROM=TO routes, one a line (# starts a comment).", valueName: "FILE"))
    var routes: String?

    @Option(name: .long, help: "One packet per embassy, or per consulate-general (signers routed by State or Province).")
    var by: PacketUnit = .embassy

    @Flag(name: .long, help: "Exit with status 1 when any row is rejected or unrouted (for CI).")
    var strict = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        _ = try columns()
        _ = try routeOverrides()
        if let encoding, EmbassyPacketsCore.TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding takes one of \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")), not '\(encoding)'")
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

    /// `--route` and `--routes` as country code → embassy code. Either side may be a code or a name.
    func routeOverrides() throws -> [String: String] {
        var items: [(String, String)] = route.map { ($0, "--route") }
        if let routes {
            guard let text = try? String(contentsOfFile: routes, encoding: .utf8) else {
                throw ValidationError("--routes: cannot read '\(routes)'")
            }
            // CRLF, LF or CR line ends, as any editor saves them.
            let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            for (number, line) in lines.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                if !content.trimmingSpaces().isEmpty { items.append((content, "\(routes):\(number + 1)")) }
            }
        }
        let countries = CountryResolver()
        var map: [String: String] = [:]
        // A route is typed by the coordinator, who can write it exactly: a guess is refused.
        func country(_ text: String, in item: String, origin: String) throws -> String {
            switch countries.match(text) {
            case .exact(let code): return code
            case .corrected(let code, _):
                throw ValidationError("\(origin): '\(text)' in '\(item)' is no country name; did you mean \(countries.name(of: code)) (\(code))?")
            case .ambiguous(let chosen, let others):
                let names = ([chosen] + others).map { "\(countries.name(of: $0)) (\($0))" }.joined(separator: " or ")
                throw ValidationError("\(origin): '\(text)' in '\(item)' can mean \(names): write the code")
            case .missing, .unknown, .candidates:
                throw ValidationError("\(origin): unknown country '\(text)' in '\(item)'; a route is FROM=TO with two countries, e.g. TW=US")
            }
        }
        for (item, origin) in items {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("\(origin): a route is FROM=TO with two countries, e.g. TW=US, not '\(item)'")
            }
            let from = try country(parts[0], in: item, origin: origin)
            let to = try country(parts[1], in: item, origin: origin)
            if let earlier = map[from], earlier != to {
                throw ValidationError("\(origin): \(from) is routed twice, to \(earlier) and to \(to): keep one")
            }
            map[from] = to
        }
        return map
    }

    var intakeOptions: IntakeOptions {
        IntakeOptions(
            columns: (try? columns()) ?? [:], encoding: encoding.flatMap(EmbassyPacketsCore.TextEncoding.init(name:)), dedup: dedup,
            routing: RoutingOptions(overrides: (try? routeOverrides()) ?? [:], byConsulate: by == .consulate),
            dateOrder: dateOrder, allowMostlyUndelivered: allowMostlyUndelivered, paper: source == .paper)
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

    /// Prints what intake decided on its own (encodings, columns, date order, guessed countries).
    func printNotices(_ notices: [Diagnostic]) {
        guard !quiet else { return }
        for notice in notices { Console.error(notice.description) }
    }

    /// Prints a refused run: the notices, the rows, and last the one line with cause and fix.
    func fail(_ error: UndeliveredError, reportsFolder: String?) -> ExitCode {
        printNotices(error.notices)
        printDiagnostics(error.diagnostics, reportsFolder: reportsFolder)
        Console.error(error.summary.description)
        return ExitCode(1)
    }

    /// Under `--strict`, fails when any row was rejected or unrouted.
    func enforceStrict(_ totals: Manifest.Totals) throws {
        guard strict, totals.rejected + totals.unrouted > 0 else { return }
        Console.error("error: --strict: \(totals.rejected) rejected and \(totals.unrouted) unrouted rows [strict.undelivered]")
        throw ExitCode(1)
    }
}

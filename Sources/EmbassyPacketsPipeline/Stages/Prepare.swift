import EmbassyPacketsCore
import EmbassyPacketsXML
import Foundation

/// The first stages: read every input once, validate, deduplicate and route.
extension Generator {
    /// Reads and checks everything that comes before rendering. Throws on any input that
    /// cannot be used at all; nothing is written.
    public static func prepare(
        inputs: [String], intake: IntakeOptions = IntakeOptions(), embassiesFolder: String, templatePath: String?,
        translationPaths: [String] = []
    ) throws -> PreparedRun {
        guard !inputs.isEmpty else { throw PipelineError(stage: .intake, message: "no input files given") }
        let started = DispatchTime.now().uptimeNanoseconds
        let directory = try EmbassyDirectoryLoader.load(folder: embassiesFolder)
        if directory.entries.isEmpty {
            throw PipelineError(
                stage: .directory,
                message: "the embassy directory '\(embassiesFolder)' holds no embassy records (CC.xml files): name the folder that does with --embassies",
                location: SourceLocation(file: embassiesFolder))
        }
        let templates = try ((templatePath.map { [$0] } ?? []) + translationPaths).map { try TemplateLoader.load(path: $0) }
        let countries = CountryResolver(directory: directory)
        for (from, to) in intake.routing.overrides.sorted(by: { $0.key < $1.key }) {
            guard directory[to]?.missionClass == .embassy, directory[to]?.mission != nil else {
                throw PipelineError(stage: .directory, message: "--route \(from)=\(to): the directory has no embassy in \(to)")
            }
        }
        var reader = SignatureReader(
            overrides: intake.columns, encoding: intake.encoding, dateOrder: intake.dateOrder, emailRequired: intake.dedup != .name && !intake.paper)
        reader.latest = Int64(Date().timeIntervalSince1970) + 86_400
        reader.paper = intake.paper
        var (records, manifestInputs, notices) = try InputReader.read(inputs, reader: reader)
        // The paper sheets, before the records are consumed: their ids in order, and their rows.
        var sheets: [String] = []
        var seenSheets = Set<String>()
        var paperRows = 0
        for record in records where record.isPaper {
            paperRows += 1
            if seenSheets.insert(record.sheet).inserted { sheets.append(record.sheet) }
        }
        guard !records.isEmpty else {
            throw PipelineError(stage: .intake, message: "no signatures: \(inputs.count == 1 ? "the file has" : "the files have") a header but no rows", location: SourceLocation(file: inputs[0]))
        }
        let read = DispatchTime.now().uptimeNanoseconds
        let sorted = SortedRows.sort(
            consume records, validator: Validator(countries: countries, dedup: intake.dedup), router: Router(directory: directory, countries: countries, options: intake.routing))
        let imbalances = sorted.totals.imbalances
        guard imbalances.isEmpty else {
            throw PipelineError(stage: .compose, message: "the rows do not add up: " + imbalances.joined(separator: "; "))
        }
        notices += sorted.notices(countries: countries)
        for (from, to) in intake.routing.overrides.sorted(by: { $0.key < $1.key }) where from != to && directory[from]?.missionClass == .embassy {
            let count = sorted.plans.reduce(0) { total, plan in
                total + plan.sections.filter { $0.countryCode == from }.reduce(0) { $0 + $1.signatures.count }
            }
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.routeOverridesEmbassy,
                message: "--route \(from)=\(to) sends \(count) signer\(count == 1 ? "" : "s") of \(countries.name(of: from)), which has an embassy of its own, into the \(to) packet"))
        }
        if intake.dedup == .name {
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.dedupByName,
                message: "--dedup name: each signer is counted once by name, city and country, not by email; namesakes in one city count once, and one person who wrote their name two ways counts twice"))
        }
        var paper: Manifest.PaperSheets?
        if paperRows > 0 {
            var withoutEmail = sorted.unrouted.reduce(0) { $0 + ($1.signature.paperWithoutEmail ? 1 : 0) }
            for plan in sorted.plans { for section in plan.sections { for signature in section.signatures where signature.paperWithoutEmail { withoutEmail += 1 } } }
            paper = Manifest.PaperSheets(sheets: sheets, rows: paperRows, withoutEmail: withoutEmail)
        }
        let done = DispatchTime.now().uptimeNanoseconds
        return PreparedRun(
            inputs: manifestInputs, sorted: sorted, templates: templates, countries: countries, notices: notices,
            intakeSeconds: Double(read - started) / 1e9, sortSeconds: Double(done - read) / 1e9, paper: paper)
    }
}

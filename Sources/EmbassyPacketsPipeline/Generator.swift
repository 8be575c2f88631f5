import EmbassyPacketsCore
import Foundation

/// Runs the whole job: intake → validation → deduplication → routing → letters → PDFs → manifest.
/// `generate` reads as the list of stages; each stage is in `Stages/`.
public enum Generator {
    /// Runs `generate`: everything is written into a staging folder beside the output and
    /// swapped into place at the end, the manifest last; a failure leaves the previous output.
    ///
    /// The stages, each a function of the one before: read, validate, deduplicate and route
    /// (`prepare`); select this delivery's packets (`deliveryPlans`); compose and render them
    /// (`renderPackets`, with the workers); record what was made (`packetRecords`, the index,
    /// the delivered list, the reports, the manifest).
    public static func generate(_ options: GenerateOptions) throws -> GenerateReport {
        let generateStarted = DispatchTime.now().uptimeNanoseconds
        // A worker renders the jobs it is given and opens nothing else.
        if let worker = options.worker { return try renderShare(worker) }
        let previous = try options.since.map { try PreviousDelivery.load(manifestPath: $0, key: options.signerKey) }
        // The sender file is checked before a row is read, like the templates.
        let sender = try loadSender(options)
        let output = try OutputFolder(path: options.outputDirectory, force: options.force, inputs: options.inputs)
        var committed = false
        defer { if !committed { output.abandon() } }
        try output.begin()

        let run = try prepare(
            inputs: options.inputs, intake: options.intake, embassiesFolder: options.embassiesFolder, templatePath: options.templatePath,
            translationPaths: options.translationPaths)
        options.progress?.rowsRead(run.sorted.rows)
        if !options.intake.allowMostlyUndelivered, let summary = run.sorted.undeliveredSummary(encodingDetected: run.notices.contains { $0.id == DiagnosticID.intakeEncodingDetected }) {
            // Nothing is written: an earlier, sound output stays as it was.
            throw UndeliveredError(summary: summary, notices: run.notices, diagnostics: run.sorted.diagnostics)
        }

        let delivery = deliveryPlans(run, options: options, previous: previous)
        let selected = delivery.plans
        try checkOnly(options, run: run)
        let supplement = previous.map { ($0.manifest.supplement ?? 0) + 1 }

        let compose = packetComposer(run, options: options, sender: sender, previous: previous, numbering: previous?.manifest.numbering ?? [:])
        let rendering = try renderPackets(selected, compose: compose, options: options, folder: UserPath.join(output.staging, "packets"))

        let packets = try packetRecords(selected, results: rendering.results, staging: output.staging, options: options, supplement: supplement)
        var numbering = previous?.manifest.numbering ?? [:]
        for plan in selected {
            for (country, count) in plan.countryCounts { numbering[plan.fileStem, default: [:]][country, default: 0] += count }
        }
        let indexRecord = try writeIndex(
            selected: selected, packets: packets, run: run, date: options.date, supplement: supplement,
            creator: "\(ToolInfo.name) \(ToolInfo.version)", creationDate: options.creationDate, folder: output.staging, paper: options.paper)
        let deliveredRecord = try writeDeliveredList(selected, previous: previous, key: options.signerKey, folder: output.staging)
        let sorted = run.sorted
        let reportRecords = try Reports.write(sorted, to: UserPath.join(output.staging, "reports"))
        var totals = sorted.totals
        if previous != nil { totals.previouslyDelivered = delivery.previouslyDelivered }
        let counts = PublicCounts(
            petition: run.templates.first?.title ?? "", date: options.date.description, supplement: supplement, sorted: sorted, totals: totals,
            paperWithoutEmail: run.paper?.withoutEmail, countryName: run.countries.name(of:))
        let countsRecords = try CountsFiles.write(counts, to: output.staging)
        let manifest = Manifest(
            generator: Manifest.Generator(name: ToolInfo.name, version: ToolInfo.version, commit: ToolInfo.commit), date: options.date.description,
            inputs: run.inputs, totals: totals, packets: packets, unrouted: sorted.unroutedByCountry,
            rejected: sorted.rejectedByReason, regionUnmatched: options.intake.routing.byConsulate ? sorted.regionUnmatched : nil,
            templates: try ([options.templatePath] + options.translationPaths + (options.senderPath.map { [$0] } ?? [])).map { Manifest.FileRecord(file: $0, sha256: sha256Hex(try readFile($0))) },
            directory: try directoryFingerprint(options.embassiesFolder), options: manifestOptions(options), index: indexRecord,
            supplement: supplement,
            since: previous.map { Manifest.PreviousDelivery(date: $0.manifest.date, manifestSha256: $0.manifestSha256, supplement: $0.manifest.supplement) },
            delivered: deliveredRecord, numbering: numbering,
            notices: run.notices.isEmpty ? nil : run.notices.map(Manifest.Notice.init), reports: reportRecords, counts: countsRecords, paper: run.paper)
        let imbalances = manifest.imbalances(complete: options.only == nil && options.shard == nil) + counts.disagreements(with: manifest, complete: options.only == nil && options.shard == nil)
        guard imbalances.isEmpty else {
            throw PipelineError(stage: .output, message: "the manifest does not add up: " + imbalances.joined(separator: "; "))
        }
        try writeManifest(manifest, to: UserPath.join(output.staging, "manifest.json"))
        try Cancellation.check()
        try output.commit()
        committed = true

        var report = GenerateReport(manifest: manifest, diagnostics: sorted.diagnostics)
        report.notices = run.notices + (rendering.notice.map { [$0] } ?? [])
        report.keptFiles = output.kept
        report.processes = rendering.processes
        report.timings = [
            "intake": run.intakeSeconds, "validation": run.sortSeconds,
            "layout": rendering.results.reduce(0) { $0 + $1.layoutSeconds }, "pdf": rendering.results.reduce(0) { $0 + $1.drawSeconds },
            "total": Double(DispatchTime.now().uptimeNanoseconds - generateStarted) / 1e9,
        ]
        return report
    }
}

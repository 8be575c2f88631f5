import Crypto
import CSystemShim
import EmbassyPacketsCore
import EmbassyPacketsRender
import EmbassyPacketsXML
import Foundation

/// Runs the whole job: intake → validation → deduplication → routing → letters → PDFs → manifest.
public enum Generator {
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
            overrides: intake.columns, encoding: intake.encoding, dateOrder: intake.dateOrder, emailRequired: intake.dedup != .name)
        reader.latest = Int64(Date().timeIntervalSince1970) + 86_400
        var (records, manifestInputs, notices) = try InputReader.read(inputs, reader: reader)
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
        let done = DispatchTime.now().uptimeNanoseconds
        return PreparedRun(
            inputs: manifestInputs, sorted: sorted, templates: templates, countries: countries, notices: notices,
            intakeSeconds: Double(read - started) / 1e9, sortSeconds: Double(done - read) / 1e9)
    }

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

        let compose = try packetComposer(run, options: options, previous: previous, numbering: previous?.manifest.numbering ?? [:])
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
        let manifest = Manifest(
            generator: Manifest.Generator(name: ToolInfo.name, version: ToolInfo.version, commit: ToolInfo.commit), date: options.date.description,
            inputs: run.inputs, totals: totals, packets: packets, unrouted: sorted.unroutedByCountry,
            rejected: sorted.rejectedByReason, regionUnmatched: options.intake.routing.byConsulate ? sorted.regionUnmatched : nil,
            templates: try ([options.templatePath] + options.translationPaths + (options.senderPath.map { [$0] } ?? [])).map { Manifest.FileRecord(file: $0, sha256: sha256Hex(try readFile($0))) },
            directory: try directoryFingerprint(options.embassiesFolder), options: manifestOptions(options), index: indexRecord,
            supplement: supplement,
            since: previous.map { Manifest.PreviousDelivery(date: $0.manifest.date, manifestSha256: $0.manifestSha256, supplement: $0.manifest.supplement) },
            delivered: deliveredRecord, numbering: numbering,
            notices: run.notices.isEmpty ? nil : run.notices.map(Manifest.Notice.init), reports: reportRecords)
        let imbalances = manifest.imbalances(complete: options.only == nil && options.shard == nil)
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

    /// A code of `--only` that names no packet of this run would make an empty delivery in silence.
    static func checkOnly(_ options: GenerateOptions, run: PreparedRun) throws {
        guard let only = options.only else { return }
        let made = Set(run.sorted.plans.map(\.code))
        let missing = only.subtracting(made).sorted()
        guard missing.isEmpty else {
            throw PipelineError(
                stage: .validation,
                message: "--only \(missing.joined(separator: ",")): no packet of this run is for \(missing.count == 1 ? "that embassy" : "those embassies"); the packets are \(made.sorted().joined(separator: ","))")
        }
    }

    /// The render stage: every packet composed in this process; the workers handed their share
    /// (`RenderJobs`), this process rendering its own meanwhile. The results in the plans' order,
    /// how many processes rendered, and a note when `--jobs` asked for more than there are packets.
    static func renderPackets(
        _ selected: [PacketPlan], compose: (PacketPlan) throws -> PacketDocument, options: GenerateOptions, folder: String
    ) throws -> (results: [RenderResult], processes: Int, notice: Diagnostic?) {
        let jobs = options.workerCommand == nil ? 1 : min(max(1, options.jobs), 64)
        let effective = RenderWorkers.effectiveCount(started: jobs, packets: selected.count)
        var notice: Diagnostic?
        if effective < options.jobs && options.workerCommand != nil {
            notice = Diagnostic(
                .note, id: DiagnosticID.renderJobsCapped,
                message: effective == selected.count
                    ? "--jobs \(options.jobs): \(selected.count == 1 ? "1 packet, so 1 process renders it" : "\(selected.count) packets, so \(effective) processes render them")"
                    : "--jobs \(options.jobs): at most 64 processes render")
        }
        let shares = RenderWorkers.split(selected, count: effective)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var children: [RenderWorkers.Child] = []
        defer { RenderWorkers.stop(children) }
        if effective > 1 {
            for index in 2...effective {
                let jobs = try shares[index - 1].map { RenderJobs.Job(stem: selected[$0].fileStem, document: try compose(selected[$0])) }
                try writeFile(try RenderJobs.encode(jobs), to: RenderWorkers.jobsPath(folder: folder, index: index))
            }
            children = try RenderWorkers.start(command: options.workerCommand ?? [], count: effective, folder: folder)
        }
        var rendered: [String: RenderResult] = [:]
        var done = 0
        try renderAll(shares[0].map { selected[$0] }) { plan, renderer in
            let result = try renderer.render(try compose(plan), folder: folder, stem: plan.fileStem)
            done += 1
            options.progress?.packetRendered(done, of: selected.count, name: plan.fileStem)
            rendered[plan.fileStem] = result
            return result
        }
        let fromWorkers = try RenderWorkers.finish(children)
        children = []
        for (stem, result) in fromWorkers.sorted(by: { $0.key < $1.key }) {
            rendered[stem] = result
            done += 1
            options.progress?.packetRendered(done, of: selected.count, name: stem)
        }
        let results = try selected.map { plan -> RenderResult in
            guard let result = rendered[plan.fileStem] else {
                throw PipelineError(stage: .render, message: "no worker rendered \(plan.fileStem)")
            }
            return result
        }
        return (results, effective, notice)
    }

    /// The record stage's packet entries: each packet's files with their fingerprints (taken as
    /// they were written), its counts, id and address warnings.
    static func packetRecords(
        _ selected: [PacketPlan], results: [RenderResult], staging: String, options: GenerateOptions, supplement: Int?
    ) throws -> [Manifest.Packet] {
        try zip(selected, results).map { plan, result in
            let volumes = try result.volumes.map { volume -> Manifest.Packet.Volume in
                let relative = "packets/\(volume.file)"
                // Hashed as it was written; read back only when the renderer could not say.
                guard volume.sha256.isEmpty else {
                    return Manifest.Packet.Volume(file: relative, sha256: volume.sha256, bytes: volume.bytes, pages: volume.pages)
                }
                let bytes = try readFile(UserPath.join(staging, relative))
                return Manifest.Packet.Volume(file: relative, sha256: sha256Hex(bytes), bytes: bytes.count, pages: volume.pages)
            }
            let warnings = AddressCheck.warnings(plan.mission, countryCode: plan.code)
            return Manifest.Packet(
                embassy: plan.code, mission: plan.mission.name, file: volumes[0].file, sha256: volumes[0].sha256,
                bytes: volumes.reduce(0) { $0 + $1.bytes }, pages: result.pages, signatures: plan.signatureCount,
                countries: plan.countryCounts, consulate: plan.consulate == nil ? nil : plan.mission.slug,
                addressVerified: plan.mission.addressVerified, unknownGlyphs: result.unknownGlyphs, volumes: volumes,
                splitRows: result.splitRows.isEmpty ? nil : result.splitRows, packetId: packetID(plan, date: options.date, supplement: supplement),
                addressWarnings: warnings.isEmpty ? nil : warnings)
        }
    }

    /// Who has been delivered, as keyed hashes: everyone before, and everyone in these packets;
    /// nil without a signer key.
    static func writeDeliveredList(_ selected: [PacketPlan], previous: PreviousDelivery?, key: SignerKey?, folder: String) throws -> Manifest.DeliveredList? {
        guard let key else { return nil }
        var hashes = previous?.delivered ?? []
        for plan in selected {
            for section in plan.sections { for signature in section.signatures { hashes.insert(key.hash(signature.emailKey)) } }
        }
        let bytes = Array(hashes.sorted().map { $0 + "\n" }.joined().utf8)
        try writeFile(bytes, to: UserPath.join(folder, "delivered.txt"))
        return Manifest.DeliveredList(file: "delivered.txt", sha256: sha256Hex(bytes), signers: hashes.count, keyId: key.id)
    }

    /// The packets this delivery carries: without the signers an earlier delivery (`--since`)
    /// already delivered, and only the embassies `--only` and `--shard` select.
    static func deliveryPlans(_ run: PreparedRun, options: GenerateOptions, previous: PreviousDelivery?) -> (plans: [PacketPlan], previouslyDelivered: Int) {
        var plans = run.sorted.plans
        var previouslyDelivered = 0
        if let previous, let key = options.signerKey {
            plans = plans.compactMap { plan in
                var plan = plan
                plan.sections = plan.sections.compactMap { section in
                    var section = section
                    let before = section.signatures.count
                    section.signatures = section.signatures.filter { !previous.delivered.contains(key.hash($0.emailKey)) }
                    previouslyDelivered += before - section.signatures.count
                    return section.signatures.isEmpty ? nil : section
                }
                return plan.sections.isEmpty ? nil : plan
            }
        }
        let selected = plans.filter { plan in
            (options.only?.contains(plan.code) ?? true) && (options.shard.map { shardIndex(of: plan.code, count: $0.count) == $0.index } ?? true)
        }
        return (selected, previouslyDelivered)
    }

    /// How a packet is composed: its letters filled, numbered on from earlier deliveries,
    /// marked as a supplement where it is one — every word it prints, ready to draw.
    static func packetComposer(
        _ run: PreparedRun, options: GenerateOptions, previous: PreviousDelivery?, numbering: [String: [String: Int]]
    ) throws -> (PacketPlan) throws -> PacketDocument {
        let sender = try loadSender(options)
        let fillers = run.templates.map { LetterFiller(template: $0, sender: sender) }
        let creator = "\(ToolInfo.name) \(ToolInfo.version)"
        let supplement = previous.map { ($0.manifest.supplement ?? 0) + 1 }
        return { plan in
            var letters = fillers.map { $0.fill(for: plan, date: options.date) }
            let offsets = numbering[plan.fileStem] ?? [:]
            if let supplement, let previous, !letters.isEmpty {
                let count = Formatting.number(plan.signatureCount, language: "en")
                let people = plan.signatureCount == 1 ? "person" : "people"
                letters[0].blocks.insert(LetterDocument.Block(kind: .note, runs: [LetterDocument.Run(
                    "Supplement \(supplement) to the delivery of \(previous.manifest.date): the signatures of \(count) more \(people), numbered on from that delivery.")]), at: 0)
            }
            var document = plan.document(
                letters: letters, creator: creator, creationDate: options.creationDate, columns: options.columns,
                paper: options.paper, maxPages: options.maxPages, date: options.date,
                packetID: packetID(plan, date: options.date, supplement: supplement))
            document.tagging = options.tagging
            for section in document.sections.indices {
                document.sections[section].firstNumber = (offsets[document.sections[section].countryCode] ?? 0) + 1
            }
            if let supplement {
                document.header = "\(document.header) — supplement \(supplement)"
                document.metadata.title = "\(document.metadata.title) (supplement \(supplement))"
            }
            return document
        }
    }

    /// A worker's whole job: render the packets the parent composed for it (`RenderJobs`)
    /// into the staging folder, and report what it made. It opens no input, template or
    /// directory file.
    static func renderShare(_ worker: RenderWorkers.Role) throws -> GenerateReport {
        RenderWorkers.bindToParent(worker)
        let path = RenderWorkers.jobsPath(folder: worker.folder, index: worker.index)
        let jobs = try RenderJobs.decode(try readFile(path), file: path)
        try? FileManager.default.removeItem(atPath: path)
        var rendered: [RenderWorkers.Rendered] = []
        let renderer = PacketRenderer()
        for job in jobs {
            try Cancellation.check()
            let result = try renderer.render(job.document, folder: worker.folder, stem: job.stem)
            rendered.append(RenderWorkers.Rendered(stem: job.stem, result: result))
        }
        try RenderWorkers.report(rendered, to: worker.results)
        return GenerateReport(manifest: Manifest(
            generator: Manifest.Generator(name: ToolInfo.name, version: ToolInfo.version), date: "", inputs: [],
            totals: Manifest.Totals(rows: 0, accepted: 0, duplicates: 0, rejected: 0, routed: 0, unrouted: 0), packets: [], unrouted: [:], rejected: [:]), diagnostics: [])
    }

    /// The sender file's sender (`--sender`), checked against `sender.rng` beside the letter
    /// schema; nil without one (the templates' own `<sender>` then serves).
    static func loadSender(_ options: GenerateOptions) throws -> Sender? {
        guard let path = options.senderPath else { return nil }
        guard let letterSchema = TemplateLoader.schemaPath(for: options.templatePath) else {
            throw PipelineError(stage: .template, message: "cannot find letter.rng beside the template or in Templates/", location: SourceLocation(file: options.templatePath))
        }
        let schema = SenderLoader.schemaPath(besideLetterSchema: letterSchema)
        guard FileManager.default.fileExists(atPath: schema) else {
            throw PipelineError(stage: .template, message: "cannot find sender.rng beside \(letterSchema); it checks the sender file", location: SourceLocation(file: path))
        }
        return try SenderLoader.load(path: path, schema: schema)
    }

    static func manifestOptions(_ options: GenerateOptions) -> Manifest.Options {
        Manifest.Options(
            by: options.intake.routing.byConsulate ? "consulate" : "embassy", columns: options.columns.map(\.rawValue),
            paper: options.paper?.rawValue, maxPages: options.maxPages, dedup: options.intake.dedup.rawValue,
            encoding: options.intake.encoding?.rawValue ?? "auto", routes: options.intake.routing.overrides,
            letters: [options.templatePath] + options.translationPaths, only: options.only.map { $0.sorted() },
            shard: options.shard.map { "\($0.index)/\($0.count)" })
    }

    /// SHA-256 over "NAME SHA256" lines of the directory's files, in name order.
    static func directoryFingerprint(_ folder: String) throws -> Manifest.DirectoryRecord {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rng") }.sorted()
        var lines = ""
        for name in names {
            lines += "\(name) \(sha256Hex(try readFile(UserPath.join(folder, name))))\n"
        }
        return Manifest.DirectoryRecord(path: folder, sha256: sha256Hex(Array(lines.utf8)), files: names.count)
    }

    static func writeIndex(
        selected: [PacketPlan], packets: [Manifest.Packet], run: PreparedRun, date: LetterDate, supplement: Int?,
        creator: String, creationDate: Int64, folder: String, paper: Paper? = nil
    ) throws -> Manifest.FileRecord {
        let title = run.templates.first?.title ?? "Petition"
        let entries = zip(selected, packets).map { plan, packet in
            PacketIndex.Entry(
                mission: plan.mission.name, city: plan.mission.city,
                countries: plan.sections.map(\.countryName).joined(separator: ", "), signatures: packet.signatures,
                pages: packet.pages, file: packet.volumes.map { UserPath.name($0.file) }.joined(separator: ", "),
                address: plan.mission.addressLines, warnings: packet.addressWarnings ?? [], packetID: packet.packetId)
        }
        let unsure = entries.filter { !$0.warnings.isEmpty }.count
        var byCountry: [String: Int] = [:]
        for plan in selected { for section in plan.sections { byCountry[section.countryName, default: 0] += section.signatures.count } }
        let total = packets.reduce(0) { $0 + $1.signatures }
        var index = PacketIndex(
            title: supplement.map { "\(title): supplement \($0)" } ?? title,
            subtitle: "Delivery of \(Formatting.date(date, language: "en")): \(Formatting.number(packets.count, language: "en")) packets, \(Formatting.number(total, language: "en")) signatures, \(Formatting.number(packets.reduce(0) { $0 + $1.pages }, language: "en")) pages."
                + (unsure == 0 ? "" : "\n\(unsure == 1 ? "One address is" : "\(Formatting.number(unsure, language: "en")) addresses are") not confirmed or not complete: each is marked “Check before posting” below."),
            entries: entries,
            byCountry: byCountry.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { (name: $0.key, count: $0.value) },
            metadata: PacketDocument.Metadata(title: "\(title) — index of packets", author: run.templates.first?.campaign ?? "", subject: "The packets of one delivery", creator: creator, creationDate: creationDate))
        index.paper = paper ?? .a4
        let path = UserPath.join(folder, "index.pdf")
        let pages = try PacketRenderer().renderIndex(index, to: path)
        let bytes = try readFile(path)
        return Manifest.FileRecord(file: "index.pdf", sha256: sha256Hex(bytes), bytes: bytes.count, pages: pages)
    }

    /// Renders the packets one after another with one renderer. Cairo 1.16 shares FreeType
    /// faces between threads without locking them everywhere (a crash in FT_Get_First_Char
    /// was seen with two packets rendering at once), so Pango and Cairo run on one thread.
    static func renderAll(_ plans: [PacketPlan], render: (PacketPlan, PacketRenderer) throws -> RenderResult) throws -> [RenderResult] {
        let renderer = PacketRenderer()
        return try plans.map { plan in
            try Cancellation.check()
            return try render(plan, renderer)
        }
    }
}

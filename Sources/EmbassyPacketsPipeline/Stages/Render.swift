import CSystemShim
import EmbassyPacketsCore
import EmbassyPacketsRender
import Foundation

/// Rendering the composed packets, in this process and in the workers.
extension Generator {
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
        defer { for plan in selected { try? FileManager.default.removeItem(atPath: RenderWorkers.claimPath(folder: folder, stem: plan.fileStem)) } }
        // Its own share, then the workers' packets none has begun, the smallest first.
        let queue = shares[0].map { (plan: selected[$0], claimed: false) }
            + shares.dropFirst().flatMap { $0.reversed() }.map { (plan: selected[$0], claimed: true) }
        var done = 0
        let ownResults = try renderAll(queue) { item, renderer in
            let plan = item.plan
            guard !item.claimed || RenderWorkers.claim(folder: folder, stem: plan.fileStem) else { return nil }
            let result = try renderer.render(try compose(plan), folder: folder, stem: plan.fileStem)
            done += 1
            options.progress?.packetRendered(done, of: selected.count, name: plan.fileStem)
            return result
        }
        var rendered: [String: RenderResult] = [:]
        for (item, result) in zip(queue, ownResults) { rendered[item.plan.fileStem] = result }
        let fromWorkers = try RenderWorkers.finish(children)
        children = []
        for (stem, result) in fromWorkers.sorted(by: { $0.key < $1.key }) {
            guard rendered[stem] == nil else {
                throw PipelineError(stage: .render, message: "\(stem) was rendered twice")
            }
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

    /// A worker's whole job: render the packets the parent composed for it (`RenderJobs`)
    /// into the staging folder, and report what it made. It opens no input, template or
    /// directory file.
    static func renderShare(_ worker: RenderWorkers.Role) throws -> GenerateReport {
        RenderWorkers.bindToParent(worker)
        let path = RenderWorkers.jobsPath(folder: worker.folder, index: worker.index)
        let jobs = try RenderJobs.decode(try readFile(path), file: path)
        try? FileManager.default.removeItem(atPath: path)
        // Each packet claimed before it is begun: the parent may have taken it over.
        let results = try renderAll(jobs) { job, renderer in
            RenderWorkers.claim(folder: worker.folder, stem: job.stem) ? try renderer.render(job.document, folder: worker.folder, stem: job.stem) : nil
        }
        try RenderWorkers.report(zip(jobs, results).compactMap { job, result in result.map { RenderWorkers.Rendered(stem: job.stem, result: $0) } }, to: worker.results)
        return GenerateReport(manifest: Manifest(
            generator: Manifest.Generator(name: ToolInfo.name, version: ToolInfo.version), date: "", inputs: [],
            totals: Manifest.Totals(rows: 0, accepted: 0, duplicates: 0, rejected: 0, routed: 0, unrouted: 0), packets: [], unrouted: [:], rejected: [:]), diagnostics: [])
    }

    /// Renders packets (plans here, jobs in a worker) one after another with one renderer,
    /// stopping between packets when the run is interrupted. Cairo 1.16 shares FreeType faces
    /// between threads without locking them everywhere (a crash in FT_Get_First_Char was seen
    /// with two packets rendering at once), so Pango and Cairo run on one thread.
    static func renderAll<Item>(_ items: [Item], render: (Item, PacketRenderer) throws -> RenderResult?) throws -> [RenderResult?] {
        let renderer = PacketRenderer()
        // What reading the inputs (or the jobs) left freed goes back to the kernel before the
        // first packet, and what each packet's pages took after it: the run's processes then
        // hold at once only what they are using.
        _ = ep_release_free_memory()
        return try items.map { item in
            try Cancellation.check()
            let result = try render(item, renderer)
            if result != nil { _ = ep_release_free_memory() }
            return result
        }
    }
}

import EmbassyPacketsCore

/// Which packets this delivery carries.
extension Generator {
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
}

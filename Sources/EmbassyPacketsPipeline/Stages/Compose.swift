import EmbassyPacketsCore
import EmbassyPacketsXML
import Foundation

/// Composing a packet: every word it prints, ready to draw.
extension Generator {
    /// How a packet is composed: its letters filled, numbered on from earlier deliveries,
    /// marked as a supplement where it is one — every word it prints, ready to draw.
    static func packetComposer(
        _ run: PreparedRun, options: GenerateOptions, sender: Sender?, previous: PreviousDelivery?, numbering: [String: [String: Int]]
    ) -> (PacketPlan) throws -> PacketDocument {
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

    /// The sender file's sender (`--sender`), checked against `sender.rng` beside the letter
    /// schema; nil without one (the templates' own `<sender>` then serves).
    static func loadSender(_ options: GenerateOptions) throws -> Sender? {
        guard let path = options.senderPath else { return nil }
        return try loadSenderFile(path, templatePath: options.templatePath)
    }

    /// A `<sender>` file, checked against `sender.rng` beside the letter schema of `templatePath`.
    static func loadSenderFile(_ path: String, templatePath: String) throws -> Sender {
        guard let letterSchema = TemplateLoader.schemaPath(for: templatePath) else {
            throw PipelineError(stage: .template, message: "cannot find letter.rng beside the template or in Templates/", location: SourceLocation(file: templatePath))
        }
        let schema = SenderLoader.schemaPath(besideLetterSchema: letterSchema)
        guard FileManager.default.fileExists(atPath: schema) else {
            throw PipelineError(stage: .template, message: "cannot find sender.rng beside \(letterSchema); it checks the sender file", location: SourceLocation(file: path))
        }
        return try SenderLoader.load(path: path, schema: schema)
    }
}

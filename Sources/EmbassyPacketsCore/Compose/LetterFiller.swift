/// Fills a template's fields for one packet.
public struct LetterFiller: Sendable {
    public let template: LetterTemplate
    /// Who sends the letter, when a sender file gives it (else the template's `<sender>`).
    public let sender: Sender?

    /// Creates a filler for a template.
    public init(template: LetterTemplate, sender: Sender? = nil) {
        self.template = template
        self.sender = sender
    }

    /// The values of every field for a packet.
    public func values(for plan: PacketPlan, date: LetterDate) -> [LetterField: String] {
        let language = template.language
        // One country: "the United States". Several: "France (12) and Monaco (3)".
        let several = plan.sections.count > 1
        let chinese = language.hasPrefix("zh")
        let countryNames = plan.sections.map { section -> String in
            let name = chinese ? (ChineseCountryNames.names[section.countryCode] ?? section.countryName)
                : language.hasPrefix("en") ? CountryNames.inSentence(section.countryName) : section.countryName
            let count = Formatting.number(section.signatures.count, language: language)
            return several ? (chinese ? "\(name)（\(count)人）" : "\(name) (\(count))") : name
        }
        let ownCount = plan.sections.first { $0.countryCode == plan.code }?.signatures.count ?? 0
        return [
            .missionName: plan.mission.name,
            .missionChineseName: plan.mission.chineseName ?? plan.mission.name,
            .missionAddress: plan.mission.addressLines.joined(separator: "\n"),
            .missionCity: plan.mission.city,
            .countryName: chinese ? (ChineseCountryNames.names[plan.code] ?? plan.embassy.countryName) : plan.embassy.countryName,
            .countrySignatures: Formatting.number(ownCount, language: language),
            .countries: Self.list(countryNames, language: language),
            .signatures: Formatting.number(plan.signatureCount, language: language),
            .date: Formatting.date(date, language: language),
            .campaign: template.campaign,
            .title: template.title,
        ]
    }

    /// The letter for a packet.
    public func fill(for plan: PacketPlan, date: LetterDate) -> LetterDocument {
        let values = values(for: plan, date: date)
        let counts: [LetterField: Int] = [
            .signatures: plan.signatureCount,
            .countrySignatures: plan.sections.first { $0.countryCode == plan.code }?.signatures.count ?? 0,
        ]
        let blocks = template.blocks.map { block in
            var runs: [LetterDocument.Run] = []
            append(block.content, style: .regular, values: values, counts: counts, to: &runs)
            return LetterDocument.Block(kind: block.kind, runs: runs)
        }
        let receipt = template.receipt.map { spec -> LetterDocument.Receipt in
            var runs: [LetterDocument.Run] = []
            append(spec.statement, style: .regular, values: values, counts: counts, to: &runs)
            let words = PacketWords(language: template.language)
            return LetterDocument.Receipt(title: spec.title, statement: runs, fields: words.receiptFields, stampLabel: words.stampLabel)
        }
        return LetterDocument(
            title: template.title, campaign: template.campaign, language: template.language, blocks: blocks, receipt: receipt,
            sender: sender ?? template.sender)
    }

    private func append(
        _ content: [LetterTemplate.Inline], style: LetterDocument.Run.Style, values: [LetterField: String],
        counts: [LetterField: Int], to runs: inout [LetterDocument.Run]
    ) {
        func add(_ text: String) {
            if let last = runs.last, last.style == style {
                runs[runs.count - 1].text += text
            } else {
                runs.append(LetterDocument.Run(text, style: style))
            }
        }
        for item in content {
            switch item {
            case .text(let text): add(text)
            case .lineBreak: add("\n")
            case .field(let name, _):
                // The template loader has already refused unknown names.
                if let field = LetterField(rawValue: name) { add(values[field] ?? "") }
            case .plural(let count, let one, let other, _):
                let value = LetterField(rawValue: count).flatMap { counts[$0] } ?? 0
                add(value == 1 ? one : other)
            case .emphasis(let inner): append(inner, style: .emphasis, values: values, counts: counts, to: &runs)
            case .strong(let inner): append(inner, style: .strong, values: values, counts: counts, to: &runs)
            }
        }
    }

    /// "A", "A and B", "A, B and C" (or 、 in Chinese).
    static func list(_ items: [String], language: String) -> String {
        if language.hasPrefix("zh") { return items.joined(separator: "、") }
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

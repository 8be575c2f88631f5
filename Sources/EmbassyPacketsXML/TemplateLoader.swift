import EmbassyPacketsCore

/// Reads a letter template (`Templates/letter.xml`) into a `LetterTemplate`, refusing
/// unknown elements and fields with their `file:line`.
///
/// The vocabulary: `<letter xml:lang="en">` holding `<title>`, `<campaign>`, then blocks —
/// `<recipient>` (of `<line>`s and fields), `<date/>`, `<subject>`, `<salutation>`, `<p>`,
/// `<statement>`, `<closing>`, `<signature>` — whose text may hold `<field name="…"/>`,
/// `<plural count="…" one="…" other="…"/>`, `<em>`, `<strong>` and `<br/>`.
public enum TemplateLoader {
    static let blockElements: [String: LetterTemplate.BlockKind] = [
        "recipient": .recipient, "date": .date, "subject": .subject, "salutation": .salutation,
        "p": .paragraph, "statement": .statement, "closing": .closing, "signature": .signature,
    ]

    /// Loads and checks a template file.
    public static func load(path: String) throws -> LetterTemplate {
        let root = try XMLTreeReader.read(path: path, stage: .template)
        func location(_ element: XMLElement) -> SourceLocation { SourceLocation(file: path, line: element.line) }
        func fail(_ message: String, _ element: XMLElement) -> PipelineError {
            PipelineError(stage: .template, message: message, location: location(element))
        }
        guard root.name == "letter" else { throw fail("the root element must be <letter>, not <\(root.name)>", root) }
        var title: String?
        var campaign: String?
        var blocks: [LetterTemplate.Block] = []
        var receipt: LetterTemplate.Receipt?
        for element in root.elements {
            switch element.name {
            case "receipt":
                receipt = LetterTemplate.Receipt(
                    title: element.attributes["title"] ?? "Delivery receipt",
                    statement: trim(try inlines(element.children, in: element, path: path)))
            case "title": title = element.text
            case "campaign": campaign = element.text
            case "recipient":
                var content: [LetterTemplate.Inline] = []
                for child in element.children {
                    let line: [LetterTemplate.Inline]
                    switch child {
                    case .text(let text):
                        guard text.trimmingSpaces().isEmpty else { throw fail("text in <recipient> must stand inside a <line>", element) }
                        continue
                    case .element(let inner) where inner.name == "line":
                        line = trim(try inlines(inner.children, in: inner, path: path))
                    case .element(let inner) where inner.name == "field":
                        line = try inlines([child], in: element, path: path)
                    case .element(let inner):
                        throw fail("<\(inner.name)> is not allowed in <recipient>; use <line> or <field>", inner)
                    }
                    if !content.isEmpty { content.append(.lineBreak) }
                    content += line
                }
                blocks.append(LetterTemplate.Block(kind: .recipient, content: content, location: location(element)))
            case "date":
                let content: [LetterTemplate.Inline] = element.children.isEmpty
                    ? [.field(name: LetterField.date.rawValue, location: location(element))]
                    : trim(try inlines(element.children, in: element, path: path))
                blocks.append(LetterTemplate.Block(kind: .date, content: content, location: location(element)))
            default:
                guard let kind = blockElements[element.name] else {
                    throw fail("unknown element <\(element.name)> in <letter>", element)
                }
                blocks.append(LetterTemplate.Block(kind: kind, content: trim(try inlines(element.children, in: element, path: path)), location: location(element)))
            }
        }
        guard let title, !title.isEmpty else { throw fail("the letter has no <title>", root) }
        guard !blocks.isEmpty else { throw fail("the letter has no paragraphs", root) }
        return LetterTemplate(
            title: title, campaign: campaign ?? "", language: root.attributes["xml:lang"] ?? "en",
            blocks: blocks, receipt: receipt, location: SourceLocation(file: path))
    }

    private static func inlines(_ nodes: [XMLElement.Node], in parent: XMLElement, path: String) throws -> [LetterTemplate.Inline] {
        var out: [LetterTemplate.Inline] = []
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(.text(collapse(text)))
            case .element(let element):
                let location = SourceLocation(file: path, line: element.line)
                switch element.name {
                case "field":
                    guard let name = element.attributes["name"] else {
                        throw PipelineError(stage: .template, message: "<field> needs a name attribute", location: location)
                    }
                    guard LetterField(rawValue: name) != nil else {
                        throw PipelineError(
                            stage: .template,
                            message: "unknown field '\(name)'; the fields are \(LetterField.allCases.map(\.rawValue).joined(separator: ", "))",
                            location: location)
                    }
                    out.append(.field(name: name, location: location))
                case "plural":
                    guard let count = element.attributes["count"], let one = element.attributes["one"], let other = element.attributes["other"] else {
                        throw PipelineError(stage: .template, message: "<plural> needs count, one and other attributes", location: location)
                    }
                    guard let field = LetterField(rawValue: count), LetterField.numeric.contains(field) else {
                        throw PipelineError(stage: .template, message: "<plural count='\(count)'> must name a number field (signatures)", location: location)
                    }
                    out.append(.plural(count: count, one: one, other: other, location: location))
                case "em": out.append(.emphasis(try inlines(element.children, in: element, path: path)))
                case "strong": out.append(.strong(try inlines(element.children, in: element, path: path)))
                case "br": out.append(.lineBreak)
                default:
                    throw PipelineError(stage: .template, message: "unknown element <\(element.name)> in <\(parent.name)>", location: location)
                }
            }
        }
        return out
    }

    /// Runs of XML white space become one space, as in HTML.
    static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for character in text {
            if character == " " || character == "\n" || character == "\t" || character == "\r" {
                space = true
            } else {
                if space { out.append(" ") }
                space = false
                out.append(character)
            }
        }
        if space { out.append(" ") }
        return out
    }

    /// Drops white space at the start and end of a block and around line breaks.
    static func trim(_ content: [LetterTemplate.Inline]) -> [LetterTemplate.Inline] {
        var items = content
        func trimText(_ index: Int, leading: Bool) {
            guard case .text(var text) = items[index] else { return }
            if leading { while text.first == " " { text.removeFirst() } } else { while text.last == " " { text.removeLast() } }
            items[index] = .text(text)
        }
        for index in items.indices {
            if index == 0 { trimText(index, leading: true) }
            if index == items.count - 1 { trimText(index, leading: false) }
            if case .lineBreak = items[index] {
                if index > 0 { trimText(index - 1, leading: false) }
                if index + 1 < items.count { trimText(index + 1, leading: true) }
            }
        }
        return items.filter { if case .text(let text) = $0 { return !text.isEmpty } else { return true } }
    }
}

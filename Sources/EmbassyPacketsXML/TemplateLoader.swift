import EmbassyPacketsCore
import Foundation

/// Reads a letter template (`Templates/letter.xml`) into a `LetterTemplate`, refusing
/// unknown elements and fields with their `file:line`.
///
/// The vocabulary: `<letter xml:lang="en">` holding `<title>`, `<campaign>`, then blocks —
/// `<recipient>` (of `<line>`s and fields), `<date/>`, `<subject>`, `<salutation>`, `<p>`,
/// `<statement>`, `<closing>`, `<signature>` — whose text may hold `<field name="…"/>`,
/// `<plural count="…" one="…" other="…"/>`, `<em>`, `<strong>` and `<br/>`.
public enum TemplateLoader {
    static let blockElements: [String: LetterTemplate.BlockKind] = [
        "translation-note": .note, "recipient": .recipient, "date": .date, "subject": .subject, "salutation": .salutation,
        "p": .paragraph, "statement": .statement, "closing": .closing, "signature": .signature,
    ]

    /// The schema for a template: `letter.rng` beside it, else `Templates/letter.rng`.
    public static func schemaPath(for template: String) -> String? {
        let beside = UserPath.join(UserPath.parent(template), "letter.rng")
        return [beside, "Templates/letter.rng"].first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Loads and checks a template file: the vocabulary first (with messages that name the
    /// element or field and its `file:line:column`), then the RELAX NG schema.
    public static func load(path: String, schema: String? = nil) throws -> LetterTemplate {
        let template = try loadVocabulary(path: path)
        guard let schemaPath = schema ?? schemaPath(for: path) else {
            throw PipelineError(stage: .template, message: "cannot find letter.rng beside the template or in Templates/", location: SourceLocation(file: path))
        }
        _ = try XMLTreeReader.read(path: path, schema: try XMLSchema(path: schemaPath, stage: .template), stage: .template)
        return template
    }

    /// Loads and checks a template file against a schema already parsed (one parse for many
    /// templates).
    public static func load(path: String, schema: XMLSchema) throws -> LetterTemplate {
        let template = try loadVocabulary(path: path)
        _ = try XMLTreeReader.read(path: path, schema: schema, stage: .template)
        return template
    }

    private static func loadVocabulary(path: String) throws -> LetterTemplate {
        let root = try XMLTreeReader.read(path: path, stage: .template)
        let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        func location(_ element: XMLElement, token: String? = nil) -> SourceLocation {
            SourceLocation(file: path, line: element.line, column: column(of: token ?? "<\(element.name)", line: element.line, in: lines))
        }
        func fail(_ message: String, _ element: XMLElement, token: String? = nil) -> PipelineError {
            PipelineError(stage: .template, message: message, location: location(element, token: token))
        }
        guard root.name == "letter" else { throw fail("the root element must be <letter>, not <\(root.name)>", root) }
        var title: String?
        var campaign: String?
        var blocks: [LetterTemplate.Block] = []
        var receipt: LetterTemplate.Receipt?
        var sender: Sender?
        var requests: [String] = []
        for element in root.elements {
            switch element.name {
            case "summary":
                // What paper signature sheets print: the petition's requests, one line each.
                for request in element.elements {
                    guard request.name == "request" else { throw fail("<\(request.name)> is not allowed in <summary>; use <request>", request) }
                    let text = request.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
                    guard !text.isEmpty else { throw fail("a <request> is empty", request) }
                    requests.append(text)
                }
            case "sender": sender = try SenderLoader.sender(from: element, fail: { fail($0, $1) })
            case "receipt":
                receipt = LetterTemplate.Receipt(
                    title: element.attributes["title"] ?? "Delivery receipt",
                    statement: trim(try inlines(element.children, in: element, path: path, lines: lines)))
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
                        line = trim(try inlines(inner.children, in: inner, path: path, lines: lines))
                    case .element(let inner) where inner.name == "field":
                        line = try inlines([child], in: element, path: path, lines: lines)
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
                    : trim(try inlines(element.children, in: element, path: path, lines: lines))
                blocks.append(LetterTemplate.Block(kind: .date, content: content, location: location(element)))
            default:
                guard let kind = blockElements[element.name] else {
                    throw fail("unknown element <\(element.name)> in <letter>", element)
                }
                blocks.append(LetterTemplate.Block(kind: kind, content: trim(try inlines(element.children, in: element, path: path, lines: lines)), location: location(element)))
            }
        }
        guard let title, !title.isEmpty else { throw fail("the letter has no <title>", root) }
        guard !blocks.isEmpty else { throw fail("the letter has no paragraphs", root) }
        return LetterTemplate(
            title: title, campaign: campaign ?? "", language: root.attributes["xml:lang"] ?? "en",
            blocks: blocks, receipt: receipt, translationOf: root.attributes["translation-of"], sender: sender, requests: requests,
            location: SourceLocation(file: path))
    }

    /// The 1-based column where `token` first stands on a line of the file, if it does.
    static func column(of token: String, line: Int, in lines: [Substring]) -> Int? {
        guard line >= 1, line <= lines.count, let range = lines[line - 1].range(of: token) else { return nil }
        return lines[line - 1].distance(from: lines[line - 1].startIndex, to: range.lowerBound) + 1
    }

    private static func inlines(_ nodes: [XMLElement.Node], in parent: XMLElement, path: String, lines: [Substring]) throws -> [LetterTemplate.Inline] {
        var out: [LetterTemplate.Inline] = []
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(.text(collapse(text)))
            case .element(let element):
                let location = SourceLocation(file: path, line: element.line, column: column(of: "<\(element.name)", line: element.line, in: lines))
                switch element.name {
                case "field":
                    guard let name = element.attributes["name"] else {
                        throw PipelineError(stage: .template, message: "<field> needs a name attribute", location: location)
                    }
                    guard LetterField(rawValue: name) != nil else {
                        var at = location
                        at.column = column(of: "\"\(name)\"", line: element.line, in: lines).map { $0 + 1 } ?? location.column
                        throw PipelineError(
                            stage: .template,
                            message: "unknown field '\(name)'; the fields are \(LetterField.allCases.map(\.rawValue).joined(separator: ", "))",
                            location: at)
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
                case "em": out.append(.emphasis(try inlines(element.children, in: element, path: path, lines: lines)))
                case "strong": out.append(.strong(try inlines(element.children, in: element, path: path, lines: lines)))
                case "br": out.append(.lineBreak)
                default:
                    throw PipelineError(stage: .template, message: "unknown element <\(element.name)> in <\(parent.name)>", location: location)
                }
            }
        }
        return out
    }

    /// Runs of XML white space become one space, as in HTML — none between two characters of
    /// a script written without spaces (a Chinese paragraph broken over lines in the file).
    static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for character in text {
            if character == " " || character == "\n" || character == "\t" || character == "\r" {
                space = true
            } else {
                if space && !(out.last.map(isWide) == true && isWide(character)) { out.append(" ") }
                space = false
                out.append(character)
            }
        }
        if space { out.append(" ") }
        return out
    }

    /// Han, kana, CJK punctuation and full-width forms.
    static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF: return true
        default: return false
        }
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

/// Reads who sends the petition: a template's `<sender>`, or a sender file (`--sender`) whose
/// root is `<sender>`, checked against `sender.rng` like a template against `letter.rng`.
public enum SenderLoader {
    /// The schema for a sender file: `sender.rng` beside the letter schema.
    public static func schemaPath(besideLetterSchema letterSchema: String) -> String {
        UserPath.join(UserPath.parent(letterSchema), "sender.rng")
    }

    /// Loads and checks a sender file.
    public static func load(path: String, schema: String) throws -> Sender {
        let root = try XMLTreeReader.read(path: path, stage: .template)
        let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        func fail(_ message: String, _ element: XMLElement) -> PipelineError {
            PipelineError(stage: .template, message: message, location: SourceLocation(
                file: path, line: element.line, column: TemplateLoader.column(of: "<\(element.name)", line: element.line, in: lines)))
        }
        guard root.name == "sender" else { throw fail("the root element of a sender file must be <sender>, not <\(root.name)>", root) }
        let sender = try sender(from: root, fail: fail)
        _ = try XMLTreeReader.read(path: path, schema: try XMLSchema(path: schema, stage: .template), stage: .template)
        return sender
    }

    /// The sender an element describes; unknown parts are refused with their place.
    static func sender(from element: XMLElement, fail: (String, XMLElement) -> PipelineError) throws -> Sender {
        var sender = Sender()
        func text(_ child: XMLElement) throws -> String {
            let value = TemplateLoader.collapse(child.text).trimmingSpaces()
            guard !value.isEmpty else { throw fail("<\(child.name)> in <sender> is empty; leave it out instead", child) }
            // The one address a packet may print is the sender's <email>: nothing shaped like
            // an address elsewhere (it would be printed where nobody checked it).
            if child.name != "email" && EmailShape.contains(value) {
                throw fail("<\(child.name)> in <sender> holds an email address; put it in <email>", child)
            }
            return value
        }
        for child in element.elements {
            switch child.name {
            case "organisation": sender.organisation = try text(child)
            case "name": sender.name = try text(child)
            case "role": sender.role = try text(child)
            case "phone": sender.phone = try text(child)
            case "email":
                let value = try text(child)
                guard EmailShape.contains(value), !value.contains(" ") else { throw fail("<email> in <sender> is not an email address: '\(value)'", child) }
                sender.email = value
            case "address":
                for line in child.elements {
                    guard line.name == "line" else { throw fail("<\(line.name)> is not allowed in <address>; use <line>", line) }
                    sender.address.append(try text(line))
                }
            default:
                throw fail("unknown element <\(child.name)> in <sender>; the parts are organisation, name, role, address, email, phone", child)
            }
        }
        return sender
    }
}

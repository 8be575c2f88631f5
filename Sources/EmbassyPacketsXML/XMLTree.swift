import CXMLShim
import EmbassyPacketsCore

/// An XML element read into Swift values while its libxml2 document was alive.
public struct XMLElement: Sendable {
    /// A child: an element or a run of text.
    public enum Node: Sendable {
        case element(XMLElement)
        case text(String)
    }

    public var name: String
    public var line: Int
    /// Attributes by qualified name (`xml:lang` for the XML namespace).
    public var attributes: [String: String]
    public var children: [Node]

    /// The child elements.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { return element } else { return nil } }
    }

    /// The child elements with a name.
    public func elements(named name: String) -> [XMLElement] { elements.filter { $0.name == name } }

    /// The first child element with a name.
    public func element(named name: String) -> XMLElement? { elements.first { $0.name == name } }

    /// All text inside, with white space collapsed.
    public var text: String {
        var out = ""
        func walk(_ element: XMLElement) {
            for child in element.children {
                switch child {
                case .text(let text): out += text
                case .element(let inner): walk(inner)
                }
            }
        }
        walk(self)
        return TextNormalizer.clean(out)
    }
}

/// Parses XML files through the libxml2 shim: no network, no DTD, no entity substitution.
public enum XMLTreeReader {
    /// A parse or validation message.
    public struct Message: Sendable {
        public var line: Int
        public var column: Int
        public var text: String
    }

    /// Reads a file into an `XMLElement` tree, optionally validating it against a RELAX NG
    /// schema first. Throws a `PipelineError` holding every message with its `file:line:column`.
    public static func read(path: String, schema: XMLSchema? = nil, stage: PipelineError.Stage) throws -> XMLElement {
        let box = MessageBox()
        let context = Unmanaged.passUnretained(box).toOpaque()
        guard let document = ep_xml_parse_file(path, MessageBox.callback, context) else {
            throw failure(path: path, messages: box.messages, fallback: "cannot parse the file as XML", stage: stage)
        }
        defer { ep_xml_document_free(document) }
        if let schema {
            let status = withExtendedLifetime(schema) { ep_xml_schema_validate(schema.schema, document, MessageBox.callback, context) }
            if status != 0 {
                throw failure(path: path, messages: box.messages, fallback: "the file does not match its schema (\(schema.path))", stage: stage)
            }
        }
        guard let root = ep_xml_document_root(document) else {
            throw PipelineError(stage: stage, message: "the document has no root element", location: SourceLocation(file: path))
        }
        return try convert(root, path: path, stage: stage)
    }

    static func failure(path: String, messages: [Message], fallback: String, stage: PipelineError.Stage) -> PipelineError {
        let diagnostics = messages.map {
            Diagnostic(.error, id: "\(stage.rawValue).xml", message: $0.text,
                       location: SourceLocation(file: path, line: max($0.line, 1), column: $0.column > 0 ? $0.column : nil))
        }
        let first = messages.first
        return PipelineError(
            stage: stage, message: first?.text ?? fallback,
            location: SourceLocation(file: path, line: max(first?.line ?? 1, 1), column: (first?.column ?? 0) > 0 ? first?.column : nil),
            diagnostics: diagnostics)
    }

    /// Collects the messages libxml2 reports during one call.
    final class MessageBox {
        var messages: [Message] = []

        static let callback: ep_xml_message_callback = { context, line, column, message in
            let box = Unmanaged<MessageBox>.fromOpaque(context!).takeUnretainedValue()
            box.messages.append(Message(line: Int(line), column: Int(column), text: message.map { String(cString: $0) } ?? "XML error"))
        }
    }

    private static func convert(_ node: OpaquePointer, path: String, stage: PipelineError.Stage) throws -> XMLElement {
        var attributes: [String: String] = [:]
        var nameBuffer = [CChar](repeating: 0, count: 256)
        for index in 0..<ep_xml_node_attribute_count(node) {
            if let value = ep_xml_node_attribute_at(node, index, &nameBuffer, nameBuffer.count) {
                let name = nameBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                attributes[name] = String(cString: value)
                ep_xml_string_free(value)
            }
        }
        var children: [XMLElement.Node] = []
        var child = ep_xml_node_first_child(node)
        while let current = child {
            switch Int32(ep_xml_node_kind(current)) {
            case Int32(EP_XML_ELEMENT.rawValue):
                children.append(.element(try convert(current, path: path, stage: stage)))
            case Int32(EP_XML_TEXT.rawValue), Int32(EP_XML_CDATA.rawValue):
                children.append(.text(String(cString: ep_xml_node_content(current))))
            case Int32(EP_XML_ENTITY_REFERENCE.rawValue):
                throw PipelineError(
                    stage: stage, message: "entity references are not allowed",
                    location: SourceLocation(file: path, line: Int(ep_xml_node_line(current))))
            default:
                break  // comments and processing instructions
            }
            child = ep_xml_node_next_sibling(current)
        }
        return XMLElement(
            name: String(cString: ep_xml_node_name(node)), line: Int(ep_xml_node_line(node)),
            attributes: attributes, children: children)
    }
}

/// A compiled RELAX NG schema, shared by every file validated against it. (`@unchecked Sendable`:
/// immutable once compiled; each validation makes its own libxml2 context.)
public final class XMLSchema: @unchecked Sendable {
    let schema: OpaquePointer
    public let path: String

    /// Reads and compiles a schema; throws with the schema's own `file:line` on failure.
    public init(path: String, stage: PipelineError.Stage) throws {
        let box = XMLTreeReader.MessageBox()
        guard let schema = ep_xml_schema_load(path, XMLTreeReader.MessageBox.callback, Unmanaged.passUnretained(box).toOpaque()) else {
            throw XMLTreeReader.failure(path: path, messages: box.messages, fallback: "cannot read the RELAX NG schema", stage: stage)
        }
        self.schema = schema
        self.path = path
    }

    deinit { ep_xml_schema_free(schema) }
}

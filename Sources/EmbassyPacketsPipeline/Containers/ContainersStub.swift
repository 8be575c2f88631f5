// TEMPORARY: replaced by the containers branch.
import EmbassyPacketsCore
public struct TabularRows: Sendable { public var name: String; public var rows: [(line: Int, fields: [String])] }
public enum ExportContainer {
    public static func isZip(_ bytes: [UInt8]) -> Bool { bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && (bytes[2] == 3 || bytes[2] == 5) }
    public enum Contents { case workbook(TabularRows), members([(name: String, bytes: [UInt8])]) }
    public static func open(_ bytes: [UInt8], path: String) throws -> Contents { throw PipelineError(stage: .intake, message: "zip not yet supported", location: SourceLocation(file: path)) }
}

import FuzzSupport
import EmbassyPacketsCore
import EmbassyPacketsPipeline

/// Any bytes, opened as a zip archive or (first byte odd) an xlsx workbook, as `generate`
/// opens a Google Forms download or a Microsoft Forms export; the rows or members found are
/// read as signatures.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let path = data[0] & 1 == 0 ? "fuzz.zip" : "fuzz.xlsx"
    guard let contents = try? ExportContainer.open(bytes, path: path) else { return 0 }
    switch contents {
    case .workbook(let table):
        _ = try? SignatureReader().read(rows: table.rows, path: path, firstOrder: 0)
    case .members(let members):
        for member in members { _ = try? SignatureReader().read(bytes: member.bytes, path: member.name, firstOrder: 0) }
    }
    return 0
}

/// SwiftPM links an executable's entry as `FuzzContainer_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzContainer_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

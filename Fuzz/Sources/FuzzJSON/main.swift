import FuzzSupport
import EmbassyPacketsCore

/// Any bytes, read as a JSON and a JSON Lines signature file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? SignatureReader().read(bytes: bytes, path: "fuzz.json", firstOrder: 0)
    _ = try? SignatureReader().read(bytes: bytes, path: "fuzz.jsonl", firstOrder: 0)
    return 0
}

/// SwiftPM links an executable's entry as `FuzzJSON_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzJSON_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

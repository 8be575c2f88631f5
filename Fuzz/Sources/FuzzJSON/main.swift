import FuzzSupport
import EmbassyPacketsCore

/// Any bytes, read as a JSON or (first byte odd) a JSON Lines signature file, and validated.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let path = data[0] & 1 == 0 ? "fuzz.json" : "fuzz.jsonl"
    guard let result = try? SignatureReader().read(bytes: bytes, path: path, firstOrder: 0) else { return 0 }
    for record in result.records { _ = FuzzShared.validator.validate(record) }
    return 0
}

enum FuzzShared {
    static let validator = Validator(countries: CountryResolver())
}

/// SwiftPM links an executable's entry as `FuzzJSON_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzJSON_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

import FuzzSupport
import EmbassyPacketsCore

/// Any bytes, read as a signature file and validated: no crash, no hang, no runaway memory.
/// The first byte chooses how it is read — the encoding (detected, as `generate` does with
/// no `--encoding`, or one of the code pages) and the file name's extension — so that one
/// input is read once, as the product reads it, and every reading is reachable.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let selector = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let encoding = FuzzShared.encodings[selector % FuzzShared.encodings.count]
    let path = FuzzShared.names[(selector / FuzzShared.encodings.count) % FuzzShared.names.count]
    guard let result = try? SignatureReader(encoding: encoding).read(bytes: bytes, path: path, firstOrder: 0) else { return 0 }
    for record in result.records { _ = FuzzShared.validator.validate(record) }
    return 0
}

enum FuzzShared {
    static let encodings: [TextEncoding?] = [nil] + TextEncoding.allCases
    static let names = ["fuzz.csv", "fuzz.tsv", "fuzz.txt"]
    static let validator = Validator(countries: CountryResolver())
}

/// SwiftPM links an executable's entry as `FuzzCSV_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzCSV_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

import FuzzSupport
import EmbassyPacketsCore

/// Any bytes, read as a signature CSV and validated: no crash, no hang, no runaway memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let validator = Validator(countries: FuzzShared.countries)
    for encoding in TextEncoding.allCases {
        guard let result = try? SignatureReader(encoding: encoding).read(bytes: bytes, path: "fuzz.csv", firstOrder: 0) else { continue }
        for record in result.records { _ = validator.validate(record) }
    }
    return 0
}

enum FuzzShared {
    static let countries = CountryResolver()
}

/// SwiftPM links an executable's entry as `FuzzCSV_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzCSV_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

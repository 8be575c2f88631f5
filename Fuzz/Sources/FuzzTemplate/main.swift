import FuzzSupport
import EmbassyPacketsXML
import Foundation

/// Any bytes, loaded as a letter template (the loader reads files: the input is written to one).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let path = FuzzFiles.folder + "/letter.xml"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    guard let schema = FuzzFiles.schema else { fatalError("cannot read Templates/letter.rng: set FUZZ_ROOT") }
    _ = try? TemplateLoader.load(path: path, schema: schema)
    return 0
}

enum FuzzFiles {
    static let folder: String = {
        let folder = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()) + "/embassy-packets-fuzz-template-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()
    /// The schema, parsed once, from the repository (FUZZ_ROOT) or the current folder.
    static let schema: XMLSchema? = try? XMLSchema(
        path: (ProcessInfo.processInfo.environment["FUZZ_ROOT"] ?? ".") + "/Templates/letter.rng", stage: .template)
}

/// SwiftPM links an executable's entry as `FuzzTemplate_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzTemplate_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

import FuzzSupport
import EmbassyPacketsXML
import Foundation

/// Any bytes, loaded as an embassy directory record, against the directory's schema.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let path = FuzzFiles.folder + "/XX.xml"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    guard let schema = FuzzFiles.schema else { fatalError("cannot read Embassies/embassy.rng: set FUZZ_ROOT") }
    _ = try? EmbassyDirectoryLoader.loadFile(path: path, schema: schema)
    return 0
}

enum FuzzFiles {
    static let folder: String = {
        let folder = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()) + "/embassy-packets-fuzz-directory-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()
    static let schema: XMLSchema? = try? XMLSchema(
        path: (ProcessInfo.processInfo.environment["FUZZ_ROOT"] ?? ".") + "/Embassies/embassy.rng", stage: .directory)
}

/// SwiftPM links an executable's entry as `FuzzDirectory_main`; it hands over to libFuzzer's driver.
@_cdecl("FuzzDirectory_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

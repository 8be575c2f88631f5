// swift-tools-version:6.0
// libFuzzer targets for embassy-packets' readers. Not part of the main build: run
// Fuzz/run.sh, which builds them with -sanitize=fuzzer,address and runs each for a while.
import Foundation
import PackageDescription

// The main package is the folder above; SwiftPM names a path dependency after its folder.
let main = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

func fuzzer(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "EmbassyPackets", package: main)],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "embassy-packets-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [.target(name: "FuzzSupport"), fuzzer("FuzzCSV"), fuzzer("FuzzJSON"), fuzzer("FuzzTemplate"), fuzzer("FuzzDirectory"), fuzzer("FuzzContainer")]
)

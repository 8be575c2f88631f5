// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "embassy-packets",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "embassy-packets", targets: ["embassy-packets"]),
        .library(name: "EmbassyPackets", targets: ["EmbassyPacketsPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // C libraries. Only CXMLShim's .c file ever includes <libxml/...>: Debian's libxml2
        // headers pull in ICU, which clashes with Foundation's ICU in any Swift module that
        // sees both.
        .systemLibrary(
            name: "CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CHyphen", providers: [.apt(["libhyphen-dev", "hyphen-en-us"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .target(name: "CXMLShim", dependencies: ["CLibXML2"]),
        .target(name: "CSystemShim"),
        // zlib: Google Forms' .zip download and Microsoft Forms' .xlsx are zip archives, read
        // by our own bounded reader (Containers/ZipCentralDirectory.swift, ZipInflater.swift).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Pure Swift: models, intake, validation, deduplication, routing, composition.
        .target(name: "EmbassyPacketsCore"),
        // Templates and the embassy directory, read through libxml2.
        .target(name: "EmbassyPacketsXML", dependencies: ["EmbassyPacketsCore", "CXMLShim"]),
        // Typesetting and PDF output through Pango and Cairo.
        .target(
            name: "EmbassyPacketsRender",
            dependencies: ["EmbassyPacketsCore", "CCairo", "CPangoCairo", "CHyphen", .product(name: "Crypto", package: "swift-crypto")]),
        // Wires the stages together; the only module that touches the disk.
        .target(
            name: "EmbassyPacketsPipeline",
            dependencies: [
                "EmbassyPacketsCore", "EmbassyPacketsXML", "EmbassyPacketsRender", "CSystemShim",
                .product(name: "Crypto", package: "swift-crypto"),
                "CZlib",
            ]),
        // The command line: the only module that imports ArgumentParser and prints.
        .target(
            name: "EmbassyPacketsCLI",
            dependencies: [
                "EmbassyPacketsPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "embassy-packets", dependencies: ["EmbassyPacketsCLI"]),

        .testTarget(
            name: "EmbassyPacketsTests",
            dependencies: [
                "EmbassyPacketsCore", "EmbassyPacketsXML", "EmbassyPacketsRender", "EmbassyPacketsPipeline",
                "EmbassyPacketsCLI", "embassy-packets",
            ],
            exclude: ["Fixtures"]),
    ]
)

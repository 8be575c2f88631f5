import EmbassyPacketsCore
import Foundation

/// Paths and helpers the tests share.
enum TestSupport {
    /// The package root (this file is Tests/EmbassyPacketsTests/Support.swift).
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    static var embassies: String { path("Embassies") }
    static var template: String { path("Templates/letter.xml") }
    static var sampleCSV: String { path("Samples/signatures.csv") }
    static var sampleJSON: String { path("Samples/signatures.json") }

    /// A fresh empty folder under the system's temporary folder.
    static func temporaryFolder(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("embassy-packets-tests/\(safe)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes text to a file in a folder and returns its path.
    static func write(_ text: String, named name: String, in folder: String) -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs a program and returns its exit status, standard output and standard error.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, currentDirectory: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        // Output goes to files, so that a large output can never block the child on a full pipe.
        let folder = temporaryFolder("run")
        let outPath = (folder as NSString).appendingPathComponent("stdout")
        let errPath = (folder as NSString).appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        try? FileManager.default.removeItem(atPath: folder)
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// The text poppler extracts from a PDF.
    static func pdfText(_ path: String, firstPage: Int? = nil, lastPage: Int? = nil) throws -> String {
        var arguments: [String] = []
        if let firstPage { arguments += ["-f", String(firstPage)] }
        if let lastPage { arguments += ["-l", String(lastPage)] }
        return try run("pdftotext", arguments + [path, "-"]).stdout
    }

    /// `pdfinfo` fields by name.
    static func pdfInfo(_ path: String) throws -> [String: String] {
        var info: [String: String] = [:]
        for line in try run("pdfinfo", [path]).stdout.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            info[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return info
    }

    /// Text reduced for comparing what poppler extracts with what was typeset: white space and
    /// bidi controls removed (poppler spaces out Arabic, Hebrew and Thai clusters).
    static func squeezed(_ text: String) -> String {
        String(String.UnicodeScalarView(text.precomposedStringWithCanonicalMapping.unicodeScalars.filter {
            !$0.properties.isWhitespace && !(0x200B...0x200F).contains($0.value) && !(0x202A...0x202E).contains($0.value)
                && !(0x2066...0x2069).contains($0.value)
        }))
    }

    /// Every file under an output folder as text, PDFs both decompressed with qpdf and as
    /// poppler extracts their text: what a privacy check must search.
    static func outputTexts(_ folder: String) throws -> [(name: String, text: String)] {
        var written: [(name: String, text: String)] = []
        let scratch = temporaryFolder("qdf")
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() {
            let path = folder + "/" + file
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if file.hasSuffix(".pdf") {
                let plain = scratch + "/qdf.pdf"
                _ = try run("qpdf", ["--qdf", "--object-streams=disable", path, plain])
                written.append((file, String(decoding: (FileManager.default.contents(atPath: plain) ?? Data()), as: UTF8.self)))
                written.append((file + " (text)", try pdfText(path)))
            } else {
                written.append((file, String(decoding: (FileManager.default.contents(atPath: path) ?? Data()), as: UTF8.self)))
            }
        }
        return written
    }

    /// The built `embassy-packets` executable, beside the test bundle.
    static var executable: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("embassy-packets").path
    }
}

/// Builds CSV text in the Google Forms layout.
struct FormCSV {
    static let header = "Timestamp,First Name,Last Name,City,State or Province,Country,Email Address,How may we use your email address?"
    var lines: [String] = [header]

    mutating func add(_ timestamp: String = "2017/03/15 10:23:45 AM GMT-4", first: String, last: String, city: String = "Springfield", region: String = "", country: String, email: String) {
        lines.append([timestamp, first, last, city, region, country, email, "Count me only"].map(Self.quote).joined(separator: ","))
    }

    static func quote(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    var text: String { lines.joined(separator: "\r\n") + "\r\n" }
}

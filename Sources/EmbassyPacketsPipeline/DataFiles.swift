import EmbassyPacketsCore
import Foundation

/// Where the embassy directory and the letter templates that ship with the tool are found,
/// so that it runs from any folder:
///
/// 1. `--embassies FOLDER` / `--template FILE`, when given;
/// 2. `$EMBASSY_PACKETS_DATA/Embassies` and `$EMBASSY_PACKETS_DATA/Templates/letter.xml` — a
///    coordinator's own edited copy, named once;
/// 3. `PREFIX/share/embassy-packets/...` beside the installed executable (`PREFIX/bin`), as the
///    Debian package installs them (`/usr/share/embassy-packets`);
/// 4. the source checkout the executable was built in (`.build/.../embassy-packets`);
/// 5. `./Embassies` and `./Templates/letter.xml` in the current folder.
public enum DataFiles {
    /// The environment variable naming a folder that holds `Embassies/` and/or `Templates/`.
    public static let environmentVariable = "EMBASSY_PACKETS_DATA"

    /// One place data may be, and which rule of the order above found it.
    public struct Root: Sendable, Equatable {
        public enum Origin: Sendable, Equatable { case environment, installed, checkout, currentFolder }
        public var path: String
        public var origin: Origin
    }

    /// The executable's own path, symlinks resolved (nil where /proc is not mounted).
    public static var executable: String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return path
    }

    /// The folders searched, in order (see the type's documentation).
    public static func roots(environment: [String: String] = ProcessInfo.processInfo.environment, executable: String? = DataFiles.executable) -> [Root] {
        var roots: [Root] = []
        if let data = environment[environmentVariable], !data.isEmpty {
            roots.append(Root(path: data, origin: .environment))
        }
        if let executable {
            let bin = UserPath.parent(executable)
            roots.append(Root(path: UserPath.join(UserPath.parent(bin), "share/embassy-packets"), origin: .installed))
            if let checkout = checkout(containing: executable) { roots.append(Root(path: checkout, origin: .checkout)) }
        }
        roots.append(Root(path: ".", origin: .currentFolder))
        return roots
    }

    /// The source checkout above a path: the nearest folder holding Package.swift and
    /// Embassies/embassy.rng.
    public static func checkout(containing path: String) -> String? {
        var folder = UserPath.parent(path)
        while folder != "/" && folder != "." && !folder.isEmpty {
            if FileManager.default.fileExists(atPath: UserPath.join(folder, "Package.swift")),
                FileManager.default.fileExists(atPath: UserPath.join(folder, "Embassies/embassy.rng"))
            {
                return folder
            }
            folder = UserPath.parent(folder)
        }
        return nil
    }

    /// The embassy directory to read: `explicit`, else the first root holding `Embassies/`.
    public static func embassies(_ explicit: String?, roots: [Root] = roots()) throws -> String {
        if let explicit { return explicit }
        return try find("Embassies", isFolder: true, roots: roots, what: "the embassy directory", flag: "--embassies FOLDER", stage: .directory)
    }

    /// The letter template to use: `explicit`, else the first root holding `Templates/letter.xml`.
    public static func template(_ explicit: String?, roots: [Root] = roots()) throws -> String {
        if let explicit { return explicit }
        return try find("Templates/letter.xml", isFolder: false, roots: roots, what: "the letter template", flag: "--template FILE", stage: .template)
    }

    private static func find(_ relative: String, isFolder: Bool, roots: [Root], what: String, flag: String, stage: PipelineError.Stage) throws -> String {
        // A variable naming no folder would otherwise fall through to the installed data in
        // silence, and the coordinator's edits would not be used.
        if let named = roots.first(where: { $0.origin == .environment }) {
            var folder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: named.path, isDirectory: &folder), folder.boolValue else {
                throw PipelineError(
                    stage: stage,
                    message: "\(environmentVariable) names '\(named.path)', which is not a folder: set it to the folder that holds your Embassies/ and Templates/, or unset it")
            }
        }
        for root in roots {
            let path = root.path == "." ? relative : UserPath.join(root.path, relative)
            var folder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &folder), folder.boolValue == isFolder { return path }
        }
        let looked = roots.map { $0.path == "." ? relative : UserPath.join($0.path, relative) }.joined(separator: ", ")
        throw PipelineError(
            stage: stage,
            message: "cannot find \(what): looked in \(looked); install the package, set \(environmentVariable) to a folder holding \(relative), or give \(flag)")
    }
}

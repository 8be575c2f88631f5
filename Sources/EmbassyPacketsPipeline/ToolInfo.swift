import CSystemShim
import EmbassyPacketsCore
import Foundation

/// The tool's name and version, as the manifest and PDFs record them.
public enum ToolInfo {
    public static let name = "embassy-packets"
    public static let version = "0.1.0"

    /// The commit the binary was built from: baked in by the build (Scripts/package-deb.sh
    /// does), else the commit checked out in the source checkout it runs from, else nil.
    public static let commit: String? = {
        let baked = String(cString: ep_build_commit())
        if !baked.isEmpty { return baked }
        guard let executable = DataFiles.executable, let checkout = DataFiles.checkout(containing: executable) else { return nil }
        return checkedOut(in: checkout)
    }()

    /// True when `commit` was baked in at build time (not read from a checkout).
    public static var commitIsBaked: Bool { !String(cString: ep_build_commit()).isEmpty }

    /// What `--version` prints: `0.1.0 (commit 0123abc)`.
    public static var versionLine: String {
        guard let commit else { return "\(version) (commit unknown)" }
        return "\(version) (commit \(commit)\(commitIsBaked ? "" : ", read from the checkout"))"
    }

    /// The commit HEAD names in a checkout's .git (a ref, packed or loose, or a detached HEAD).
    static func checkedOut(in checkout: String) -> String? {
        let git = UserPath.join(checkout, ".git")
        func text(_ relative: String) -> String? {
            (try? String(contentsOfFile: UserPath.join(git, relative), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let head = text("HEAD") else { return nil }
        guard head.hasPrefix("ref: ") else { return head.count >= 40 ? String(head.prefix(40)) : nil }
        let ref = String(head.dropFirst(5))
        if let loose = text(ref), loose.count >= 40 { return String(loose.prefix(40)) }
        for line in (text("packed-refs") ?? "").split(separator: "\n") where line.hasSuffix(" " + ref) {
            return String(line.prefix(40))
        }
        return nil
    }
}

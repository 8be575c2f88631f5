import EmbassyPacketsCore
import Foundation
import Testing

/// The Debian package, built and installed as a coordinator would (Scripts/package-deb.sh,
/// dpkg -i), then run from an empty folder with no Swift toolchain on PATH, and removed.
/// Runs where this process may install packages (root with dpkg-dev) and the package is not
/// installed already (a coordinator's own installation is never replaced by a test).
@Suite("Installed package", .serialized)
struct PackageTests {
    static let canInstall: Bool = {
        guard getuid() == 0,
            FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-deb"),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-shlibdeps")
        else { return false }
        let status = (try? TestSupport.run("dpkg-query", ["-W", "-f=${Status}", "embassy-packets"]))?.stdout ?? ""
        return !status.contains("install ok installed")
    }()

    /// Runs a shell command line with only /usr/bin and /bin on PATH, in `folder`.
    static func installed(_ command: String, in folder: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "HOME=\(folder)", "LANG=C.UTF-8", "bash", "-c", command], currentDirectory: folder)
    }

    @Test(.enabled(if: PackageTests.canInstall), .timeLimit(.minutes(20)))
    func thePackageInstallsRunsFromAnywhereAndRemoves() throws {
        let dist = TestSupport.temporaryFolder("dist")
        let built = try TestSupport.run("bash", [TestSupport.path("Scripts/package-deb.sh"), dist])
        #expect(built.status == 0, "\(built.stderr)")
        let deb = built.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(FileManager.default.fileExists(atPath: deb), "\(built.stderr)")

        // What the package holds and needs: no -dev package, no compiler, no Swift runtime.
        let fields = try TestSupport.run("dpkg-deb", ["-f", deb, "Depends"]).stdout
        #expect(fields.contains("libcairo2") && fields.contains("libpango-1.0-0") && fields.contains("libxml2") && fields.contains("libhyphen0"), "\(fields)")
        #expect(fields.contains("fonts-noto-core") && fields.contains("fonts-noto-cjk"), "\(fields)")
        #expect(!fields.contains("-dev") && !fields.contains("swift") && !fields.contains("clang"), "\(fields)")
        let contents = try TestSupport.run("dpkg-deb", ["-c", deb]).stdout
        for path in ["./usr/bin/embassy-packets", "./usr/share/embassy-packets/Embassies/embassy.rng", "./usr/share/embassy-packets/Embassies/FR.xml",
                     "./usr/share/embassy-packets/Templates/letter.xml", "./usr/share/man/man1/embassy-packets.generate.1.gz",
                     "./usr/share/bash-completion/completions/embassy-packets", "./usr/share/zsh/vendor-completions/_embassy-packets",
                     "./usr/share/fish/vendor_completions.d/embassy-packets.fish", "./usr/share/doc/embassy-packets/copyright"] {
            #expect(contents.contains(path), "\(path) is not in the package")
        }

        let install = try TestSupport.run("dpkg", ["-i", deb])
        try #require(install.status == 0, "\(install.stderr)")
        defer {
            let removed = try? TestSupport.run("dpkg", ["-r", "embassy-packets"])
            #expect(removed?.status == 0, "\(removed?.stderr ?? "")")
            #expect(!FileManager.default.fileExists(atPath: "/usr/bin/embassy-packets"))
        }
        let libraries = try TestSupport.run("ldd", ["/usr/bin/embassy-packets"]).stdout
        #expect(!libraries.contains("libswift") && !libraries.contains("libFoundation") && !libraries.contains("not found"), "\(libraries)")

        // From an empty folder, with no toolchain on PATH.
        let folder = TestSupport.temporaryFolder("installed")
        let commit = try TestSupport.run("git", ["-C", TestSupport.root, "rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let version = try Self.installed("embassy-packets --version", in: folder)
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0 (commit \(commit))\n", "\(version.stdout)")
        let run = try Self.installed(
            "command -v swift && exit 9; embassy-packets sample --count 500 --out s.csv && embassy-packets generate s.csv --out out --date 2026-12-01 --quiet"
                + " && embassy-packets validate s.csv --quiet && embassy-packets verify out && embassy-packets embassies --check", in: folder)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("embassy-packets: checking the directory in /usr/share/embassy-packets/Embassies"), "\(run.stderr)")
        let manual = try Self.installed("MANPAGER=cat man embassy-packets", in: folder)
        #expect(manual.status == 0 && manual.stdout.contains("embassy-packets"), "\(manual.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/manifest.json"))) as! [String: Any]
        #expect((manifest["generator"] as? [String: Any])?["commit"] as? String == commit)

        // The same packets, byte for byte, as the checkout's own build makes.
        let checkout = try TestSupport.run(TestSupport.executable, ["generate", folder + "/s.csv", "--out", folder + "/checkout", "--date", "2026-12-01", "--quiet"])
        #expect(checkout.status == 0, "\(checkout.stderr)")
        let packets = try FileManager.default.contentsOfDirectory(atPath: folder + "/out/packets").sorted()
        #expect(packets.count > 10)
        #expect(packets == (try FileManager.default.contentsOfDirectory(atPath: folder + "/checkout/packets").sorted()))
        for name in packets {
            let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/packets/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/checkout/packets/" + name))
            #expect(a == b, "\(name) differs between the installed tool and the checkout's")
        }
    }
}

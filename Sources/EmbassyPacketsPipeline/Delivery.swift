import Crypto
import EmbassyPacketsCore
import Foundation

/// Who has been delivered, kept without their emails: each signer is a keyed hash (HMAC-SHA256,
/// cut to 128 bits) of their normalised email. With the key kept apart from the outputs, the
/// list says nothing about anyone; with the same key, a later run can tell who is new.
public struct SignerKey: Sendable {
    let key: SymmetricKey
    /// A hash of the key, recorded so that a supplement can check it uses the same key.
    public let id: String

    /// The environment variable that can hold the key.
    public static let environmentVariable = "EMBASSY_PACKETS_KEY"

    /// A key from its bytes (at least 16).
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= 16 else {
            throw PipelineError(stage: .intake, message: "the signer key must be at least 16 bytes long")
        }
        key = SymmetricKey(data: bytes)
        id = String(Generator.sha256Hex(Array("embassy-packets signer key".utf8) + bytes).prefix(16))
    }

    /// The key from `--key-file` or else from EMBASSY_PACKETS_KEY; nil when neither is set.
    public static func load(file: String?, environment: [String: String]) throws -> SignerKey? {
        if let file {
            var bytes = try Generator.readFile(file)
            while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
            guard bytes.count >= 16 else {
                throw PipelineError(
                    stage: .intake,
                    message: "--key-file: the signer key must be at least 16 bytes long; the file holds \(bytes.isEmpty ? "nothing" : "\(bytes.count) byte\(bytes.count == 1 ? "" : "s")") (make one with: head -c 32 /dev/urandom | base64 > \(UserPath.name(file)))",
                    location: SourceLocation(file: file))
            }
            return try SignerKey(bytes: bytes)
        }
        if let text = environment[environmentVariable], !text.isEmpty {
            guard text.utf8.count >= 16 else {
                throw PipelineError(stage: .intake, message: "\(environmentVariable): the signer key must be at least 16 bytes long; it holds \(text.utf8.count)")
            }
            return try SignerKey(bytes: Array(text.utf8))
        }
        return nil
    }

    /// The signer's keyed hash, 32 hex digits.
    public func hash(_ emailKey: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(emailKey.utf8), using: key)
        return code.prefix(16).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}

/// An earlier delivery, read from its manifest for `--since`.
public struct PreviousDelivery: Sendable {
    public var manifest: Manifest
    public var manifestSha256: String
    /// The keyed hashes of every signer delivered so far.
    public var delivered: Set<String>

    /// Reads a manifest and its delivered list, checking that the list is intact and was made
    /// with the same key.
    public static func load(manifestPath: String, key: SignerKey?) throws -> PreviousDelivery {
        let bytes = try Generator.readFile(manifestPath)
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(bytes))
        } catch {
            throw PipelineError(stage: .intake, message: "--since: '\(manifestPath)' is not an embassy-packets manifest", location: SourceLocation(file: manifestPath))
        }
        guard let list = manifest.delivered else {
            throw PipelineError(
                stage: .intake,
                message: "--since: '\(manifestPath)' records no delivered signers (that run had no signer key: set \(SignerKey.environmentVariable) or --key-file)",
                location: SourceLocation(file: manifestPath))
        }
        guard let key else {
            throw PipelineError(stage: .intake, message: "--since needs the signer key of the earlier run (\(SignerKey.environmentVariable) or --key-file)")
        }
        guard key.id == list.keyId else {
            throw PipelineError(stage: .intake, message: "--since: the signer key is not the one '\(manifestPath)' was made with", location: SourceLocation(file: manifestPath))
        }
        let listPath = UserPath.join(UserPath.parent(manifestPath), list.file)
        let listBytes = try Generator.readFile(listPath)
        guard Generator.sha256Hex(listBytes) == list.sha256 else {
            throw PipelineError(stage: .intake, message: "--since: '\(listPath)' does not match its manifest's sha256", location: SourceLocation(file: listPath))
        }
        let hashes = Set(String(decoding: listBytes, as: UTF8.self).split(separator: "\n").map(String.init))
        return PreviousDelivery(manifest: manifest, manifestSha256: Generator.sha256Hex(bytes), delivered: hashes)
    }
}

import ArgumentParser
import Foundation
import SafeCityCore
import SafeCityServer
import Security
import Storage

/// `safecity audit …`: the tamper-evident log. `verify` walks the hash chain (and, given a tree head kept
/// earlier, proves the log still extends it); `tree-head` signs the Merkle root now; `check` is the
/// outside auditor's tool: it needs no database, only the public key, tree heads and proofs.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the tamper-evident event log.", subcommands: [Verify.self, TreeHead.self, PublicKey.self, Check.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every link of the hash chain, and that the log still extends a tree head kept earlier.")

        @OptionGroup var options: ServerOptions
        @Option(name: .customLong("tree-head"), help: "A signed tree head (JSON from `audit tree-head` or GET /v1/audit/tree-head) the log must still extend.")
        var treeHeadFile: String?
        @Option(name: .customLong("public-key"), help: "The audit key that signed the tree head, base64 (default: derived from the field key beside the database).")
        var publicKey: String?

        func run() async throws {
            let (log, signer) = try await openLog(options)
            let progress = ProgressReporter(label: "verifying")
            let outcome = try await ChainVerifier().verify(log) { done, total in progress.update(done: done, total: total) }
            progress.finish()
            guard case let .intact(count, headHash) = outcome else {
                if case let .broken(sequence, reason) = outcome { throw CLIError("broken at sequence \(sequence): \(reason)") }
                return
            }
            let tree = AuditTree(log: log, signer: signer, clock: SystemClock())
            let (_, root) = try await tree.root()
            print("intact: \(count) records, head hash \(Hex.encode(headHash)), Merkle root \(Hex.encode(root))")
            guard let treeHeadFile else { return }
            let kept = try readJSON(SignedTreeHead.self, treeHeadFile)
            let key = try publicKey.map { try AuditPublicKey(base64: $0) } ?? signer?.publicKey
            guard let key else { throw CLIError("no key to check \(treeHeadFile) with: give --public-key (the field key beside the database is missing)") }
            guard kept.isSigned(by: key) else { throw CLIError("\(treeHeadFile): the signature does not verify with this log's key") }
            guard kept.treeSize <= count else {
                throw CLIError("the log has \(count) records but the tree head kept covers \(kept.treeSize): records were deleted")
            }
            let proof = try await tree.consistency(first: kept.treeSize, second: nil)
            guard proof.firstRootHash == kept.rootHash, let keptRoot = kept.rootHashBytes,
                  proof.verifies(firstRoot: keptRoot, secondRoot: root) else {
                throw CLIError("the log no longer extends the tree head of \(kept.timestamp) (size \(kept.treeSize)): records up to \(kept.treeSize) were changed, removed or reordered")
            }
            print("consistent with the tree head of \(kept.timestamp) (size \(kept.treeSize))")
        }
    }

    struct TreeHead: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tree-head", abstract: "Print the signed Merkle tree head of the log now, as JSON, for an auditor to keep.")

        @OptionGroup var options: ServerOptions

        func run() async throws {
            let (log, signer) = try await openLog(options)
            guard let signer else { throw CLIError("no field key beside the database: the tree head cannot be signed") }
            let head = try await AuditTree(log: log, signer: signer, clock: SystemClock()).treeHead()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(head), as: UTF8.self))
        }
    }

    struct PublicKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "public-key", abstract: "Print the audit public key (base64 Ed25519) that auditors check tree heads with.")

        @OptionGroup var options: ServerOptions

        func run() async throws {
            guard let signer = try await openLog(options).1 else { throw CLIError("no field key beside the database: there is no audit key") }
            print(signer.publicKeyBase64)
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check proofs against signed tree heads with only the public key (no database).",
            discussion: """
                With --inclusion: the record is in the log the tree head describes. With --consistency and \
                --later-tree-head: the later log extends the earlier one (nothing changed, removed or reordered).
                """)

        @Option(name: .customLong("public-key"), help: "The platform's audit key, base64 (GET /v1/audit/public-key).") var publicKey: String
        @Option(name: .customLong("tree-head"), help: "A signed tree head, JSON.") var treeHeadFile: String
        @Option(help: "An inclusion proof, JSON (GET /v1/audit/proofs/inclusion).") var inclusion: String?
        @Option(help: "A consistency proof, JSON (GET /v1/audit/proofs/consistency).") var consistency: String?
        @Option(name: .customLong("later-tree-head"), help: "The later signed tree head a consistency proof leads to.") var laterTreeHeadFile: String?

        func run() async throws {
            let key: AuditPublicKey
            do { key = try AuditPublicKey(base64: publicKey) } catch { throw CLIError("--public-key: \(error)") }
            let head = try signedHead(treeHeadFile, key: key)
            switch (inclusion, consistency) {
            case let (path?, nil):
                let proof = try readJSON(InclusionProof.self, path)
                guard proof.treeSize == head.treeSize else {
                    throw CLIError("the proof is for a tree of \(proof.treeSize) records, the tree head for \(head.treeSize)")
                }
                guard let root = head.rootHashBytes, proof.verifies(against: root) else {
                    throw CLIError("record \(proof.sequence) (hash \(proof.recordHash)) is not proved in the tree head: the proof does not lead to its root")
                }
                print("record \(proof.sequence) is in the log of \(head.treeSize) records signed at \(head.timestamp)")
            case let (nil, path?):
                guard let laterTreeHeadFile else { throw CLIError("--consistency needs --later-tree-head") }
                let later = try signedHead(laterTreeHeadFile, key: key)
                let proof = try readJSON(ConsistencyProof.self, path)
                guard proof.first == head.treeSize, proof.second == later.treeSize else {
                    throw CLIError("the proof is from \(proof.first) to \(proof.second) records, the tree heads are for \(head.treeSize) and \(later.treeSize)")
                }
                guard let first = head.rootHashBytes, let second = later.rootHashBytes, proof.verifies(firstRoot: first, secondRoot: second) else {
                    throw CLIError("the later log does not extend the earlier one: records up to \(head.treeSize) were changed, removed or reordered")
                }
                print("the log of \(later.treeSize) records (\(later.timestamp)) extends the log of \(head.treeSize) records (\(head.timestamp))")
            default:
                throw CLIError("give exactly one of --inclusion and --consistency")
            }
        }

        private func signedHead(_ path: String, key: AuditPublicKey) throws -> SignedTreeHead {
            let head = try readJSON(SignedTreeHead.self, path)
            guard head.isSigned(by: key) else { throw CLIError("\(path): the signature does not verify with the public key given") }
            return head
        }
    }
}

/// The log and the audit signing key (derived from the field key: `SAFECITY_FIELD_KEY`, else `field.key` beside a SQLite file).
private func openLog(_ options: ServerOptions) async throws -> (any EventLog, TreeHeadSigner?) {
    let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
    let isPostgres = PostgresLocation.isURL(settings.database)
    guard isPostgres || FileManager.default.fileExists(atPath: settings.database) else { throw CLIError("no database at \(settings.database)") }
    let keyFile = isPostgres ? nil : URL(fileURLWithPath: settings.database).deletingLastPathComponent().appendingPathComponent("field.key").path
    let hasKey = ProcessInfo.processInfo.environment["SAFECITY_FIELD_KEY"] != nil || keyFile.map { FileManager.default.fileExists(atPath: $0) } == true
    let signer = hasKey ? try TreeHeadSigner(derivedFrom: try cliFailure { try FieldCipher.load(keyFile: keyFile, generateIfMissing: false) }) : nil
    do {
        return (try await StorageBackend.open(settings.database).log, signer)
    } catch {
        throw CLIError("\(error)")
    }
}

private func readJSON<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
    do { return try JSONDecoder().decode(T.self, from: data) } catch {
        throw CLIError("\(path) is not a valid \(T.self): \(error)")
    }
}


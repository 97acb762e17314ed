/// Walks the log from the start and checks every link of the hash chain.
public struct ChainVerifier: Sendable {
    /// The outcome of a verification.
    public enum Outcome: Sendable, Equatable {
        /// Every record checked out; `count` records, the last with `headHash`.
        case intact(count: Int64, headHash: [UInt8])
        /// The first bad record and what is wrong with it.
        case broken(sequence: Int64, reason: String)
    }

    public var pageSize: Int

    public init(pageSize: Int = 2000) { self.pageSize = pageSize }

    /// Verifies the whole log, reporting progress as (records checked, last sequence).
    public func verify(
        _ log: some EventLog, progress: (@Sendable (Int64, Int64) -> Void)? = nil
    ) async throws -> Outcome {
        let total = try await log.lastSequence()
        var expectedSequence: Int64 = 1
        var previous = HashChain.genesis
        while true {
            let page = try await log.read(after: expectedSequence - 1, limit: pageSize)
            if page.isEmpty { break }
            for record in page {
                if record.sequence != expectedSequence {
                    return .broken(sequence: expectedSequence, reason: "sequence \(expectedSequence) is missing (next stored is \(record.sequence))")
                }
                if record.previousHash != previous {
                    return .broken(sequence: record.sequence, reason: "previous-hash link does not match record \(record.sequence - 1)")
                }
                let recomputed = HashChain.hash(
                    previous: previous, sequence: record.sequence, recordedAt: record.recordedAt, event: record.event)
                if recomputed != record.hash {
                    return .broken(sequence: record.sequence, reason: "stored content does not match its hash")
                }
                previous = record.hash
                expectedSequence += 1
            }
            progress?(expectedSequence - 1, total)
        }
        return .intact(count: expectedSequence - 1, headHash: previous)
    }
}

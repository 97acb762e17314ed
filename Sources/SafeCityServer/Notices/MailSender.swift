import Foundation
import Mail

/// Hands email notices to the configured relay: one SMTP session per batch, or files in a pickup directory.
struct MailSender: Sendable {
    let relay: MailRelay

    /// Sends the messages in order; one outcome per message. A session that cannot be opened or dies leaves the
    /// remaining messages to retry.
    func send(_ messages: [MailMessage]) async -> [NoticeOutcome] {
        guard !messages.isEmpty else { return [] }
        switch relay.destination {
        case .pickupDirectory(let path):
            let directory = MailPickupDirectory(path: path)
            return messages.map { message in
                do throws(MailError) { try directory.write(message); return .sent } catch { return Self.outcome(error) }
            }
        case .server:
            let session: SMTPSession
            do { session = try await SMTPSession.open(relay) } catch {
                return messages.map { _ in Self.outcome(error) }
            }
            var outcomes: [NoticeOutcome] = []
            var broken: MailError?
            for message in messages {
                if let broken {
                    outcomes.append(.retry("not tried: \(broken)"))
                    continue
                }
                do {
                    try await session.send(message)
                    outcomes.append(.sent)
                } catch {
                    outcomes.append(Self.outcome(error, hiding: message.to.text))
                    // A refusal of one message leaves the session usable; a lost connection, a timeout or garbage does not.
                    if !session.isActive { broken = error }
                }
            }
            await session.close()
            return outcomes
        }
    }

    /// The outcome of an error; the address is cut out of the reason (servers quote it), which the outbox and the log keep.
    static func outcome(_ error: MailError, hiding address: String? = nil) -> NoticeOutcome {
        var reason = error.description
        if let address, !address.isEmpty { reason = reason.replacingOccurrences(of: address, with: "recipient", options: .caseInsensitive) }
        return error.isTransient ? .retry(reason) : .abandon(reason)
    }
}

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
                do { try directory.write(message); return .sent } catch { return Self.outcome(error) }
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
                    outcomes.append(Self.outcome(error))
                    // A refusal of one message leaves the session usable; a lost connection, a timeout or garbage does not.
                    if !session.isActive { broken = error }
                }
            }
            await session.close()
            return outcomes
        }
    }

    static func outcome(_ error: MailError) -> NoticeOutcome {
        error.isTransient ? .retry(error.description) : .abandon(error.description)
    }
}

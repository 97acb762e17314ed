import Foundation

/// Writes each message as an RFC 5322 `.eml` file into a directory, like a mail server's pickup directory.
///
/// - Note: The file is named after the Message-ID, so a repeated send of one notice replaces its file.
///   Written to a temporary name and renamed, so a reader never sees half a message.
public struct MailPickupDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Writes `message`; a file-system failure is transient (the disk may have room later).
    public func write(_ message: MailMessage) throws(MailError) {
        let safeName = String(message.messageID.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "." ? Character($0) : "_" })
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        let target = folder.appendingPathComponent(safeName + ".eml")
        let temporary = folder.appendingPathComponent("." + safeName + ".tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(message.rendered()).write(to: temporary)
            _ = try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            throw .transient("cannot write \(target.path): \(error.localizedDescription)")
        }
    }
}

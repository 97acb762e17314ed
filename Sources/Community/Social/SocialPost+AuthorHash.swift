import Foundation
import Crypto

extension SocialPost {
    /// SHA-256 (lowercase hex) of `salt ‖ handle`, the handle trimmed, without a leading `@`
    /// and lower-cased, so one author gets one hash per salt and the handle cannot be read back.
    ///
    /// - Warning: Keep the salt secret and per deployment: without it, a hash of a known handle
    ///   can be recomputed. Rotating the salt unlinks all earlier hashes.
    public static func authorHash(handle: String, salt: [UInt8]) -> String {
        var normalized = handle.trimmingCharacters(in: .whitespacesAndNewlines)
        if normalized.hasPrefix("@") { normalized.removeFirst() }
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Array(normalized.lowercased().utf8))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in hasher.finalize() {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

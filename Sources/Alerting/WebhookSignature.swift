import Crypto
import Foundation

/// Signs webhook bodies: `SafeCity-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t." + body>`.
///
/// A receiver recomputes the HMAC with the subscription's secret, compares in constant time and
/// refuses a timestamp too far from its own clock (replay protection).
public enum WebhookSignature {
    /// The header that carries the signature.
    public static let headerName = "SafeCity-Signature"
    /// The header that carries the idempotency key (alert id + subscription id).
    public static let idempotencyHeaderName = "Idempotency-Key"

    /// The header value for a body sent at `unixSeconds`.
    public static func header(body: [UInt8], secret: String, unixSeconds: Int64) -> String {
        "t=\(unixSeconds),v1=\(hex(mac(body: body, secret: secret, unixSeconds: unixSeconds)))"
    }

    /// Whether `header` is a valid signature of `body` made within `toleranceSeconds` of `nowUnixSeconds`.
    public static func verify(header: String, body: [UInt8], secret: String, nowUnixSeconds: Int64, toleranceSeconds: Int64 = 300) -> Bool {
        var timestamp: Int64?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int64(pair[1]) } else if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, abs(nowUnixSeconds - timestamp) <= toleranceSeconds else { return false }
        let expected = Array(hex(mac(body: body, secret: secret, unixSeconds: timestamp)).utf8)
        return signatures.contains { candidate in
            let bytes = Array(candidate.utf8)
            guard bytes.count == expected.count else { return false }
            return zip(bytes, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    private static func mac(body: [UInt8], secret: String, unixSeconds: Int64) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
        hmac.update(data: Array("\(unixSeconds).".utf8))
        hmac.update(data: body)
        return Array(hmac.finalize())
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

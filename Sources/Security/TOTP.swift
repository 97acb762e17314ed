import Crypto
import Foundation
import SafeCityCore

/// Time-based one-time passwords (RFC 6238, over RFC 4226's HOTP), as authenticator apps make them.
public struct TOTP: Sendable, Equatable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512"
    }

    public var secret: [UInt8]
    public var algorithm: Algorithm
    public var digits: Int
    public var periodSeconds: Int64

    /// Authenticator apps' defaults: SHA-1, 6 digits, 30 s.
    public init(secret: [UInt8], algorithm: Algorithm = .sha1, digits: Int = 6, periodSeconds: Int64 = 30) {
        precondition((6...8).contains(digits), "TOTP codes have 6 to 8 digits")
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.periodSeconds = periodSeconds
    }

    /// A new random 160-bit secret (RFC 4226's recommended length).
    public static func randomSecret() -> [UInt8] {
        SymmetricKey(size: .init(bitCount: 160)).withUnsafeBytes { Array($0) }
    }

    /// The time step that holds `unixSeconds`.
    public func step(at unixSeconds: Int64) -> Int64 { unixSeconds >= 0 ? unixSeconds / periodSeconds : (unixSeconds - periodSeconds + 1) / periodSeconds }

    /// The code of a time step, zero-padded to `digits`.
    public func code(step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Array($0) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] = switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
        // RFC 4226 §5.3 dynamic truncation.
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The code at a time.
    public func code(at unixSeconds: Int64) -> String { code(step: step(at: unixSeconds)) }

    /// The step whose code `code` is, within `window` steps of now (clock drift), and later than
    /// `lastUsedStep` (a code is good once); nil otherwise. Compared in constant time.
    public func verify(_ code: String, at unixSeconds: Int64, window: Int64 = 1, lastUsedStep: Int64? = nil) -> Int64? {
        guard code.count == digits, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: unixSeconds)
        var found: Int64?
        for candidate in (now - window)...(now + window) where candidate > (lastUsedStep ?? .min) {
            if KeyService.constantTimeEqual(Array(self.code(step: candidate).utf8), Array(code.utf8)), found == nil { found = candidate }
        }
        return found
    }

    /// The `otpauth://` URI an authenticator app scans (as a QR code) or takes pasted.
    public func provisioningURI(account: String, issuer: String = "SafeCity") -> String {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: ":/?#&="))
        let label = "\(issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer):\(account.addingPercentEncoding(withAllowedCharacters: allowed) ?? account)"
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuer)&algorithm=\(algorithm.rawValue)&digits=\(digits)&period=\(periodSeconds)"
    }
}

/// RFC 4648 base32 (upper case, no padding), the alphabet TOTP secrets are shown in.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base32, ignoring case, spaces and padding; nil for any other character.
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = 0, bits = 0
        for character in text.uppercased().utf8 where character != UInt8(ascii: "=") && character != UInt8(ascii: " ") {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return out
    }
}

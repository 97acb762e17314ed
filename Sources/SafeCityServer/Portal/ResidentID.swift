import Crypto
import Foundation
import Hummingbird

/// The anonymous resident behind a browser: a random 128-bit value kept in an HttpOnly cookie, so
/// that quiz progress can be saved without a name, an e-mail or an account.
///
/// - Note: Only ``hashed`` is ever stored or logged; the raw value stays in the resident's browser.
struct ResidentID: Hashable, Sendable {
    static let cookieName = "safecity_resident"
    /// A year: progress outlives a browser session but not forever.
    static let cookieMaxAgeSeconds = 365 * 24 * 3600

    /// 32 lowercase hexadecimal digits.
    let value: String

    /// A new id from 128 random bits.
    init(using generator: inout some RandomNumberGenerator) {
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        value = Self.hex(high) + Self.hex(low)
    }

    /// The id a cookie holds, nil when it is not 32 lowercase hex digits (then a new one is issued).
    init?(cookie text: String?) {
        guard let text, text.utf8.count == 32, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        value = text
    }

    /// The resident's id in the request's cookie, if it holds a valid one.
    init?(request: Request) {
        self.init(cookie: request.cookies[Self.cookieName]?.value)
    }

    /// The SHA-256 of the id in hex: what progress events carry instead of the id.
    var hashed: String {
        SHA256.hash(data: Array(value.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }

    /// The `Set-Cookie` for this id: HttpOnly, SameSite=Lax, scoped to the portal; Secure behind HTTPS.
    func cookie(secure: Bool) -> Cookie {
        Cookie(name: Self.cookieName, value: value, maxAge: Self.cookieMaxAgeSeconds, path: "/portal", secure: secure, httpOnly: true, sameSite: .lax)
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

/// Issues and checks the token every portal form carries, so another site cannot post on a resident's behalf (CSRF).
///
/// The token is an HMAC of the resident's cookie value under a key of this process: it needs no
/// storage, and a form from before a restart is refused with a page asking to reload.
struct PortalFormGuard: Sendable {
    static let fieldName = "csrf"
    private let key: SymmetricKey

    /// A guard with a fresh random 256-bit key.
    init() {
        key = SymmetricKey(size: .bits256)
    }

    /// The token for forms shown to `resident`.
    func token(for resident: ResidentID) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(("portal-form:" + resident.value).utf8), using: key)
        return Data(code).base64URLEncoded
    }

    /// Whether `token` is the one issued to `resident` (compared in constant time).
    func accepts(_ token: String?, for resident: ResidentID) -> Bool {
        guard let token, let bytes = Data(base64URLEncoded: token) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Array(("portal-form:" + resident.value).utf8), using: key)
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5).
    fileprivate var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    fileprivate init?(base64URLEncoded text: String) {
        guard text.count <= 64 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}

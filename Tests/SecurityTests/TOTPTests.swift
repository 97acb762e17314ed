import Foundation
import Security
import Testing

/// RFC 6238 Appendix B's test vectors (8 digits, three hash functions), RFC 4648's base32 vectors and
/// RFC 7914's scrypt vector.
@Suite struct TOTPTests {
    static let sha1 = Array("12345678901234567890".utf8)
    static let sha256 = Array("12345678901234567890123456789012".utf8)
    static let sha512 = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)

    @Test(arguments: [
        (Int64(59), "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ])
    func rfc6238Vectors(time: Int64, sha1: String, sha256: String, sha512: String) {
        #expect(TOTP(secret: Self.sha1, algorithm: .sha1, digits: 8).code(at: time) == sha1)
        #expect(TOTP(secret: Self.sha256, algorithm: .sha256, digits: 8).code(at: time) == sha256)
        #expect(TOTP(secret: Self.sha512, algorithm: .sha512, digits: 8).code(at: time) == sha512)
    }

    @Test func aCodeIsGoodWithinOneStepOfDriftAndOnlyOnce() {
        let totp = TOTP(secret: Self.sha1)
        let now: Int64 = 1_764_000_000
        let code = totp.code(at: now)
        #expect(code.count == 6)
        let step = totp.verify(code, at: now)
        #expect(step == totp.step(at: now))
        #expect(totp.verify(code, at: now + 30) == step, "one step late is still accepted")
        #expect(totp.verify(code, at: now + 90) == nil, "three steps late is not")
        #expect(totp.verify(code, at: now, lastUsedStep: step) == nil, "a code is good once")
        #expect(totp.verify("12345", at: now) == nil)
        #expect(totp.verify("abcdef", at: now) == nil)
    }

    @Test func base32RoundTripsAndMatchesRFC4648() {
        for (text, encoded) in [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")] {
            #expect(Base32.encode(Array(text.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Array(text.utf8))
        }
        #expect(Base32.decode("MZXW6YTBOI======") == Array("foobar".utf8))
        #expect(Base32.decode("MZ1W") == nil)
        let uri = TOTP(secret: Self.sha1).provisioningURI(account: "alice")
        #expect(uri == "otpauth://totp/SafeCity:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=SafeCity&algorithm=SHA1&digits=6&period=30")
    }

    @Test func scryptMatchesRFC7914AndPasswordsVerify() throws {
        let derived = try PasswordHash.derive("password", salt: Array("NaCl".utf8), logN: 10, r: 8, p: 16, length: 64)
        #expect(derived.map { String(format: "%02x", $0) }.joined()
            == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
        let hash = try PasswordHash.make("correct horse battery staple", logN: 12)
        #expect(hash.matches("correct horse battery staple"))
        #expect(!hash.matches("correct horse battery stapl"))
        let decoded = try #require(PasswordHash(encoded: hash.encoded))
        #expect(decoded == hash)
        #expect(PasswordHash(encoded: "scrypt$15$8$1$bad") == nil)
    }
}

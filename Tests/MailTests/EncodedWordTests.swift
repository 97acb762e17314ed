import Foundation
import Mail
import Testing

/// RFC 2047 encoded-words; base64 references from Python's `base64.b64encode`.
@Suite struct EncodedWordTests {
    @Test func plainASCIIStaysAsItIs() {
        #expect(EncodedWord.encode("Your report #000042 (Pothole): closed") == "Your report #000042 (Pothole): closed")
    }

    @Test func nonASCIIBecomesOneUTF8BWord() {
        // python3 -c "import base64; print(base64.b64encode('Señal de tráfico'.encode()).decode())"
        #expect(EncodedWord.encode("Señal de tráfico") == "=?UTF-8?B?U2XDsWFsIGRlIHRyw6FmaWNv?=")
    }

    @Test func textThatLooksLikeAnEncodedWordIsEncoded() {
        #expect(EncodedWord.encode("=?x?=").hasPrefix("=?UTF-8?B?"))
    }

    @Test func longTextIsSplitIntoWordsOfAtMost75BetweenCharacters() throws {
        let text = String(repeating: "ñandú ", count: 40)
        let folded = EncodedWord.encode(text)
        let words = folded.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var decoded = ""
        for word in words {
            #expect(word.count <= 75, "RFC 2047 §2: an encoded-word is at most 75 characters")
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = String(word.dropFirst(10).dropLast(2))
            let data = try #require(Data(base64Encoded: payload))
            decoded += try #require(String(data: data, encoding: .utf8), "each word holds whole UTF-8 characters (RFC 2047 §5)")
        }
        #expect(decoded == text)
    }

    @Test func lineBreaksCannotInjectHeaders() {
        #expect(!EncodedWord.encode("Hi\r\nBcc: x@y.z").contains("\r\n"))
    }
}

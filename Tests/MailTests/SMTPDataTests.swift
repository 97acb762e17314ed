import Mail
import Testing

/// RFC 5321 §4.5.2 transparency and §4.1.1.4 end of data.
@Suite struct SMTPDataTests {
    @Test func leadingDotsAreDoubledAndTheEndMarkerAdded() {
        let data = SMTPData.encode(Array("Hi\r\n.\r\n..two\r\nend.\r\n".utf8))
        #expect(String(decoding: data, as: UTF8.self) == "Hi\r\n..\r\n...two\r\nend.\r\n.\r\n")
    }

    @Test func bareLineFeedsAndCarriageReturnsBecomeCRLF() {
        let data = SMTPData.encode(Array("a\nb\rc".utf8))
        #expect(String(decoding: data, as: UTF8.self) == "a\r\nb\r\nc\r\n.\r\n")
    }

    @Test func aDotOnTheFirstLineIsDoubledToo() {
        #expect(String(decoding: SMTPData.encode(Array(".".utf8)), as: UTF8.self) == "..\r\n.\r\n")
    }
}

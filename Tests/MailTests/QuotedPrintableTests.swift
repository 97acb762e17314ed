import Mail
import Testing

/// RFC 2045 §6.7; references from Python's `quopri.encodestring` (with CRLF line ends, as mail needs).
@Suite struct QuotedPrintableTests {
    @Test func eightBitEqualsAndTrailingSpaceAreEncoded() {
        // quopri.encodestring('café = ok \nline2\t\n'.encode()) == b'caf=C3=A9 =3D ok=20\nline2=09\n'
        #expect(QuotedPrintable.encode("café = ok \nline2\t\n") == "caf=C3=A9 =3D ok=20\r\nline2=09\r\n")
    }

    @Test func longLinesGetSoftBreaksWithin76() {
        // quopri.encodestring(b'x'*100) == 75 x, '=', newline, 25 x
        let encoded = QuotedPrintable.encode(String(repeating: "x", count: 100))
        #expect(encoded == String(repeating: "x", count: 75) + "=\r\n" + String(repeating: "x", count: 25))
    }

    @Test func everyLineEndStyleBecomesCRLF() {
        #expect(QuotedPrintable.encode("a\r\nb\rc\nd") == "a\r\nb\r\nc\r\nd")
    }

    @Test func anEncodedOctetIsNeverSplitAcrossASoftBreak() {
        let encoded = QuotedPrintable.encode(String(repeating: "é", count: 40))
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
            let body = line.hasSuffix("=") ? String(line.dropLast()) : line
            #expect(body.count % 3 == 0, "whole =XX triplets on each line")
        }
    }
}

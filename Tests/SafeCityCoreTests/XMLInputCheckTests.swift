import SafeCityCore
import Testing

@Suite struct XMLInputCheckTests {
    @Test func acceptsUTF8WithOrWithoutByteOrderMarkAndProcessingInstructionsWithData() {
        #expect(XMLInputCheck.refusal(Array(#"<?xml version="1.0" encoding="UTF-8"?><a>café 水庫</a>"#.utf8)) == nil)
        #expect(XMLInputCheck.refusal([0xEF, 0xBB, 0xBF] + Array("<a/>".utf8)) == nil)
        #expect(XMLInputCheck.refusal(Array(#"<?xml-stylesheet href="a.xsl"?><a><?pi data?></a>"#.utf8)) == nil)
        #expect(XMLInputCheck.refusal(Array("<a>1 <? 2</a>".utf8)) == nil, "\"<? \" then white space is not an empty instruction")
        #expect(XMLInputCheck.refusal([UInt8]()) == nil)
    }

    @Test func namesTheFirstByteThatIsNotUTF8() {
        // The Unicode standard's examples of ill-formed sequences (chapter 3, D93b / table 3-8 cases).
        #expect(XMLInputCheck.refusal(Array("<a>".utf8) + [0xC0, 0xAF]) == "is not valid UTF-8 (byte 3); send XML in UTF-8", "overlong /")
        #expect(XMLInputCheck.refusal(Array("<é".utf8) + [0xED, 0xA0, 0x80]) == "is not valid UTF-8 (byte 3); send XML in UTF-8", "a surrogate")
        #expect(XMLInputCheck.refusal([0x3C, 0xCA, 0x3C]) == "is not valid UTF-8 (byte 1); send XML in UTF-8", "a truncated sequence")
        #expect(XMLInputCheck.refusal([0xFF, 0xFE, 0x3C, 0x00]) != nil, "UTF-16 is refused")
    }

    @Test func refusesDocumentTypesAndEmptyProcessingInstructions() {
        #expect(XMLInputCheck.refusal(Array("<!DOCTYPE a><a/>".utf8))?.contains("<!DOCTYPE at byte 0") == true)
        #expect(XMLInputCheck.refusal(Array("<a><?x?></a>".utf8))?.contains("at byte 3") == true)
        #expect(XMLInputCheck.refusal(Array("<?xml?><a/>".utf8)) != nil)
        #expect(XMLInputCheck.refusal(Array("<a/><??>".utf8)) != nil)
    }
}

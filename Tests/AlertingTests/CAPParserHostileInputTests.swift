import Foundation
import Testing
@testable import Alerting

/// Documents found by `scripts/fuzz` (FuzzCAPParser) that crashed the whole process inside Foundation's
/// XMLParser, or that it called well-formed; each must now be a plain ``CAPParseError``.
@Suite struct CAPParserHostileInputTests {
    static let head = #"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">"#

    /// A valid alert (the OASIS-conformant Mexico sample) with `tail` after its root element.
    static func validAlert(followedBy tail: String) throws -> Data {
        var data = try CAPFixtures.data("valid", "mexico.xml")
        data.append(Data(tail.utf8))
        return data
    }

    @Test(arguments: [
        // The fuzzer's first find: a broken UTF-8 sequence in a tag name traps in XMLParser.
        [0x3C, 0xCA, 0x3C, 0x67, 0x3C, 0x67, 0x7B, 0xCA],
        // The same behind a malformed declaration that names ISO-8859-1 (libxml2 then reads UTF-8 anyway).
        Array(#"<?xml v?rsion="1.0" encoding="ISO-8859-1"?><alert><ms"#.utf8) + [0xFF, 0xFF] + Array("z/></alert>".utf8),
        // Declared Latin-1 with Latin-1 bytes: refused too, as only UTF-8 is safe to hand over.
        Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><alert>caf"#.utf8) + [0xE9] + Array("</alert>".utf8),
    ] as [[UInt8]])
    func refusesBytesThatAreNotUTF8(_ bytes: [UInt8]) {
        #expect {
            try CAPParser.parse(Data(bytes))
        } throws: { error in
            let error = error as? CAPParseError
            return error?.field == "document" && error?.reason.contains("not valid UTF-8") == true
        }
    }

    @Test(arguments: [
        // A processing instruction without data is a null pointer dereference in XMLParser.
        head + "<?x?></alert>",
        "<?xml?>" + head + "</alert>",
        // So are a NOTATION and an ATTLIST with an #IMPLIED default in a DTD.
        #"<!DOCTYPE alert [<!NOTATION n SYSTEM "x">]>"# + head + "</alert>",
        #"<!DOCTYPE alert [<!ATTLIST alert b CDATA #IMPLIED>]>"# + head + "</alert>",
        // An entity expansion bomb never gets as far as the parser either.
        #"<!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>"# + head + "&b;</alert>",
    ])
    func refusesWhatCrashesXMLParser(_ text: String) {
        #expect {
            try CAPParser.parse(text)
        } throws: { error in
            (error as? CAPParseError)?.field == "document"
        }
    }

    @Test func stillReadsAProcessingInstructionWithData() throws {
        let data = try CAPFixtures.data("valid", "mexico.xml")
        var text = String(decoding: data, as: UTF8.self)
        text = text.replacingOccurrences(of: "<alert ", with: #"<?xml-stylesheet type="text/xsl" href="cap.xsl"?><alert "#)
        #expect(try CAPParser.parse(text) == CAPParser.parse(data))
    }

    @Test(arguments: ["<junk/>", "x", "<"])
    func refusesContentAfterTheRootElement(_ tail: String) throws {
        // XMLParser.parse() returns true for these; the document is not well-formed XML all the same.
        let document = try Self.validAlert(followedBy: tail)
        #expect {
            try CAPParser.parse(document)
        } throws: { error in
            (error as? CAPParseError)?.reason.contains("is not well-formed XML") == true
        }
        #expect(throws: Never.self, "comments and white space may follow the root") {
            try CAPParser.parse(try Self.validAlert(followedBy: "\n<!-- end -->\n"))
        }
    }
}

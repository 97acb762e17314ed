import Alerting
import Foundation
import Testing

@Suite struct CAPParserTests {
    @Test(arguments: CAPFixtures.files("valid").map(\.lastPathComponent))
    func readsEveryRealAlert(_ name: String) throws {
        let alert = try CAPParser.parse(try CAPFixtures.data("valid", name))
        #expect(!alert.identifier.isEmpty)
        #expect(!alert.infos.isEmpty)
        try CAPContentRules.check(alert)
    }

    @Test func readsTheFieldsOfAKnownAlert() throws {
        let alert = try CAPParser.parse(try CAPFixtures.data("valid", "mexico.xml"))
        #expect(alert.sender == "smn.cna.gob.mx")
        #expect(alert.msgType == .update)
        #expect(alert.sent.description == "2018-10-20T07:15:00-05:00")
        #expect(alert.references == "smn.cna.gob.mx,avisossmn-ciclontropical-4061,2018-10-20T04:15:00-05:00")
        #expect(alert.infos.first?.language == "es-419")
    }

    @Test(arguments: [
        ("invalid.cap", "alert.scope", "found <info>"),
        ("invalid_xmlns.cap", "alert", "namespace"),
        ("sweden.cap", "alert.info[0].senderName", "not expected"),
    ])
    func rejectsEachInvalidSampleWithTheReason(_ name: String, _ field: String, _ reason: String) throws {
        #expect {
            try CAPParser.parse(try CAPFixtures.data("invalid", name))
        } throws: { error in
            guard let error = error as? CAPParseError else { return false }
            return error.field == field && error.reason.contains(reason)
        }
    }

    @Test(arguments: ["2026-11-25T10:00:00Z", "2026-11-25T10:00:00.5+00:00", "2026-11-25 10:00:00+00:00", "2026-13-25T10:00:00+00:00"])
    func rejectsTimesCAPForbids(_ text: String) {
        #expect(CAPTime(text) == nil)
    }

    @Test func keepsTheOffsetOfATime() throws {
        let time = try #require(CAPTime("2018-10-20T07:15:00-05:00"))
        #expect(time.offsetMinutes == -300)
        #expect(time.timestamp.description == "2018-10-20T12:15:00.000Z")
        #expect(time.description == "2018-10-20T07:15:00-05:00")
    }

    @Test(arguments: ["", "<alert", "not xml at all", "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier></alert>"])
    func rejectsMalformedAndTruncatedDocuments(_ text: String) {
        #expect(throws: CAPParseError.self) { try CAPParser.parse(text) }
    }

    @Test func rejectsAnUpdateWithoutReferences() throws {
        var alert = try CAPParser.parse(try CAPFixtures.data("valid", "mexico.xml"))
        alert.references = nil
        #expect(throws: CAPParseError(field: "alert.references", reason: "is required when msgType is Update")) {
            try CAPContentRules.check(alert)
        }
    }
}

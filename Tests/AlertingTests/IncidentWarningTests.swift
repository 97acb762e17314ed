import Alerting
import Foundation
import Geo
import SafeCityCore
import Testing

@Suite struct IncidentWarningTests {
    @Test func everyIncidentWarningIsAValidIPAWSAlertInEnglishAndSpanish() async throws {
        let now = Timestamp(millisecondsSince1970: 1_796_000_000_000)
        for hazard in AlertDraft.IncidentHazard.allCases {
            let draft = AlertDraft.incidentWarning(hazard, incidentID: "inc-7", at: GeoPoint(latitude: 43.7384, longitude: 7.4246),
                                                   radiusMetres: 400, now: now)
            try draft.validate(now: now)
            #expect(draft.incidentID == "inc-7")
            #expect(draft.texts.map(\.language) == ["en-US", "es-US"])
            let cap = draft.compose(identifier: "safecity-test-\(hazard.rawValue)", sender: "alerts@safecity.example", sent: now,
                                    msgType: .alert, references: nil)
            try CAPContentRules.check(cap)
            try IPAWSProfile.check(cap)
            let xml = CAPWriter.write(cap)
            #expect(try CAPParser.parse(Data(xml.utf8)) == cap)
            if CAPFixtures.xmllint != nil { #expect(try await CAPFixtures.validate(xml).valid, "\(hazard) is not XSD-valid") }
        }
    }
}

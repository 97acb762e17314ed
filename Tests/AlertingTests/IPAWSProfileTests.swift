import Alerting
import Foundation
import Geo
import SafeCityCore
import Testing

@Suite struct IPAWSProfileTests {
    static let now = Timestamp(millisecondsSince1970: 1_795_000_000_000)
    static var draft: AlertDraft { .airQualityAdvisory(center: GeoPoint(latitude: 43.735, longitude: 7.421), radiusMetres: 1500, now: now) }

    static func expectInvalid(_ draft: AlertDraft, field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) { try draft.validate(now: now) } throws: { error in
            (error as? ValidationError)?.field == field
        }
    }

    @Test func theSampleDraftIsValid() throws {
        try Self.draft.validate(now: Self.now)
    }

    @Test func wirelessTextIsAtMost90Characters() throws {
        var draft = Self.draft
        draft.texts[1].wirelessText = String(repeating: "x", count: 90)
        try draft.validate(now: Self.now)
        draft.texts[1].wirelessText += "x"
        Self.expectInvalid(draft, field: "texts[1].wirelessText")
    }

    @Test func longWirelessTextIsAtMost360Characters() throws {
        var draft = Self.draft
        draft.texts[0].wirelessLongText = String(repeating: "é", count: 360)
        try draft.validate(now: Self.now)
        draft.texts[0].wirelessLongText! += "é"
        Self.expectInvalid(draft, field: "texts[0].wirelessLongText")
    }

    @Test func englishAndSpanishAreRequired() {
        var draft = Self.draft
        draft.texts.removeLast()
        Self.expectInvalid(draft, field: "texts")
    }

    @Test func expiredDraftsAreRefused() {
        var draft = Self.draft
        draft.expires = Self.now.adding(milliseconds: -1)
        Self.expectInvalid(draft, field: "expires")
    }

    @Test func areasMustBeOneWellFormedShape() {
        var draft = Self.draft
        draft.area.circle?.radiusMetres = -5
        Self.expectInvalid(draft, field: "area.circle.radiusMetres")
        let a = GeoPoint(latitude: 43.73, longitude: 7.41), b = GeoPoint(latitude: 43.74, longitude: 7.42)
        let c = GeoPoint(latitude: 43.73, longitude: 7.42), d = GeoPoint(latitude: 43.74, longitude: 7.41)
        draft.area = AlertArea(description: "bow tie", polygon: [a, b, c, d, a])
        Self.expectInvalid(draft, field: "area.polygon")
        draft.area = AlertArea(description: "unclosed", polygon: [a, c, b, d])
        Self.expectInvalid(draft, field: "area.polygon")
        draft.area = AlertArea(description: "square", polygon: [a, c, b, d, a])
        #expect(throws: Never.self) { try draft.validate(now: Self.now) }
        draft.area.circle = .init(center: a, radiusMetres: 100)
        Self.expectInvalid(draft, field: "area")
    }

    @Test func profileNamesTheMissingParameter() throws {
        var alert = Self.draft.compose(identifier: "x", sender: "s", sent: Self.now, msgType: .alert, references: nil)
        try IPAWSProfile.check(alert)
        alert.infos[1].parameters = []
        #expect(throws: CAPParseError(field: "alert.info[1].parameter.CMAMtext", reason: "is required by the IPAWS profile (wireless text)")) {
            try IPAWSProfile.check(alert)
        }
        alert.infos[1].parameters = [CAPValuePair("CMAMtext", String(repeating: "y", count: 91))]
        #expect(throws: CAPParseError.self) { try IPAWSProfile.check(alert) }
        alert.infos[1].parameters = [CAPValuePair("CMAMtext", "ok")]
        alert.infos[0].expires = nil
        #expect(throws: CAPParseError(field: "alert.info[0].expires", reason: "is required by the IPAWS profile")) {
            try IPAWSProfile.check(alert)
        }
    }

    @Test func realAlertsWithoutWirelessTextFailTheProfileByName() throws {
        let alert = try CAPParser.parse(try CAPFixtures.data("valid", "taiwan.cap"))
        #expect { try IPAWSProfile.check(alert) } throws: { error in
            (error as? CAPParseError)?.field.hasPrefix("alert.info") == true
        }
    }
}

import Alerting
import Foundation
import Geo
import SafeCityCore
import Testing

@Suite struct CAPWriterTests {
    static let now = Timestamp(millisecondsSince1970: 1_795_000_000_000)

    static var composed: CAPAlert {
        AlertDraft.airQualityAdvisory(center: GeoPoint(latitude: 43.735, longitude: 7.421), radiusMetres: 1500, now: now)
            .compose(identifier: "safecity-test-1", sender: "alerts@safecity.example", sent: now, msgType: .alert, references: nil)
    }

    @Test(arguments: CAPFixtures.files("valid").map(\.lastPathComponent))
    func roundTripIsStable(_ name: String) throws {
        let parsed = try CAPParser.parse(try CAPFixtures.data("valid", name))
        let written = CAPWriter.write(parsed)
        let reparsed = try CAPParser.parse(written)
        #expect(reparsed == parsed)
        #expect(CAPWriter.write(reparsed) == written)
    }

    @Test(.enabled(if: CAPFixtures.xmllint != nil, "xmllint is not installed (apt-get install libxml2-utils); schema checks skipped"),
          arguments: CAPFixtures.files("valid").map(\.lastPathComponent))
    func rewrittenRealAlertsValidate(_ name: String) async throws {
        let written = CAPWriter.write(try CAPParser.parse(try CAPFixtures.data("valid", name)))
        let verdict = try await CAPFixtures.validate(written)
        #expect(verdict.valid, "\(verdict.output)")
    }

    @Test(.enabled(if: CAPFixtures.xmllint != nil, "xmllint is not installed (apt-get install libxml2-utils); schema checks skipped"))
    func composedAlertsValidateAgainstTheSchema() async throws {
        var alert = Self.composed
        #expect(try await CAPFixtures.validate(CAPWriter.write(alert)).valid)
        alert.msgType = .update
        alert.references = "alerts@safecity.example,safecity-test-0,2026-11-19T10:00:00+00:00"
        alert.infos[0].headline = "Tom & Jerry's <\"quoted\"> update"
        let verdict = try await CAPFixtures.validate(CAPWriter.write(alert))
        #expect(verdict.valid, "\(verdict.output)")
    }

    @Test func composedAlertRoundTripsAndPassesTheProfile() throws {
        let alert = Self.composed
        let parsed = try CAPParser.parse(CAPWriter.write(alert))
        #expect(parsed == alert)
        try CAPContentRules.check(parsed)
        try IPAWSProfile.check(parsed)
        #expect(parsed.infos.map(\.language) == ["en-US", "es-US"])
        #expect(parsed.infos[0].areas[0].circles == ["43.735,7.421 1.5"])
        #expect(parsed.sent.description == "2026-11-18T11:06:40+00:00")
    }

    @Test func escapesMarkupInText() throws {
        var alert = Self.composed
        alert.infos[0].description = "a < b && c > \"d\" 'e'"
        let xml = CAPWriter.write(alert)
        #expect(xml.contains("a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos;"))
        #expect(try CAPParser.parse(xml).infos[0].description == "a < b && c > \"d\" 'e'")
    }
}

import Alerting
import Geo
import SafeCityCore
import Testing

@Suite struct SubscriptionRequestTests {
    static let home = GeoPoint(latitude: 43.73, longitude: 7.42)

    static func request(_ area: SubscriptionArea, url: String = "https://example.org/hook", languages: [String]? = nil) -> SubscriptionRequest {
        SubscriptionRequest(area: area, languages: languages, webhookURL: url)
    }

    static func failure(_ request: SubscriptionRequest) -> ValidationError? {
        do { try request.validate() } catch { return error }
        return nil
    }

    @Test func aPointWithARadiusOrAPolygonIsAccepted() {
        #expect(Self.failure(Self.request(SubscriptionArea(point: Self.home, radiusMetres: 300), languages: ["es-US"])) == nil)
        let ring = [Self.home, GeoPoint(latitude: 43.74, longitude: 7.42), GeoPoint(latitude: 43.74, longitude: 7.43), Self.home]
        #expect(Self.failure(Self.request(SubscriptionArea(polygon: ring))) == nil)
    }

    @Test func invalidPolygonsGetClearErrors() {
        let a = GeoPoint(latitude: 43.70, longitude: 7.40), b = GeoPoint(latitude: 43.70, longitude: 7.45)
        let c = GeoPoint(latitude: 43.75, longitude: 7.45), d = GeoPoint(latitude: 43.75, longitude: 7.40)
        let bowTie = Self.failure(Self.request(SubscriptionArea(polygon: [a, c, b, d, a])))
        #expect(bowTie?.field == "area.polygon")
        #expect(bowTie?.reason.contains("crosses itself") == true)
        let unclosed = Self.failure(Self.request(SubscriptionArea(polygon: [a, b, c, d])))
        #expect(unclosed?.reason.contains("is not closed") == true)
        let short = Self.failure(Self.request(SubscriptionArea(polygon: [a, b, a])))
        #expect(short?.reason.contains("at least 4 points") == true)
    }

    @Test func otherBadInputNamesTheField() {
        #expect(Self.failure(Self.request(SubscriptionArea()))?.field == "area")
        #expect(Self.failure(Self.request(SubscriptionArea(point: Self.home)))?.field == "area.radiusMetres")
        #expect(Self.failure(Self.request(SubscriptionArea(point: Self.home, radiusMetres: -5)))?.field == "area.radiusMetres")
        #expect(Self.failure(Self.request(SubscriptionArea(point: GeoPoint(latitude: 91, longitude: 0), radiusMetres: 5)))?.field == "area.center")
        #expect(Self.failure(Self.request(SubscriptionArea(point: Self.home, radiusMetres: 5), url: "ftp://x/y"))?.field == "webhookURL")
        #expect(Self.failure(Self.request(SubscriptionArea(point: Self.home, radiusMetres: 5), languages: ["en US"]))?.field == "languages[0]")
    }

    @Test func webhooksOnLoopbackOrPrivateAddressesAreRefusedUnlessAllowed() throws {
        let area = SubscriptionArea(point: Self.home, radiusMetres: 5)
        for url in ["http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x", "http://192.168.0.9/x", "http://172.20.0.1/x",
                    "http://169.254.169.254/latest", "http://[::1]:80/x", "http://0.0.0.0/x"] {
            #expect(Self.failure(Self.request(area, url: url))?.reason.contains("must not point at") == true, "\(url)")
            try Self.request(area, url: url).validate(allowPrivateHosts: true)
        }
        #expect(Self.failure(Self.request(area, url: "https://172.32.0.1/x")) == nil)
        #expect(Self.failure(Self.request(area, url: "https://alerts.example.org/x")) == nil)
    }
}

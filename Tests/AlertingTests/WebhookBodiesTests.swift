import Alerting
import Foundation
import Geo
import SafeCityCore
import Testing

@Suite struct WebhookBodiesTests {
    static let now = Timestamp(millisecondsSince1970: 1_795_000_000_000)
    static let alert = AlertDraft.airQualityAdvisory(center: GeoPoint(latitude: 43.735, longitude: 7.421), radiusMetres: 800, now: now)
        .compose(identifier: "aq-1", sender: "alerts@safecity.example", sent: now, msgType: .alert, references: nil)

    static func subscription(_ id: String, languages: [String]) -> Subscription {
        Subscription(id: id, area: SubscriptionArea(point: GeoPoint(latitude: 43.735, longitude: 7.421), radiusMetres: 100),
                     languages: languages, channels: [.webhook], owner: "key:resident", createdAt: now)
    }

    @Test func splicedBodiesAreTheEncodersBytesForEveryLanguageAndId() throws {
        #expect(Self.alert.infos.count >= 2, "the advisory has English and Spanish blocks")
        var bodies = WebhookBodies(alert: Self.alert, capURL: "https://city.example/alerts/aq-1.xml")
        let subscriptions = [
            Self.subscription("sub-1", languages: []), Self.subscription("sub-2", languages: ["es-US"]),
            Self.subscription("sub-3", languages: ["es"]), Self.subscription("sub-4", languages: ["fr-FR", "en-US"]),
            Self.subscription("sub-\"quoted\\", languages: ["es-US"]),
        ]
        for subscription in subscriptions {
            let expected = WebhookPayload(alert: Self.alert, subscription: subscription, capURL: "https://city.example/alerts/aq-1.xml")
            let spliced = bodies.body(for: subscription)
            #expect(spliced == expected.bytes, "body for \(subscription.id)")
            #expect(try JSONDecoder().decode(WebhookPayload.self, from: Data(spliced)) == expected)
        }
        let spanish = try JSONDecoder().decode(WebhookPayload.self, from: Data(bodies.body(for: subscriptions[1])))
        #expect(spanish.language == "es-US")
        #expect(spanish.idempotencyKey == "aq-1:sub-2")
    }

    @Test func anAlertWhoseTextHoldsTheMarkerIsEncodedWhole() throws {
        var alert = Self.alert
        alert.infos[0].description = "copied text \u{E000}safecity-subscription\u{E000} from somewhere"
        var bodies = WebhookBodies(alert: alert, capURL: "u")
        let subscription = Self.subscription("sub-9", languages: [])
        let decoded = try JSONDecoder().decode(WebhookPayload.self, from: Data(bodies.body(for: subscription)))
        #expect(decoded == WebhookPayload(alert: alert, subscription: subscription, capURL: "u"))
        #expect(decoded.subscriptionID == "sub-9")
    }
}

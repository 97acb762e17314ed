import Alerting
import Hummingbird
import SafeCityCore
import Security

/// `/v1/alerts/subscriptions`: residents (public-role keys) and organisations subscribe to alerts for an
/// area; residents see and remove only their own, admins and public-information officers everyone's.
/// Only those staff may register webhooks on loopback or private addresses (internal systems).
enum AlertSubscriptionRoutes {
    /// A new subscription, with the webhook signing secret shown this once.
    struct Created: Encodable {
        var subscription: Subscription
        var secret: String
        var signature: String
    }

    static func register(in catalog: RouteCatalog, platform: Platform) {
        let service = platform.subscriptions

        catalog.secured(.post, "/v1/alerts/subscriptions", action: .alertsSubscribe) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let body = try await request.decodeJSON(SubscriptionRequest.self, context: context)
            let (subscription, secret) = try await AlertRoutes.mapped { try await service.subscribe(body, by: identity.actorName, allowPrivateHosts: managesAll(identity)) }
            let signature = "\(WebhookSignature.headerName): t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.\" + body with the secret>; "
                + "\(WebhookSignature.idempotencyHeaderName): <alert id>:<subscription id>"
            return try .json(encoding: Created(subscription: subscription, secret: secret, signature: signature), status: .created)
        }

        catalog.secured(.get, "/v1/alerts/subscriptions", action: .alertsSubscribe) { _, context in
            let identity = try context.requireIdentity()
            return try .json(encoding: ["subscriptions": await service.list(ownedBy: managesAll(identity) ? nil : identity.actorName)])
        }

        catalog.secured(.delete, "/v1/alerts/subscriptions/{id}", action: .alertsSubscribe) { _, context in
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            try await AlertRoutes.mapped { try await service.unsubscribe(id, by: identity.actorName, anyOwner: managesAll(identity)) }
            return Response(status: .noContent)
        }
    }

    /// Whether the caller manages every subscription rather than only their own.
    static func managesAll(_ identity: Identity) -> Bool {
        identity.role == .admin || identity.role == .publicInformationOfficer
    }
}

import Alerting
import Geo
import SafeCityServer
import Security

/// The demo's sample public alert, so that the public feed is never empty.
enum DemoAlert {
    /// Monaco's harbour, where the demo's air sensor sits.
    static let harbour = GeoPoint(latitude: 43.7347, longitude: 7.4206)

    /// Drafts an air-quality advisory as one demo identity and approves it as another; returns its CAP URL path.
    static func issue(platform: Platform, draftedBy officer: KeyService.CreatedKey, approvedBy supervisor: KeyService.CreatedKey) async throws -> String {
        let draft = AlertDraft.airQualityAdvisory(center: harbour, radiusMetres: 1_200, now: platform.clock.now())
        let drafted = try await platform.alerts.draft(draft, by: actor(officer))
        let issued = try await platform.alerts.approve(drafted.id, by: actor(supervisor))
        return "/alerts/\(issued.id).xml"
    }

    /// The actor name events record for a demo key.
    static func actor(_ key: KeyService.CreatedKey) -> String {
        Identity(keyID: key.record.id, name: key.record.name, role: key.record.role).actorName
    }
}

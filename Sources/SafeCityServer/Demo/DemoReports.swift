import Community
import Geo
import SafeCityCore

/// Two residents report the same broken street light by the Casino; the second report is merged into the first and
/// the desk assigns a crew, so both residents are sent notices (the demo writes them as `.eml` files).
public enum DemoReports {
    /// Files the reports and the step; returns the primary request's id.
    public static func file(into reports: ReportService, actor: String) async throws -> String {
        let light = GeoPoint(latitude: 43.73905, longitude: 7.42756)
        let first = try await reports.submit(ServiceRequestSubmission(
            serviceCode: "street-light", location: SubmissionLocation(point: light, addressString: "Place du Casino"),
            description: "The street light in front of the Casino is out.",
            contact: ReporterContact(email: "amelie.resident@example.org", firstName: "Amélie")), actor: "open311")
        _ = try await reports.submit(ServiceRequestSubmission(
            serviceCode: "street-light", location: SubmissionLocation(point: GeoPoint(latitude: 43.73907, longitude: 7.42759)),
            description: "Dark street light at the Casino square.",
            contact: ReporterContact(email: "jorge.vecino@example.org", firstName: "Jorge")), actor: "open311")
        _ = try await reports.move(first.id, to: .assigned, publicNote: "A crew will replace the lamp tonight.", agencyID: nil, actor: actor)
        return first.id
    }
}

import Foundation
import Geo
import SafeCityCore

/// Finds the open request that a new report duplicates: same service, within a radius and a time window.
///
/// Open requests sit in grid cells one radius high, per service, so a lookup reads a handful
/// of cells near the point instead of every open request.
/// - Note: Only requests with `lat`/`long` take part; address-only requests are never matched.
///   The time window runs from the candidate's latest report (original or merged), so a problem
///   that keeps being reported keeps collecting its duplicates. Cells do not wrap at ±180°.
public struct DuplicateFinder: Sendable {
    /// Farthest a duplicate may be from the open request (default 50 m).
    public let radiusMetres: Double
    /// Longest time between the open request's latest report and the new one (default 48 h).
    public let windowSeconds: Int64

    private struct CellKey: Hashable, Sendable {
        var serviceCode: String
        var row: Int
        var column: Int
    }

    private struct Entry: Sendable {
        var serviceCode: String
        var location: GeoPoint
        var lastReportedAt: Timestamp
        var cell: CellKey
    }

    /// Metres per degree of latitude on the mean sphere (GreatCircle's radius).
    private static let metresPerDegree = GreatCircle.earthRadiusMetres * .pi / 180
    private let cellDegrees: Double
    private var entries: [String: Entry] = [:]
    private var cells: [CellKey: [String]] = [:]

    /// An empty finder.
    public init(radiusMetres: Double = 50, windowSeconds: Int64 = 48 * 3600) {
        precondition(radiusMetres > 0 && radiusMetres.isFinite, "radiusMetres must be positive")
        precondition(windowSeconds >= 0, "windowSeconds must not be negative")
        self.radiusMetres = radiusMetres
        self.windowSeconds = windowSeconds
        self.cellDegrees = radiusMetres / Self.metresPerDegree
    }

    /// A finder holding the open, located requests among `requests` (e.g. after replaying the log).
    public init(radiusMetres: Double = 50, windowSeconds: Int64 = 48 * 3600, requests: some Sequence<ServiceRequest>) {
        self.init(radiusMetres: radiusMetres, windowSeconds: windowSeconds)
        for request in requests { update(with: request) }
    }

    /// How many requests are candidates.
    public var count: Int { entries.count }

    /// Adds, refreshes or removes a request after any change: it is a candidate while open, located and not itself a duplicate.
    public mutating func update(with request: ServiceRequest) {
        remove(requestID: request.id)
        guard request.status == .open, request.duplicateOf == nil, let location = request.location else { return }
        let cell = CellKey(serviceCode: request.serviceCode, row: row(location.latitude), column: column(location.longitude))
        entries[request.id] = Entry(serviceCode: request.serviceCode, location: location, lastReportedAt: request.lastReportedAt, cell: cell)
        cells[cell, default: []].append(request.id)
    }

    /// Forgets a request (closed, or removed by the caller).
    public mutating func remove(requestID: String) {
        guard let entry = entries.removeValue(forKey: requestID) else { return }
        cells[entry.cell]?.removeAll { $0 == requestID }
        if cells[entry.cell]?.isEmpty == true { cells[entry.cell] = nil }
    }

    /// Forgets candidates whose latest report is more than the window before `now`; they can no longer match.
    public mutating func prune(now: Timestamp) {
        let stale = entries.filter { now.millisecondsSince1970 - $0.value.lastReportedAt.millisecondsSince1970 > windowSeconds * 1000 }
        for id in stale.keys { remove(requestID: id) }
    }

    /// The open request a new report of this service, here and now, duplicates: the nearest within the radius
    /// and window (ties to the smallest id), or nil.
    public func duplicate(serviceCode: String, location: GeoPoint, reportedAt: Timestamp) -> String? {
        guard location.isValid else { return nil }
        // Latitude moves at most radius/metresPerDegree degrees over the radius; longitude by that over cos(latitude).
        let latitudeSpan = cellDegrees * 1.01
        let highestLatitude = min(abs(location.latitude) + latitudeSpan, 89.999)
        let longitudeSpan = min(latitudeSpan / cos(highestLatitude * .pi / 180), 180)
        let rows = row(location.latitude - latitudeSpan)...row(location.latitude + latitudeSpan)
        let columns = column(location.longitude - longitudeSpan)...column(location.longitude + longitudeSpan)

        var best: (id: String, distance: Double)?
        func consider(_ id: String, _ entry: Entry) {
            guard entry.serviceCode == serviceCode,
                  abs(reportedAt.millisecondsSince1970 - entry.lastReportedAt.millisecondsSince1970) <= windowSeconds * 1000
            else { return }
            let distance = GreatCircle.distanceMetres(location, entry.location)
            guard distance <= radiusMetres else { return }
            if let current = best, current.distance < distance || (current.distance == distance && current.id < id) { return }
            best = (id, distance)
        }
        if rows.count * columns.count > entries.count {
            // Near the poles the cell window is wider than the whole set: read it all.
            for (id, entry) in entries { consider(id, entry) }
        } else {
            for row in rows {
                for column in columns {
                    for id in cells[CellKey(serviceCode: serviceCode, row: row, column: column)] ?? [] {
                        consider(id, entries[id]!)
                    }
                }
            }
        }
        return best?.id
    }

    /// The open request a checked submission duplicates, or nil (always nil without `lat`/`long`).
    public func duplicate(of submission: ServiceRequestSubmission, reportedAt: Timestamp) -> String? {
        guard let point = submission.location.point else { return nil }
        return duplicate(serviceCode: submission.serviceCode, location: point, reportedAt: reportedAt)
    }

    private func row(_ latitude: Double) -> Int { Int((latitude / cellDegrees).rounded(.down)) }
    private func column(_ longitude: Double) -> Int { Int((longitude / cellDegrees).rounded(.down)) }
}

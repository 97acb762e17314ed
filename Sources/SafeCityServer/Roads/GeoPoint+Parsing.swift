import Foundation
import Geo
import SafeCityCore

extension GeoPoint {
    /// Parses `lat,lon` in decimal degrees, naming `field` when the text is malformed or out of range.
    public init(parsing text: String, field: String) throws(ValidationError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let latitude = Double(parts[0]), let longitude = Double(parts[1]) else {
            throw ValidationError(field: field, reason: "expected \"lat,lon\" in decimal degrees, got \"\(text)\"")
        }
        try self.init(checkingLatitude: latitude, longitude: longitude, field: field)
    }

    /// A point whose coordinates are finite and in range, naming `field` otherwise.
    public init(checkingLatitude latitude: Double, longitude: Double, field: String) throws(ValidationError) {
        guard latitude.isFinite, (-90...90).contains(latitude) else {
            throw ValidationError(field: field, reason: "latitude must be within -90…90, got \(latitude)")
        }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw ValidationError(field: field, reason: "longitude must be within -180…180, got \(longitude)")
        }
        self.init(latitude: latitude, longitude: longitude)
    }
}

import Foundation
import Geo
import SafeCityCore

/// What a call-taker enters to open an incident.
public struct CallForm: Codable, Sendable, Equatable {
    /// A code from ``IncidentType/all``.
    public var typeCode: String
    /// 1 (most urgent) to 5.
    public var priority: Int
    public var latitude: Double?
    public var longitude: Double?
    /// Address-like text: a street name on the map (house numbers are ignored) or `lat,lon`; used when no coordinates are given.
    public var address: String?
    public var summary: String?
    public var callID: String?
    /// Caller details, encrypted before they are stored.
    public var callerName: String?
    public var callerPhone: String?

    public init(typeCode: String, priority: Int, latitude: Double? = nil, longitude: Double? = nil, address: String? = nil,
                summary: String? = nil, callID: String? = nil, callerName: String? = nil, callerPhone: String? = nil) {
        self.typeCode = typeCode
        self.priority = priority
        self.latitude = latitude
        self.longitude = longitude
        self.address = address
        self.summary = summary
        self.callID = callID
        self.callerName = callerName
        self.callerPhone = callerPhone
    }

    /// The incident type, or the rule the code breaks.
    public func incidentType() throws(ValidationError) -> IncidentType {
        guard let type = IncidentType.named(typeCode) else {
            throw ValidationError(field: "typeCode", reason: "must be a code from GET /v1/dispatch/incident-types, got \"\(typeCode)\"")
        }
        return type
    }

    /// Checks every field except the location; returns the reported location and the field it came from.
    ///
    /// - Parameter resolve: finds a street named in `address` (nil: only `lat,lon` addresses are understood).
    public func validated(resolve: ((String) -> GeoPoint?)? = nil) throws(ValidationError) -> (point: GeoPoint, field: String) {
        _ = try incidentType()
        guard (1...5).contains(priority) else { throw ValidationError(field: "priority", reason: "must be within 1…5, got \(priority)") }
        for (name, value, limit) in [("summary", summary, 2000), ("address", address, 300), ("callID", callID, 64),
                                     ("callerName", callerName, 200), ("callerPhone", callerPhone, 64)] {
            if let value, value.count > limit { throw ValidationError(field: name, reason: "is longer than \(limit) characters") }
        }
        if let latitude, let longitude {
            return (try Self.point(latitude, longitude, field: "latitude"), "latitude")
        }
        if latitude != nil || longitude != nil {
            throw ValidationError(field: latitude == nil ? "latitude" : "longitude", reason: "give both latitude and longitude")
        }
        guard let address else { throw ValidationError(field: "latitude", reason: "give latitude and longitude, or an address") }
        let parts = address.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 2, let latitude = parts[0], let longitude = parts[1] {
            return (try Self.point(latitude, longitude, field: "address"), "address")
        }
        if let point = resolve?(address) { return (point, "address") }
        throw ValidationError(field: "address", reason: "could not be matched to a road: give a street name on the map, \"lat,lon\", or latitude and longitude")
    }

    private static func point(_ latitude: Double, _ longitude: Double, field: String) throws(ValidationError) -> GeoPoint {
        guard latitude.isFinite, (-90...90).contains(latitude), longitude.isFinite, (-180...180).contains(longitude) else {
            throw ValidationError(field: field, reason: "coordinates out of range: \(latitude),\(longitude)")
        }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }

    /// The caller details as one text to seal, or nil when there are none.
    var callerText: String? {
        guard callerName != nil || callerPhone != nil else { return nil }
        return "name=\(callerName ?? "")\nphone=\(callerPhone ?? "")"
    }
}

import Geo

/// How to read an incident CSV: which columns hold time, place and type, and how dates are written.
public struct IncidentCSVFormat: Sendable {
    /// Where the coordinates are.
    public enum Coordinates: Sendable, Equatable {
        /// WGS 84 latitude and longitude columns in decimal degrees.
        case latitudeLongitude(latitude: String, longitude: String)
        /// Easting/northing columns in metres in a local equirectangular frame about `origin`
        /// (x east, y north); for data already projected to a city-local metric frame.
        case metres(x: String, y: String, origin: GeoPoint)
    }

    /// How the time column is written.
    public enum DateStyle: Sendable, Equatable {
        /// ISO 8601 with `Z` or an offset; a value without a zone is read in ``IncidentCSVFormat/timeZoneIdentifier``.
        case iso8601
        /// A Unicode date pattern, e.g. `MM/dd/yyyy hh:mm:ss a`, read in ``IncidentCSVFormat/timeZoneIdentifier``.
        case pattern(String)
    }

    /// Header name of the time column (matched case-insensitively, surrounding spaces ignored).
    public var timeColumn: String
    /// Where the coordinates are.
    public var coordinates: Coordinates
    /// Header name of the type column, or nil when the file has none.
    public var typeColumn: String?
    /// Types to keep (compared upper-cased); nil keeps every row. Rows of other types are counted
    /// in ``IncidentImport/filteredCount``, not rejected.
    public var typeFilter: Set<String>?
    /// How the time column is written.
    public var dateStyle: DateStyle
    /// IANA time zone of local times in the file, e.g. `America/Chicago`.
    public var timeZoneIdentifier: String
    /// Field separator.
    public var delimiter: Character

    /// Creates a format; by default only ``IncidentTypes/victimReported`` types are kept when a type column is named.
    public init(
        timeColumn: String,
        coordinates: Coordinates,
        typeColumn: String? = nil,
        typeFilter: Set<String>? = IncidentTypes.victimReported,
        dateStyle: DateStyle = .iso8601,
        timeZoneIdentifier: String = "UTC",
        delimiter: Character = ","
    ) {
        self.timeColumn = timeColumn
        self.coordinates = coordinates
        self.typeColumn = typeColumn
        self.typeFilter = typeColumn == nil ? nil : typeFilter
        self.dateStyle = dateStyle
        self.timeZoneIdentifier = timeZoneIdentifier
        self.delimiter = delimiter
    }

    /// The City of Chicago data portal's export (`Date`, `Latitude`, `Longitude`, `Primary Type`;
    /// dates `MM/dd/yyyy hh:mm:ss a` in Chicago local time), keeping victim-reported types.
    public static let chicago = IncidentCSVFormat(
        timeColumn: "Date",
        coordinates: .latitudeLongitude(latitude: "Latitude", longitude: "Longitude"),
        typeColumn: "Primary Type",
        dateStyle: .pattern("MM/dd/yyyy hh:mm:ss a"),
        timeZoneIdentifier: "America/Chicago"
    )
}

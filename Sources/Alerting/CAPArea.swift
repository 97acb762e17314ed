/// A CAP `<area>`: a description and the shapes and codes that bound it.
public struct CAPArea: Hashable, Sendable, Codable {
    public var areaDesc: String
    /// Each `polygon` as CAP text: space-separated `lat,lon` pairs, first equal to last.
    public var polygons: [String]
    /// Each `circle` as CAP text: `lat,lon radius` with the radius in kilometres.
    public var circles: [String]
    public var geocodes: [CAPValuePair]
    public var altitude: String?
    public var ceiling: String?

    public init(areaDesc: String, polygons: [String] = [], circles: [String] = [], geocodes: [CAPValuePair] = [], altitude: String? = nil, ceiling: String? = nil) {
        self.areaDesc = areaDesc
        self.polygons = polygons
        self.circles = circles
        self.geocodes = geocodes
        self.altitude = altitude
        self.ceiling = ceiling
    }
}

/// A CAP `<resource>`: a file that accompanies the message.
public struct CAPResource: Hashable, Sendable, Codable {
    public var resourceDesc: String
    public var mimeType: String
    public var size: String?
    public var uri: String?
    public var derefUri: String?
    public var digest: String?

    public init(resourceDesc: String, mimeType: String, size: String? = nil, uri: String? = nil, derefUri: String? = nil, digest: String? = nil) {
        self.resourceDesc = resourceDesc
        self.mimeType = mimeType
        self.size = size
        self.uri = uri
        self.derefUri = derefUri
        self.digest = digest
    }
}

import Geo

/// A zone in a camera's view, drawn on the map or on the image, with the behaviours watched in it.
public struct CameraZone: Hashable, Sendable, Codable {
    /// Unique name within the camera.
    public var name: String
    /// What the area is (walkway, entrance, roadway…).
    public var kind: ZoneKind
    /// How much a behaviour here matters.
    public var sensitivity: ZoneSensitivity
    /// Outline on the map.
    public var polygon: [GeoPoint]?
    /// Outline on the image, in pixels.
    public var imagePolygon: [PixelPoint]?
    public var loitering: LoiteringRule?
    public var abandonedObject: AbandonedObjectRule?
    public var wrongWay: WrongWayRule?
    public var crowding: CrowdingRule?
    public var unusualMotion: UnusualMotionRule?
    public var stoppedVehicle: StoppedVehicleRule?

    /// Creates a zone drawn on the map.
    public init(name: String, kind: ZoneKind = .general, sensitivity: ZoneSensitivity = .normal, polygon: [GeoPoint]? = nil,
                imagePolygon: [PixelPoint]? = nil, loitering: LoiteringRule? = nil, abandonedObject: AbandonedObjectRule? = nil,
                wrongWay: WrongWayRule? = nil, crowding: CrowdingRule? = nil, unusualMotion: UnusualMotionRule? = nil,
                stoppedVehicle: StoppedVehicleRule? = nil) {
        self.name = name
        self.kind = kind
        self.sensitivity = sensitivity
        self.polygon = polygon
        self.imagePolygon = imagePolygon
        self.loitering = loitering
        self.abandonedObject = abandonedObject
        self.wrongWay = wrongWay
        self.crowding = crowding
        self.unusualMotion = unusualMotion
        self.stoppedVehicle = stoppedVehicle
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind, sensitivity, polygon, imagePolygon, loitering, abandonedObject, wrongWay, crowding, unusualMotion, stoppedVehicle
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            kind: try container.decodeIfPresent(ZoneKind.self, forKey: .kind) ?? .general,
            sensitivity: try container.decodeIfPresent(ZoneSensitivity.self, forKey: .sensitivity) ?? .normal,
            polygon: try container.decodeIfPresent([GeoPoint].self, forKey: .polygon),
            imagePolygon: try container.decodeIfPresent([PixelPoint].self, forKey: .imagePolygon),
            loitering: try container.decodeSettings(LoiteringRule(), forKey: .loitering),
            abandonedObject: try container.decodeSettings(AbandonedObjectRule(), forKey: .abandonedObject),
            wrongWay: try container.decodeSettings(WrongWayRule(allowedHeadingDegrees: 0), forKey: .wrongWay, required: ["allowedHeadingDegrees"]),
            crowding: try container.decodeSettings(CrowdingRule(), forKey: .crowding),
            unusualMotion: try container.decodeSettings(UnusualMotionRule(), forKey: .unusualMotion),
            stoppedVehicle: try container.decodeSettings(StoppedVehicleRule(), forKey: .stoppedVehicle))
    }
}

/// A trip line in a camera's view, drawn on the map or on the image.
public struct CameraLine: Hashable, Sendable, Codable {
    /// Unique name within the camera.
    public var name: String
    /// Ends on the map; the positive side is to the left walking from `from` to `to`.
    public var from: GeoPoint?
    public var to: GeoPoint?
    /// Ends on the image, in pixels.
    public var imageFrom: PixelPoint?
    public var imageTo: PixelPoint?
    /// Classes counted; people by default.
    public var objectClasses: Set<ObjectClass>?
    /// How far past the line a track must go to count, against jitter.
    public var hysteresisMetres: Double?
    /// Whether each crossing also raises a signal (for a line into a closed area); otherwise it is only counted.
    public var signalOnCrossing: Bool

    /// Creates a line drawn on the map.
    public init(name: String, from: GeoPoint? = nil, to: GeoPoint? = nil, imageFrom: PixelPoint? = nil, imageTo: PixelPoint? = nil,
                objectClasses: Set<ObjectClass>? = nil, hysteresisMetres: Double? = nil, signalOnCrossing: Bool = false) {
        self.name = name
        self.from = from
        self.to = to
        self.imageFrom = imageFrom
        self.imageTo = imageTo
        self.objectClasses = objectClasses
        self.hysteresisMetres = hysteresisMetres
        self.signalOnCrossing = signalOnCrossing
    }

    private enum CodingKeys: String, CodingKey { case name, from, to, imageFrom, imageTo, objectClasses, hysteresisMetres, signalOnCrossing }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name),
                  from: try container.decodeIfPresent(GeoPoint.self, forKey: .from), to: try container.decodeIfPresent(GeoPoint.self, forKey: .to),
                  imageFrom: try container.decodeIfPresent(PixelPoint.self, forKey: .imageFrom),
                  imageTo: try container.decodeIfPresent(PixelPoint.self, forKey: .imageTo),
                  objectClasses: try container.decodeIfPresent(Set<ObjectClass>.self, forKey: .objectClasses),
                  hysteresisMetres: try container.decodeIfPresent(Double.self, forKey: .hysteresisMetres),
                  signalOnCrossing: try container.decodeIfPresent(Bool.self, forKey: .signalOnCrossing) ?? false)
    }
}

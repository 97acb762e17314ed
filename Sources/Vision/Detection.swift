/// One object found by a detector in one frame; it carries no identity.
public struct Detection: Hashable, Sendable, Codable {
    /// Frame number, increasing with time.
    public var frame: Int
    /// Where the object is in the image.
    public var box: PixelBox
    /// Detector confidence, 0…1.
    public var score: Double
    /// What the detector thinks the object is.
    public var objectClass: ObjectClass

    /// Creates a detection.
    public init(frame: Int, box: PixelBox, score: Double, objectClass: ObjectClass = .person) {
        self.frame = frame
        self.box = box
        self.score = score
        self.objectClass = objectClass
    }
}

/// Object classes that behaviours care about; anything else is `.other`.
public enum ObjectClass: String, Hashable, Sendable, Codable, CaseIterable {
    case person, bicycle, car, motorcycle, bus, truck, bag, suitcase, other

    /// Reads a detector's class label, accepting the COCO and Frigate spellings.
    public init(label: String) {
        switch label.lowercased() {
        case "person", "pedestrian", "people": self = .person
        case "bicycle", "bike", "cyclist": self = .bicycle
        case "car", "vehicle": self = .car
        case "motorcycle", "motorbike": self = .motorcycle
        case "bus": self = .bus
        case "truck", "lorry": self = .truck
        case "backpack", "handbag", "bag": self = .bag
        case "suitcase", "luggage": self = .suitcase
        default: self = .other
        }
    }

    /// Whether the class is a road vehicle.
    public var isVehicle: Bool { self == .car || self == .motorcycle || self == .bus || self == .truck }
    /// Whether the class is a carried object that can be left behind.
    public var isLuggage: Bool { self == .bag || self == .suitcase }
}

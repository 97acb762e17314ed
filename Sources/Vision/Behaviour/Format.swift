import Foundation

/// Number formatting for event explanations.
enum Format {
    static func seconds(_ value: Double) -> String { String(format: "%.0f s", value) }
    static func metres(_ value: Double) -> String { String(format: "%.1f m", value) }
    static func speed(_ value: Double) -> String { String(format: "%.1f m/s", value) }
    static func number(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
    static func track(_ objectClass: ObjectClass, _ id: Int) -> String {
        let name = objectClass.rawValue.prefix(1).uppercased() + objectClass.rawValue.dropFirst()
        return "\(name) (track \(id))"
    }
}

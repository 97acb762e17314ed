/// Shared checks for rule parameters, so every rule names the bad field the same way.
enum RuleCheck {
    static func positive(_ value: Double, _ field: String, in place: String) throws(VisionError) {
        guard value.isFinite, value > 0 else {
            throw .invalidConfiguration("\(place): \(field) must be a positive number, got \(value)")
        }
    }

    static func nonNegative(_ value: Double, _ field: String, in place: String) throws(VisionError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidConfiguration("\(place): \(field) must be zero or more, got \(value)")
        }
    }

    static func classes(_ classes: Set<ObjectClass>, in place: String) throws(VisionError) {
        guard !classes.isEmpty else { throw .invalidConfiguration("\(place): objectClasses must not be empty") }
    }
}

import Geo
import SafeCityCore

extension Sensor {
    /// Checks a sensor an administrator registers; the error names the field at fault.
    public func validated() throws(ValidationError) -> Sensor {
        let idCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:")
        guard !id.isEmpty, id.count <= 64, id.allSatisfy(idCharacters.contains) else {
            throw ValidationError(field: "id", reason: "must be 1–64 letters, digits or - _ . :")
        }
        guard !name.isEmpty, name.count <= 200 else { throw ValidationError(field: "name", reason: "must be 1–200 characters") }
        guard location.isValid else { throw ValidationError(field: "location", reason: "latitude must be within −90…90 and longitude within −180…180") }
        guard !quantities.isEmpty, quantities.count <= 16 else { throw ValidationError(field: "quantities", reason: "must list 1–16 quantities") }
        for (index, quantity) in quantities.enumerated() {
            guard !quantity.name.isEmpty, quantity.name.count <= 64 else {
                throw ValidationError(field: "quantities[\(index)]", reason: "must be a name of 1–64 characters")
            }
        }
        guard Set(quantities).count == quantities.count else { throw ValidationError(field: "quantities", reason: "lists a quantity twice") }
        guard (1...86_400).contains(reportIntervalSeconds) else {
            throw ValidationError(field: "reportIntervalSeconds", reason: "must be within 1…86400 seconds")
        }
        guard !owner.isEmpty, owner.count <= 200 else { throw ValidationError(field: "owner", reason: "must be 1–200 characters") }
        return self
    }
}

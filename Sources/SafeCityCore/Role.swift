/// What a caller is allowed to do; every identity has exactly one role.
public enum Role: String, CaseIterable, Sendable, Codable, Hashable {
    case admin
    case dispatcher
    case fieldUnit = "field-unit"
    case analyst
    case healthOfficer = "health-officer"
    case publicInformationOfficer = "public-information-officer"
    case sensor
    case `public`
}

/// How to reach the person who made a report. Private: never written to public output.
///
/// - Warning: Personal data. The service stores it encrypted at rest and shows it only to staff.
public struct ReporterContact: Hashable, Sendable, Codable {
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    public var phone: String?
    /// Open311's `device_id`: the reporting app's device, usable for push notices.
    public var deviceID: String?
    /// Open311's `account_id`: the reporter's account with the city.
    public var accountID: String?

    public init(email: String? = nil, firstName: String? = nil, lastName: String? = nil, phone: String? = nil, deviceID: String? = nil, accountID: String? = nil) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.deviceID = deviceID
        self.accountID = accountID
    }

    /// Whether there is any way to send the reporter a notice (email, phone or device).
    public var isReachable: Bool { email != nil || phone != nil || deviceID != nil }
}

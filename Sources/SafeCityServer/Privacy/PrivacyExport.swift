import Community
import SafeCityCore

/// A person's reports as plain JSON: what they sent, what happened since, and the contact they gave.
enum PrivacyExport {
    static func json(_ requests: [ServiceRequest]) -> JSONValue {
        .array(requests.map { request in
            let contact = request.reporters.first { $0.requestID == request.id }?.contact ?? ReporterContact()
            return .object([
                "requestID": .string(request.id),
                "serviceCode": .string(request.serviceCode), "serviceName": .string(request.serviceName),
                "description": request.description.map(JSONValue.string) ?? .null,
                "address": request.address.map(JSONValue.string) ?? .null,
                "latitude": request.location.map { .number($0.latitude) } ?? .null,
                "longitude": request.location.map { .number($0.longitude) } ?? .null,
                "mediaURL": request.mediaURL.map(JSONValue.string) ?? .null,
                "requestedAt": .string(request.requestedAt.description),
                "status": .string(request.reportStatus.rawValue),
                "duplicateOf": request.duplicateOf.map(JSONValue.string) ?? .null,
                "steps": .array(request.steps.map { step in
                    .object(["status": .string(step.status.rawValue), "publicNote": step.publicNote.map(JSONValue.string) ?? .null, "at": .string(step.at.description)])
                }),
                "contact": .object([
                    "email": contact.email.map(JSONValue.string) ?? .null, "phone": contact.phone.map(JSONValue.string) ?? .null,
                    "firstName": contact.firstName.map(JSONValue.string) ?? .null, "lastName": contact.lastName.map(JSONValue.string) ?? .null,
                    "deviceID": contact.deviceID.map(JSONValue.string) ?? .null, "accountID": contact.accountID.map(JSONValue.string) ?? .null,
                ]),
            ])
        })
    }
}

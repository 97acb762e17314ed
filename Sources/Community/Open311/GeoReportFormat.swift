import SafeCityCore

/// Open311's two response formats, and the writers for every GeoReport v2 response in each.
///
/// Shapes follow the spec's examples: lists are JSON arrays and `<services><service>…` style XML,
/// a single request is a list of one, absent optional fields are `null` (JSON) or empty elements (XML),
/// ids are strings, and date-times carry a UTC offset.
public enum GeoReportFormat: String, Hashable, Sendable, CaseIterable {
    case json
    case xml

    /// The `Content-Type` header the spec gives for the format.
    public var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .xml: "text/xml; charset=utf-8"
        }
    }

    /// Splits a path segment like `services.json` or `638344.xml` into its name and format; nil without a known extension.
    public static func split(_ segment: String) -> (name: String, format: GeoReportFormat)? {
        guard let dot = segment.lastIndex(of: "."),
              let format = GeoReportFormat(rawValue: segment[segment.index(after: dot)...].lowercased())
        else { return nil }
        let name = String(segment[..<dot])
        return name.isEmpty ? nil : (name, format)
    }

    /// `GET services`: the service list.
    public func services(_ services: [Open311Service]) -> String {
        render(root: "services", .list(item: "service", services.map { service in
            .record([
                ("service_code", .string(service.code)),
                ("service_name", .string(service.name)),
                ("description", .string(service.description)),
                ("metadata", .bool(service.metadata)),
                ("type", .string(service.type.rawValue)),
                ("keywords", .string(service.keywords.joined(separator: ", "))),
                ("group", .string(service.group)),
            ])
        }))
    }

    /// `GET services/{code}`: a service definition.
    public func definition(_ definition: ServiceDefinition) -> String {
        render(root: "service_definition", .record([
            ("service_code", .string(definition.serviceCode)),
            ("attributes", .list(item: "attribute", definition.attributes.map { attribute in
                .record([
                    ("variable", .bool(attribute.variable)),
                    ("code", .string(attribute.code)),
                    ("datatype", .string(attribute.datatype.rawValue)),
                    ("required", .bool(attribute.required)),
                    ("datatype_description", .optional(attribute.datatypeDescription)),
                    ("order", .integer(attribute.order)),
                    ("description", .string(attribute.description)),
                    ("values", .list(item: "value", attribute.values.map { value in
                        .record([("key", .string(value.key)), ("name", .string(value.name))])
                    })),
                ])
            })),
        ]))
    }

    /// `GET requests` and `GET requests/{id}` (a list of one): the public fields only.
    /// - Parameter utcOffsetMinutes: the offset date-times are written in (the city's local time; 0 writes `Z`).
    public func requests(_ requests: [ServiceRequest], utcOffsetMinutes: Int = 0) -> String {
        func time(_ t: Timestamp?) -> GeoReportNode {
            t.map { .string(W3CDateTime.format($0, utcOffsetMinutes: utcOffsetMinutes)) } ?? .null
        }
        return render(root: "service_requests", .list(item: "request", requests.map { request in
            .record([
                ("service_request_id", .string(request.id)),
                ("status", .string(request.status.rawValue)),
                ("status_notes", .optional(request.statusNotes)),
                ("service_name", .string(request.serviceName)),
                ("service_code", .string(request.serviceCode)),
                ("description", .optional(request.description)),
                ("agency_responsible", .string(request.agency.name)),
                ("service_notice", .optional(request.serviceNotice)),
                ("requested_datetime", time(request.requestedAt)),
                ("updated_datetime", time(request.updatedAt)),
                ("expected_datetime", time(request.expectedAt)),
                ("address", .optional(request.address)),
                ("address_id", .optional(request.addressID)),
                ("zipcode", .optional(request.zipcode)),
                ("lat", request.location.map { .number($0.latitude) } ?? .null),
                ("long", request.location.map { .number($0.longitude) } ?? .null),
                ("media_url", .optional(request.mediaURL)),
            ])
        }))
    }

    /// `POST requests`: the receipts (usually one) with an id or a token.
    public func receipts(_ receipts: [SubmissionReceipt]) -> String {
        render(root: "service_requests", .list(item: "request", receipts.map { receipt in
            var fields: [(String, GeoReportNode)] = []
            switch receipt.handle {
            case let .requestID(id): fields.append(("service_request_id", .string(id)))
            case let .token(token): fields.append(("token", .string(token)))
            case .none: break
            }
            fields.append(("service_notice", .optional(receipt.serviceNotice)))
            fields.append(("account_id", .optional(receipt.accountID)))
            return .record(fields)
        }))
    }

    /// `GET tokens/{token}`: the request id behind each token (null while not yet created).
    public func tokens(_ lookups: [TokenLookup]) -> String {
        render(root: "service_requests", .list(item: "request", lookups.map { lookup in
            .record([("service_request_id", .optional(lookup.requestID)), ("token", .string(lookup.token))])
        }))
    }

    /// Any error: the spec's list of `code` and `description`.
    public func errors(_ errors: [GeoReportError]) -> String {
        render(root: "errors", .list(item: "error", errors.map { error in
            .record([("code", .integer(error.code)), ("description", .string(error.description))])
        }))
    }

    private func render(root: String, _ node: GeoReportNode) -> String {
        switch self {
        case .json:
            var bytes: [UInt8] = []
            node.writeJSON(into: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        case .xml:
            var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            node.writeXML(named: root, depth: 0, into: &out)
            return out
        }
    }
}

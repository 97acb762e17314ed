import Geo

extension ServiceRequestSubmission {
    /// Longest `description` the spec allows, in characters.
    public static let maxDescriptionCharacters = 4000
    /// SafeCity's bounds for the other fields (the spec sets none); generous for any real input.
    public static let maxShortFieldCharacters = 200
    /// Bound for `address_string` and `media_url`.
    public static let maxLongFieldCharacters = 2048

    /// Parses and checks a form-encoded POST body; see ``parse(_:catalog:jurisdictionID:isValidAPIKey:)``.
    public static func parse(
        body: String, catalog: ServiceCatalog, jurisdictionID: String? = nil, isValidAPIKey: (String) -> Bool
    ) throws(CommunityError) -> ServiceRequestSubmission {
        try parse(FormURLEncoded.decode(body), catalog: catalog, jurisdictionID: jurisdictionID, isValidAPIKey: isValidAPIKey)
    }

    /// Checks the fields of a POST `requests` against the spec and the service's definition.
    ///
    /// Order of checks, so the status code is the spec's: `api_key` (``CommunityError/forbidden(_:)``, 403),
    /// then `jurisdiction_id` and `service_code` (``CommunityError/notFound(_:)``, 404, when unknown),
    /// then everything else (``CommunityError/invalidField(field:reason:)``, 400). Empty values count as
    /// absent, as the spec's "Optional Arguments" rule says; unknown field names are ignored.
    /// - Parameters:
    ///   - jurisdictionID: the one jurisdiction served; a different `jurisdiction_id` is not found. Nil accepts any.
    ///   - isValidAPIKey: the caller's key check, given a non-empty key.
    public static func parse(
        _ fields: [FormField], catalog: ServiceCatalog, jurisdictionID: String? = nil, isValidAPIKey: (String) -> Bool
    ) throws(CommunityError) -> ServiceRequestSubmission {
        let form = try CollectedForm(fields)

        guard let apiKey = form.single["api_key"] else {
            throw .forbidden("api_key is missing -- can't proceed with create_request")
        }
        guard isValidAPIKey(apiKey) else { throw .forbidden("Invalid api_key received -- can't proceed with create_request") }

        if let expected = jurisdictionID, let given = form.single["jurisdiction_id"], given != expected {
            throw .notFound("jurisdiction_id \"\(given)\"")
        }
        guard let serviceCode = form.single["service_code"] else {
            throw .invalidField(field: "service_code", reason: "is required")
        }
        guard let service = catalog.service(serviceCode) else { throw .notFound("service_code \"\(serviceCode)\"") }

        let location = try parseLocation(form)
        let attributes = try parseAttributes(form, service: service)

        var contact = ReporterContact()
        contact.email = try form.single["email"].map { value throws(CommunityError) in try checkEmail(value) }
        contact.firstName = try form.line("first_name", max: maxShortFieldCharacters)
        contact.lastName = try form.line("last_name", max: maxShortFieldCharacters)
        contact.phone = try form.single["phone"].map { value throws(CommunityError) in try checkPhone(value) }
        contact.deviceID = try form.line("device_id", max: maxShortFieldCharacters)
        contact.accountID = try form.line("account_id", max: maxShortFieldCharacters)

        let description = try form.single["description"].map { value throws(CommunityError) in try checkDescription(value) }
        let mediaURL = try form.single["media_url"].map { value throws(CommunityError) in try checkMediaURL(value) }

        return ServiceRequestSubmission(
            serviceCode: serviceCode, location: location, attributes: attributes,
            description: description, mediaURL: mediaURL, contact: contact)
    }

    // MARK: - Location

    private static func parseLocation(_ form: CollectedForm) throws(CommunityError) -> SubmissionLocation {
        var location = SubmissionLocation()
        switch (form.single["lat"], form.single["long"]) {
        case let (lat?, long?):
            let latitude = try decimal(lat, field: "lat")
            let longitude = try decimal(long, field: "long")
            guard abs(latitude) <= 90 else { throw .invalidField(field: "lat", reason: "must be between -90 and 90 (WGS 84 degrees), got \(lat)") }
            guard abs(longitude) <= 180 else { throw .invalidField(field: "long", reason: "must be between -180 and 180 (WGS 84 degrees), got \(long)") }
            location.point = GeoPoint(latitude: latitude, longitude: longitude)
        case (_?, nil):
            throw .invalidField(field: "long", reason: "is required when lat is sent (lat and long go together)")
        case (nil, _?):
            throw .invalidField(field: "lat", reason: "is required when long is sent (lat and long go together)")
        case (nil, nil):
            break
        }
        location.addressString = try form.line("address_string", max: maxLongFieldCharacters)
        location.addressID = try form.line("address_id", max: maxShortFieldCharacters)
        guard location.point != nil || location.addressString != nil || location.addressID != nil else {
            throw .invalidField(field: "lat", reason: "a location is required: lat and long, address_string, or address_id")
        }
        return location
    }

    /// A plain decimal (`-12.5`, `37`): no exponent, hex, `nan` or `inf`, which `Double.init` would take.
    private static func decimal(_ text: String, field: String) throws(CommunityError) -> Double {
        var digits = 0, dots = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9": digits += 1
            case ".": dots += 1
            case "-", "+":
                guard index == 0 else { throw .invalidField(field: field, reason: "must be a decimal number, got \"\(text)\"") }
            default: throw .invalidField(field: field, reason: "must be a decimal number, got \"\(text)\"")
            }
        }
        guard digits > 0, dots <= 1, let value = Double(text), value.isFinite else {
            throw .invalidField(field: field, reason: "must be a decimal number, got \"\(text)\"")
        }
        return value
    }

    // MARK: - Attributes

    private static func parseAttributes(_ form: CollectedForm, service: Open311Service) throws(CommunityError) -> [SubmittedAttribute] {
        let definition = service.definition ?? ServiceDefinition(serviceCode: service.code, attributes: [])
        for code in form.attributeOrder {
            guard let attribute = definition.attribute(code) else {
                throw .invalidField(field: "attribute[\(code)]", reason: "is not an attribute of service \"\(service.code)\"")
            }
            guard attribute.variable else {
                throw .invalidField(field: "attribute[\(code)]", reason: "is information only and takes no value")
            }
        }
        var answers: [SubmittedAttribute] = []
        for attribute in definition.attributes where attribute.variable {
            let field = "attribute[\(attribute.code)]"
            let values = form.attributes[attribute.code] ?? []
            guard !values.isEmpty else {
                if attribute.required { throw .invalidField(field: field, reason: "is required: \(attribute.description)") }
                continue
            }
            if attribute.datatype != .multivaluelist, values.count > 1 {
                throw .invalidField(field: field, reason: "takes one value (\(attribute.datatype.rawValue)), got \(values.count)")
            }
            let answer: AttributeAnswer
            switch attribute.datatype {
            case .string:
                guard !values[0].contains(where: \.isNewline) else {
                    throw .invalidField(field: field, reason: "is a string and must not contain line breaks")
                }
                answer = .string(try bounded(values[0], field: field, max: maxLongFieldCharacters))
            case .text:
                answer = .text(try bounded(values[0], field: field, max: maxDescriptionCharacters, allowLineBreaks: true))
            case .number:
                answer = .number(try decimal(values[0], field: field))
            case .datetime:
                guard let time = W3CDateTime.parse(values[0]) else {
                    throw .invalidField(field: field, reason: "must be an ISO 8601 date-time with a UTC offset, e.g. 2010-01-01T00:00:00Z, got \"\(values[0])\"")
                }
                answer = .datetime(time)
            case .singlevaluelist:
                try checkKey(values[0], of: attribute, field: field)
                answer = .choice(values[0])
            case .multivaluelist:
                var seen = Set<String>()
                for value in values {
                    try checkKey(value, of: attribute, field: field)
                    guard seen.insert(value).inserted else { throw .invalidField(field: field, reason: "lists \"\(value)\" twice") }
                }
                answer = .choices(values)
            }
            answers.append(SubmittedAttribute(code: attribute.code, answer: answer))
        }
        return answers
    }

    private static func checkKey(_ value: String, of attribute: ServiceAttribute, field: String) throws(CommunityError) {
        guard attribute.values.contains(where: { $0.key == value }) else {
            let keys = attribute.values.map(\.key).joined(separator: ", ")
            throw .invalidField(field: field, reason: "\"\(value)\" is not one of its values (\(keys))")
        }
    }

    // MARK: - Free text and contact

    static func bounded(_ text: String, field: String, max: Int, allowLineBreaks: Bool = false) throws(CommunityError) -> String {
        guard text.count <= max else { throw .invalidField(field: field, reason: "is longer than \(max) characters (\(text.count))") }
        for scalar in text.unicodeScalars where scalar.properties.generalCategory == .control {
            if allowLineBreaks, scalar == "\n" || scalar == "\r" || scalar == "\t" { continue }
            throw .invalidField(field: field, reason: allowLineBreaks
                ? "contains a control character (U+\(String(scalar.value, radix: 16, uppercase: true)))"
                : "must be one line without control characters")
        }
        return text
    }

    private static func checkDescription(_ text: String) throws(CommunityError) -> String {
        let checked = try bounded(text, field: "description", max: maxDescriptionCharacters, allowLineBreaks: true)
        // The spec: "may contain line breaks, but not html or code". A lone "<" (as in "<3") is text.
        let scalars = Array(checked.unicodeScalars)
        for index in scalars.indices.dropLast() where scalars[index] == "<" {
            let next = scalars[index + 1]
            if next.properties.isAlphabetic || next == "/" || next == "!" || next == "?" {
                throw .invalidField(field: "description", reason: "must be plain text without HTML tags")
            }
        }
        return checked
    }

    private static func checkEmail(_ text: String) throws(CommunityError) -> String {
        let email = try bounded(text, field: "email", max: 254)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
              !email.contains(where: \.isWhitespace),
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains("..")
        else { throw .invalidField(field: "email", reason: "must be an address like name@example.org, got \"\(email)\"") }
        return email
    }

    private static func checkPhone(_ text: String) throws(CommunityError) -> String {
        let phone = try bounded(text, field: "phone", max: 40)
        var digits = 0
        for (index, character) in phone.enumerated() {
            if character.isASCII, character.isNumber { digits += 1; continue }
            if character == "+", index == 0 { continue }
            guard " -().".contains(character) else {
                throw .invalidField(field: "phone", reason: "may hold only digits, spaces, + - ( ) and ., got \"\(phone)\"")
            }
        }
        guard (3...20).contains(digits) else {
            throw .invalidField(field: "phone", reason: "must have between 3 and 20 digits, got \(digits)")
        }
        return phone
    }

    private static func checkMediaURL(_ text: String) throws(CommunityError) -> String {
        let url = try bounded(text, field: "media_url", max: maxLongFieldCharacters)
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = url.dropFirst(8) } else if lower.hasPrefix("http://") { rest = url.dropFirst(7) } else {
            throw .invalidField(field: "media_url", reason: "must be an http or https URL, got \"\(url)\"")
        }
        guard !url.contains(where: { $0.isWhitespace }) else {
            throw .invalidField(field: "media_url", reason: "must not contain spaces (percent-encode them)")
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.contains("@") else {
            throw .invalidField(field: "media_url", reason: "must not carry a user name or password")
        }
        var host = authority[...]
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw .invalidField(field: "media_url", reason: "has an unclosed IPv6 host") }
            let port = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }), validPort(port) else {
                throw .invalidField(field: "media_url", reason: "has a malformed host")
            }
            return url
        }
        if let colon = host.firstIndex(of: ":") {
            guard validPort(host[colon...]) else { throw .invalidField(field: "media_url", reason: "has a malformed port") }
            host = host[..<colon]
        }
        guard !host.isEmpty, !host.hasPrefix("."), !host.hasSuffix("."), !host.contains(".."),
              host.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "." })
        else { throw .invalidField(field: "media_url", reason: "must name a host, e.g. https://example.org/photo.jpg, got \"\(url)\"") }
        return url
    }

    /// Empty, or `:` followed by a port number 1…65535.
    private static func validPort(_ text: Substring) -> Bool {
        guard !text.isEmpty else { return true }
        let digits = text.dropFirst()
        guard text.first == ":", (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = Int(digits) else { return false }
        return (1...65535).contains(port)
    }
}

/// The fields of a form grouped by meaning: single-valued names and `attribute[…]` lists.
struct CollectedForm {
    /// Trimmed, non-empty values of non-attribute fields.
    var single: [String: String] = [:]
    /// Trimmed, non-empty values per attribute code, in the order sent.
    var attributes: [String: [String]] = [:]
    /// Attribute codes in the order first sent.
    var attributeOrder: [String] = []

    init(_ fields: [FormField]) throws(CommunityError) {
        for field in fields {
            let value = field.value.trimmingWhitespace()
            if field.name.hasPrefix("attribute[") || field.name == "attribute" {
                let code = try Self.attributeCode(field.name)
                if attributes[code] == nil {
                    attributes[code] = []
                    attributeOrder.append(code)
                }
                if !value.isEmpty { attributes[code]!.append(value) }
                continue
            }
            guard !value.isEmpty else { continue }
            guard single[field.name] == nil else {
                throw .invalidField(field: field.name, reason: "is sent more than once")
            }
            single[field.name] = value
        }
    }

    /// `attribute[CODE]` or `attribute[CODE][]` → CODE.
    private static func attributeCode(_ name: String) throws(CommunityError) -> String {
        var rest = Substring(name)
        if rest.hasSuffix("[]") { rest = rest.dropLast(2) }
        guard rest.hasPrefix("attribute["), rest.hasSuffix("]") else {
            throw .invalidField(field: name, reason: "expected attribute[CODE]=value, or attribute[CODE][]=value for each of several values")
        }
        let code = rest.dropFirst("attribute[".count).dropLast()
        guard !code.isEmpty, !code.contains("["), !code.contains("]") else {
            throw .invalidField(field: name, reason: "expected attribute[CODE]=value, or attribute[CODE][]=value for each of several values")
        }
        return String(code)
    }

    /// A single-line field checked for length and control characters, or nil when absent.
    func line(_ name: String, max: Int) throws(CommunityError) -> String? {
        guard let value = single[name] else { return nil }
        return try ServiceRequestSubmission.bounded(value, field: name, max: max)
    }
}

extension String {
    /// The text without leading and trailing white space and line breaks.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// One entry of Open311's error list, with the HTTP status the response carries.
public struct GeoReportError: Hashable, Sendable, Codable {
    /// 404 for unknown resources, 403 for a missing or wrong api_key, 400 otherwise (as the spec says).
    public var httpStatus: Int
    /// The body's `code`; the spec lets it be more specific, SafeCity uses the HTTP status.
    public var code: Int
    /// The body's `description`, shown to the user.
    public var description: String

    public init(httpStatus: Int, code: Int? = nil, description: String) {
        self.httpStatus = httpStatus
        self.code = code ?? httpStatus
        self.description = description
    }

    /// The spec's status and wording for a ``CommunityError``.
    public init(_ error: CommunityError) {
        switch error {
        case .notFound: self.init(httpStatus: 404, description: error.description)
        case .forbidden: self.init(httpStatus: 403, description: error.description)
        case .invalidField: self.init(httpStatus: 400, description: error.description)
        }
    }
}

/// What a POST `requests` answers for one created request, by the service's `type`.
public struct SubmissionReceipt: Hashable, Sendable, Codable {
    /// How the client can follow the request.
    public enum Handle: Hashable, Sendable, Codable {
        /// `realtime`: the new request's id.
        case requestID(String)
        /// `batch`: a token to look up at `tokens/{token}`.
        case token(String)
        /// `blackbox`: nothing to follow.
        case none
    }

    public var handle: Handle
    /// Open311's `service_notice`.
    public var serviceNotice: String?
    /// Open311's `account_id`, echoed from the submission.
    public var accountID: String?

    public init(handle: Handle, serviceNotice: String?, accountID: String?) {
        self.handle = handle
        self.serviceNotice = serviceNotice
        self.accountID = accountID
    }

    /// The receipt for a request just opened (or merged) with a `realtime` service's id.
    public init(request: ServiceRequest, accountID: String?) {
        self.init(handle: .requestID(request.id), serviceNotice: request.serviceNotice, accountID: accountID)
    }
}

/// The answer to `tokens/{token}`: the request id once the token's request exists.
public struct TokenLookup: Hashable, Sendable, Codable {
    public var token: String
    /// Nil while the request is still being created.
    public var requestID: String?

    public init(token: String, requestID: String?) {
        self.token = token
        self.requestID = requestID
    }
}

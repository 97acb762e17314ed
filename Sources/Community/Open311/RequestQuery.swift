import SafeCityCore

/// The filters of `GET requests`, parsed from its query items and applied to a list of requests.
///
/// Defaults are the spec's: the most recent 90 days, all services, all statuses, at most 1000
/// results (newest first). `service_request_id` overrides every other argument.
public struct RequestQuery: Hashable, Sendable {
    /// The spec's longest span between `start_date` and `end_date`, and the default window.
    public static let maxSpanSeconds: Int64 = 90 * 86_400
    /// The spec's default (and SafeCity's only) result limit.
    public static let maxResults = 1000

    /// `service_request_id`: when set, exactly these requests, in this order.
    public var requestIDs: [String]?
    /// `service_code`: nil for all services.
    public var serviceCodes: Set<String>?
    /// `start_date`: earliest `requested_datetime`, inclusive.
    public var startDate: Timestamp?
    /// `end_date`: latest `requested_datetime`, inclusive.
    public var endDate: Timestamp?
    /// `status`: nil for both.
    public var statuses: Set<Open311Status>?

    public init(requestIDs: [String]? = nil, serviceCodes: Set<String>? = nil, startDate: Timestamp? = nil, endDate: Timestamp? = nil, statuses: Set<Open311Status>? = nil) {
        self.requestIDs = requestIDs
        self.serviceCodes = serviceCodes
        self.startDate = startDate
        self.endDate = endDate
        self.statuses = statuses
    }

    /// Parses a raw query string (`a=1&b=2`).
    public static func parse(queryString: String) throws(CommunityError) -> RequestQuery {
        try parse(FormURLEncoded.decode(queryString))
    }

    /// Parses the query items; list arguments may be comma-delimited and repeated, empty ones count as absent.
    /// Unknown arguments (e.g. `jurisdiction_id`) are ignored.
    public static func parse(_ items: [FormField]) throws(CommunityError) -> RequestQuery {
        var query = RequestQuery()
        func list(_ name: String) -> [String]? {
            let values = items.filter { $0.name == name }
                .flatMap { $0.value.split(separator: ",") }
                .map { String($0).trimmingWhitespace() }
                .filter { !$0.isEmpty }
            return values.isEmpty ? nil : values
        }
        func date(_ name: String) throws(CommunityError) -> Timestamp? {
            let values = items.filter { $0.name == name }.map { $0.value.trimmingWhitespace() }.filter { !$0.isEmpty }
            guard let text = values.first else { return nil }
            guard values.count == 1 else { throw .invalidField(field: name, reason: "is sent more than once") }
            guard let time = W3CDateTime.parse(text) else {
                throw .invalidField(field: name, reason: "must be a W3C date-time with a UTC offset, e.g. 2010-01-01T00:00:00Z or 2010-01-01T00:00:00-08:00, got \"\(text)\"")
            }
            return time
        }
        if let ids = list("service_request_id") {
            var seen = Set<String>()
            query.requestIDs = ids.filter { seen.insert($0).inserted }
        }
        query.serviceCodes = list("service_code").map(Set.init)
        if let statuses = list("status") {
            var set = Set<Open311Status>()
            for text in statuses {
                guard let status = Open311Status(rawValue: text.lowercased()) else {
                    throw .invalidField(field: "status", reason: "must be open or closed, got \"\(text)\"")
                }
                set.insert(status)
            }
            query.statuses = set
        }
        query.startDate = try date("start_date")
        query.endDate = try date("end_date")
        if let start = query.startDate, let end = query.endDate {
            guard start <= end else { throw .invalidField(field: "end_date", reason: "is before start_date") }
            guard end.millisecondsSince1970 - start.millisecondsSince1970 <= maxSpanSeconds * 1000 else {
                throw .invalidField(field: "end_date", reason: "the range from start_date may span at most 90 days")
            }
        }
        return query
    }

    /// The `requested_datetime` window searched at `now`: the given dates, completed to 90 days, or the last 90 days.
    public func window(now: Timestamp) -> ClosedRange<Timestamp> {
        let span = Self.maxSpanSeconds * 1000
        switch (startDate, endDate) {
        case let (start?, end?): return start...end
        case let (start?, nil): return start...start.adding(milliseconds: span)
        case let (nil, end?): return end.adding(milliseconds: -span)...end
        case (nil, nil): return now.adding(milliseconds: -span)...now
        }
    }

    /// The matching requests, newest `requested_datetime` first (ties by id), at most 1000;
    /// with `service_request_id`, those found in the order asked (other arguments ignored, as the spec says).
    /// Requests closed as duplicates are included: their status notes point to the primary.
    public func apply(to requests: [ServiceRequest], now: Timestamp) -> [ServiceRequest] {
        if let ids = requestIDs {
            var byID: [String: ServiceRequest] = [:]
            for request in requests { byID[request.id] = request }
            return Array(ids.compactMap { byID[$0] }.prefix(Self.maxResults))
        }
        let window = window(now: now)
        let matching = requests.filter { request in
            window.contains(request.requestedAt)
                && (serviceCodes?.contains(request.serviceCode) ?? true)
                && (statuses?.contains(request.status) ?? true)
        }
        let newestFirst = matching.sorted {
            $0.requestedAt != $1.requestedAt ? $0.requestedAt > $1.requestedAt : $0.id < $1.id
        }
        return Array(newestFirst.prefix(Self.maxResults))
    }
}

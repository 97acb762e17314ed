import SafeCityCore

extension ServiceRequest {
    /// Moves the request to a new status and returns the notices for every reachable reporter (merged ones included).
    ///
    /// Legal moves are ``ReportStatus/allowedMoves``; closing needs a public note; `closed → acknowledged`
    /// is a reopen, allowed within the policy's window after closing. Steps may not go back in time.
    /// Nothing changes when an error is thrown.
    /// - Parameter agency: a new queue for the request, only when assigning.
    @discardableResult
    public mutating func move(
        to next: ReportStatus, publicNote: String?, at time: Timestamp, agency: AgencyQueue? = nil,
        policy: ReportLifecyclePolicy = ReportLifecyclePolicy()
    ) throws(CommunityError) -> [ReportNotification] {
        if let primary = duplicateOf {
            throw .invalidField(field: "status", reason: "request \(id) was merged into request \(primary); update that one")
        }
        let current = reportStatus
        guard current.allowedMoves.contains(next) else {
            let allowed = current.allowedMoves.map(\.rawValue).joined(separator: " or ")
            throw .invalidField(field: "status", reason: "cannot move from \(current.rawValue) to \(next.rawValue); allowed: \(allowed)")
        }
        guard time >= updatedAt else {
            throw .invalidField(field: "updated_datetime", reason: "step at \(time) is before the last step at \(updatedAt)")
        }
        let note = try publicNote.map { text throws(CommunityError) in
            try ServiceRequestSubmission.bounded(text.trimmingWhitespace(), field: "status_notes", max: ServiceRequestSubmission.maxDescriptionCharacters, allowLineBreaks: true)
        }.flatMap { $0.isEmpty ? nil : $0 }
        if next == .closed, note == nil {
            throw .invalidField(field: "status_notes", reason: "closing needs a public note saying what was done")
        }
        if agency != nil, next != .assigned {
            throw .invalidField(field: "agency_responsible", reason: "can change only when assigning")
        }
        var kind = ReportNotification.Kind.statusChanged
        if current == .closed {
            let ageSeconds = (time.millisecondsSince1970 - updatedAt.millisecondsSince1970) / 1000
            guard ageSeconds <= policy.reopenWindowSeconds else {
                let days = Double(policy.reopenWindowSeconds) / 86_400
                throw .invalidField(field: "status", reason: "request \(id) was closed at \(updatedAt), more than \(days.formatted1) days ago; file a new request")
            }
            kind = .reopened
        }
        if let agency { self.agency = agency }
        append(ReportStep(status: next, publicNote: note, at: time))
        return notify(kind)
    }

    /// Closes `duplicate` as a duplicate of `primary` and moves its reporters to the primary,
    /// so they are told at each later step; returns the "merged" notices for the duplicate's reporters.
    ///
    /// Both must be of the same service; the primary must be open and the duplicate not yet closed.
    /// Nothing changes when an error is thrown.
    public static func merge(_ duplicate: inout ServiceRequest, into primary: inout ServiceRequest, at time: Timestamp) throws(CommunityError) -> [ReportNotification] {
        guard duplicate.id != primary.id else { throw .invalidField(field: "service_request_id", reason: "a request cannot be merged into itself") }
        guard duplicate.serviceCode == primary.serviceCode else {
            throw .invalidField(field: "service_code", reason: "request \(duplicate.id) (\(duplicate.serviceCode)) and request \(primary.id) (\(primary.serviceCode)) are different services")
        }
        guard primary.status == .open, primary.duplicateOf == nil else {
            throw .invalidField(field: "status", reason: "request \(primary.id) is closed; a duplicate can join only an open request")
        }
        guard duplicate.status == .open, duplicate.duplicateOf == nil else {
            throw .invalidField(field: "status", reason: "request \(duplicate.id) is already closed")
        }
        guard time >= duplicate.updatedAt else {
            throw .invalidField(field: "updated_datetime", reason: "merge at \(time) is before request \(duplicate.id)'s last step at \(duplicate.updatedAt)")
        }
        duplicate.append(ReportStep(status: .closed, publicNote: "Duplicate of request \(primary.id); follow that request for updates.", at: time))
        duplicate.markDuplicate(of: primary.id)
        primary.absorb(duplicate)
        let step = primary.steps[primary.steps.count - 1]
        return duplicate.reporters.filter(\.contact.isReachable).map { reporter in
            ReportNotification(
                kind: .merged, requestID: primary.id, reporterRequestID: reporter.requestID, contact: reporter.contact,
                serviceName: primary.serviceName, status: step.status, publicNote: step.publicNote, at: time)
        }
    }
}

private extension Double {
    /// At most one decimal, without a trailing ".0".
    var formatted1: String {
        let rounded = (self * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}

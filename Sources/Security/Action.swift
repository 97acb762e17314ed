import SafeCityCore

/// Everything a caller can ask the platform to do, each checked against the permission table.
public enum Action: String, CaseIterable, Sendable {
    case eventsAppend = "events.append"
    case eventsRead = "events.read"
    case streamRead = "stream.read"
    case activityRead = "activity.read"
    case eventTypesRead = "event-types.read"
    case identityRead = "identity.read"
    case keysManage = "keys.manage"
    case auditVerify = "audit.verify"
    case metricsRead = "metrics.read"
    case routingRead = "routing.read"
    case trafficWrite = "traffic.write"
    case dispatchRead = "dispatch.read"
    case dispatchWrite = "dispatch.write"
    case dispatchRegistry = "dispatch.registry"
    case unitStatusWrite = "dispatch.unit-status"
    case callerRead = "dispatch.caller.read"
    case hospitalStatusWrite = "dispatch.hospital-status"
    case alertsDraft = "alerts.draft"
    case alertsApprove = "alerts.approve"
    case alertsRead = "alerts.read"
    case alertsSubscribe = "alerts.subscribe"
    case alertsIngest = "alerts.ingest"
    case sensorsRead = "sensors.read"
    case sensorsManage = "sensors.manage"
    case observationsWrite = "observations.write"
    case signalsRead = "signals.read"
    case signalsAcknowledge = "signals.acknowledge"
    case camerasRead = "cameras.read"
    case camerasManage = "cameras.manage"
    case detectionsWrite = "detections.write"
    case tracksRead = "tracks.read"
    case reportsSubmit = "reports.submit"
    case reportsManage = "reports.manage"
    case socialWrite = "social.write"
    case drillsRun = "drills.run"
    case drillsRead = "drills.read"
    case healthRead = "health.read"
    case healthWrite = "health.write"
    case healthAdvise = "health.advise"
    case forecastsRead = "forecasts.read"
    case forecastsWrite = "forecasts.write"
    /// Retention, field-key rotation and officers' searches for a person's reports.
    case privacyManage = "privacy.manage"
    /// A resident's export of the reports they filed themselves.
    case privacyExportOwn = "privacy.export-own"
}

/// The one table of which role may do which action.
public enum PermissionTable {
    static let staff: Set<Role> = [.admin, .dispatcher, .fieldUnit, .analyst, .healthOfficer, .publicInformationOfficer]

    /// The roles allowed to perform an action.
    public static func roles(for action: Action) -> Set<Role> {
        switch action {
        case .eventsAppend: [.admin, .dispatcher, .fieldUnit, .sensor]
        case .eventsRead: [.admin, .dispatcher, .analyst]
        case .streamRead, .activityRead: staff
        case .eventTypesRead, .identityRead: Set(Role.allCases)
        case .keysManage, .auditVerify: [.admin]
        case .metricsRead: [.admin, .analyst]
        case .routingRead: staff
        case .trafficWrite: [.admin, .dispatcher]
        case .dispatchRead: [.admin, .dispatcher, .fieldUnit, .analyst]
        case .dispatchWrite, .callerRead: [.admin, .dispatcher]
        case .dispatchRegistry: [.admin]
        case .unitStatusWrite: [.admin, .dispatcher, .fieldUnit]
        case .hospitalStatusWrite: [.admin, .dispatcher, .healthOfficer]
        case .alertsDraft: [.publicInformationOfficer]
        case .alertsApprove: [.admin]
        case .alertsRead: staff
        // Residents hold `public` keys: they may subscribe, list and remove their own subscriptions;
        // admins and public-information officers manage everyone's (organisations' feeds included).
        case .alertsSubscribe: [.admin, .publicInformationOfficer, .public]
        // External CAP comes from machine integrations (sensor-role keys) or an admin.
        case .alertsIngest: [.admin, .sensor]
        // Every role may see the registry and its readings; only admins change it; devices and admins report.
        case .sensorsRead: Set(Role.allCases)
        case .sensorsManage: [.admin]
        case .observationsWrite: [.admin, .sensor]
        case .signalsRead: staff
        case .signalsAcknowledge: [.admin, .dispatcher, .analyst, .healthOfficer]
        case .camerasRead: staff
        case .camerasManage: [.admin]
        case .detectionsWrite: [.admin, .sensor]
        // Live tracks are anonymous but still show where people are; only the desk and analysts see them.
        case .tracksRead: [.admin, .dispatcher, .analyst]
        // Residents (public keys) and staff file Open311 reports; the desk and officers move them along.
        case .reportsSubmit: [.public, .admin, .dispatcher, .fieldUnit, .publicInformationOfficer]
        case .reportsManage: [.admin, .dispatcher, .publicInformationOfficer]
        // Feed integrations hold sensor-role keys, as other machine sources do.
        case .socialWrite: [.admin, .sensor]
        // Exercise controllers (admins) start and end drills; the agencies taking part read the reports.
        case .drillsRun: [.admin]
        case .drillsRead: [.admin, .dispatcher, .analyst, .publicInformationOfficer]
        // Syndromic counts are aggregates, but still health data: officers, admins and analysts read them;
        // officers, admins and reporting feeds (sensor-role keys) send them.
        case .healthRead: [.admin, .healthOfficer, .analyst]
        case .healthWrite: [.admin, .healthOfficer, .sensor]
        // A health officer drafts the advisory; a supervisor (admin) approves it in the alert desk.
        case .healthAdvise: [.healthOfficer]
        // Forecasts are about places; commanders (dispatch), analysts and admins read them.
        case .forecastsRead: [.admin, .dispatcher, .analyst]
        case .forecastsWrite: [.admin, .analyst]
        case .privacyManage: [.admin]
        // Whoever may file reports may get back their own (the route also checks the contact they gave).
        case .privacyExportOwn: [.public, .admin, .dispatcher, .fieldUnit, .publicInformationOfficer]
        }
    }

    /// Whether a role may perform an action.
    public static func allows(_ role: Role, _ action: Action) -> Bool {
        roles(for: action).contains(role)
    }

    /// Actions that are a person's decision and need a signed-in session (password and TOTP code);
    /// an API key, a machine credential, is refused them even when its role has the permission.
    ///
    /// Keys may report and propose (observations, unit status, CAD exchange, drafts); only a person
    /// issues an alert to the public, says they have looked at a signal, or reads a caller's contact details.
    public static func needsPerson(_ action: Action) -> Bool {
        switch action {
        case .alertsApprove, .signalsAcknowledge, .callerRead: true
        default: false
        }
    }
}

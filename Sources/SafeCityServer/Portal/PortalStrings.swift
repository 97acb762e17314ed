import Alerting
import SafeCityCore
import Sensing

/// Every word the portal shows, in one language: one value per language (``english``, ``spanish``),
/// so a missing translation does not compile.
struct PortalStrings: Sendable {
    // Layout
    var languageName: String
    var siteName: String
    var portalName: String
    var skipLink: String
    var navigationLabel: String
    var navHome: String
    var navReport: String
    var navLearn: String
    var navProgress: String
    var navTransparency: String
    var emergencyBanner: String
    var footer: String
    var footerData: String

    // Home
    var homeTitle: String
    var homeIntro: String
    var alertsHeading: String
    var noAlerts: String
    var alertArea: String
    var alertSeverity: String
    var alertExpires: String
    var alertNoExpiry: String
    var alertWhatToDo: String
    var alertFeeds: String
    var alertFeedLink: String
    var severity: @Sendable (CAPInfo.Severity) -> String
    var airHeading: String
    var airIntro: String
    var noAir: String
    var mapTitle: String
    var mapDescription: @Sendable (_ areas: Int, _ worstCategory: String, _ worstAQI: Int) -> String
    var legendHeading: String
    var tableCaption: String
    var columnArea: String
    var columnAQI: String
    var columnCategory: String
    var columnSensors: String
    var adviceHeading: String
    var aqiCategory: @Sendable (AQICategory) -> String
    var aqiAdvice: @Sendable (AQICategory) -> String
    var airSource: String

    // Report
    var reportTitle: String
    var reportEmergency: String
    var reportIntro: String
    var reportServicesHeading: String
    var reportServices: [(name: String, detail: String)]
    var reportHowHeading: String
    var reportHowSteps: [String]
    var reportAfterHeading: String
    var reportAfter: String
    var reportDevelopersHeading: String
    var reportDevelopersPost: String
    var reportDevelopersList: String

    // Learn and modules
    var learnTitle: String
    var learnIntro: String
    var questionCount: @Sendable (Int) -> String
    var bestScore: @Sendable (_ score: Int, _ total: Int) -> String
    var notTakenYet: String
    var lessonHeading: String
    var sourceLabel: String
    var quizHeading: String
    var quizIntro: String
    var submitAnswers: String
    var resultHeading: String
    var resultScore: @Sendable (_ score: Int, _ total: Int) -> String
    var allCorrect: String
    var answerCorrect: String
    var answerWrong: String
    var yourAnswer: String
    var rightAnswer: String
    var progressSaved: String
    var progressLink: String
    var tryAgain: String
    var nextLesson: String
    var backToLessons: String
    var errorSummaryTitle: String
    var unanswered: @Sendable (Int) -> String

    // Progress
    var progressTitle: String
    var progressIntro: String
    var progressNone: String
    var progressCaption: String
    var progressCompleted: @Sendable (_ done: Int, _ all: Int) -> String
    var columnLesson: String
    var columnBest: String
    var columnLast: String
    var columnAttempts: String
    var columnWhen: String
    var scoreOf: @Sendable (_ score: Int, _ total: Int) -> String

    // Transparency
    var transparencyTitle: String
    var transparencyIntro: String
    var neverHeading: String
    var never: [String]
    var labelPurpose: String
    var labelCollects: String
    var labelNotCollected: String
    var labelRetention: String
    var labelAccess: String
    var role: @Sendable (Role) -> String
    var duration: @Sendable (_ seconds: Int) -> String
    /// How long the event record is kept, from the audit retention in days.
    var eventRecordRetention: @Sendable (Int) -> String
    var technologies: TransparencyText

    // Errors
    var errorTitle: @Sendable (_ status: Int) -> String
    var errorBody: @Sendable (_ status: Int) -> String
    var errorHome: String
    var errorReference: @Sendable (String) -> String
}

/// The transparency page's account of each technology, in one language.
struct TransparencyText: Sendable {
    var camerasTitle: String
    var camerasPurpose: String
    var camerasCollects: String
    var camerasNotCollected: String
    /// Per camera name and its track retention, already worded.
    var camerasRetention: @Sendable (_ perCamera: [String]) -> String
    var camerasNone: String
    var camerasAccessTracks: String
    var camerasAccessSignals: String

    var sensorsTitle: String
    var sensorsPurpose: String
    var sensorsCollects: String
    var sensorsNotCollected: String
    var sensorsAccess: String

    var reportsTitle: String
    var reportsPurpose: String
    var reportsCollects: String
    var reportsNotCollected: String
    /// From the retention of reporters' contacts in days.
    var reportsRetention: @Sendable (Int) -> String
    var reportsAccessReports: String
    var reportsAccessContact: String
    var reportsAccessSteps: String
    var reportsContactUse: String

    var socialTitle: String
    var socialPurpose: String
    var socialCollects: String
    var socialNotCollected: String
    var socialAccess: String
    var socialFeeds: String

    var dispatchTitle: String
    var dispatchPurpose: String
    var dispatchCollects: String
    var dispatchNotCollected: String
    /// From the retention of callers' details in days.
    var dispatchRetention: @Sendable (Int) -> String
    var dispatchAccessIncidents: String
    var dispatchAccessCallers: String
    var dispatchAccessAlerts: String

    var forecastTitle: String
    var forecastStatus: String
    var forecastPromise: String
    /// Method, cell size in metres, incidents learned from.
    var forecastInUse: @Sendable (_ method: String, _ cellMetres: Int, _ incidents: Int) -> String
    /// The audit's time, as text.
    var forecastAuditTitle: @Sendable (_ when: String) -> String
    var forecastColumns: [String]
    /// Hit-rate disparity, flagged-to-incidents disparity, the threshold.
    var forecastDisparity: @Sendable (_ hitRate: String, _ flagged: String, _ threshold: String) -> String
    var forecastUneven: String
    var forecastEven: String

    var portalTitle: String
    var portalPurpose: String
    var portalCollects: String
    var portalNotCollected: String
    var portalRetention: String
    var portalAccess: String
}

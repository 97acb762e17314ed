extension PortalStrings {
    /// The portal in English.
    static let english = PortalStrings(
        languageName: "English",
        siteName: "SafeCity",
        portalName: "Residents' portal",
        skipLink: "Skip to main content",
        navigationLabel: "Main",
        navHome: "Alerts and air",
        navReport: "Report a problem",
        navLearn: "Be prepared",
        navProgress: "My progress",
        navTransparency: "Transparency",
        emergencyBanner: "In an emergency, call 112.",
        footer: "SafeCity is the city's public-safety platform. This portal loads nothing from other websites and works without JavaScript.",
        footerData: "Open data:",

        homeTitle: "Public alerts and air quality",
        homeIntro: "Warnings in effect in the city and the latest air quality, as of when you loaded this page.",
        alertsHeading: "Alerts and advisories in effect",
        noAlerts: "There are no alerts in effect right now.",
        alertArea: "Area",
        alertSeverity: "Severity",
        alertExpires: "Expires",
        alertNoExpiry: "Until further notice",
        alertWhatToDo: "What to do",
        alertFeeds: "Apps, sirens and newsrooms can follow these alerts in the standard CAP format:",
        alertFeedLink: "the alerts feed (Atom)",
        severity: { severity in
            switch severity {
            case .extreme: "Extreme"
            case .severe: "Severe"
            case .moderate: "Moderate"
            case .minor: "Minor"
            case .unknown: "Unknown"
            }
        },
        airHeading: "Air quality",
        airIntro: "The US EPA Air Quality Index (AQI) by area of about 500 by 500 metres. Each area shows its worst reading; sensors found faulty are left out.",
        noAir: "No air-quality readings are available right now.",
        mapTitle: "Map of air quality by area",
        mapDescription: { areas, category, aqi in
            "\(areas) \(areas == 1 ? "area has" : "areas have") readings. North is at the top. The worst is \(category) (AQI \(aqi)). The table below gives the same information."
        },
        legendHeading: "AQI categories",
        tableCaption: "Air quality by area (the same data as the map)",
        columnArea: "Area (centre)",
        columnAQI: "AQI",
        columnCategory: "Category",
        columnSensors: "Sensors",
        adviceHeading: "What these levels mean for your health",
        aqiCategory: { $0.name },
        aqiAdvice: { $0.healthMessage },
        airSource: "Source: US EPA AQI (May 2024 breakpoints) with NowCast, from the city's sensors. The same data as JSON:",

        reportTitle: "Report a problem",
        reportEmergency: "Emergencies: call 112. Reports are for problems that are not emergencies.",
        reportIntro: "Tell the city about a problem in a public place, such as a broken street light or a hazard on the road. Each report goes to the team that handles it, and you can follow what happens to it.",
        reportServicesHeading: "What you can report",
        reportServices: [
            (name: "Suspicious activity", detail: "Something that seems wrong but is not an emergency. A dispatcher reviews it."),
            (name: "Broken street light", detail: "A light that is out, flickering or damaged."),
            (name: "Hazard on the road", detail: "Debris, a pothole, a fallen branch or anything else that puts road users at risk."),
            (name: "Graffiti", detail: "Graffiti on public property."),
            (name: "Noise", detail: "Noise that goes on late at night or for a long time."),
        ],
        reportHowHeading: "How to send a report",
        reportHowSteps: [
            "Use a city app or website that supports Open311, the open standard for reporting problems to cities.",
            "Choose the kind of problem and say where it is: an address or a point on the map.",
            "Add a photo and your contact details if you want updates. Both are optional.",
            "Keep the request number you get back: it lets you follow the report.",
        ],
        reportAfterHeading: "What happens next",
        reportAfter: "Your report is acknowledged, assigned to a team, worked on and closed with a public note. If you left contact details, you are told at each step. Your contact details are encrypted when stored and are never shown to the public.",
        reportDevelopersHeading: "For app developers",
        reportDevelopersPost: "SafeCity speaks Open311 GeoReport v2. Send reports with a POST to",
        reportDevelopersList: "The kinds of problem and their questions are listed at",

        learnTitle: "Be prepared",
        learnIntro: "Short lessons on what to do in an emergency. Each takes about five minutes and ends with a short quiz. Your results are saved on this device, without your name.",
        questionCount: { "\($0) questions" },
        bestScore: { "Your best score: \($0) of \($1)" },
        notTakenYet: "Not taken yet",
        lessonHeading: "What to do",
        sourceLabel: "Source:",
        quizHeading: "Check what you know",
        quizIntro: "Choose one answer for each question, then check your answers.",
        submitAnswers: "Check my answers",
        resultHeading: "Your result",
        resultScore: { "You got \($0) of \($1) right." },
        allCorrect: "Well done: all correct!",
        answerCorrect: "Correct",
        answerWrong: "Not quite",
        yourAnswer: "Your answer:",
        rightAnswer: "The right answer:",
        progressSaved: "Your result is saved.",
        progressLink: "See all your results",
        tryAgain: "Take the quiz again",
        nextLesson: "Next lesson:",
        backToLessons: "All lessons",
        errorSummaryTitle: "There is a problem",
        unanswered: { "Choose an answer for question \($0)." },

        progressTitle: "My progress",
        progressIntro: "Your quiz results are linked to an anonymous code kept in a cookie on this device. We never ask for your name. If you clear your cookies, the results can no longer be linked to you.",
        progressNone: "You have not finished a quiz on this device yet.",
        progressCaption: "Your quiz results",
        progressCompleted: { "You have completed \($0) of \($1) lessons." },
        columnLesson: "Lesson",
        columnBest: "Best score",
        columnLast: "Last score",
        columnAttempts: "Attempts",
        columnWhen: "Last taken",
        scoreOf: { "\($0) of \($1)" },

        transparencyTitle: "Transparency: the technology we use",
        transparencyIntro: "Every technology SafeCity uses, what data it collects, how long the data is kept and who can see it. Retention times and access are read from the running system's settings, not written by hand.",
        neverHeading: "What SafeCity will not do",
        never: [
            "No face recognition, and no other identification of people by their face or body, live or afterwards.",
            "No predictions about people. Forecasts, when used, are about places and times only.",
            "No automatic action: every suggestion the system makes is shown with its reasons to a person who decides.",
        ],
        labelPurpose: "What it is for",
        labelCollects: "What it collects",
        labelNotCollected: "What it does not collect",
        labelRetention: "How long it is kept",
        labelAccess: "Who can see it",
        role: { role in
            switch role {
            case .admin: "system administrators"
            case .dispatcher: "dispatchers"
            case .fieldUnit: "field crews (police, fire, ambulance)"
            case .analyst: "analysts"
            case .healthOfficer: "public-health officers"
            case .publicInformationOfficer: "public-information officers"
            case .sensor: "connected devices"
            case .public: "the public"
            }
        },
        duration: { seconds in
            if seconds <= 0 { return "not kept at all" }
            if seconds % 3600 == 0 { return seconds == 3600 ? "1 hour" : "\(seconds / 3600) hours" }
            if seconds % 60 == 0 { return seconds == 60 ? "1 minute" : "\(seconds / 60) minutes" }
            return seconds == 1 ? "1 second" : "\(seconds) seconds"
        },
        eventRecordRetention: { "Kept in the city's tamper-evident event record for at least \($0) days." },
        technologies: TransparencyText(
            camerasTitle: "Cameras and video analytics",
            camerasPurpose: "Spot situations in public places that may need help: someone loitering in a closed area, a bag left behind, a crowd forming, a car stopping where it must not.",
            camerasCollects: "Detections only: the kind of object (person, car, bag), its position in the picture and an anonymous track number.",
            camerasNotCollected: "No images or video are received or stored. No face recognition. Track numbers are not linked to anyone.",
            camerasRetention: { "Anonymous tracks are kept in memory only, never on disk, for: \($0.joined(separator: "; ")). Alerts a camera raises (for example a bag left behind) are kept in the event record with at most 24 track points as evidence." },
            camerasNone: "No camera is connected right now. When one is, how long its tracks are kept appears here.",
            camerasAccessTracks: "Live anonymous tracks",
            camerasAccessSignals: "Camera alerts",
            sensorsTitle: "Environmental sensors",
            sensorsPurpose: "Measure air quality, noise, water levels and traffic, and warn when readings pass safe limits.",
            sensorsCollects: "Measurements with the time and the sensor's location.",
            sensorsNotCollected: "Nothing about people: sensors do not record sound or images.",
            sensorsAccess: "Readings",
            reportsTitle: "Residents' reports (Open311)",
            reportsPurpose: "Let residents report problems in public places and follow them to a fix.",
            reportsCollects: "The kind of problem, its description and place, an optional photo link and optional contact details.",
            reportsNotCollected: "Contact details are optional; reports can be anonymous.",
            reportsRetention: { "Kept in the event record. Contact details are encrypted, and their key is destroyed \($0) days after the end of the month of the report, so they can no longer be read by anyone. You can ask for a copy of your reports." },
            reportsAccessReports: "Reports and their status",
            reportsAccessContact: "Your contact details",
            reportsAccessSteps: "Moving a report along (assigned, in progress, closed)",
            reportsContactUse: "No one can read them through the system: they are encrypted when stored and opened only to send you news of your report.",
            socialTitle: "Social-media monitoring",
            socialPurpose: "Notice sudden bursts of public posts about fires, smoke, shots, floods or crashes in an area.",
            socialCollects: "Public posts only: text, time and place tag.",
            socialNotCollected: "No private messages and no profiles of people. Authors' handles are replaced by a one-way hash before anything is stored.",
            socialAccess: "Bursts and the posts behind them",
            socialFeeds: "Sending posts in (the city's feed integrations)",
            dispatchTitle: "Emergency calls, dispatch and public alerts",
            dispatchPurpose: "Take emergency calls, send the nearest suitable police, fire and ambulance units, and warn residents with standard public alerts (CAP).",
            dispatchCollects: "Incidents (type, place, times, units sent), unit positions and status, and the caller's name, number and address.",
            dispatchNotCollected: "Call audio is not stored by SafeCity.",
            dispatchRetention: { "Kept in the event record. Callers' details are encrypted, and their key is destroyed \($0) days after the end of the month of the call, so they can no longer be read by anyone." },
            dispatchAccessIncidents: "Incidents and units",
            dispatchAccessCallers: "Callers' details",
            dispatchAccessAlerts: "Public alerts",
            forecastTitle: "Forecasting",
            forecastStatus: "Not in use yet.",
            forecastPromise: "When it is, this section will show what it forecasts (places and times, never people), the data it learns from, and its latest fairness audit.",
            forecastInUse: { "In use: \($0) forecasts of where recorded crime is likely in the next 24 hours, by \($1) m square — places and times, never people. It learns from \($2) recorded incidents of the kinds victims report (theft, assault, burglary…), not from police-initiated records such as drug arrests, which show where officers already patrol." },
            forecastAuditTitle: { "Latest fairness audit (\($0))" },
            forecastColumns: ["District", "Share of incidents", "Share of flagged area", "Incidents caught"],
            forecastDisparity: { "Between districts, the share of incidents caught differs by a factor of \($0), and flagged area against incidents by \($1); we treat more than \($2) as a warning." },
            forecastUneven: "Warning: the forecast serves some districts noticeably worse or watches them noticeably more than their incidents warrant. Analysts review it before patrols rely on it.",
            forecastEven: "No district is flagged or served out of proportion to its incidents.",
            portalTitle: "This portal",
            portalPurpose: "Save your quiz progress without an account.",
            portalCollects: "A random code in a cookie on your device. With each finished quiz we store a one-way hash of that code, the lesson, the score and the language.",
            portalNotCollected: "No name, e-mail or location. The code itself is never stored.",
            portalRetention: "The cookie lasts a year on your device; results are kept in the event record.",
            portalAccess: "Quiz results"),

        errorTitle: { status in
            switch status {
            case 403: "This form has expired"
            case 404: "Page not found"
            case 413: "That form is too large"
            case 400, 415, 422: "We could not read that form"
            default: "Something went wrong"
            }
        },
        errorBody: { status in
            switch status {
            case 403: "For your safety, forms only work for a while and only from this website. Go back, reload the page and try again."
            case 404: "There is no page at this address. It may have moved."
            case 413: "The form you sent is larger than this page accepts. Go back and try again."
            case 400, 415, 422: "Some of the answers could not be understood. Go back, reload the page and try again."
            default: "The portal could not answer just now. Please try again in a few minutes."
            }
        },
        errorHome: "Go to the portal's home page",
        errorReference: { "Reference: \($0)" })
}

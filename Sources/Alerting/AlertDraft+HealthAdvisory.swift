import Geo
import SafeCityCore

extension AlertDraft {
    /// A public-health advisory for a rise in a syndrome (an outbreak signal) in named areas, in English
    /// and Spanish, around `center`; for a health officer to draft and a supervisor to approve.
    public static func healthAdvisory(syndrome: String, areaNames: [String], sinceWeek: String, center: GeoPoint, radiusMetres: Double,
                                      now: Timestamp, days: Int64 = 7) -> AlertDraft {
        let places = areaNames.isEmpty ? "parts of the city" : areaNames.joined(separator: ", ")
        let illness = syndrome.replacingOccurrences(of: "-", with: " ")
        // Wireless texts have hard limits (90 and 360 characters): name the areas if they fit, else say "the city".
        func fitting(_ limit: Int, _ text: (String) -> String) -> String {
            let named = text(places)
            return named.count <= limit ? named : text(areaNames.count == 1 ? "one district" : "several districts")
        }
        return AlertDraft(
            event: "Public Health Advisory", category: .health, responseType: .prepare, urgency: .expected, severity: .moderate,
            certainty: .likely,
            texts: [
                AlertText(
                    language: "en-US", headline: "Health advisory: more \(illness) illness than usual in \(places)",
                    description: "Emergency departments are seeing more patients with \(illness) illness from \(places) than usual for the season, since the week of \(sinceWeek).",
                    instruction: "Wash hands often, stay home when ill, and keep older relatives and infants away from people who are ill. Call your doctor before going to an emergency department unless it is an emergency; call 112 in an emergency.",
                    wirelessText: fitting(90) { "Health advisory: \(illness) illness up in \($0). Stay home if ill." },
                    wirelessLongText: fitting(360) { "SafeCity health advisory: more \(illness) illness than usual in \($0). Wash hands, stay home when ill, protect infants and older relatives. Emergencies: 112." }),
                AlertText(
                    language: "es-US", headline: "Aviso sanitario: más casos de enfermedad \(illness) de lo habitual en \(places)",
                    description: "Las urgencias atienden a más pacientes con enfermedad \(illness) de \(places) de lo habitual para la temporada, desde la semana del \(sinceWeek).",
                    instruction: "Lávese las manos a menudo, quédese en casa si está enfermo y mantenga a los mayores y a los bebés lejos de personas enfermas. Llame a su médico antes de ir a urgencias salvo emergencia; en una emergencia llame al 112.",
                    wirelessText: fitting(90) { "Aviso sanitario: más enfermedad en \($0). Si está enfermo, quédese en casa." },
                    wirelessLongText: nil),
            ],
            area: .around(center, radiusMetres: radiusMetres, description: "\(places): within \(Int(radiusMetres)) m of the affected areas"),
            onset: now, expires: now.adding(milliseconds: days * 86_400_000))
    }
}

extension AlertDraft {
    /// A health advisory for air quality at or above an AQI level, in English and Spanish, with the EPA
    /// category's own health message; `severe` when everyone (not only sensitive groups) is at risk.
    public static func airQualityHealthAdvisory(aqi: Int, pollutant: String, category: (english: String, spanish: String),
                                                message: (english: String, spanish: String), everyone: Bool,
                                                center: GeoPoint, radiusMetres: Double, now: Timestamp, hours: Int64 = 12) -> AlertDraft {
        let who = everyone ? "Everyone" : "Children, older adults and people with heart or lung disease"
        let quien = everyone ? "Todas las personas" : "Niños, personas mayores y personas con enfermedades cardíacas o pulmonares"
        return AlertDraft(
            event: "Air Quality Health Advisory", category: .health, responseType: .avoid, urgency: .expected,
            severity: everyone ? .severe : .moderate, certainty: .observed,
            texts: [
                AlertText(
                    language: "en-US", headline: "Air quality \(category.english.lowercased()): AQI \(aqi) (\(pollutant))",
                    description: "\(message.english) The worst reading is AQI \(aqi) for \(pollutant).",
                    instruction: "\(who) should avoid long or heavy exertion outdoors and keep windows closed; call 112 in an emergency.",
                    wirelessText: "Air quality \(everyone ? "unhealthy" : "poor") (AQI \(aqi)). \(everyone ? "Limit" : "Sensitive groups limit") time outdoors.",
                    wirelessLongText: "SafeCity air quality advisory: AQI \(aqi) (\(pollutant)), \(category.english.lowercased()). \(who) should avoid long or heavy exertion outdoors."),
                AlertText(
                    language: "es-US", headline: "Calidad del aire \(category.spanish.lowercased()): ICA \(aqi) (\(pollutant))",
                    description: "\(message.spanish) La peor lectura es ICA \(aqi) de \(pollutant).",
                    instruction: "\(quien) deben evitar esfuerzos largos o intensos al aire libre y mantener las ventanas cerradas; en una emergencia llame al 112.",
                    wirelessText: "Aire \(everyone ? "dañino" : "malo") (ICA \(aqi)). \(everyone ? "Limite" : "Grupos sensibles: limiten") el tiempo al aire libre.",
                    wirelessLongText: nil),
            ],
            area: .around(center, radiusMetres: radiusMetres, description: "Within \(Int(radiusMetres)) m of the readings at AQI \(aqi)"),
            onset: now, expires: now.adding(milliseconds: hours * 3_600_000))
    }
}

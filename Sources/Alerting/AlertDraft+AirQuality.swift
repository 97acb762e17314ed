import Geo
import SafeCityCore

extension AlertDraft {
    /// A ready-made English/Spanish air-quality advisory for a circle around `center`.
    public static func airQualityAdvisory(center: GeoPoint, radiusMetres: Double, now: Timestamp, hours: Int64 = 6) -> AlertDraft {
        AlertDraft(
            event: "Air Quality Advisory", category: .env, responseType: .avoid, urgency: .expected, severity: .moderate,
            certainty: .likely,
            texts: [
                AlertText(
                    language: "en-US", headline: "Air quality advisory: fine particles unhealthy for sensitive groups",
                    description: "PM2.5 readings near the harbour are in the 'unhealthy for sensitive groups' range.",
                    instruction: "Children, older adults and people with heart or lung disease should limit time outdoors.",
                    wirelessText: "Air quality alert near the harbour. Sensitive groups limit outdoor activity.",
                    wirelessLongText: "SafeCity: fine-particle pollution near the harbour is unhealthy for sensitive groups. Children, older adults and people with heart or lung disease should limit time outdoors until further notice."),
                AlertText(
                    language: "es-US", headline: "Aviso de calidad del aire: partículas finas dañinas para grupos sensibles",
                    description: "Las lecturas de PM2.5 cerca del puerto son dañinas para grupos sensibles.",
                    instruction: "Niños, personas mayores y personas con enfermedades cardíacas o pulmonares deben limitar el tiempo al aire libre.",
                    wirelessText: "Alerta de aire cerca del puerto. Grupos sensibles: limiten actividad al aire libre.",
                    wirelessLongText: nil),
            ],
            area: .around(center, radiusMetres: radiusMetres, description: "Within \(Int(radiusMetres)) m of the harbour air sensor"),
            onset: now, expires: now.adding(milliseconds: hours * 3_600_000))
    }
}

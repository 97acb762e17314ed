import Geo
import SafeCityCore

extension AlertDraft {
    /// Hazards at an incident that residents nearby must be warned of.
    public enum IncidentHazard: String, Sendable, CaseIterable {
        case fire, gasLeak, hazardousMaterials
    }

    /// A ready-made English/Spanish warning for a circle around an incident, valid for `hours`.
    public static func incidentWarning(_ hazard: IncidentHazard, incidentID: String, at location: GeoPoint, radiusMetres: Double,
                                       now: Timestamp, hours: Int64 = 2) -> AlertDraft {
        let metres = Int(radiusMetres)
        let (event, category, response, english, spanish): (String, CAPInfo.Category, CAPInfo.ResponseType, AlertText, AlertText) =
            switch hazard {
            case .fire: ("Fire", .fire, .avoid,
                AlertText(language: "en-US", headline: "Fire: keep away from the area",
                          description: "Firefighters are working at a fire. Smoke and emergency vehicles within \(metres) m.",
                          instruction: "Keep away and keep roads clear. If smoke reaches you, close windows and stay inside.",
                          wirelessText: "Fire nearby: keep away, keep roads clear, close windows if smoky.", wirelessLongText: nil),
                AlertText(language: "es-US", headline: "Incendio: manténgase alejado de la zona",
                          description: "Los bomberos trabajan en un incendio. Humo y vehículos de emergencia en \(metres) m.",
                          instruction: "Aléjese y deje libres las calles. Si llega el humo, cierre ventanas y quédese dentro.",
                          wirelessText: "Incendio cerca: aléjese, deje calles libres, cierre ventanas si hay humo.", wirelessLongText: nil))
            case .gasLeak: ("Gas Leak", .safety, .evacuate,
                AlertText(language: "en-US", headline: "Gas leak: leave the area",
                          description: "A gas leak has been reported. Crews are making the area within \(metres) m safe.",
                          instruction: "Leave the area on foot. Do not use flames, switches or phones near the smell of gas.",
                          wirelessText: "Gas leak nearby: leave on foot; no flames or switches.", wirelessLongText: nil),
                AlertText(language: "es-US", headline: "Fuga de gas: abandone la zona",
                          description: "Se ha informado de una fuga de gas. Los equipos aseguran la zona en \(metres) m.",
                          instruction: "Salga a pie. No use llamas, interruptores ni teléfonos cerca del olor a gas.",
                          wirelessText: "Fuga de gas cerca: salga a pie; sin llamas ni interruptores.", wirelessLongText: nil))
            case .hazardousMaterials: ("Hazardous Materials Warning", .cbrne, .shelter,
                AlertText(language: "en-US", headline: "Hazardous materials: stay indoors",
                          description: "A hazardous materials release is being contained within \(metres) m.",
                          instruction: "Go indoors, close windows and doors, turn off ventilation until told it is safe.",
                          wirelessText: "Hazmat release nearby: go indoors, close windows, turn off ventilation.", wirelessLongText: nil),
                AlertText(language: "es-US", headline: "Materiales peligrosos: quédese en casa",
                          description: "Se está conteniendo una fuga de materiales peligrosos en \(metres) m.",
                          instruction: "Entre, cierre puertas y ventanas y apague la ventilación hasta nuevo aviso.",
                          wirelessText: "Fuga peligrosa cerca: entre, cierre ventanas, apague ventilación.", wirelessLongText: nil))
            }
        return AlertDraft(
            event: event, category: category, responseType: response, urgency: .immediate, severity: .severe, certainty: .observed,
            texts: [english, spanish],
            area: .around(location, radiusMetres: radiusMetres, description: "Within \(metres) m of incident \(incidentID)"),
            onset: now, expires: now.adding(milliseconds: hours * 3_600_000), incidentID: incidentID)
    }
}

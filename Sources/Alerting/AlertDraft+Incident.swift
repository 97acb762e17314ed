import Geo
import SafeCityCore

extension AlertDraft {
    /// Hazards at an incident that residents nearby must be warned of.
    public enum IncidentHazard: String, Sendable, CaseIterable {
        case fire, gasLeak, hazardousMaterials
    }

    /// How far from an incident residents are warned.
    public enum IncidentReach: Hashable, Sendable {
        /// A circle of this radius.
        case radius(metres: Double)
        /// The area reachable by road within so many minutes: `ring` is its outline (closed, from an isochrone).
        case travel(minutes: Int, ring: [GeoPoint])

        /// The reach as English text reads it after a noun ("smoke within …").
        var english: String {
            switch self {
            case let .radius(metres): "within \(Int(metres)) m"
            case let .travel(minutes, _): "within a \(minutes)-minute drive"
            }
        }

        /// The same in Spanish.
        var spanish: String {
            switch self {
            case let .radius(metres): "en \(Int(metres)) m"
            case let .travel(minutes, _): "a \(minutes) minutos en coche"
            }
        }

        /// The alert area around `location`.
        func area(around location: GeoPoint, incidentID: String) -> AlertArea {
            let description = english.prefix(1).uppercased() + english.dropFirst() + " of incident \(incidentID)"
            return switch self {
            case let .radius(metres): .around(location, radiusMetres: metres, description: description)
            case let .travel(_, ring): AlertArea(description: description, polygon: ring)
            }
        }
    }

    /// A ready-made English/Spanish warning for a circle around an incident, valid for `hours`.
    public static func incidentWarning(_ hazard: IncidentHazard, incidentID: String, at location: GeoPoint, radiusMetres: Double,
                                       now: Timestamp, hours: Int64 = 2) -> AlertDraft {
        incidentWarning(hazard, incidentID: incidentID, at: location, reach: .radius(metres: radiusMetres), now: now, hours: hours)
    }

    /// A ready-made English/Spanish warning for the area an incident's hazard reaches, valid for `hours`.
    public static func incidentWarning(_ hazard: IncidentHazard, incidentID: String, at location: GeoPoint, reach: IncidentReach,
                                       now: Timestamp, hours: Int64 = 2) -> AlertDraft {
        let (near, cerca) = (reach.english, reach.spanish)
        let (event, category, response, english, spanish): (String, CAPInfo.Category, CAPInfo.ResponseType, AlertText, AlertText) =
            switch hazard {
            case .fire: ("Fire", .fire, .avoid,
                AlertText(language: "en-US", headline: "Fire: keep away from the area",
                          description: "Firefighters are working at a fire. Smoke and emergency vehicles \(near).",
                          instruction: "Keep away and keep roads clear. If smoke reaches you, close windows and stay inside.",
                          wirelessText: "Fire nearby: keep away, keep roads clear, close windows if smoky.", wirelessLongText: nil),
                AlertText(language: "es-US", headline: "Incendio: manténgase alejado de la zona",
                          description: "Los bomberos trabajan en un incendio. Humo y vehículos de emergencia \(cerca).",
                          instruction: "Aléjese y deje libres las calles. Si llega el humo, cierre ventanas y quédese dentro.",
                          wirelessText: "Incendio cerca: aléjese, deje calles libres, cierre ventanas si hay humo.", wirelessLongText: nil))
            case .gasLeak: ("Gas Leak", .safety, .evacuate,
                AlertText(language: "en-US", headline: "Gas leak: leave the area",
                          description: "A gas leak has been reported. Crews are making the area \(near) safe.",
                          instruction: "Leave the area on foot. Do not use flames, switches or phones near the smell of gas.",
                          wirelessText: "Gas leak nearby: leave on foot; no flames or switches.", wirelessLongText: nil),
                AlertText(language: "es-US", headline: "Fuga de gas: abandone la zona",
                          description: "Se ha informado de una fuga de gas. Los equipos aseguran la zona \(cerca).",
                          instruction: "Salga a pie. No use llamas, interruptores ni teléfonos cerca del olor a gas.",
                          wirelessText: "Fuga de gas cerca: salga a pie; sin llamas ni interruptores.", wirelessLongText: nil))
            case .hazardousMaterials: ("Hazardous Materials Warning", .cbrne, .shelter,
                AlertText(language: "en-US", headline: "Hazardous materials: stay indoors",
                          description: "A hazardous materials release is being contained \(near).",
                          instruction: "Go indoors, close windows and doors, turn off ventilation until told it is safe.",
                          wirelessText: "Hazmat release nearby: go indoors, close windows, turn off ventilation.", wirelessLongText: nil),
                AlertText(language: "es-US", headline: "Materiales peligrosos: quédese en casa",
                          description: "Se está conteniendo una fuga de materiales peligrosos \(cerca).",
                          instruction: "Entre, cierre puertas y ventanas y apague la ventilación hasta nuevo aviso.",
                          wirelessText: "Fuga peligrosa cerca: entre, cierre ventanas, apague ventilación.", wirelessLongText: nil))
            }
        return AlertDraft(
            event: event, category: category, responseType: response, urgency: .immediate, severity: .severe, certainty: .observed,
            texts: [english, spanish],
            area: reach.area(around: location, incidentID: incidentID),
            onset: now, expires: now.adding(milliseconds: hours * 3_600_000), incidentID: incidentID)
    }
}

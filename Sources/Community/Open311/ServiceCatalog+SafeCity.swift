extension ServiceCatalog {
    /// SafeCity's public-safety services, each routed to the agency queue that handles it.
    public static let safeCity: ServiceCatalog = {
        let yesNo = [AttributeValue(key: "yes", name: "Yes"), AttributeValue(key: "no", name: "No")]
        let hourSeconds: Int64 = 3600
        let services = [
            Open311Service(
                code: "suspicious-activity", name: "Suspicious activity",
                description: "Something that looks wrong and that police should know about. Not for emergencies: if someone is in danger now, call the emergency number (112).",
                keywords: ["suspicious", "crime", "safety", "police"], group: "public safety",
                definition: ServiceDefinition(serviceCode: "suspicious-activity", attributes: [
                    ServiceAttribute(
                        variable: false, code: "EMERGENCY", datatype: .string, required: false, order: 1,
                        description: "If anyone is in danger now, call the emergency number (112) instead of using this form."),
                    ServiceAttribute(
                        code: "ONGOING", datatype: .singlevaluelist, required: true, order: 2,
                        description: "Is it still happening?", values: yesNo),
                    ServiceAttribute(
                        code: "SEEN_AT", datatype: .datetime, required: false,
                        datatypeDescription: "date and time with UTC offset, e.g. 2026-11-25T21:30:00-05:00", order: 3,
                        description: "When did you see it?"),
                ]),
                agency: .police,
                serviceNotice: "Police review every report; a dispatcher decides whether to send an officer.",
                suggestsIncident: true),
            Open311Service(
                code: "street-light", name: "Broken street light",
                description: "A street light that is out, flickering or damaged.",
                keywords: ["light", "lamp", "dark", "street light"], group: "streets",
                agency: .publicWorks,
                serviceNotice: "Public Works repairs reported street lights.",
                targetResolutionSeconds: 7 * 24 * hourSeconds),
            Open311Service(
                code: "road-hazard", name: "Hazard on road",
                description: "Something on the road that endangers traffic: debris, a pothole, a spill, a missing cover.",
                keywords: ["debris", "pothole", "spill", "obstruction", "road"], group: "streets",
                definition: ServiceDefinition(serviceCode: "road-hazard", attributes: [
                    ServiceAttribute(
                        code: "HAZARD_KIND", datatype: .singlevaluelist, required: true, order: 1,
                        description: "What is on the road?",
                        values: [
                            AttributeValue(key: "debris", name: "Debris or fallen load"),
                            AttributeValue(key: "pothole", name: "Pothole"),
                            AttributeValue(key: "spill", name: "Oil or other spill"),
                            AttributeValue(key: "missing-cover", name: "Missing manhole or drain cover"),
                            AttributeValue(key: "signal-out", name: "Traffic signal not working"),
                            AttributeValue(key: "other", name: "Something else"),
                        ]),
                ]),
                agency: .roadsAndTraffic,
                serviceNotice: "Roads and Traffic makes hazards safe first and repairs them afterwards.",
                targetResolutionSeconds: 24 * hourSeconds),
            Open311Service(
                code: "graffiti", name: "Graffiti",
                description: "Graffiti on public property.",
                keywords: ["graffiti", "tag", "vandalism", "paint"], group: "streets",
                definition: ServiceDefinition(serviceCode: "graffiti", attributes: [
                    ServiceAttribute(
                        code: "OFFENSIVE", datatype: .singlevaluelist, required: true, order: 1,
                        description: "Is it offensive (hateful or obscene)? Offensive graffiti is removed first.", values: yesNo),
                ]),
                agency: .publicWorks,
                serviceNotice: "Public Works removes graffiti from public property.",
                targetResolutionSeconds: 5 * 24 * hourSeconds),
            Open311Service(
                code: "noise", name: "Noise",
                description: "Noise that disturbs the neighbourhood.",
                keywords: ["noise", "loud", "music", "party"], group: "public safety",
                definition: ServiceDefinition(serviceCode: "noise", attributes: [
                    ServiceAttribute(
                        code: "NOISE_KIND", datatype: .singlevaluelist, required: true, order: 1,
                        description: "What kind of noise?",
                        values: [
                            AttributeValue(key: "music", name: "Music or party"),
                            AttributeValue(key: "construction", name: "Construction"),
                            AttributeValue(key: "vehicle", name: "Vehicle or engine"),
                            AttributeValue(key: "alarm", name: "Alarm"),
                            AttributeValue(key: "other", name: "Something else"),
                        ]),
                    ServiceAttribute(
                        code: "STARTED_AT", datatype: .datetime, required: false,
                        datatypeDescription: "date and time with UTC offset", order: 2,
                        description: "When did it start?"),
                ]),
                agency: .policeNonEmergency,
                serviceNotice: "The police non-emergency desk follows up noise complaints."),
            Open311Service(
                code: "abandoned-vehicle", name: "Abandoned vehicle",
                description: "A vehicle that seems to have been left on the street for a long time.",
                keywords: ["car", "vehicle", "abandoned", "parked"], group: "streets",
                definition: ServiceDefinition(serviceCode: "abandoned-vehicle", attributes: [
                    ServiceAttribute(
                        code: "PLATE", datatype: .string, required: false, order: 1,
                        description: "Licence plate, if visible."),
                    ServiceAttribute(
                        code: "DAYS_PARKED", datatype: .number, required: false,
                        datatypeDescription: "a number of days", order: 2,
                        description: "About how many days has it been there?"),
                ]),
                agency: .parkingEnforcement,
                serviceNotice: "Parking Enforcement checks the vehicle and tags it if it is abandoned.",
                targetResolutionSeconds: 10 * 24 * hourSeconds),
            Open311Service(
                code: "fallen-tree", name: "Fallen tree",
                description: "A tree or large branch that has fallen on public land.",
                keywords: ["tree", "branch", "storm"], group: "parks and trees",
                definition: ServiceDefinition(serviceCode: "fallen-tree", attributes: [
                    ServiceAttribute(
                        code: "BLOCKING", datatype: .multivaluelist, required: false, order: 1,
                        description: "What is it blocking?",
                        values: [
                            AttributeValue(key: "road", name: "Road"),
                            AttributeValue(key: "sidewalk", name: "Sidewalk"),
                            AttributeValue(key: "power-lines", name: "Touching power lines"),
                        ]),
                ]),
                agency: .urbanForestry,
                serviceNotice: "Urban Forestry clears fallen trees; keep away from any wires.",
                targetResolutionSeconds: 48 * hourSeconds),
            Open311Service(
                code: "flooding", name: "Flooding",
                description: "Standing water on a street or a blocked drain.",
                keywords: ["flood", "water", "drain", "storm"], group: "streets",
                agency: .stormwater,
                serviceNotice: "Stormwater crews clear drains; do not drive through flood water.",
                targetResolutionSeconds: 24 * hourSeconds),
        ]
        do {
            return try ServiceCatalog(services: services)
        } catch {
            preconditionFailure("SafeCity's built-in catalog is invalid: \(error)")
        }
    }()
}

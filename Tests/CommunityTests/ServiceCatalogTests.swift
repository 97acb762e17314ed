import Testing
@testable import Community

@Suite struct ServiceCatalogTests {
    let catalog = ServiceCatalog.safeCity

    @Test func routesEachPublicSafetyServiceToItsAgency() {
        let expected: [String: AgencyQueue] = [
            "suspicious-activity": .police, "street-light": .publicWorks, "road-hazard": .roadsAndTraffic,
            "graffiti": .publicWorks, "noise": .policeNonEmergency, "abandoned-vehicle": .parkingEnforcement,
            "fallen-tree": .urbanForestry, "flooding": .stormwater,
        ]
        #expect(Set(catalog.services.map(\.code)) == Set(expected.keys))
        for (code, agency) in expected { #expect(catalog.service(code)?.agency == agency, "\(code)") }
        #expect(catalog.services.filter(\.suggestsIncident).map(\.code) == ["suspicious-activity"])
    }

    @Test func definitionsOnlyForServicesWithMetadata() throws {
        #expect(catalog.definition("street-light") == nil)
        #expect(catalog.definition("flooding") == nil)
        #expect(catalog.definition("nope") == nil)
        let hazard = try #require(catalog.definition("road-hazard")?.attribute("HAZARD_KIND"))
        #expect(hazard.datatype == .singlevaluelist && hazard.required)
        let offensive = try #require(catalog.definition("graffiti")?.attribute("OFFENSIVE"))
        #expect(offensive.values.map(\.key) == ["yes", "no"])
        #expect(catalog.definition("noise")?.attribute("NOISE_KIND")?.datatype == .singlevaluelist)
    }

    @Test func refusesABrokenCatalog() {
        let light = catalog.service("street-light")!
        #expect(throws: CommunityError.self) { try ServiceCatalog(services: [light, light]) }
        var badOrder = catalog.service("noise")!
        badOrder.definition!.attributes[1].order = 1
        #expect(throws: CommunityError.self) { try ServiceCatalog(services: [badOrder]) }
        var emptyList = catalog.service("graffiti")!
        emptyList.definition!.attributes[0].values = []
        #expect(throws: CommunityError.self) { try ServiceCatalog(services: [emptyList]) }
        var misfiled = catalog.service("graffiti")!
        misfiled.definition!.serviceCode = "noise"
        #expect(throws: CommunityError.self) { try ServiceCatalog(services: [misfiled]) }
    }
}

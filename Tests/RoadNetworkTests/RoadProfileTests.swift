import Testing
import RoadNetwork

@Suite struct RoadProfileTests {
    @Test func carUsesClassDefaultsAndMaxspeed() throws {
        let residential = try #require(RoadProfile.car.attributes(of: ["highway": "residential"]))
        #expect(residential.speedKmh == 30 && residential.forward && residential.backward)
        let tagged = try #require(RoadProfile.car.attributes(of: ["highway": "primary", "maxspeed": "30 mph"]))
        #expect(abs(tagged.speedKmh - 48.28032) < 1e-6)
        #expect(RoadProfile.car.attributes(of: ["highway": "footway"]) == nil)
        #expect(RoadProfile.car.attributes(of: ["highway": "track"]) == nil)
        #expect(RoadProfile.car.attributes(of: ["building": "yes"]) == nil)
        #expect(RoadProfile.car.attributes(of: ["highway": "service", "area": "yes"]) == nil)
    }

    @Test(arguments: [
        (["highway": "residential", "oneway": "yes"], true, false),
        (["highway": "residential", "oneway": "1"], true, false),
        (["highway": "residential", "oneway": "true"], true, false),
        (["highway": "residential", "oneway": "-1"], false, true),
        (["highway": "residential", "junction": "roundabout"], true, false),
        (["highway": "primary", "junction": "roundabout", "oneway": "no"], true, true),
        (["highway": "motorway"], true, false),
        (["highway": "motorway_link"], true, false),
        (["highway": "motorway", "oneway": "no"], true, true),
        (["highway": "tertiary"], true, true),
    ])
    func onewayRules(tags: [String: String], forward: Bool, backward: Bool) throws {
        for profile in [RoadProfile.car, .emergency] {
            let attributes = try #require(profile.attributes(of: tags))
            #expect(attributes.forward == forward && attributes.backward == backward)
        }
    }

    @Test func accessRules() {
        let excludedForCar: [OSMTags] = [
            ["highway": "residential", "access": "private"],
            ["highway": "residential", "motorcar": "private", "access": "yes"],
            ["highway": "service", "access": "no", "psv": "yes"],
            ["highway": "residential", "access": "no", "bus": "yes"],
            ["highway": "busway"],
            ["highway": "residential", "oneway": "reversible"],
        ]
        for tags in excludedForCar {
            #expect(RoadProfile.car.attributes(of: tags) == nil, "car should not use \(tags)")
            #expect(RoadProfile.emergency.attributes(of: tags) != nil, "emergency should use \(tags)")
        }
        #expect(RoadProfile.car.attributes(of: ["highway": "residential", "access": "no", "motorcar": "yes"]) != nil)
        #expect(RoadProfile.car.attributes(of: ["highway": "residential", "motor_vehicle": "destination"]) != nil)
        #expect(RoadProfile.emergency.attributes(of: ["highway": "residential", "emergency": "no"]) == nil)
        #expect(RoadProfile.emergency.attributes(of: ["highway": "residential", "access": "no"]) == nil)
        #expect(RoadProfile.car.attributes(of: ["highway": "residential", "motor_vehicle": "no"]) == nil)
        #expect(RoadProfile.emergency.attributes(of: ["highway": "service", "access": "no", "emergency": "yes"]) != nil)
        #expect(RoadProfile.emergency.attributes(of: ["highway": "service", "access": "no"]) == nil)
        let contraflow = RoadProfile.emergency.attributes(of: ["highway": "primary", "oneway": "yes", "oneway:psv": "no"])
        #expect(contraflow?.backward == true)
        #expect(RoadProfile.car.attributes(of: ["highway": "primary", "oneway": "yes", "oneway:psv": "no"])?.backward == false)
    }

    @Test func emergencyIsFasterOnMajorRoadsOnly() throws {
        func speeds(_ tags: OSMTags) throws -> (car: Double, emergency: Double) {
            (try #require(RoadProfile.car.attributes(of: tags)).speedKmh,
             try #require(RoadProfile.emergency.attributes(of: tags)).speedKmh)
        }
        let primary = try speeds(["highway": "primary", "maxspeed": "50"])
        #expect(primary.car == 50 && abs(primary.emergency - 60) < 1e-9)
        let secondary = try speeds(["highway": "secondary", "maxspeed": "50"])
        #expect(abs(secondary.emergency - 55) < 1e-9)
        let residential = try speeds(["highway": "residential"])
        #expect(residential.emergency == residential.car)
        let motorway = try speeds(["highway": "motorway", "maxspeed": "130"])
        #expect(motorway.emergency == 140)
        let autobahn = try speeds(["highway": "motorway", "maxspeed": "150"])
        #expect(autobahn.emergency == autobahn.car)
        for highway in SpeedTable.defaultSpeedKmh.keys where highway != "busway" {
            let pair = try speeds(["highway": highway])
            #expect(pair.emergency >= pair.car)
        }
    }

    @Test func barrierRules() {
        #expect(RoadProfile.car.isBlocked(nodeTags: ["barrier": "bollard"]))
        #expect(RoadProfile.car.isBlocked(nodeTags: ["barrier": "block"]))
        #expect(!RoadProfile.car.isBlocked(nodeTags: ["barrier": "gate"]))
        #expect(!RoadProfile.car.isBlocked(nodeTags: ["barrier": "lift_gate"]))
        #expect(RoadProfile.car.isBlocked(nodeTags: ["barrier": "gate", "access": "private"]))
        #expect(!RoadProfile.car.isBlocked(nodeTags: ["barrier": "bollard", "motor_vehicle": "yes"]))
        #expect(!RoadProfile.car.isBlocked(nodeTags: ["highway": "traffic_signals"]))
        #expect(!RoadProfile.emergency.isBlocked(nodeTags: ["barrier": "bollard"]))
        #expect(!RoadProfile.emergency.isBlocked(nodeTags: ["barrier": "gate", "access": "private"]))
        #expect(!RoadProfile.emergency.isBlocked(nodeTags: ["barrier": "block", "emergency": "yes"]))
        #expect(RoadProfile.emergency.isBlocked(nodeTags: ["barrier": "block"]))
        #expect(RoadProfile.emergency.isBlocked(nodeTags: ["barrier": "lift_gate", "emergency": "no"]))
    }
}

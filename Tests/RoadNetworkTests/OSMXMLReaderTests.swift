import Foundation
import Testing
@testable import RoadNetwork

@Suite struct OSMXMLReaderTests {
    @Test func readsTinyFixture() throws {
        let data = try OSMXMLReader.read(TestData.fixture("tiny.osm"))
        #expect(data.nodes.count == 9)
        #expect(data.ways.count == 7)
        #expect(data.relations.count == 1)
        #expect(data.nodes[8].tags["barrier"] == "bollard")
        #expect(data.ways[0].nodeIDs == [1, 2, 3])
        #expect(data.ways[0].tags["name"] == "Rue d'Essai")
        #expect(data.declaredBounds?.maxLatitude == 43.7320)
        #expect(data.turnRestrictions == [
            TurnRestriction(relationID: 500, kind: .prohibitive, value: "no_left_turn",
                            fromWay: 101, viaNode: 5, toWay: 104),
        ])
    }

    @Test func wayFilterApplies() throws {
        let data = try OSMXMLReader.read(TestData.fixture("tiny.osm"), keepWay: { $0["highway"] == "residential" })
        #expect(data.ways.map(\.id) == [100, 105])
    }

    @Test func malformedXMLThrows() {
        let cases = [
            "<osm><node id='1' lat='1' lon='2'>",
            "<osm><node id='x' lat='1' lon='2'/></osm>",
            "<osm><node id='1' lat='1'/></osm>",
            "not xml at all",
            "<other/>",
        ]
        for text in cases {
            #expect(throws: OSMError.self) { try OSMXMLReader.read(Data(text.utf8)) }
        }
    }
}

extension OSMXMLReaderTests {
    @Test func mutatedXMLNeverCrashes() throws {
        let original = [UInt8](try TestData.fixture("tiny.osm"))
        var rng = SplitMix64(seed: 99)
        for _ in 0..<200 {
            var bytes = original
            for _ in 0..<3 {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 32...126, using: &rng)
            }
            if let data = try? OSMXMLReader.read(Data(bytes)) {
                #expect(data.nodes.allSatisfy { abs($0.latitude) <= 180 && abs($0.longitude) <= 180 })
            }
        }
    }
}

/// OSM XML that crashed the process inside Foundation's XMLParser, or that it called well-formed.
@Suite struct OSMXMLReaderHostileInputTests {
    @Test(arguments: [
        Array("<osm version=\"0.6\"><node id=\"1\" lat=\"0\" lon=\"0\"/><".utf8) + [0xC3] + Array("<a/></osm>".utf8),
        // FuzzOSMPBF's find: a processing instruction without data.
        Array(#"<?xml?>id out row3x3 grid d="2" lts. Node"#.utf8),
        Array(#"<osm version="0.6"><?x?></osm>"#.utf8),
        Array(#"<!DOCTYPE osm [<!NOTATION n PUBLIC "p">]><osm version="0.6"/>"#.utf8),
    ] as [[UInt8]])
    func refusesWhatCrashesXMLParser(_ bytes: [UInt8]) {
        #expect {
            try OSMXMLReader.read(Data(bytes))
        } throws: { error in
            guard case let .invalidXML(line, _, reason)? = error as? OSMError else { return false }
            return line == 1 && reason.hasPrefix("the document ")
        }
    }

    @Test func refusesContentAfterTheRootElement() throws {
        var data = try TestData.fixture("tiny.osm")
        data.append(Data("<osm/>".utf8))
        #expect {
            try OSMXMLReader.read(data)
        } throws: { error in
            if case .invalidXML? = error as? OSMError { true } else { false }
        }
    }
}

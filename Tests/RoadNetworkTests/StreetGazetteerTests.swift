import Foundation
import Geo
import RoadNetwork
import Testing

@Suite struct StreetGazetteerTests {
    static let monaco: StreetGazetteer = {
        let osm = try! PBFReader.read(TestData.monacoPBF, keepWay: { $0["highway"] != nil })
        return StreetGazetteer(osm: osm)
    }()

    @Test func callersWordingFindsTheStreet() throws {
        for (said, street) in [("12 bd Princesse Charlotte", "Boulevard Princesse Charlotte"), ("avenue de la costa", "Avenue de la Costa"),
                               ("AVENUE DE LA COSTA, Monaco", "Avenue de la Costa"), ("Boulevard du Larvotto 5", "Boulevard du Larvotto")] {
            let best = try #require(Self.monaco.matches(for: said).first, "nothing for \(said)")
            #expect(best.street.name == street, "\(said) → \(best.street.name)")
            #expect((43.71...43.78).contains(best.street.point.latitude) && (7.34...7.50).contains(best.street.point.longitude))
        }
    }

    @Test func nonsenseAndEmptyTextMatchNothing() {
        #expect(Self.monaco.matches(for: "zzqx blorp").isEmpty)
        #expect(Self.monaco.matches(for: "12").isEmpty)
        #expect(Self.monaco.matches(for: "").isEmpty)
    }

    @Test func aFullNameMatchesBetterThanAPartialOne() throws {
        let matches = Self.monaco.matches(for: "Boulevard Princesse Charlotte")
        #expect(matches.first?.score == 1)
        #expect(matches.map(\.score) == matches.map(\.score).sorted(by: >))
    }
}

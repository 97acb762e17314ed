import Foundation
import SafeCityServer
import Simulation
import Testing
import Vision

/// The demo's simulated cameras, run through their own pipelines: every scripted episode must be recognised.
@Suite struct DemoCamerasTests {
    @Test func everyScriptedEpisodeIsRecognised() throws {
        let site = try DemoCameras.sites(start: 1_796_061_600, seed: 42)[0]
        var scene = site.scene
        var pipeline = try CameraPipeline(setup: try site.configuration.compiled())
        var began: [BehaviourKind: Int] = [:]
        var cleared: [BehaviourKind: Int] = [:]
        // Twenty-five minutes of scene: each episode is scheduled at least once in that time.
        for _ in 0..<(25 * 60 * 5) {
            for signal in try pipeline.process(scene.step()).signals {
                switch signal.event.phase {
                case .began: began[signal.event.kind, default: 0] += 1
                case .cleared: cleared[signal.event.kind, default: 0] += 1
                case .instant: break
                }
            }
        }
        #expect(began[.loitering, default: 0] >= 1)
        #expect(began[.abandonedObject, default: 0] >= 1)
        #expect(began[.crowdDensity, default: 0] >= 1)
        #expect(began[.stoppedVehicle, default: 0] >= 1)
        #expect(began[.crowdScattering, default: 0] >= 1)
        // People walk across: the line counts them both ways.
        let crossings = try #require(pipeline.crossingCounts["crossing"])
        #expect(crossings.negativeToPositive > 10 && crossings.positiveToNegative > 10)
        // Episodes end: the loiterer leaves, the bag is collected, the car drives on.
        #expect(cleared[.loitering, default: 0] >= 1 && cleared[.abandonedObject, default: 0] >= 1 && cleared[.stoppedVehicle, default: 0] >= 1)
        print("demo camera episodes began:", began.mapKeys(\.rawValue), "cleared:", cleared.mapKeys(\.rawValue))
    }
}

private extension Dictionary {
    func mapKeys<T: Hashable>(_ transform: (Key) -> T) -> [T: Value] { Dictionary<T, Value>(uniqueKeysWithValues: map { (transform($0.key), $0.value) }) }
}

import Foundation
import Vision

/// Someone or something in a ``CameraScene``, following a short script of legs.
struct SceneActor: Sendable {
    enum Leg: Sendable {
        case walk(to: PlanePoint, speed: Double)
        case waitFor(seconds: Double)
        case waitUntil(time: Double)
        case dropBag(keepSeconds: Double)
    }

    /// One thing a camera can see.
    struct VisibleObject: Sendable {
        var position: PlanePoint
        var objectClass: ObjectClass
        var heightMetres: Double
        var widthMetres: Double
    }

    var objectClass: ObjectClass
    var position: PlanePoint
    var legs: [Leg]
    var carryingBag = false
    var bag: PlanePoint?
    var bagCollectedAt: Double?
    private var waitEnds: Double?
    private var waitAnchor: PlanePoint?

    init(objectClass: ObjectClass, position: PlanePoint, legs: [Leg]) {
        self.objectClass = objectClass
        self.position = position
        self.legs = legs
    }

    static func walker(from: PlanePoint, to: PlanePoint, speed: Double) -> SceneActor {
        SceneActor(objectClass: .person, position: from, legs: [.walk(to: to, speed: speed)])
    }

    static func loiterer(from: PlanePoint, spot: PlanePoint, seconds: Double, exit: PlanePoint) -> SceneActor {
        SceneActor(objectClass: .person, position: from, legs: [.walk(to: spot, speed: 1.2), .waitFor(seconds: seconds), .walk(to: exit, speed: 1.3)])
    }

    static func gatherer(from: PlanePoint, spot: PlanePoint, until: Double, scatterTo: PlanePoint) -> SceneActor {
        SceneActor(objectClass: .person, position: from, legs: [.walk(to: spot, speed: 1.4), .waitUntil(time: until), .walk(to: scatterTo, speed: 3.6)])
    }

    static func car(from: PlanePoint, to: PlanePoint, speed: Double, stopAt: PlanePoint?, stopSeconds: Double) -> SceneActor {
        var legs: [Leg] = []
        if let stopAt { legs += [.walk(to: stopAt, speed: speed), .waitFor(seconds: stopSeconds)] }
        legs.append(.walk(to: to, speed: speed))
        return SceneActor(objectClass: .car, position: from, legs: legs)
    }

    /// This walker, carrying a bag that it sets down at `spot` and leaves there.
    func leavingBag(at spot: PlanePoint, exit: PlanePoint, bagUntilSeconds: Double) -> SceneActor {
        var actor = self
        actor.carryingBag = true
        actor.legs += [.waitFor(seconds: 6), .dropBag(keepSeconds: bagUntilSeconds), .walk(to: exit, speed: 1.4)]
        return actor
    }

    /// Whether neither the actor nor anything it left is still in the scene.
    var isGone: Bool { legs.isEmpty && bag == nil }

    mutating func advance(dt: Double, now: Double) {
        if let collected = bagCollectedAt, now >= collected {
            bag = nil
            bagCollectedAt = nil
        }
        guard let leg = legs.first else { return }
        switch leg {
        case let .walk(target, speed):
            let offset = target - position
            let distance = offset.length
            if distance <= speed * dt {
                position = target
                legs.removeFirst()
            } else {
                position = position + offset * (speed * dt / distance)
            }
        case let .waitFor(seconds):
            wait(until: waitEnds ?? now + seconds, now: now)
        case let .waitUntil(time):
            wait(until: time, now: now)
        case let .dropBag(keepSeconds):
            bag = position + PlanePoint(x: 0.5, y: 0)
            bagCollectedAt = now + keepSeconds
            carryingBag = false
            legs.removeFirst()
        }
    }

    /// Stays near one spot, shifting weight a little, until `until`.
    private mutating func wait(until: Double, now: Double) {
        waitEnds = until
        let anchor = waitAnchor ?? position
        waitAnchor = anchor
        position = anchor + PlanePoint(x: 0.25 * sin(now / 7), y: 0.2 * cos(now / 11))
        if now >= until {
            position = anchor
            waitEnds = nil
            waitAnchor = nil
            legs.removeFirst()
        }
    }

    var visibleObjects: [VisibleObject] {
        var objects: [VisibleObject] = []
        if !legs.isEmpty {
            objects.append(objectClass == .car
                ? VisibleObject(position: position, objectClass: .car, heightMetres: 1.5, widthMetres: 3.2)
                : VisibleObject(position: position, objectClass: .person, heightMetres: 1.72, widthMetres: 0.5))
        }
        if carryingBag {
            objects.append(VisibleObject(position: position + PlanePoint(x: 0.45, y: 0), objectClass: .suitcase, heightMetres: 0.65, widthMetres: 0.45))
        }
        if let bag {
            objects.append(VisibleObject(position: bag, objectClass: .suitcase, heightMetres: 0.65, widthMetres: 0.45))
        }
        return objects
    }
}

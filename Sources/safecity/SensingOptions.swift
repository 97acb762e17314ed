import ArgumentParser
import Foundation
import SafeCityServer
import Sensing

/// Options of the sensing service: the stream-rule file and the MQTT broker to take observations from.
struct SensingOptions: ParsableArguments {
    @Option(help: "Stream-rule file, JSON or YAML (SAFECITY_RULES). Without one, no stream rules run.")
    var rules: String?

    @Option(help: "MQTT broker and topic filter to take observations from, e.g. mqtt://127.0.0.1:1883/city/sensors/+/observations (SAFECITY_MQTT).")
    var mqtt: String?

    @Option(help: "MQTT broker and topic filter to take camera detections from: Frigate's mqtt://host:1883/frigate/events, or SafeCity frames on e.g. mqtt://host:1883/city/cameras/+/detections (SAFECITY_CAMERA_MQTT).")
    var cameraMqtt: String?

    /// The checked rule set, or a one-line error naming the rule and field at fault.
    func ruleSet() throws -> RuleSet? {
        guard let path = rules ?? ProcessInfo.processInfo.environment["SAFECITY_RULES"] else { return nil }
        return try Self.load(path: path)
    }

    static func load(path: String) throws -> RuleSet {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read rule file \(path)") }
        do {
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                return try RuleSet.load(yaml: String(decoding: data, as: UTF8.self))
            }
            return try RuleSet.load(json: data)
        } catch {
            throw CLIError("rule file \(path): \(error)")
        }
    }

    /// The MQTT source of observations, if one is configured.
    func mqttSource() throws -> MQTTSource? {
        try Self.source(mqtt ?? ProcessInfo.processInfo.environment["SAFECITY_MQTT"])
    }

    /// The MQTT source of camera detections, if one is configured.
    func cameraMQTTSource() throws -> MQTTSource? {
        try Self.source(cameraMqtt ?? ProcessInfo.processInfo.environment["SAFECITY_CAMERA_MQTT"])
    }

    private static func source(_ text: String?) throws -> MQTTSource? {
        guard let text else { return nil }
        do { return try MQTTSource(url: text) } catch { throw CLIError("\(error)") }
    }
}

/// `safecity rules check FILE`: loads a rule file and lists its rules, or says what is wrong.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Check a stream-rule file.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Load a rule file and list its rules, or name what is wrong.")

        @Argument(help: "The rule file (JSON, or YAML with a .yaml/.yml name).") var file: String

        func run() async throws {
            let rules = try SensingOptions.load(path: file)
            print("\(file): \(rules.rules.count) rules, allowed lateness \(Int(rules.allowedLatenessSeconds)) s, area cells \(Int(rules.cellMetres)) m")
            for rule in rules.rules { print("  \(rule.id): \(rule.summary)") }
        }
    }
}

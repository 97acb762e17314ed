import ArgumentParser
import Foundation
import Sensing

/// `safecity aqi CASES.csv` and `safecity aqi nowcast HOURS.csv`: US EPA AQI and NowCast for outside checks.
struct AQICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aqi", abstract: "US EPA AQI of concentrations, or the PM2.5 NowCast of hourly values.",
        subcommands: [Cases.self, NowCastRows.self], defaultSubcommand: Cases.self)

    struct Cases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cases",
            abstract: "Read pollutant,concentration rows (pm25, pm10 µg/m³ 24-h; o3_8h, o3_1h, co_8h ppm; so2_1h, no2_1h ppb); print them with truncated,aqi,category.")

        @Argument(help: "CSV file, or - for standard input.") var file: String

        func run() async throws {
            print(try AQICommand.run(file) { try AQIBatch.cases(csv: $0) }, terminator: "")
        }
    }

    struct NowCastRows: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nowcast",
            abstract: "Read rows of 12 hourly PM2.5 values (most recent first, empty = missing); print nowcast,nowcast_truncated,aqi.")

        @Argument(help: "CSV file, or - for standard input.") var file: String

        func run() async throws {
            print(try AQICommand.run(file) { try AQIBatch.nowcast(csv: $0) }, terminator: "")
        }
    }

    static func run(_ file: String, _ body: (String) throws -> String) throws -> String {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data else { throw CLIError("cannot read \(file)") }
        do { return try body(String(decoding: data, as: UTF8.self)) } catch { throw CLIError("\(file): \(error)") }
    }
}

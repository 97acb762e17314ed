import ArgumentParser

/// `safecity bench …`: measured speed of each engine, as JSON lines with a baseline ratio.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks, one JSON line per figure.", subcommands: [BenchIngestCommand.self, BenchRoutingCommand.self, BenchAlertingCommand.self, BenchDispatchCommand.self,
                                                                                               BenchSensingCommand.self, BenchVisionCommand.self, BenchSocialCommand.self,
                                                                                               BenchForecastingCommand.self, BenchHealthCommand.self, BenchSecurityCommand.self, BenchClusterCommand.self, BenchSoakCommand.self])
}

import ArgumentParser

/// `kairos bench routing|outpatients …`: benchmarks, run in a release build. `kairos bench FAMILY
/// DIR` (no group named) is `kairos bench routing FAMILY DIR`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (run them in a release build): the routing engine on benchmark folders, outpatient allocation, strikes and booking, transport days.",
        subcommands: [RoutingBenchCommand.self, OutpatientBenchCommand.self, GeneratedDARPBenchCommand.self, TransportBenchCommand.self],
        defaultSubcommand: RoutingBenchCommand.self)
}

/// # SchedulingCLI
///
/// The `kairos` command line (swift-argument-parser): `serve`, `user add`, `user token`,
/// `audit verify`. Commands reach services through a ``CLIEnvironment`` that the executable
/// composes, so this target never names a concrete store.
public enum SchedulingCLIModule {}

/// # RoutingEngine
///
/// A general rich vehicle-routing solver on index-based data: tasks, resources, travel matrices
/// and constraints, in integer units. It knows nothing of healthcare (like PyVRP's `ProblemData`
/// or VROOM's `Input`); Planning translates domain problems into it. Imports nothing of ours.
///
/// This first piece is the travel matrix every model is built on; the solver itself follows the
/// design notes in `docs/solver-design.md`.
public enum RoutingEngineModule {}

/// # Planning
///
/// Translates domain problems into engine problems and engine answers back into domain plans,
/// turning engine reasons into explanations a planner can act on. Depends on the domain and the
/// engines; the engines never see a domain type.
public enum PlanningModule {}

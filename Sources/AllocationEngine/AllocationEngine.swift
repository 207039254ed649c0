/// # AllocationEngine
///
/// Assignment of waiting-list entries to clinic slots (`docs/solver-design.md` §3.10): clinical
/// priority first, then the day each entry is due; slot types, the patient's first and last
/// possible day and the weekdays they can attend must all fit; every entry left unplaced gets a
/// structured reason. Index-based and healthcare-free at this level (entries and slots are
/// integers with attributes). Imports nothing of ours.
///
/// ``PriorityGreedyAllocator`` places each entry, in clinical order, into the earliest slot that
/// fits, in near-constant time per entry; ``AllocationChecker`` independently validates every
/// result before a caller uses it.
public enum AllocationEngineModule {}

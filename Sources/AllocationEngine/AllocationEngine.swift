/// # AllocationEngine
///
/// Assignment of waiting-list entries to clinic slots: priority order first, then breach date;
/// slot types must match; every entry left unplaced gets a reason. Index-based and healthcare-free
/// at this level (entries and slots are integers with attributes). Imports nothing of ours.
///
/// This first piece is ``PriorityGreedyAllocator``, the baseline the min-cost-flow allocator
/// (see `docs/solver-design.md` §3.10) is measured against.
public enum AllocationEngineModule {}

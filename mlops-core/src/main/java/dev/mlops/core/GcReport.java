package dev.mlops.core;

/**
 * What a garbage collection found and did ({@link StoreInspector#gc}).
 *
 * @param dryRun whether nothing was deleted
 * @param reachable content objects kept because a ref reaches them
 * @param young unreachable objects kept because they are younger than the grace period
 * @param collected unreachable objects deleted (or, in a dry run, that would be)
 * @param collectedBytes their total size
 * @param refs refs deleted because they pointed only at collected objects (records of dataset
 *     versions that no head, tag, run or model reaches)
 * @param leftovers what crashed writers had left in the store's own space (temporary files,
 *     unfinished uploads) and was removed
 */
public record GcReport(boolean dryRun, long reachable, long young, long collected,
    long collectedBytes, long refs, long leftovers) {}

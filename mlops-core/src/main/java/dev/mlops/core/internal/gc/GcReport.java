package dev.mlops.core.internal.gc;

/**
 * What a garbage collection found and did.
 *
 * @param dryRun whether nothing was deleted
 * @param reachable content objects kept because a ref reaches them
 * @param young unreachable objects kept because they are younger than the grace period (they may
 *     belong to a commit in progress)
 * @param collected unreachable objects deleted (or, in a dry run, that would be)
 * @param collectedBytes their total size
 */
public record GcReport(boolean dryRun, long reachable, long young, long collected, long collectedBytes) {}

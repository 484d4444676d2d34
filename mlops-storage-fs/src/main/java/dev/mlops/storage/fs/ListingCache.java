package dev.mlops.storage.fs;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sorted entries of large directories, reused while the directory's own modification time
 * and identity are unchanged, so listing 100,000 run documents costs one {@code lstat} of their
 * directory instead of one per document.
 *
 * <p>Why the directory's time is enough: this store never changes a file in place. Every write
 * publishes by {@code link()} or {@code rename()} into the directory and every delete unlinks from
 * it, and each of these sets the directory's modification time, also when the writer is another
 * process. A file changed in place by some other program (not through a store) is not seen.
 *
 * <p>Why a listing is kept only when its directory is older than {@link #SETTLE_MILLIS} before the
 * listing began (git's "racily clean" rule): file system timestamps are coarse (a clock tick of a
 * few milliseconds, whole seconds on some file systems), so two changes in one tick leave the same
 * time. A listing read in the tick of a change could miss a second change of that tick and would
 * then look current forever. When the directory's time is well before the listing began, any later
 * change gets a later time, which differs. A directory that keeps changing is therefore read anew
 * each time, as without a cache. The margin also covers a file server whose clock is a little
 * behind this machine's.
 *
 * <p>Thread-safe. Bounded by the number of entries held ({@link #MAX_ENTRIES}), least recently
 * used directory first out; only directories of at least {@link #MIN_ENTRIES} entries are kept,
 * since a small one costs about as much to validate as to read.
 */
final class ListingCache {
  /** How long before a listing began its directory must have last changed for it to be kept. */
  static final long SETTLE_MILLIS = 2_000;
  static final int MIN_ENTRIES = 1_000;
  static final int MAX_ENTRIES = 400_000;

  /** A directory's listing with the time and identity the directory had before it was read. */
  private record Listing(FileTime modified, @Nullable Object fileKey, List<SortedLister.Entry> entries) {}

  private final Map<Path, Listing> listings = new LinkedHashMap<>(16, 0.75f, true);
  private int held;

  /**
   * Returns the entries of {@code dir} if they were kept and the directory is unchanged since.
   *
   * @param current the directory's attributes, read now
   */
  synchronized @Nullable List<SortedLister.Entry> get(Path dir, BasicFileAttributes current) {
    Listing listing = listings.get(dir);
    if (listing == null) {
      return null;
    }
    if (listing.modified.equals(current.lastModifiedTime()) && Objects.equals(listing.fileKey, current.fileKey())) {
      return listing.entries;
    }
    listings.remove(dir);
    held -= listing.entries.size();
    return null;
  }

  /**
   * Keeps a directory's entries if the directory had settled before the listing began.
   *
   * @param before the directory's attributes, read before its entries
   * @param listingBegan the wall-clock time read before {@code before}, in epoch milliseconds
   * @param entries every entry of the directory, sorted
   */
  synchronized void put(Path dir, BasicFileAttributes before, long listingBegan, List<SortedLister.Entry> entries) {
    if (entries.size() < MIN_ENTRIES || entries.size() > MAX_ENTRIES
        || before.lastModifiedTime().toMillis() >= listingBegan - SETTLE_MILLIS) {
      return;
    }
    Listing previous = listings.put(dir, new Listing(before.lastModifiedTime(), before.fileKey(), List.copyOf(entries)));
    held += entries.size() - (previous == null ? 0 : previous.entries.size());
    Iterator<Listing> eldest = listings.values().iterator();
    while (held > MAX_ENTRIES) {
      held -= eldest.next().entries.size();
      eldest.remove();
    }
  }
}

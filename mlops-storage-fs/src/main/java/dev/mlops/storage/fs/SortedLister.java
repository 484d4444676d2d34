package dev.mlops.storage.fs;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A depth-first walk that yields objects in ascending {@link String#compareTo} order of their full
 * keys, reading one directory at a time.
 *
 * <p>Sorting each directory's entries by name is not enough: keys {@code a-c} and {@code a/b} sort
 * as {@code a-c < a/b} because {@code '-' < '/'}, while the names {@code a} and {@code a-c} sort the
 * other way. So the directory of folder {@code n} (named {@code n+}) is sorted as {@code n/}: every
 * key below it starts with {@code n/}, and since segments contain no {@code '/'}, comparing
 * {@code n/} with a sibling decides the comparison for every key below {@code n} too. An object
 * {@code n} sorts as {@code n}, before everything below folder {@code n}.
 *
 * <p>Skipped: hidden names (the store's own {@code .mlops-*} directories, editors' files), names
 * that are not valid keys, directories without the folder suffix, symbolic links (never followed),
 * and anything else that is neither a regular file nor a directory. Empty directories yield
 * nothing. Memory holds the sorted entries of
 * the directories on the current path, not the tree.
 *
 * <p>Listed objects carry no token: the token is the content's hash, and a listing must not read
 * every byte of the store. An object's size and time are those read with its directory: one {@code lstat} per entry,
 * which is needed anyway to tell files from folders (a second one per object when it is yielded
 * doubled the cost of listing 100,000 runs). A large directory's entries are reused from the
 * store's {@link ListingCache} while the directory is unchanged, which saves those {@code lstat}s.
 * An object removed after its directory was read may still be listed, as it may be with any listing
 * that is not a snapshot.
 */
final class SortedLister implements Iterator<ObjectInfo> {
  /** A folder to descend into ({@code info} null) or an object. */
  record Entry(String sortName, String key, Path path, @Nullable ObjectInfo info) {}

  private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
  private final FsFailures failures;
  private final ListingCache cache;
  private @Nullable ObjectInfo next;

  /**
   * @param dir the directory to start in
   * @param keyPrefix the key of {@code dir} plus {@code '/'}, or {@code ""} for the root
   * @param namePrefix only entries of {@code dir} whose names start with this are listed
   */
  SortedLister(Path dir, String keyPrefix, String namePrefix, FsFailures failures, ListingCache cache) {
    this.failures = failures;
    this.cache = cache;
    stack.push(read(dir, keyPrefix, namePrefix));
  }

  @Override
  public boolean hasNext() {
    while (next == null && !stack.isEmpty()) {
      Iterator<Entry> top = stack.peek();
      if (!top.hasNext()) {
        stack.pop();
        continue;
      }
      Entry entry = top.next();
      if (entry.info() == null) {
        stack.push(read(entry.path(), entry.key() + "/", ""));
      } else {
        next = entry.info();
      }
    }
    return next != null;
  }

  @Override
  public ObjectInfo next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ObjectInfo result = next;
    next = null;
    return result;
  }

  private Iterator<Entry> read(Path dir, String keyPrefix, String namePrefix) {
    long began = System.currentTimeMillis();
    BasicFileAttributes directory;
    try {
      directory = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return List.<Entry>of().iterator(); // removed meanwhile
    } catch (IOException e) {
      throw failures.unavailable("list", keyPrefix + namePrefix + "*", e);
    }
    if (!directory.isDirectory()) {
      return List.<Entry>of().iterator(); // an object where a folder was
    }
    List<Entry> cached = cache.get(dir, directory);
    if (cached != null) {
      return namePrefix.isEmpty() ? cached.iterator()
          : cached.stream().filter(e -> e.sortName().startsWith(namePrefix)).iterator();
    }
    List<Entry> entries = readEntries(dir, keyPrefix, namePrefix);
    if (namePrefix.isEmpty()) {
      cache.put(dir, directory, began, entries); // a listing of part of a directory is not kept
    }
    return entries.iterator();
  }

  private List<Entry> readEntries(Path dir, String keyPrefix, String namePrefix) {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> names = Files.newDirectoryStream(dir)) {
      for (Path path : names) {
        String name = path.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes =
              Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue;
        }
        boolean directory = attributes.isDirectory();
        String segment = directory ? KeyPaths.folderSegment(name) : name;
        if ((!directory && !attributes.isRegularFile()) || segment == null
            || !segment.startsWith(namePrefix) || !ObjectKeys.isValidKey(keyPrefix + segment)) {
          continue;
        }
        String key = keyPrefix + segment;
        entries.add(directory
            ? new Entry(segment + "/", key, path, null)
            : new Entry(segment, key, path, new ObjectInfo(key, attributes.size(), Optional.empty(),
                attributes.lastModifiedTime().toInstant())));
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of(); // removed meanwhile, or an object where a folder was
    } catch (IOException e) {
      throw failures.unavailable("list", keyPrefix + namePrefix + "*", e);
    }
    entries.sort(Comparator.comparing(Entry::sortName));
    return entries;
  }
}

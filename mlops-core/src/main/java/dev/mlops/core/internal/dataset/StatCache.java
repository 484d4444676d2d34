package dev.mlops.core.internal.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.FileContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was learnt about local files when they were last hashed, like git's index: per absolute
 * path, the size, modification time and file key (inode) seen, and the content it had. A file
 * whose three attributes are unchanged is not read again. A file modified within
 * {@link #RACY_WINDOW_NANOS} of being hashed is not trusted (a write in the same timestamp tick
 * could go unseen), so it is hashed again next time.
 *
 * <p>Kept in memory, optionally saved to a local file (never in the object store: it describes
 * this machine's files). A lost or unreadable cache file only costs re-hashing. Thread-safe.
 */
final class StatCache {
  static final long RACY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final Logger LOG = LoggerFactory.getLogger(StatCache.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final Optional<Path> file;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile boolean loaded;
  private volatile boolean dirty;

  /** What a file looked like when hashed, and its content then. */
  record Entry(long size, long mtimeNanos, String fileKey, long hashedAtNanos, int average,
      FileContent content) {}

  StatCache(Optional<Path> file) {
    this.file = file;
  }

  static Stat stat(BasicFileAttributes attrs) {
    Object key = attrs.fileKey();
    return new Stat(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        key == null ? "" : key.toString());
  }

  /** A file's size, modification time and identity. */
  record Stat(long size, long mtimeNanos, String fileKey) {}

  Optional<FileContent> lookup(Path path, Stat stat, int average) {
    load();
    Entry entry = entries.get(path.toString());
    if (entry == null || entry.size() != stat.size() || entry.mtimeNanos() != stat.mtimeNanos()
        || !entry.fileKey().equals(stat.fileKey()) || entry.average() != average
        || entry.hashedAtNanos() - entry.mtimeNanos() < RACY_WINDOW_NANOS) {
      return Optional.empty();
    }
    return Optional.of(entry.content());
  }

  void remember(Path path, Stat stat, long hashedAtNanos, int average, FileContent content) {
    entries.put(path.toString(), new Entry(stat.size(), stat.mtimeNanos(), stat.fileKey(),
        hashedAtNanos, average, content));
    dirty = true;
  }

  /** Reads the cache file now, rather than at the first lookup (from another thread, meanwhile). */
  void preload() {
    load();
  }

  private synchronized void load() {
    if (loaded) {
      return;
    }
    loaded = true;
    if (file.isEmpty()) {
      return;
    }
    try (InputStream in = Files.newInputStream(file.get()); JsonParser json = JSON.createParser(in)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.START_ARRAY) {
        json.nextToken();
        String path = json.getText();
        long[] numbers = new long[5];
        for (int i = 0; i < numbers.length; i++) {
          json.nextToken();
          numbers[i] = json.getLongValue();
        }
        json.nextToken();
        String fileKey = json.getText();
        json.nextToken();
        String sha = json.getText();
        List<ChunkRef> chunks = new ArrayList<>();
        json.nextToken();
        while (json.nextToken() == JsonToken.START_ARRAY) {
          json.nextToken();
          String chunk = json.getText();
          json.nextToken();
          chunks.add(new ChunkRef(chunk, json.getLongValue()));
          json.nextToken();
        }
        json.nextToken();
        entries.putIfAbsent(path, new Entry(numbers[0], numbers[1], fileKey, numbers[2],
            (int) numbers[3], new FileContent(sha, numbers[4], chunks)));
      }
    } catch (NoSuchFileException e) {
      // first use
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ignoring the unreadable stat cache {} ({}); files will be hashed again", file.get(), e.toString());
      entries.clear();
    }
  }

  /** Saves the cache to its file, atomically replacing the previous one, if anything was learnt. */
  synchronized void save() {
    if (file.isEmpty() || !dirty) {
      return;
    }
    dirty = false;
    Path target = file.get();
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".stat-", ".tmp");
      try (OutputStream out = Files.newOutputStream(temp); JsonGenerator json = JSON.createGenerator(out)) {
        json.writeStartArray();
        for (var e : entries.entrySet()) {
          write(json, e.getKey(), e.getValue());
        }
        json.writeEndArray();
      }
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warn("Cannot save the stat cache {} ({}); the next commit will hash files again", target, e.toString());
    }
  }

  private static void write(JsonGenerator json, String path, Entry e) throws IOException {
    json.writeStartArray();
    json.writeString(path);
    json.writeNumber(e.size());
    json.writeNumber(e.mtimeNanos());
    json.writeNumber(e.hashedAtNanos());
    json.writeNumber(e.average());
    json.writeNumber(e.content().size());
    json.writeString(e.fileKey());
    json.writeString(e.content().sha256());
    json.writeStartArray();
    for (ChunkRef chunk : e.content().chunks()) {
      json.writeStartArray();
      json.writeString(chunk.sha256());
      json.writeNumber(chunk.size());
      json.writeEndArray();
    }
    json.writeEndArray();
    json.writeEndArray();
  }
}

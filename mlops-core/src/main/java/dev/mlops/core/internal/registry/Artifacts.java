package dev.mlops.core.internal.registry;

import dev.mlops.api.ConflictException;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.registry.Docs.FileDoc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Stores artifacts as content objects (one per file, streamed) and reads them back verified: no
 * byte of a corrupt object reaches a caller or an ONNX Runtime session.
 */
final class Artifacts {
  private final ObjectStore store;

  Artifacts(ObjectStore store) {
    this.store = store;
  }

  /** Stores a file, or every regular file under a directory, and returns their entries. */
  List<FileDoc> store(Path artifact) {
    try {
      if (Files.isDirectory(artifact, LinkOption.NOFOLLOW_LINKS)) {
        List<FileDoc> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(artifact)) {
          for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
            String relative = artifact.relativize(file).toString().replace('\\', '/');
            files.add(storeFile(file, relative));
          }
        }
        return files;
      }
      if (!Files.isRegularFile(artifact)) {
        throw new IllegalArgumentException("artifact " + artifact + " is neither a file nor a directory");
      }
      return List.of(storeFile(artifact, ""));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read artifact " + artifact, e);
    }
  }

  private FileDoc storeFile(Path file, String relative) throws IOException {
    String first = hash(file);
    String key = ContentKeys.keyOf(HexFormat.of().parseHex(first));
    MessageDigest digest = sha256();
    boolean created;
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      created = store.putIfAbsent(key, in);
    }
    if (created && !HexFormat.of().formatHex(digest.digest()).equals(first)) {
      store.delete(key);
      throw new ConflictException("artifact file " + file + " changed while it was being registered;"
          + " register it again once nothing writes to it");
    }
    FileDoc doc = new FileDoc();
    doc.path = relative;
    doc.sha256 = first;
    doc.size = Files.size(file);
    return doc;
  }

  /** Reads one stored file whole, verifying its hash (for model files handed to ONNX Runtime). */
  byte[] readVerified(FileDoc file, String label) {
    String key = ContentKeys.keyOf(HexFormat.of().parseHex(file.sha256));
    byte[] bytes;
    try (InputStream in = store.open(key)) {
      if (file.size > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException(label + " is " + file.size + " bytes; models served in process must be"
            + " under 2 GiB");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + label, e);
    }
    if (bytes.length != file.size || !HexFormat.of().formatHex(sha256().digest(bytes)).equals(file.sha256)) {
      throw corrupt(key, label);
    }
    return bytes;
  }

  /**
   * Streams a stored file into {@code out}, verifying its hash; the caller discards what was
   * written when this throws.
   */
  void copyVerified(FileDoc file, OutputStream out, String label) throws IOException {
    String key = ContentKeys.keyOf(HexFormat.of().parseHex(file.sha256));
    MessageDigest digest = sha256();
    long copied;
    try (InputStream in = new DigestInputStream(store.open(key), digest)) {
      copied = in.transferTo(out);
    }
    if (copied != file.size || !HexFormat.of().formatHex(digest.digest()).equals(file.sha256)) {
      throw corrupt(key, label);
    }
  }

  private static IntegrityException corrupt(String key, String label) {
    return new IntegrityException("The stored artifact of " + label + " (" + key + ") does not match its hash;"
        + " nothing was loaded. Restore the object from a replica or register the model again, then run"
        + " `mlops store verify`");
  }

  static String hash(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}

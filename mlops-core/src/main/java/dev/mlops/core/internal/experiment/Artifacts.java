package dev.mlops.core.internal.experiment;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.Names;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stores files as content objects under {@link ContentKeys}: the same bytes are stored once,
 * whether they came from an artifact or a dataset. Each file is hashed first, then streamed into
 * the store through a stream that re-hashes it and fails before the end if the file changed in
 * between, so a content object never holds bytes that do not match its address.
 */
final class Artifacts {
  private final ObjectStore store;

  Artifacts(ObjectStore store) {
    this.store = store;
  }

  /** Stores a file, or every regular file under a directory, and returns them by artifact path. */
  Map<String, RunDoc.Artifact> put(String path, Path source) {
    checkPath(path);
    Map<String, RunDoc.Artifact> stored = new TreeMap<>();
    if (Files.isDirectory(source)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(source)) {
        files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list artifact directory " + source, e);
      }
      for (Path file : files) {
        String relative = source.relativize(file).toString().replace('\\', '/');
        String full = path + "/" + relative;
        checkPath(full);
        stored.put(full, putFile(file));
      }
    } else if (Files.isRegularFile(source)) {
      stored.put(path, putFile(source));
    } else {
      throw new IllegalArgumentException("artifact source " + source
          + " is neither a file nor a directory");
    }
    return stored;
  }

  static void checkPath(String path) {
    for (String segment : path.split("/", -1)) {
      Names.requireValid("artifact path segment", segment);
    }
  }

  private RunDoc.Artifact putFile(Path file) {
    try {
      byte[] digest;
      long size;
      try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
        size = in.transferTo(java.io.OutputStream.nullOutputStream());
        digest = in.getMessageDigest().digest();
      }
      String key = ContentKeys.keyOf(digest);
      if (store.stat(key).isEmpty()) {
        try (InputStream in = new VerifyingStream(Files.newInputStream(file), digest,
            file + " changed while it was stored as an artifact; try again when nothing writes"
                + " to it")) {
          store.putIfAbsent(key, in);
        }
      }
      RunDoc.Artifact artifact = new RunDoc.Artifact();
      artifact.sha256 = ContentKeys.hashOf(key).orElseThrow();
      artifact.size = size;
      return artifact;
    } catch (IOException e) {
      throw new MlOpsException("cannot read artifact file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Wraps a content stream so that reading it to the end fails if it does not match. */
  static InputStream verifying(InputStream in, byte[] sha256, String what) {
    return new VerifyingStream(in, sha256, "the stored bytes of " + what + " do not match their"
        + " SHA-256 (corrupt content object); run `mlops store verify`");
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Fails at the end of the stream if the bytes do not hash to what was hashed before. */
  private static final class VerifyingStream extends FilterInputStream {
    private final byte[] expected;
    private final String problem;
    private boolean checked;

    VerifyingStream(InputStream in, byte[] expected, String problem) {
      super(new DigestInputStream(in, sha256()));
      this.expected = expected;
      this.problem = problem;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        check();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0) {
        check();
      }
      return n;
    }

    private void check() throws IOException {
      if (checked) {
        return;
      }
      checked = true;
      byte[] actual = ((DigestInputStream) in).getMessageDigest().digest();
      if (!Arrays.equals(actual, expected)) {
        throw new IOException(problem);
      }
    }
  }
}

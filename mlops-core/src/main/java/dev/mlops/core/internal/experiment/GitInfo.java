package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.CodeVersion;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads the checked-out commit from a {@code .git} directory without a git binary: {@code HEAD},
 * then the loose ref file or {@code packed-refs}. The dirty flag compares each entry of the index
 * (format versions 2 and 3) with the working file: a missing file or a different size is dirty;
 * a different modification time triggers a content check (git's blob SHA-1 of the file). Untracked
 * files are ignored, and line-ending or clean/smudge filters can make a tree look dirty; an index
 * this reader does not understand (version 4, split index) counts as dirty.
 */
final class GitInfo {
  private GitInfo() {}

  static Optional<CodeVersion> read(Path start) {
    try {
      Path dir = start.toAbsolutePath().normalize();
      while (dir != null) {
        Path git = dir.resolve(".git");
        if (Files.isDirectory(git)) {
          return read(dir, git);
        }
        if (Files.isRegularFile(git)) { // a worktree or submodule: "gitdir: <path>"
          String line = Files.readString(git).trim();
          if (line.startsWith("gitdir:")) {
            return read(dir, dir.resolve(line.substring(7).trim()).normalize());
          }
        }
        dir = dir.getParent();
      }
    } catch (IOException | RuntimeException e) {
      // lineage is best effort: an unreadable repository records no code version
    }
    return Optional.empty();
  }

  private static Optional<CodeVersion> read(Path tree, Path git) throws IOException {
    String head = Files.readString(git.resolve("HEAD")).trim();
    String commit;
    Optional<String> branch = Optional.empty();
    if (head.startsWith("ref:")) {
      String ref = head.substring(4).trim();
      branch = Optional.of(ref.startsWith("refs/heads/") ? ref.substring(11) : ref);
      Optional<String> resolved = resolve(git, ref);
      if (resolved.isEmpty()) {
        return Optional.empty(); // a branch without commits yet
      }
      commit = resolved.get();
    } else {
      commit = head;
    }
    return Optional.of(new CodeVersion(commit, branch, isDirty(tree, git)));
  }

  private static Optional<String> resolve(Path git, String ref) throws IOException {
    Path loose = git.resolve(ref);
    if (Files.isRegularFile(loose)) {
      return Optional.of(Files.readString(loose).trim());
    }
    Path packed = git.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed)) {
        if (!line.startsWith("#") && !line.startsWith("^") && line.endsWith(" " + ref)) {
          return Optional.of(line.substring(0, line.indexOf(' ')));
        }
      }
    }
    return Optional.empty();
  }

  static boolean isDirty(Path tree, Path git) {
    Path index = git.resolve("index");
    if (!Files.isRegularFile(index)) {
      return true;
    }
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
        Files.newInputStream(index)))) {
      if (in.readInt() != 0x44495243) { // "DIRC"
        return true;
      }
      int version = in.readInt();
      if (version != 2 && version != 3) {
        return true;
      }
      int entries = in.readInt();
      for (int i = 0; i < entries; i++) {
        in.skipNBytes(8); // ctime
        int mtimeSeconds = in.readInt();
        in.skipNBytes(4 + 4 + 4 + 4 + 4 + 4); // mtime ns, dev, ino, mode, uid, gid
        long size = in.readInt() & 0xFFFFFFFFL;
        byte[] sha = in.readNBytes(20);
        int flags = in.readUnsignedShort();
        int header = 62;
        if (version == 3 && (flags & 0x4000) != 0) {
          in.skipNBytes(2);
          header += 2;
        }
        int nameLength = flags & 0xFFF;
        byte[] name = in.readNBytes(nameLength);
        int padding = 8 - ((header + nameLength) % 8);
        in.skipNBytes(padding);
        Path file = tree.resolve(new String(name, StandardCharsets.UTF_8));
        if (changed(file, mtimeSeconds, size, sha)) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static boolean changed(Path file, int mtimeSeconds, long size, byte[] sha)
      throws IOException {
    if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return !Files.isSymbolicLink(file); // symlinks and gitlinks are not compared
    }
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    if ((attrs.size() & 0xFFFFFFFFL) != size) {
      return true;
    }
    if (attrs.lastModifiedTime().toInstant().getEpochSecond() == (mtimeSeconds & 0xFFFFFFFFL)) {
      return false;
    }
    return !HexFormat.of().formatHex(blobSha1(file, attrs.size())).equals(
        HexFormat.of().formatHex(sha));
  }

  private static byte[] blobSha1(Path file, long size) throws IOException {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
          sha1.update(buffer, 0, n);
        }
      }
      return sha1.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

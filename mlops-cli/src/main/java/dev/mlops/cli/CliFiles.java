package dev.mlops.cli;

import dev.mlops.core.input.IoFailures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a command reads or writes because an option named them ({@code --suite},
 * {@code --policy}, {@code --html}, {@code --output}): what goes wrong with them (a missing file or
 * directory, a directory where a file belongs, no permission, bytes that are not UTF-8) is the
 * user's to fix, so it is an {@link IllegalArgumentException} naming the option, the path and the
 * remedy, never an "unexpected" failure.
 */
public final class CliFiles {
  /** The largest text file (a suite, a policy) read whole: 64 MiB. */
  public static final long MAX_TEXT_BYTES = 64L << 20;

  private CliFiles() {}

  /**
   * Reads a UTF-8 text file whole.
   *
   * @param file the file
   * @param option the option that named it, for messages (for example {@code --suite})
   * @return the text
   * @throws IllegalArgumentException if it is missing, a directory, unreadable, too large or not UTF-8
   */
  public static String readText(Path file, String option) {
    String what = option + " " + file;
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(what + " is a directory; give the path of a file");
    }
    try {
      if (Files.size(file) > MAX_TEXT_BYTES) {
        throw new IllegalArgumentException(what + " is larger than " + (MAX_TEXT_BYTES >> 20) + " MiB;"
            + " give the file it should be (a JSON document of that size is not one)");
      }
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + " is not UTF-8 text; save it as UTF-8", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": " + describe(e), e);
    }
  }

  /**
   * Checks, before any work, that a file can be written where an option says: its directory exists
   * and the name is not a directory.
   *
   * @param file the file to write, or null when the option was not given
   * @param option the option that named it
   * @throws IllegalArgumentException if it cannot be written there
   */
  public static void requireWritable(Path file, String option) {
    if (file == null) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(option + " " + file + " is a directory; give the path of a file to"
          + " write");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(option + " " + file + ": the directory " + parent
          + (Files.exists(parent) ? " is a file" : " does not exist") + "; create it first or write elsewhere");
    }
  }

  /**
   * Writes text as UTF-8, replacing the file.
   *
   * @param file the file
   * @param text the text
   * @param option the option that named it
   * @throws IllegalArgumentException if it cannot be written
   */
  public static void writeText(Path file, String text, String option) {
    requireWritable(file, option);
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + file + ": cannot write: " + describe(e), e);
    }
  }

  /**
   * Opens a file for writing, replacing it.
   *
   * @param file the file
   * @param option the option that named it
   * @return the stream, to be closed
   * @throws IllegalArgumentException if it cannot be opened
   */
  public static OutputStream newOutput(Path file, String option) {
    requireWritable(file, option);
    try {
      return Files.newOutputStream(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + file + ": cannot write: " + describe(e), e);
    }
  }

  /**
   * Says in a few words what an I/O failure on a user's file was, with the remedy when it is clear.
   *
   * @param e the failure
   * @return the description
   */
  public static String describe(IOException e) {
    return IoFailures.describe(e);
  }
}

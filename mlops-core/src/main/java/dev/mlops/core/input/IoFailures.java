package dev.mlops.core.input;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in a few words what an I/O failure on a user's file was: the JDK's messages are often the
 * bare path ({@code NoSuchFileException: out/x}), which names the file but not the problem.
 */
public final class IoFailures {
  private IoFailures() {}

  /**
   * Describes the failure, with the remedy when it is clear.
   *
   * @param e the failure
   * @return the description, without the path when the exception carries one
   */
  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory; check the path";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied; grant access or choose another path";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "something already exists there; move it away or choose another path";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "a directory that is not empty is in the way; move it away";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}

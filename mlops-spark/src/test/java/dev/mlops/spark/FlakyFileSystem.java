package dev.mlops.spark;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PositionedReadable;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.Seekable;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;

/**
 * The local file system under the scheme {@code flaky:}, whose reads of one chosen part file fail
 * half way through in the first {@link #failingAttempts} attempts of a Spark task: the task has
 * then stored some of the file's chunks when it dies, as an executor killed mid-commit has. Local
 * mode runs tasks in this JVM, so the settings are static. Registered per test through the Hadoop
 * configuration ({@code fs.flaky.impl}).
 */
public class FlakyFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "flaky";
  /** The attempts (0, 1, ...) of a task that fail while reading the chosen file. */
  static volatile int failingAttempts;
  /** The chosen file: a read of a path ending with this fails. */
  static volatile String failingFile = "";
  /** Reads that failed so far. */
  static final AtomicInteger failures = new AtomicInteger();

  /** Makes the first {@code attempts} attempts of reading a file fail half way; returns the output's flaky: path. */
  static String failReadsOf(SparkSession spark, java.nio.file.Path part, int attempts) {
    spark.sparkContext().hadoopConfiguration().set("fs." + SCHEME + ".impl",
        FlakyFileSystem.class.getName());
    spark.sparkContext().hadoopConfiguration().set("fs." + SCHEME + ".impl.disable.cache", "true");
    failures.set(0);
    failingFile = part.getFileName().toString();
    failingAttempts = attempts;
    return SCHEME + ":" + part.getParent().toAbsolutePath();
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public java.io.File pathToFile(Path path) {
    // The local file system maps file: URIs only; a flaky: path names the same local file.
    return new java.io.File(Path.getPathWithoutSchemeAndAuthority(makeQualified(path)).toUri().getPath());
  }

  @Override
  public FileStatus getFileStatus(Path path) throws IOException {
    return flaky(super.getFileStatus(path));
  }

  @Override
  public FileStatus[] listStatus(Path path) throws IOException {
    FileStatus[] statuses = super.listStatus(path);
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = flaky(statuses[i]);
    }
    return statuses;
  }

  /** A plain status under this scheme (the local one reads permissions from a file: URI). */
  private static FileStatus flaky(FileStatus local) {
    return new FileStatus(local.getLen(), local.isDirectory(), local.getReplication(), local.getBlockSize(),
        local.getModificationTime(), new Path(SCHEME, null, Path.getPathWithoutSchemeAndAuthority(local.getPath())
            .toUri().getPath()));
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    FSDataInputStream in = super.open(path, bufferSize);
    TaskContext task = TaskContext.get();
    if (task == null || task.attemptNumber() >= failingAttempts || !path.getName().endsWith(failingFile)) {
      return in;
    }
    long half = getFileStatus(path).getLen() / 2;
    return new FSDataInputStream(new FailingHalfWay(in, half));
  }

  /** Hands out the first bytes, then fails as a killed task's read does. */
  private static final class FailingHalfWay extends InputStream implements Seekable, PositionedReadable {
    private final FSDataInputStream in;
    private final long limit;

    FailingHalfWay(FSDataInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      check(1);
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long left = limit - in.getPos();
      check(len);
      return in.read(b, off, (int) Math.min(len, left));
    }

    private void check(int wanted) throws IOException {
      if (in.getPos() >= limit && wanted > 0) {
        failures.incrementAndGet();
        throw new IOException("task killed half way through the file (test)");
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    @Override
    public void seek(long pos) throws IOException {
      in.seek(pos);
    }

    @Override
    public long getPos() throws IOException {
      return in.getPos();
    }

    @Override
    public boolean seekToNewSource(long targetPos) throws IOException {
      return in.seekToNewSource(targetPos);
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
      throw new EOFException("positioned reads are not used by a commit");
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
      throw new EOFException("positioned reads are not used by a commit");
    }

    @Override
    public void readFully(long position, byte[] buffer) throws IOException {
      throw new EOFException("positioned reads are not used by a commit");
    }
  }
}

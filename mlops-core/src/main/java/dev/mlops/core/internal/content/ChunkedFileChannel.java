package dev.mlops.core.internal.content;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file stored in chunks, read at any position: a read fetches only the chunks its range
 * overlaps, each read whole and checked against its address before any of its bytes is handed out
 * (as {@link ChunkedReader} does), so a reader that skips parts of the file (a Parquet footer and
 * some column chunks) never fetches the chunks it skips. The whole file's hash is not checked,
 * since that would read every chunk; each chunk's is, and the manifest lists them. The last few
 * chunks fetched are kept, so readers that move through several regions at once (the column
 * chunks of one row group) fetch each chunk once. Read-only; not thread-safe.
 */
final class ChunkedFileChannel extends FileChannel {
  private final ContentStore content;
  private final FileContent file;
  private final Subject subject;
  /** {@code starts[i]} is chunk i's first byte in the file; {@code starts[n]} is the file's size. */
  private final long[] starts;
  private final Map<Integer, byte[]> cache;
  private long position;

  ChunkedFileChannel(ContentStore content, FileContent file, Subject subject, int cachedChunks) {
    this.content = content;
    this.file = file;
    this.subject = subject;
    this.starts = new long[file.chunks().size() + 1];
    for (int i = 0; i < file.chunks().size(); i++) {
      starts[i + 1] = starts[i] + file.chunks().get(i).size();
    }
    int capacity = Math.max(1, cachedChunks);
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public int read(ByteBuffer dst, long at) throws IOException {
    if (at < 0) {
      throw new IllegalArgumentException("negative position " + at);
    }
    ensureOpen();
    if (at >= file.size()) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    int index = Arrays.binarySearch(starts, at);
    if (index < 0) {
      index = -index - 2; // the chunk that starts before the position
    }
    while (starts[index + 1] == starts[index]) {
      index++; // an empty chunk (none are stored, but the list is the manifest's)
    }
    byte[] chunk = chunk(index);
    int offset = (int) (at - starts[index]);
    int n = Math.min(dst.remaining(), chunk.length - offset);
    dst.put(chunk, offset, n);
    return n;
  }

  private byte[] chunk(int index) {
    byte[] bytes = cache.get(index);
    if (bytes == null) {
      bytes = content.read(file.chunks().get(index), subject.chunk());
      cache.put(index, bytes);
    }
    return bytes;
  }

  private void ensureOpen() throws IOException {
    if (!isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = read(dst, position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      int n = read(dsts[i]);
      if (n < 0) {
        return total == 0 ? -1 : total;
      }
      total += n;
      if (dsts[i].hasRemaining()) {
        break;
      }
    }
    return total;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public FileChannel position(long newPosition) {
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return file.size();
  }

  @Override
  public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
    long done = 0;
    while (done < count) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
      int n = read(buffer, at + done);
      if (n <= 0) {
        break;
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        target.write(buffer);
      }
      done += n;
    }
    return done;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new NonWritableChannelException();
  }

  @Override
  public int write(ByteBuffer src, long at) {
    throw new NonWritableChannelException();
  }

  @Override
  public FileChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public void force(boolean metaData) {
    // nothing is written
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long at, long count) {
    throw new NonWritableChannelException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long at, long size) {
    throw new UnsupportedOperationException("a stored file is not mapped: read it at positions");
  }

  @Override
  public FileLock lock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException("a stored file is not locked");
  }

  @Override
  public FileLock tryLock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException("a stored file is not locked");
  }

  @Override
  protected void implCloseChannel() {
    cache.clear();
  }
}

package dev.mlops.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Holds one part of an upload: the first buffer of an upload grows from 64 KiB up to the part
 * size (so small objects cost little); the further buffers of a multipart upload start at the part
 * size and are reused for later parts, so memory stays flat whatever the size of the object. Not
 * thread-safe: the reading thread fills it, then one part upload reads it until it is done.
 */
final class PartBuffer {
  private static final int INITIAL_SIZE = 64 * 1024;

  private final int capacity;
  private byte[] data;
  private int size;

  private PartBuffer(int capacity, int initialSize) {
    this.capacity = capacity;
    this.data = new byte[initialSize];
  }

  /** A buffer for the first part of an upload, which may turn out to be the only, small one. */
  static PartBuffer growing(int capacity) {
    return new PartBuffer(capacity, Math.min(INITIAL_SIZE, capacity));
  }

  /** A buffer for a later part of a multipart upload, where every part but the last is full. */
  static PartBuffer full(int capacity) {
    return new PartBuffer(capacity, capacity);
  }

  /**
   * Reads the next part from {@code in}: up to the part size. When the part is full, reads one
   * byte ahead and pushes it back, so that an object of exactly one part still goes up in one
   * request, and a multipart upload never sends an empty last part.
   *
   * @param in the content, able to take back one byte
   * @return {@code true} if the stream ended within this part (it is the last one)
   */
  boolean fill(PushbackInputStream in) throws IOException {
    size = 0;
    while (size < capacity) {
      if (size == data.length) {
        data = Arrays.copyOf(data, (int) Math.min(capacity, 2L * data.length));
      }
      int n = in.read(data, size, data.length - size);
      if (n < 0) {
        return true;
      }
      size += n;
    }
    int next = in.read();
    if (next < 0) {
      return true;
    }
    in.unread(next);
    return false;
  }

  /** Writes the buffer's bytes to {@code out}; returns how many. */
  int writeTo(java.io.OutputStream out) throws java.io.IOException {
    out.write(data, 0, size);
    return size;
  }

  int size() {
    return size;
  }

  /** A body that every retry of the SDK reads from the start, without copying the part. */
  RequestBody body() {
    byte[] bytes = data;
    int length = size;
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length),
        length, "application/octet-stream");
  }

  /** One body of several buffers in order, for content that fits under the threshold. */
  static RequestBody body(List<PartBuffer> buffers) {
    if (buffers.size() == 1) {
      return buffers.get(0).body();
    }
    List<byte[]> arrays = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    long length = 0;
    for (PartBuffer buffer : buffers) {
      arrays.add(buffer.data);
      sizes.add(buffer.size);
      length += buffer.size;
    }
    return RequestBody.fromContentProvider(() -> {
      List<InputStream> streams = new ArrayList<>();
      for (int i = 0; i < arrays.size(); i++) {
        streams.add(new ByteArrayInputStream(arrays.get(i), 0, sizes.get(i)));
      }
      return new SequenceInputStream(Collections.enumeration(streams));
    }, length, "application/octet-stream");
  }

  static RequestBody body(byte[] bytes) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length,
        "application/octet-stream");
  }
}

package dev.mlops.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Holds one part of an upload at a time: it grows from 64 KiB up to the part size (so small
 * objects cost little) and is then reused for every part, so memory stays flat whatever the
 * size of the object. Not thread-safe; one per upload.
 */
final class PartBuffer {
  private static final int INITIAL_SIZE = 64 * 1024;

  private final int capacity;
  private byte[] data;
  private int size;
  private int carry = -1;

  PartBuffer(int capacity) {
    this.capacity = capacity;
    this.data = new byte[Math.min(INITIAL_SIZE, capacity)];
  }

  /**
   * Reads the next part from {@code in}: up to the part size. When the part is full, reads one
   * byte ahead, so that an object of exactly one part still goes up in one request.
   *
   * @return {@code true} if the stream ended within this part (it is the last one)
   */
  boolean fill(InputStream in) throws IOException {
    size = 0;
    if (carry >= 0) {
      data[0] = (byte) carry;
      size = 1;
      carry = -1;
    }
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
    carry = next;
    return false;
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

  static RequestBody body(byte[] bytes) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length,
        "application/octet-stream");
  }
}

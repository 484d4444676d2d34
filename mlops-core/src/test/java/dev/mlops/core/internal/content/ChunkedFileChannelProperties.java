package dev.mlops.core.internal.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A file stored in chunks read through {@link ContentStore#openRandomAccess}: reads at any
 * position and of any length (across chunk boundaries, at and past the end, of zero bytes), by
 * position, relative, scattering and transferTo, give the file's bytes, as a FileChannel over the
 * file would.
 */
class ChunkedFileChannelProperties {
  private static final Subject SUBJECT = new Subject("a test file", "write it again");

  @Property(tries = 200)
  void readsGiveTheFilesBytes(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 40) Integer> sizes,
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int cached) throws IOException {
    Random random = new Random(seed);
    int total = sizes.stream().mapToInt(Integer::intValue).sum();
    byte[] file = new byte[total];
    random.nextBytes(file);
    try (InMemoryObjectStore store = InMemoryObjectStore.create()) {
      ContentStore content = new ContentStore(store);
      List<ChunkRef> chunks = new ArrayList<>();
      try (ContentWrite write = content.beginWrite("test")) {
        int at = 0;
        for (int size : sizes) {
          chunks.add(write.put(file, at, size));
          at += size;
        }
      }
      FileContent stored = new FileContent(Sha256.hex(file), total, chunks);
      try (FileChannel channel = content.openRandomAccess(stored, SUBJECT, cached)) {
        assertEquals(total, channel.size());
        for (int i = 0; i < 30; i++) {
          int position = random.nextInt(total + 3);
          int length = random.nextInt(total + 3);
          // positional reads, looped as callers do: the bytes there, -1 from the end on
          ByteBuffer buffer = ByteBuffer.allocate(length);
          int got = 0;
          while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + got);
            if (n < 0) {
              break;
            }
            assertEquals(true, n > 0, "a read of " + buffer.remaining() + " bytes at " + (position + got));
            got += n;
          }
          int want = Math.max(0, Math.min(length, total - position));
          assertEquals(want, got);
          assertArrayEquals(java.util.Arrays.copyOfRange(file, Math.min(position, total), Math.min(position, total)
              + want), java.util.Arrays.copyOf(buffer.array(), got));
          assertEquals(position >= total ? -1 : 0, channel.read(ByteBuffer.allocate(0), position));
          // relative reads move the position by what they read
          channel.position(position);
          ByteBuffer relative = ByteBuffer.allocate(length);
          int n = channel.read(relative);
          if (position >= total) {
            assertEquals(-1, n);
          } else {
            assertEquals(true, n <= length && (n > 0 || length == 0), n + " of " + length);
            assertArrayEquals(java.util.Arrays.copyOfRange(file, position, position + n),
                java.util.Arrays.copyOf(relative.array(), n));
          }
          assertEquals(position + Math.max(0, n), channel.position());
          // scattering into two buffers
          channel.position(position);
          ByteBuffer[] two = {ByteBuffer.allocate(length / 2), ByteBuffer.allocate(length - length / 2)};
          long read = channel.read(two, 0, 2);
          if (position >= total) {
            assertEquals(-1, read);
          } else {
            ByteBuffer joined = ByteBuffer.allocate(length).put(two[0].flip()).put(two[1].flip());
            assertArrayEquals(java.util.Arrays.copyOfRange(file, position, position + (int) read),
                java.util.Arrays.copyOf(joined.array(), (int) read));
            assertEquals(position + read, channel.position());
          }
          // transferTo: everything there is in the range
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          long moved = channel.transferTo(position, length, Channels.newChannel(out));
          assertEquals(want, moved);
          assertArrayEquals(java.util.Arrays.copyOfRange(file, Math.min(position, total), Math.min(position, total)
              + want), out.toByteArray());
        }
      }
    }
  }
}

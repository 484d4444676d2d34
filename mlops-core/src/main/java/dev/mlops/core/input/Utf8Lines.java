package dev.mlops.core.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds where a file stops being UTF-8, for messages that name the line. */
final class Utf8Lines {
  private Utf8Lines() {}

  /**
   * Returns the 1-based line of the first byte sequence that is not UTF-8, or -1 if there is none.
   * Streams the file in 64 KiB blocks; a newline byte never occurs inside a UTF-8 sequence, so
   * counting them among the bytes decoded is counting lines.
   */
  static long lineOfFirstMalformed(Path file) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    long line = 1;
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      while (true) {
        boolean end = channel.read(in) < 0;
        in.flip();
        int start = in.position();
        CoderResult result = decoder.decode(in, out, end);
        for (int i = start; i < in.position(); i++) {
          if (in.get(i) == '\n') {
            line++;
          }
        }
        if (result.isError() || end && in.hasRemaining()) {
          return line;
        }
        if (end) {
          return -1;
        }
        out.clear();
        in.compact();
      }
    }
  }
}

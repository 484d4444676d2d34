package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.IntegrityException;
import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * The frame both sketch formats share ({@link QuantileSketchFormat}, {@link FrequentItems}): a
 * 4-byte marker, a version byte, the body, and a CRC-32 of everything before it.
 */
final class SketchFrame {
  private SketchFrame() {}

  /**
   * Appends the CRC-32 of the bytes written so far.
   *
   * @param out the buffer, with exactly 4 bytes left
   * @return the framed bytes
   */
  static byte[] seal(ByteBuffer out) {
    CRC32 crc = new CRC32();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  /**
   * Checks the frame and returns its body.
   *
   * @param bytes the framed bytes
   * @param minLength the shortest valid length, checksum included
   * @param magic the format's marker
   * @param version the format version this build reads
   * @param damaged makes the format's error from what is wrong
   * @return a buffer positioned after the version byte and limited before the checksum
   * @throws IntegrityException if the length, checksum, marker or version is wrong
   */
  static ByteBuffer open(byte[] bytes, int minLength, int magic, int version,
      Function<String, IntegrityException> damaged) {
    if (bytes.length < minLength) {
      throw damaged.apply("it is " + bytes.length + " bytes long");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.getInt(bytes.length - 4) != (int) crc.getValue()) {
      throw damaged.apply("its checksum does not match (truncated or modified)");
    }
    in.limit(bytes.length - 4);
    if (in.getInt() != magic) {
      throw damaged.apply("it does not start with the sketch marker");
    }
    int found = in.get();
    if (found != version) {
      throw damaged.apply("its format version " + found + " is not supported (this build reads " + version + ")");
    }
    return in;
  }
}

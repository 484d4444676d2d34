package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.IntegrityException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary form of a profile: "MLDP", the format version, k, the number of columns, then per
 * column its name (modified UTF-8), a type byte (0 numeric, 1 categorical) and its sketch; last a
 * CRC-32 of all that, so a truncated or damaged profile is an {@link IntegrityException}.
 *
 * <p>Version 3 (the only one written and read): a numeric column holds its count, mean, sum of
 * squared deviations in units of 2^(2·scale) and the scale (see {@link NumericSketch}), its exact
 * few values, then a {@link QuantileSketch}; a categorical column a {@link FrequentItems}. Versions
 * 1 and 2 held Apache DataSketches sketches: such a profile, if its checksum matches, is an
 * {@link OutdatedProfileException} that says to rebuild it.
 */
final class ProfileFormat {
  private static final int MAGIC = 0x4d4c4450; // "MLDP"
  private static final int VERSION = 3;
  private static final int MAX_BLOCK = 256 * 1024 * 1024;

  private ProfileFormat() {}

  static byte[] write(int k, Map<String, Object> columns) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(k);
      out.writeInt(columns.size());
      for (Map.Entry<String, Object> e : columns.entrySet()) {
        out.writeUTF(e.getKey());
        if (e.getValue() instanceof NumericSketch numeric) {
          out.writeByte(0);
          numeric.write(out);
        } else {
          out.writeByte(1);
          ((CategoricalSketch) e.getValue()).write(out);
        }
      }
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }

  static SketchProfile read(byte[] bytes) {
    if (bytes.length < 24) {
      throw damaged("it is " + bytes.length + " bytes long", null);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    if (crc.getValue() != stored) {
      throw damaged("its checksum does not match (truncated or modified)", null);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 8)))) {
      if (in.readInt() != MAGIC) {
        throw damaged("it does not start with the profile marker", null);
      }
      int version = in.readInt();
      if (version == 1 || version == 2) {
        throw new OutdatedProfileException("The drift profile was written in format version " + version
            + " (Apache DataSketches sketches), which this build no longer reads; rebuild it from its data"
            + " with DriftDetector.profile and save it again");
      }
      if (version != VERSION) {
        throw damaged("its format version " + version + " is not supported (this build reads " + VERSION + ")",
            null);
      }
      int k = in.readInt();
      int count = in.readInt();
      if (k < QuantileSketch.MIN_K || k > QuantileSketch.MAX_K || count < 0) {
        throw new IOException("k " + k + " or column count " + count + " is out of range");
      }
      Map<String, Object> columns = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int type = in.readByte();
        if (type != 0 && type != 1) {
          throw new IOException("column " + i + " has an unknown type " + type);
        }
        columns.put(name, type == 0 ? NumericSketch.read(in) : CategoricalSketch.read(in));
      }
      if (in.available() > 0) {
        throw new IOException(in.available() + " bytes follow the last column");
      }
      return new SketchProfile(k, columns);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IntegrityException integrity) {
        throw integrity;
      }
      throw damaged("it cannot be parsed: " + e.getMessage(), e);
    }
  }

  /** Reads a column's sketch, its own integrity errors turned into a parse error of the profile. */
  static <T> T sketch(java.util.function.Supplier<T> read) throws IOException {
    try {
      return read.get();
    } catch (IntegrityException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  static byte[] readBlock(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_BLOCK) {
      throw new IOException("bad block length " + length);
    }
    byte[] block = new byte[length];
    in.readFully(block);
    return block;
  }

  private static IntegrityException damaged(String why, Throwable cause) {
    return new IntegrityException("Not a valid drift profile: " + why + "; rebuild it with DriftDetector.profile"
        + " and save it again", cause);
  }
}

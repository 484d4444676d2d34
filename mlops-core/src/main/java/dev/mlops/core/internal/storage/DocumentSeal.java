package dev.mlops.core.internal.storage;

import dev.mlops.api.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The seal on a stored document: one line of text before the body that carries the body's CRC-32C
 * and length, so that a flipped bit, a cut-off end or an emptied file is found on read.
 *
 * <pre>
 * mlops-doc crc32c=1f0e6c8a length=57
 * {"createdAt":"2024-05-01T10:00:00Z"}
 * </pre>
 *
 * <p>The header is text so {@code cat} still shows a document as it is. It has exactly one
 * spelling for each body (lowercase hex, no leading zeros in the length): a header that parses but
 * is not spelt exactly so is damaged too, so no bit of it can flip unnoticed. CRC-32C finds every
 * error of up to 32 adjacent bits in the body.
 *
 * <p>Documents written before seals existed have no header and read as they are ({@link
 * Opened#sealed()} is false). What tells them apart from a damaged seal: their first bytes are
 * never within one bit of {@link #MAGIC} (they start with {@code {} or a hex digit), so a document
 * whose start differs from it in one bit, or that is a strict prefix of it, is a damaged seal.
 */
public final class DocumentSeal {
  /** How every sealed document starts. */
  public static final String MAGIC = "mlops-doc ";

  private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
  private static final Pattern HEADER =
      Pattern.compile("mlops-doc crc32c=([0-9a-f]{8}) length=(0|[1-9][0-9]{0,9})");
  /** Longer than any well-formed header line, so a damaged one is not searched for to the end. */
  private static final int MAX_HEADER = 64;

  private DocumentSeal() {}

  /** A document's body, and whether it was sealed or written before seals existed. */
  public record Opened(byte[] body, boolean sealed) {}

  /**
   * Puts the header before a body.
   *
   * @param body the document as its codec wrote it
   * @return the bytes to store
   */
  public static byte[] seal(byte[] body) {
    byte[] header = header(crc(body), body.length).getBytes(StandardCharsets.US_ASCII);
    byte[] sealed = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, sealed, header.length, body.length);
    return sealed;
  }

  /**
   * Checks a stored document and returns its body.
   *
   * @param key the document's key, for the message
   * @param stored the bytes as stored
   * @return the body and whether it was sealed
   * @throws IntegrityException if the document is empty, its seal is damaged, or its body does not
   *     match the seal
   */
  public static Opened open(String key, byte[] stored) {
    if (stored.length == 0) {
      throw damaged(key, "it is empty");
    }
    if (!startsWithMagic(stored)) {
      if (isDamagedMagic(stored)) {
        throw damaged(key, "its header is damaged");
      }
      return new Opened(stored, false);
    }
    int newline = indexOfNewline(stored);
    if (newline < 0) {
      throw damaged(key, "its header is damaged or cut off");
    }
    String header = new String(stored, 0, newline, StandardCharsets.US_ASCII);
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw damaged(key, "its header is damaged");
    }
    long crc = Long.parseLong(m.group(1), 16);
    long length = Long.parseLong(m.group(2));
    if (!(header + "\n").equals(header(crc, length))) {
      throw damaged(key, "its header is damaged");
    }
    byte[] body = Arrays.copyOfRange(stored, newline + 1, stored.length);
    if (body.length != length) {
      throw damaged(key, "it holds " + body.length + " bytes where its header says " + length
          + " (cut off or extended)");
    }
    if (crc(body) != crc) {
      throw damaged(key, "its bytes do not match their CRC-32C (a flipped bit)");
    }
    return new Opened(body, true);
  }

  /**
   * Checks a stored document and returns its body; see {@link #open}.
   *
   * @param key the document's key, for the message
   * @param stored the bytes as stored
   * @return the body
   */
  public static byte[] unseal(String key, byte[] stored) {
    return open(key, stored).body();
  }

  private static String header(long crc, long length) {
    return MAGIC + "crc32c=" + String.format("%08x", crc) + " length=" + length + "\n";
  }

  private static long crc(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return crc.getValue();
  }

  private static boolean startsWithMagic(byte[] stored) {
    return stored.length >= MAGIC_BYTES.length
        && Arrays.equals(stored, 0, MAGIC_BYTES.length, MAGIC_BYTES, 0, MAGIC_BYTES.length);
  }

  /** A strict prefix of the magic (cut off), or the magic with one bit flipped. */
  private static boolean isDamagedMagic(byte[] stored) {
    int n = Math.min(stored.length, MAGIC_BYTES.length);
    int differingBits = 0;
    for (int i = 0; i < n; i++) {
      differingBits += Integer.bitCount((stored[i] ^ MAGIC_BYTES[i]) & 0xff);
    }
    return stored.length < MAGIC_BYTES.length ? differingBits == 0 : differingBits == 1;
  }

  private static int indexOfNewline(byte[] stored) {
    for (int i = MAGIC_BYTES.length; i < Math.min(stored.length, MAX_HEADER); i++) {
      if (stored[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static IntegrityException damaged(String key, String why) {
    return new IntegrityException("Stored document '" + key + "' is damaged: " + why + ". Restore"
        + " it from a backup or a copy of the store; 'mlops store verify' lists every damaged"
        + " object");
  }
}

package dev.mlops.core.internal.drift.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Profiles written before the sketches were our own. The fixture datasketches-profile-v1.bin was
 * written by the previous build (DataSketches 6.2.0 on JDK 17): a numeric column x = 0, 0.5, …,
 * 499.5 and a categorical column c = "c" + i % 7, 1,000 values each, k = 200.
 */
class OldProfileFormatTest {
  static byte[] oldProfile() throws IOException {
    try (InputStream in = OldProfileFormatTest.class.getResourceAsStream("datasketches-profile-v1.bin")) {
      return in.readAllBytes();
    }
  }

  @Test
  @DisplayName("a DataSketches profile is a typed error that says to rebuild it, not damage and not a crash")
  void oldProfilesSayToRebuild() throws IOException {
    byte[] bytes = oldProfile();
    assertEquals(1, ByteBuffer.wrap(bytes).getInt(4), "the fixture is format version 1");
    OutdatedProfileException e = assertThrows(OutdatedProfileException.class, () -> SketchProfile.read(bytes));
    assertTrue(e.getMessage().contains("format version 1") && e.getMessage().contains("DriftDetector.profile"),
        e.getMessage());
    // Version 2 (the scaled sum of squares) held the same sketches.
    byte[] v2 = bytes.clone();
    ByteBuffer.wrap(v2).putInt(4, 2);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(v2, 0, v2.length - 8);
    ByteBuffer.wrap(v2).putLong(v2.length - 8, crc.getValue());
    assertThrows(OutdatedProfileException.class, () -> SketchProfile.read(v2));
    // A damaged old profile is damage, as any other.
    byte[] flipped = bytes.clone();
    flipped[100] ^= 1;
    IntegrityException damaged = assertThrows(IntegrityException.class, () -> SketchProfile.read(flipped));
    assertTrue(damaged.getMessage().contains("checksum"), damaged.getMessage());
  }

  @Test
  @DisplayName("loading a saved DataSketches profile by name names it and the methods that rebuild it")
  void savedOldProfileNamesTheRemedy() throws IOException, NoSuchAlgorithmException {
    byte[] bytes = oldProfile();
    String key = ContentKeys.keyOf(MessageDigest.getInstance("SHA-256").digest(bytes));
    try (ObjectStore store = InMemoryObjectStore.create()) {
      store.putIfAbsent(key, bytes);
      store.putIfAbsent(ProfileStore.REF_PREFIX + "training", key.getBytes(StandardCharsets.UTF_8));
      try (MlOps mlops = MlOps.builder().store(store).build()) {
        OutdatedProfileException e = assertThrows(OutdatedProfileException.class,
            () -> mlops.drift().loadProfile("training"));
        assertTrue(e.getMessage().contains("'training'")
            && e.getMessage().contains("DriftDetector.saveProfile(\"training\", profile)"), e.getMessage());
      }
    }
  }
}

package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.MlOps;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a user meets on Ceph's radosgw 16 ({@link Radosgw}), and what the store does about each
 * quirk. Each quirk is first shown with the plain SDK client, so that a gateway without it makes
 * the test say so instead of passing for the wrong reason. The 500 answer to a compare-and-set
 * that lost inside the cluster cannot be caused on demand: {@link LostRaceTest} covers it, and the
 * conformance kit's 8 x 500 racing increments on radosgw ({@link RadosgwContractTest}) meet it.
 */
@ExtendWith(RadosgwExtension.class)
@DisplayName("The S3 store on Ceph's radosgw")
class RadosgwQuirksTest {
  @TempDir Path dir;

  @Test
  @DisplayName("opened from a URI with only the endpoint, commits a dataset twice (issue 23)")
  void commitsTwiceFromAUri() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("a.csv"), "x\n1\n");
    URI uri = URI.create("s3://" + S3TestServer.BUCKET + "/uri-" + System.nanoTime()
        + "?pathStyle=true&endpoint="
        + URLEncoder.encode(Radosgw.endpoint().toString(), StandardCharsets.UTF_8));
    // credentials through the SDK's default chain, as a user sets them
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    try (MlOps mlops = MlOps.open(uri)) {
      DatasetVersion first = mlops.datasets().commit(
          CommitRequest.builder().dataset("ds").add("data", data).build());
      Files.writeString(data.resolve("a.csv"), "x\n2\n");
      DatasetVersion second = mlops.datasets().commit(
          CommitRequest.builder().dataset("ds").add("data", data).build());
      assertEquals(Optional.of(first.ref().versionId()), second.parentId(),
          "the head moved from the first version");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  @DisplayName("refuses the SDK's CRC32 trailers; when they are forced, the error names the option")
  void checksumRefusalNamesTheRemedy() {
    try (ObjectStore store = Radosgw.storeBuilder().uploadChecksums(true).build()) {
      StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
          () -> store.putIfAbsent("refs/a", "x".getBytes(StandardCharsets.US_ASCII)));
      assertTrue(e.getMessage().contains("XAmzContentSHA256Mismatch"), e.getMessage());
      assertTrue(e.getMessage().contains("uploadChecksums=false"), e.getMessage());
      assertTrue(e.getMessage().contains("AWS_REQUEST_CHECKSUM_CALCULATION=when_required"),
          e.getMessage());
    }
  }

  @Test
  @DisplayName("compares If-Match without quotes; the store's compare-and-set still moves a ref")
  void bareIfMatch() {
    try (S3Client raw = Radosgw.rawClient()) {
      String key = "quirk-" + System.nanoTime();
      String eTag = raw.putObject(b -> b.bucket(S3TestServer.BUCKET).key(key),
          RequestBody.fromString("1")).eTag();
      S3Exception quoted = assertThrows(S3Exception.class, () -> raw.putObject(
          b -> b.bucket(S3TestServer.BUCKET).key(key).ifMatch(eTag), RequestBody.fromString("2")));
      assertEquals(412, quoted.statusCode(), "the quirk: the quoted ETag is refused");
    }
    try (ObjectStore store = Radosgw.storeBuilder().build()) {
      byte[] one = "1".getBytes(StandardCharsets.US_ASCII);
      VersionToken token = store.compareAndSet("refs/head", VersionToken.ABSENT, one)
          .orElseThrow();
      VersionToken moved = store.compareAndSet("refs/head", token,
          "2".getBytes(StandardCharsets.US_ASCII)).orElseThrow();
      assertTrue(store.compareAndSet("refs/head", token, one).isEmpty(), "a stale token loses");
      assertEquals(moved, store.get("refs/head").orElseThrow().token());
    }
  }

  @Test
  @DisplayName("ignores If-None-Match on multipart completion; racing large creates still have"
      + " exactly one winner, whose bytes stay")
  void largeCreatesHaveOneWinner() throws Exception {
    try (S3Client raw = Radosgw.rawClient()) {
      String key = "quirk-" + System.nanoTime();
      raw.putObject(b -> b.bucket(S3TestServer.BUCKET).key(key), RequestBody.fromString("first"));
      String upload = raw.createMultipartUpload(b -> b.bucket(S3TestServer.BUCKET).key(key))
          .uploadId();
      String part = raw.uploadPart(b -> b.bucket(S3TestServer.BUCKET).key(key).uploadId(upload)
          .partNumber(1), RequestBody.fromString("second")).eTag();
      raw.completeMultipartUpload(b -> b.bucket(S3TestServer.BUCKET).key(key).uploadId(upload)
          .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part).build()))
          .ifNoneMatch("*"));
      assertEquals("second", raw.getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET).key(key))
          .asUtf8String(), "the quirk: the completion replaced an existing object");
    }
    int writers = 4;
    int size = 6 << 20; // above the 5 MiB part size: multipart on Amazon S3
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      byte[] content = new byte[size];
      new Random(i).nextBytes(content);
      contents.add(content);
    }
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    try (ObjectStore store = Radosgw.storeBuilder().partSize(5 << 20).build()) {
      store.putIfAbsent("warm-up", new byte[0]); // the write probe, before the race
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> won = new ArrayList<>();
      for (byte[] content : contents) {
        Callable<Boolean> create = () -> {
          go.await();
          return store.putIfAbsent("objects/large", new ByteArrayInputStream(content));
        };
        won.add(threads.submit(create));
      }
      go.countDown();
      List<Integer> winners = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        if (won.get(i).get()) {
          winners.add(i);
        }
      }
      assertEquals(1, winners.size(), "winners: " + winners);
      try (var in = store.open("objects/large")) {
        assertArrayEquals(contents.get(winners.get(0)), in.readAllBytes());
      }
    } finally {
      threads.shutdownNow();
    }
  }
}

package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StorageProvider;
import dev.mlops.conformance.GeneratedContent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code s3:} URIs open stores through {@link java.util.ServiceLoader}, with options from the
 * query and the environment, and credentials from the AWS SDK default chain (here its system
 * properties {@code aws.accessKeyId} and {@code aws.secretAccessKey}).
 */
class S3StorageProviderTest {
  private static S3TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.startInMemory();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void credentialsInSystemProperties() {
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
  }

  @AfterEach
  void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static String endpointOption() {
    return "endpoint=" + server.endpoint() + "&pathStyle=true";
  }

  @Test
  void serviceLoaderFindsTheS3Provider() {
    boolean found = false;
    for (StorageProvider provider : ServiceLoader.load(StorageProvider.class)) {
      found |= provider instanceof S3StorageProvider && provider.schemes().equals(
          java.util.Set.of("s3"));
    }
    assertTrue(found);
  }

  @Test
  void opensTheBucketAndPrefixTheUriNames() {
    URI uri = URI.create("s3://" + S3TestServer.BUCKET + "/teams/vision?" + endpointOption());
    try (ObjectStore store = new S3StorageProvider().open(uri)) {
      assertTrue(store.putIfAbsent("refs/main", "v1".getBytes(StandardCharsets.UTF_8)));
      assertEquals("s3://" + S3TestServer.BUCKET + "/teams/vision", store.uri().toString()
          .replaceFirst("\\?.*", ""));
    }
    try (var raw = server.rawClient()) {
      assertEquals("v1", raw.getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET)
          .key("teams/vision/refs/main")).asUtf8String(), "the prefix is the S3 key's start");
    }
  }

  @Test
  void aStoreOpensAgainFromItsUriAtTheSameServiceWithTheSameWriteOptions() {
    // A Spark executor opens the driver's store from store.uri(): without the endpoint it would
    // reach AWS instead of this server (or fail without a region), without sse write unencrypted.
    URI uri = URI.create("s3://" + S3TestServer.BUCKET + "/again?" + endpointOption()
        + "&region=eu-west-1&sse=aws:kms&kmsKeyId=key%2F1&storageClass=STANDARD_IA"
        + "&uploadChecksums=false&partSize=5242880&socketTimeout=PT5S");
    try (ObjectStore store = new S3StorageProvider(name -> null).open(uri)) {
      // Location and write options travel; tuning (partSize, socketTimeout) is each opener's own.
      assertEquals("s3://" + S3TestServer.BUCKET + "/again?region=eu-west-1&endpoint="
          + server.endpoint().toString().replace(":", "%3A").replace("/", "%2F")
          + "&pathStyle=true&sse=aws%3Akms&kmsKeyId=key%2F1&storageClass=STANDARD_IA"
          + "&uploadChecksums=false", store.uri().toString());
      try (ObjectStore reopened = new S3StorageProvider(name -> null).open(store.uri())) {
        assertEquals(store.uri(), reopened.uri());
      }
    }
  }

  @Test
  void theEndpointFromTheEnvironmentIsInTheUriToo() {
    Map<String, String> env = Map.of(S3StorageProvider.ENDPOINT_VARIABLE,
        server.endpoint().toString(), S3StorageProvider.PATH_STYLE_VARIABLE, "true");
    try (ObjectStore store = new S3StorageProvider(env::get).open(URI.create("s3://" + S3TestServer.BUCKET
        + "/plain?readOnly=true"))) {
      // The environment's endpoint is where this store's objects are: an opener without that
      // environment (an executor) must be told.
      assertTrue(store.uri().toString().startsWith("s3://" + S3TestServer.BUCKET + "/plain?endpoint="),
          store.uri().toString());
      assertTrue(store.uri().toString().endsWith("&pathStyle=true&readOnly=true&uploadChecksums=false"),
          store.uri().toString());
    }
  }

  @Test
  void environmentSuppliesTheEndpointWhenTheUriDoesNot() {
    Map<String, String> env = Map.of(S3StorageProvider.ENDPOINT_VARIABLE,
        server.endpoint().toString(), S3StorageProvider.PATH_STYLE_VARIABLE, "true");
    S3StorageProvider provider = new S3StorageProvider(env::get);
    try (ObjectStore store = provider.open(URI.create("s3://" + S3TestServer.BUCKET + "/env"))) {
      assertTrue(store.putIfAbsent("k", new byte[] {1}));
      assertTrue(store.stat("k").isPresent());
    }
  }

  @Test
  void optionsFromTheQueryReachTheStore() {
    URI uri = URI.create("s3://" + S3TestServer.BUCKET + "/opts?" + endpointOption()
        + "&partSize=5242880&uploadConcurrency=2&multipartThreshold=5242880&maxAttempts=2&connectionTimeout=PT1S&socketTimeout=PT5S"
        + "&apiCallTimeout=PT30S&maxConnections=4&verifyBucket=false&region=eu-west-1"
        + "&readOnly=false&abandonedUploadAge=PT48H");
    try (ObjectStore store = new S3StorageProvider().open(uri)) {
      assertTrue(store.putIfAbsent("large", new GeneratedContent(6L << 20)), "two parts of 5 MiB");
      assertEquals(6L << 20, store.stat("large").orElseThrow().size());
    }
  }

  @Test
  void credentialsInTheUriAreRefusedWithoutEchoingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new S3StorageProvider().open(URI.create("s3://AKIAEXAMPLE:s3cr3t@bucket/p")));

    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertTrue(e.getMessage().contains("default chain"), e.getMessage());
  }

  @Test
  void malformedUrisAndOptionsAreRefusedWithTheReason() {
    S3StorageProvider provider = new S3StorageProvider(name -> null);
    assertThrows(IllegalArgumentException.class, () -> provider.open(URI.create("s3:opaque")));
    assertThrows(IllegalArgumentException.class, () -> provider.open(URI.create("s3:///p")));
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://Bad_Bucket/p")));
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/../p")));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/p?colour=red")));
    assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
    IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/p?socketTimeout=5")));
    assertTrue(duration.getMessage().contains("PT30S"), duration.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/p?sse=rot13")));
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/p?kmsKeyId=k")));
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/p?partSize=1024")));
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/p?uploadConcurrency=0")));
    IllegalArgumentException readOnly = assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/p?readOnly=yes")));
    assertTrue(readOnly.getMessage().contains("readOnly must be true or false"),
        readOnly.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/p?abandonedUploadAge=-PT1H")));
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("s3://bucket/p?abandonedUploadAge=1d")));
  }
}

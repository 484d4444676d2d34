package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A connection cut inside an error answer reaches the store as a failed request. Seen in CI on
 * radosgw (RadosgwFaultInjectionTest): the SDK threw the UncheckedIOException of its error
 * unmarshaller, and an interceptor that converted it was itself refused by the SDK. The client
 * here stands for the SDK's, which cannot be made to cut an answer on demand.
 */
class CutAnswerTest {
  private static S3Client throwing(RuntimeException failure) {
    return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
        (proxy, method, args) -> {
          throw failure;
        });
  }

  @Test
  void aCutAnswerIsAnSdkClientException() {
    UncheckedIOException cut = new UncheckedIOException(new IOException("Connection reset"));
    S3Client client = S3Clients.cutAnswersAsFailures(throwing(cut));

    SdkClientException e = assertThrows(SdkClientException.class,
        () -> client.headObject(HeadObjectRequest.builder().bucket("b").key("k").build()));

    assertSame(cut, e.getCause());
    assertTrue(e.getMessage().contains("connection was cut"), e.getMessage());
  }

  @Test
  void otherFailuresPassUnchanged() {
    NoSuchKeyException missing = NoSuchKeyException.builder().message("no such key").build();
    S3Client client = S3Clients.cutAnswersAsFailures(throwing(missing));

    NoSuchKeyException e = assertThrows(NoSuchKeyException.class,
        () -> client.headObject(HeadObjectRequest.builder().bucket("b").key("k").build()));
    assertEquals("no such key", e.getMessage());
  }
}

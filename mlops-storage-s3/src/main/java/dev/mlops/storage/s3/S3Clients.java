package dev.mlops.storage.s3;

import dev.mlops.api.StorageUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK client of a store from its settings. */
final class S3Clients {
  /**
   * Counts the attempts of one conditional request (set per request, incremented before each
   * transmission), so that a conditional write can tell whether an answer may concern an earlier
   * attempt of its own whose response was lost.
   */
  static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
      new ExecutionAttribute<>("mlops.attempts");

  /**
   * The error code of radosgw's answer to a conditional write that passed the gateway's check and
   * lost the race inside the cluster: {@code 500 UnknownError}. The write is a RADOS operation
   * guarded by the object's tag and cancelled as a whole, so it never applied (measured: 115 such
   * answers in 800 racing increments, the counter exact). Amazon S3's own 500 is {@code
   * InternalError}.
   */
  static final String LOST_RACE_CODE = "UnknownError";
  /** The most of a 500 answer's body read to find its error code. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** The region used with an endpoint override when none is set: S3-compatible servers ignore it. */
  static final String DEFAULT_REGION_WITH_ENDPOINT = "us-east-1";

  private S3Clients() {}

  /** The SDK client and the HTTP client it uses; the SDK does not close a client it was given. */
  record Clients(S3Client s3, SdkHttpClient http) implements AutoCloseable {
    @Override
    public void close() {
      try {
        s3.close();
      } finally {
        http.close();
      }
    }
  }

  static Clients create(S3Settings settings) {
    SdkHttpClient http = Apache5HttpClient.builder()
        .maxConnections(settings.maxConnections())
        .connectionTimeout(settings.connectionTimeout())
        .socketTimeout(settings.socketTimeout())
        .build();
    try {
      S3ClientBuilder builder = S3Client.builder()
          .httpClient(http)
          .credentialsProvider(settings.credentials())
          .forcePathStyle(settings.pathStyle())
          .overrideConfiguration(o -> {
            BackoffStrategy backoff = BackoffStrategy.exponentialDelay(
                settings.retryBaseDelay(), settings.retryMaxBackoff());
            o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build());
            if (settings.apiCallTimeout() != null) {
              o.apiCallTimeout(settings.apiCallTimeout());
            }
            o.addExecutionInterceptor(new AttemptCounter());
          });
      if (settings.uploadChecksums() != null) {
        builder.requestChecksumCalculation(settings.uploadChecksums()
            ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED);
        // radosgw also refuses the aws-chunked signing of an empty body: sign whole bodies
        builder.serviceConfiguration(c -> c.chunkedEncodingEnabled(settings.uploadChecksums()));
      }
      if (settings.region() != null) {
        builder.region(Region.of(settings.region()));
      } else if (settings.endpoint() != null) {
        builder.region(Region.of(DEFAULT_REGION_WITH_ENDPOINT));
      }
      if (settings.endpoint() != null) {
        builder.endpointOverride(settings.endpoint());
      }
      return new Clients(cutAnswersAsFailures(builder.build()), http);
    } catch (SdkClientException e) {
      http.close();
      if (settings.region() == null && String.valueOf(e.getMessage()).contains("Unable to load region")) {
        throw new StorageUnavailableException("The S3 store has no region: add it to the store's URI"
            + " (s3://bucket/prefix?region=eu-west-1), or set AWS_REGION", e);
      }
      throw e;
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  /**
   * The SDK lets an IOException while reading an error answer (a connection cut inside its body)
   * escape as an UncheckedIOException. Turned into an SdkClientException, it is a failed request
   * like any other, which every call site turns into a StorageUnavailableException naming the key.
   * (An interceptor cannot do it: the SDK requires its modifyException to keep the exception's
   * class.)
   */
  static S3Client cutAnswersAsFailures(S3Client client) {
    return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
        (proxy, method, args) -> {
          try {
            return method.invoke(client, args);
          } catch (InvocationTargetException e) {
            if (e.getCause() instanceof UncheckedIOException cut) {
              throw SdkClientException.create("the connection was cut inside the service's answer: "
                  + cut.getMessage(), cut);
            }
            throw e.getCause();
          }
        });
  }

  /**
   * Counts the attempts of a request that carries {@link #ATTEMPTS}, and turns radosgw's lost race
   * on such a (conditional) request, {@code 500} with {@link #LOST_RACE_CODE}, into the {@code
   * 412} it means: a failed condition, which the SDK does not retry (it would retry a 500 with
   * backoff, only to meet the winner's object and a 412 whose meaning is then unclear).
   */
  private static final class AttemptCounter implements ExecutionInterceptor {
    /** The body of a 500 read by {@link #modifyHttpResponse}, handed on as the content. */
    private static final ExecutionAttribute<AtomicReference<byte[]>> ERROR_BODY =
        new ExecutionAttribute<>("mlops.error-body");

    @Override
    public void beforeTransmission(Context.BeforeTransmission context,
        ExecutionAttributes attributes) {
      AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
      if (attempts != null) {
        attempts.incrementAndGet();
      }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
        ExecutionAttributes attributes) {
      SdkHttpResponse response = context.httpResponse();
      if (attributes.getAttribute(ATTEMPTS) == null || response.statusCode() != 500
          || context.responseBody().isEmpty()) {
        return response;
      }
      byte[] body;
      try (InputStream in = context.responseBody().get()) {
        body = in.readNBytes(MAX_ERROR_BODY);
      } catch (IOException e) {
        body = new byte[0]; // the 500 stands, its code unknown
      }
      attributes.putAttribute(ERROR_BODY, new AtomicReference<>(body));
      boolean lostRace = new String(body, StandardCharsets.UTF_8)
          .contains("<Code>" + LOST_RACE_CODE + "</Code>");
      return lostRace ? response.toBuilder().statusCode(412).build() : response;
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
        ExecutionAttributes attributes) {
      AtomicReference<byte[]> held = attributes.getAttribute(ERROR_BODY);
      // this attempt's body, not an earlier attempt's
      byte[] body = held == null ? null : held.getAndSet(null);
      return body == null ? context.responseBody() : Optional.of(new ByteArrayInputStream(body));
    }
  }
}

package dev.mlops.storage.s3;

import dev.mlops.api.StorageUnavailableException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK client of a store from its settings. */
final class S3Clients {
  /**
   * Counts the attempts of one request (set per request, incremented before each transmission),
   * so that a conditional write can tell whether an answer may concern an earlier attempt of its
   * own whose response was lost.
   */
  static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
      new ExecutionAttribute<>("mlops.attempts");

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
      if (settings.region() != null) {
        builder.region(Region.of(settings.region()));
      } else if (settings.endpoint() != null) {
        builder.region(Region.of(DEFAULT_REGION_WITH_ENDPOINT));
      }
      if (settings.endpoint() != null) {
        builder.endpointOverride(settings.endpoint());
      }
      return new Clients(builder.build(), http);
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

  /** Increments the request's {@link #ATTEMPTS} counter, where the request carries one. */
  private static final class AttemptCounter implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(Context.BeforeTransmission context,
        ExecutionAttributes attributes) {
      AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
      if (attempts != null) {
        attempts.incrementAndGet();
      }
    }
  }
}

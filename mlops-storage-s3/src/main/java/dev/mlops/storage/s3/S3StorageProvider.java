package dev.mlops.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StorageProvider;
import dev.mlops.api.storage.StoreUriQuery;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Opens {@link S3ObjectStore}s for {@code s3:} URIs; found by {@link java.util.ServiceLoader}.
 *
 * <p>Form: {@code s3://bucket[/prefix][?option=value&...]}. Options (each also settable on {@link
 * S3ObjectStore.Builder}): {@code region}, {@code endpoint} (an http(s) URI, percent-encoded),
 * {@code pathStyle} ({@code true}/{@code false}), {@code sse} ({@code AES256} or {@code aws:kms}),
 * {@code kmsKeyId}, {@code storageClass}, {@code partSize} (bytes), {@code uploadConcurrency}
 * (parts sent at once), {@code multipartThreshold} (bytes), {@code connectionTimeout},
 * {@code socketTimeout} and {@code apiCallTimeout} (ISO-8601 durations such as {@code PT30S}),
 * {@code maxAttempts}, {@code maxConnections}, {@code verifyBucket}, {@code readOnly} ({@code
 * true} opens the store for reading only, without the write probe), {@code abandonedUploadAge}
 * (an ISO-8601 duration) and {@code uploadChecksums} (the SDK's CRC32 upload trailers; {@code
 * false} by default with an endpoint, since S3-compatible services such as Ceph refuse them).
 * Where the URI does not set
 * them, the environment variables {@code MLOPS_S3_ENDPOINT}, {@code MLOPS_S3_REGION} and {@code
 * MLOPS_S3_PATH_STYLE} are used. Credentials never go in the URI: they come from the AWS SDK
 * default chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE},
 * instance roles). Thread-safe and stateless.
 */
public final class S3StorageProvider implements StorageProvider {
  /** The URI scheme this provider opens. */
  public static final String SCHEME = "s3";

  /** The environment variable naming the endpoint when the URI has no {@code endpoint}. */
  public static final String ENDPOINT_VARIABLE = "MLOPS_S3_ENDPOINT";
  /** The environment variable naming the region when the URI has no {@code region}. */
  public static final String REGION_VARIABLE = "MLOPS_S3_REGION";
  /** The environment variable setting path-style requests when the URI has no {@code pathStyle}. */
  public static final String PATH_STYLE_VARIABLE = "MLOPS_S3_PATH_STYLE";

  private final UnaryOperator<@Nullable String> environment;

  /** Creates the provider; it does no work until {@link #open} is called. */
  public S3StorageProvider() {
    this(System::getenv);
  }

  S3StorageProvider(UnaryOperator<@Nullable String> environment) {
    this.environment = environment;
  }

  /**
   * Returns {@code {"s3"}}.
   *
   * @return the schemes
   */
  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
  }

  /**
   * Opens the store the URI names, checking that its bucket can be reached.
   *
   * @param uri an {@code s3:} URI
   * @return the open store
   * @throws IllegalArgumentException if the URI is malformed, carries credentials, or has an
   *     unknown or malformed option
   * @throws dev.mlops.api.StorageUnavailableException if the bucket cannot be reached
   */
  @Override
  public ObjectStore open(URI uri) {
    requireNonNull(uri, "uri");
    if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || uri.isOpaque()) {
      throw new IllegalArgumentException("expected s3://bucket/prefix, got '" + uri + "'");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("an s3: URI must not carry credentials; remove them and"
          + " use the AWS SDK default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
          + " AWS_PROFILE, or an instance role)");
    }
    String bucket = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
    if (bucket == null || bucket.isEmpty() || uri.getPort() != -1) {
      throw new IllegalArgumentException("an s3: URI names a bucket as its host, as in"
          + " s3://my-bucket/some/prefix, got '" + uri + "'");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("an s3: store URI has no fragment, got '" + uri + "'");
    }
    S3ObjectStore.Builder builder = S3ObjectStore.builder().bucket(bucket);
    String path = uri.getRawPath() == null ? "" : StoreUriQuery.decode(uri.getRawPath());
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (!path.isEmpty()) {
      builder.prefix(path);
    }
    Map<String, String> options =
        new LinkedHashMap<>(StoreUriQuery.options(uri.getRawQuery(), withoutQuery(uri) + "?..."));
    fromEnvironment(options, "endpoint", ENDPOINT_VARIABLE);
    fromEnvironment(options, "region", REGION_VARIABLE);
    fromEnvironment(options, "pathStyle", PATH_STYLE_VARIABLE);
    encryption(builder, options.remove("sse"), options.remove("kmsKeyId"));
    options.forEach((name, value) -> apply(builder, name, value, uri));
    return builder.build();
  }

  private void fromEnvironment(Map<String, String> options, String option, String variable) {
    String value = environment.apply(variable);
    if (!options.containsKey(option) && value != null && !value.isBlank()) {
      options.put(option, value.trim());
    }
  }

  private static void apply(S3ObjectStore.Builder builder, String name, String value, URI uri) {
    try {
      switch (name) {
        case "region" -> builder.region(value);
        case "endpoint" -> builder.endpointOverride(URI.create(value));
        case "pathStyle" -> builder.pathStyle(bool(name, value));
        case "storageClass" -> builder.storageClass(value);
        case "partSize" -> builder.partSize(Long.parseLong(value));
        case "uploadConcurrency" -> builder.uploadConcurrency(Integer.parseInt(value));
        case "multipartThreshold" -> builder.multipartThreshold(Long.parseLong(value));
        case "connectionTimeout" -> builder.connectionTimeout(Duration.parse(value));
        case "socketTimeout" -> builder.socketTimeout(Duration.parse(value));
        case "apiCallTimeout" -> builder.apiCallTimeout(Duration.parse(value));
        case "maxAttempts" -> builder.retries(Integer.parseInt(value),
            S3ObjectStore.Builder.DEFAULT_RETRY_BASE_DELAY,
            S3ObjectStore.Builder.DEFAULT_RETRY_MAX_BACKOFF);
        case "maxConnections" -> builder.maxConnections(Integer.parseInt(value));
        case "verifyBucket" -> builder.verifyBucket(bool(name, value));
        case "readOnly" -> builder.readOnly(bool(name, value));
        case "abandonedUploadAge" -> builder.abandonedUploadAge(Duration.parse(value));
        case "uploadChecksums" -> builder.uploadChecksums(bool(name, value));
        default -> throw new IllegalArgumentException("unknown option '" + name + "' in '"
            + withoutQuery(uri) + "'; the s3: store knows region, endpoint, pathStyle, sse,"
            + " kmsKeyId, storageClass, partSize, uploadConcurrency, multipartThreshold,"
            + " connectionTimeout,"
            + " socketTimeout,"
            + " apiCallTimeout, maxAttempts, maxConnections, verifyBucket, readOnly,"
            + " abandonedUploadAge and uploadChecksums");
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("option " + name + " has a malformed value '" + value
          + "' (numbers are plain integers, durations ISO-8601 such as PT30S)", e);
    }
  }

  private static void encryption(S3ObjectStore.Builder builder, @Nullable String sse,
      @Nullable String kmsKeyId) {
    if (kmsKeyId != null && !"aws:kms".equals(sse)) {
      throw new IllegalArgumentException("kmsKeyId needs sse=aws:kms, got sse=" + sse);
    }
    if (sse == null) {
      return;
    }
    switch (sse) {
      case "AES256" -> builder.sseS3();
      case "aws:kms" -> builder.sseKms(kmsKeyId == null ? "" : kmsKeyId);
      default -> throw new IllegalArgumentException("sse must be AES256 or aws:kms, got '"
          + sse + "'");
    }
  }

  private static boolean bool(String name, String value) {
    if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
  }

  private static String withoutQuery(URI uri) {
    return SCHEME + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}

package dev.mlops.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectKeys;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * An {@link ObjectStore} in an S3 bucket, on Amazon S3 or any S3-compatible service: the object
 * with key {@code a/b} is the S3 object {@code <prefix>a/b}, so several stores can share a bucket.
 *
 * <p>Correctness comes from S3's conditional writes: {@link #putIfAbsent} publishes with {@code
 * PutObject} (or, above {@link Builder#multipartThreshold}, {@code CompleteMultipartUpload}) and
 * {@code If-None-Match: *};
 * {@link #compareAndSet} with {@code If-Match: <etag>} (or {@code If-None-Match: *} for {@link
 * VersionToken#ABSENT}). A failed condition (412, or 409 ConditionalRequestConflict) is a lost race
 * and is reported, never retried blindly. Several processes on several machines may share a store.
 *
 * <p>Some S3-compatible services accept those headers and ignore them. So before its first write
 * the store checks, once, that the service honours them: it creates and replaces a probe object
 * of its own ({@code <prefix>.mlops-probe/<uuid>}, outside every key) with the conditions, ten
 * requests in all, and deletes it. A service that ignores a condition on {@code PutObject} is
 * refused for writing with a {@link StorageUnavailableException} that names the missing feature;
 * {@link Builder#readOnly} opens such a store for reading. Reads never probe. The probe also
 * adapts the store to quirks of S3-compatible services that it can work around safely: If-Match
 * sent with the bare ETag where the quoted one is refused (Ceph radosgw), and large objects
 * created in one {@code PutObject} where {@code CompleteMultipartUpload} ignores {@code
 * If-None-Match} (radosgw; see docs/operations-s3.md).
 *
 * <p>The {@link VersionToken} of an object is its ETag (without quotes). It changes with every
 * write; whether writing the same bytes again yields the same ETag depends on the encryption (it
 * does without SSE-KMS), which the SPI allows.
 *
 * <p>Content streams: {@link #putIfAbsent} holds at most {@link Builder#uploadConcurrency} parts
 * of {@link Builder#partSize} in memory (default 4 of 8 MiB), or the multipart threshold if that
 * is larger, and sends the parts at once; {@link #open} streams the {@code GetObject} body and
 * resumes after a dropped connection with a ranged read pinned to the ETag. Throttling, 5xx answers and connection
 * faults are retried by the SDK with exponential backoff and jitter; what still fails is a {@link
 * StorageUnavailableException} naming the bucket, the key and the cause.
 *
 * <p>Thread-safe. Open with {@link #builder()}, or with {@code MlOps.open(URI.create("s3://..."))}
 * through {@link S3StorageProvider}.
 */
public final class S3ObjectStore implements ObjectStore {
  /** How often a small putIfAbsent is sent again after a 409 that left the key free. */
  private static final int MAX_CONFLICT_RESENDS = 3;

  private final S3Settings settings;
  private final S3Clients.Clients clients;
  private final S3Client s3;
  private final S3Failures failures;
  private final ConditionalWrites writes;
  private final WriteProbe probe;
  private final PartThreads partThreads;
  private final LargeUpload largeUpload;
  private final SpooledUpload spooledUpload;
  private final AtomicBoolean closed = new AtomicBoolean();

  private S3ObjectStore(S3Settings settings, S3Clients.Clients clients) {
    this.settings = settings;
    this.clients = clients;
    this.s3 = clients.s3();
    this.failures = new S3Failures(settings);
    this.writes = new ConditionalWrites(s3, settings, failures);
    this.probe = new WriteProbe(s3, settings, failures, writes);
    this.partThreads = new PartThreads(settings.bucket());
    this.largeUpload = new LargeUpload(s3, settings, failures, writes, partThreads);
    this.spooledUpload = new SpooledUpload(settings, failures, writes);
  }

  /**
   * Returns a builder; {@link Builder#bucket} is required, everything else has a default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  static S3ObjectStore open(S3Settings settings) {
    S3Clients.Clients clients = S3Clients.create(settings);
    S3ObjectStore store = new S3ObjectStore(settings, clients);
    if (settings.verifyBucket()) {
      try {
        clients.s3().headBucket(b -> b.bucket(settings.bucket()));
      } catch (SdkException e) {
        clients.close();
        throw store.failures.bucketUnavailable(e);
      }
    }
    return store;
  }

  /**
   * Returns the bucket.
   *
   * @return the bucket's name
   */
  public String bucket() {
    return settings.bucket();
  }

  /**
   * Returns the prefix of the store's objects in the bucket: empty, or ending with {@code /}.
   *
   * @return the key prefix
   */
  public String prefix() {
    return settings.prefix();
  }

  /**
   * Returns {@code s3://bucket/prefix}, with the options that decide which service is reached and
   * how objects are written there (region, endpoint, pathStyle, sse, kmsKeyId, storageClass,
   * readOnly, uploadChecksums) where set: {@link S3StorageProvider} opens the same store from it,
   * as a Spark executor given the driver's store URI does. Never credentials.
   *
   * @return the store's location
   */
  @Override
  public URI uri() {
    return settings.uri();
  }

  @Override
  public InputStream open(String key) {
    String fullKey = fullKey(key);
    return openStream(key, fullKey).orElseThrow(() -> failures.notFound(key));
  }

  private Optional<ResumingInputStream> openStream(String key, String fullKey) {
    try {
      ResponseInputStream<GetObjectResponse> body =
          s3.getObject(b -> b.bucket(settings.bucket()).key(fullKey));
      if (body.response().contentLength() == null) {
        body.abort(); // a response cut inside its headers
        throw failures.unavailable("read", key,
            new IllegalStateException("the service answered without a Content-Length"));
      }
      return Optional.of(new ResumingInputStream(s3, settings.bucket(), fullKey, body));
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !isMissingBucket(e)) {
        return Optional.empty();
      }
      throw failures.unavailable("read", key, e);
    } catch (SdkException e) {
      throw failures.unavailable("read", key, e);
    }
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    String fullKey = fullKey(key);
    Optional<ResumingInputStream> opened = openStream(key, fullKey);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    try (ResumingInputStream in = opened.get()) {
      if (in.length() > MAX_GET_SIZE) {
        throw new MlOpsException("Object '" + key + "' in " + settings.describe() + " is "
            + in.length() + " bytes, more than get() returns (" + MAX_GET_SIZE + "); read it"
            + " with open()");
      }
      byte[] bytes = in.readAllBytes();
      return Optional.of(StoredBytes.of(bytes, tokenOf("read", key, in.eTag())));
    } catch (IOException e) {
      throw failures.unavailable("read", key, e);
    }
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    String fullKey = fullKey(key);
    requireNonNull(content, "content");
    probe.awaitWritable("create", key);
    PushbackInputStream in = new PushbackInputStream(content, 1);
    List<PartBuffer> held = new ArrayList<>();
    held.add(PartBuffer.growing(settings.partSize()));
    boolean whole;
    try {
      whole = held.get(0).fill(in);
      for (long size = settings.partSize(); !whole && size < settings.multipartThreshold();
          size += settings.partSize()) {
        PartBuffer next = PartBuffer.full(settings.partSize());
        held.add(next);
        whole = next.fill(in);
      }
    } catch (IOException e) {
      throw failures.contentFailed(key, e);
    }
    if (!whole) {
      if (exists(key, fullKey)) {
        return false; // without uploading the rest, as the SPI allows
      }
      Optional<VersionToken> created = probe.multipartConditionIgnored()
          ? spooledUpload.putIfAbsent(key, fullKey, held, in)
          : largeUpload.putIfAbsent(key, fullKey, held, in);
      return published(key, fullKey, created.isPresent());
    }
    return putInOneRequest(key, fullKey, PartBuffer.body(held));
  }

  /**
   * Sends content up to the multipart threshold straight from the caller's array, without the
   * copy into part buffers that a stream needs; larger content streams as {@link
   * #putIfAbsent(String, InputStream)} does. The array must not change until the call returns.
   */
  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    String fullKey = fullKey(key);
    requireNonNull(content, "content");
    if (content.length > settings.multipartThreshold()) {
      return putIfAbsent(key, new ByteArrayInputStream(content));
    }
    probe.awaitWritable("create", key);
    return putInOneRequest(key, fullKey, PartBuffer.body(content));
  }

  private boolean putInOneRequest(String key, String fullKey, RequestBody body) {
    for (int conflicts = 1; ; conflicts++) {
      boolean created =
          writes.put("create", key, fullKey, body, VersionToken.ABSENT).isPresent();
      // A 409 (a concurrent write to the key) may leave the key free: S3 says to send again.
      if (created || exists(key, fullKey) || conflicts == MAX_CONFLICT_RESENDS) {
        return published(key, fullKey, created);
      }
    }
  }

  /**
   * A lost condition normally means the object exists. If it does not (a 409 from a concurrent
   * writer that then failed), nobody won, and "already exists" would be wrong.
   */
  private boolean published(String key, String fullKey, boolean created) {
    if (!created && !exists(key, fullKey)) {
      throw failures.unavailable("create", key, new IllegalStateException(
          "concurrent writes to the key kept failing each other's condition (409) and none"
              + " created it; retry"));
    }
    return created;
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    String fullKey = fullKey(key);
    requireNonNull(expected, "expected");
    requireNonNull(content, "content");
    if (content.length > MAX_GET_SIZE) {
      throw new IllegalArgumentException("compareAndSet content must be at most " + MAX_GET_SIZE
          + " bytes, got " + content.length + "; store large content with putIfAbsent and"
          + " compare-and-set a small ref to it");
    }
    probe.awaitWritable("compare-and-set", key);
    return writes.put("compare-and-set", key, fullKey, PartBuffer.body(content.clone()),
        expected);
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    ensureOpen();
    ObjectKeys.requireValidPrefix(prefix);
    String listed = settings.prefix() + prefix;
    Iterator<S3Object> pages = s3.listObjectsV2Paginator(
        b -> b.bucket(settings.bucket()).prefix(listed)).contents().iterator();
    SortedListing listing = new SortedListing(pages, settings.prefix().length(), failures, prefix);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(listing,
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
        false);
  }

  @Override
  public boolean delete(String key) {
    String fullKey = fullKey(key);
    probe.awaitWritable("delete", key);
    if (!exists(key, fullKey)) {
      return false;
    }
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(fullKey));
      return true;
    } catch (SdkException e) {
      throw failures.unavailable("delete", key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    String fullKey = fullKey(key);
    Optional<HeadObjectResponse> head = writes.head("stat", key, fullKey);
    return head.map(h -> new ObjectInfo(key, h.contentLength(),
        Optional.of(tokenOf("stat", key, h.eTag())), h.lastModified()));
  }

  private VersionToken tokenOf(String action, String key, String eTag) {
    return ConditionalWrites.tokenIfAny(eTag).orElseThrow(() -> failures.unavailable(action, key,
        new IllegalStateException("the service answered without an ETag")));
  }

  /**
   * Aborts the multipart uploads under the store's prefix that were initiated longer ago than
   * {@link Builder#abandonedUploadAge} (by the service's clock), and removes write-probe objects
   * as old: what writers that died left behind. No live upload gets that old (see the builder
   * method); one that did would fail with nothing stored. Objects under keys are never touched.
   * A write: refused on a read-only store.
   *
   * @return how many uploads and probe objects were removed
   * @throws StorageUnavailableException if the service fails, or the store is read-only
   */
  @Override
  public long removeAbandonedWrites() {
    ensureOpen();
    probe.awaitWritable("remove abandoned uploads", null);
    return new AbandonedWrites(s3, settings, failures).remove();
  }

  /**
   * Closes the SDK client and its connection pool and ends the store's part upload threads,
   * joining them (at most 10 seconds once their requests are cut): no thread of the store is
   * left when it returns. An upload still running fails with nothing stored. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      partThreads.close(clients::close);
    }
  }

  @Override
  public String toString() {
    return "S3ObjectStore[" + settings.describe() + "]";
  }

  private boolean exists(String key, String fullKey) {
    return writes.head("stat", key, fullKey).isPresent();
  }

  private String fullKey(String key) {
    ensureOpen();
    return settings.prefix() + ObjectKeys.requireValidKey(key);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("store is closed: " + settings.describe());
    }
  }

  private static boolean isMissingBucket(S3Exception e) {
    return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
  }

  /**
   * Builds an {@link S3ObjectStore}. Each setting may be set once; {@link #build()} leaves the
   * builder reusable. Not thread-safe.
   */
  public static final class Builder {
    /** The default part size of multipart uploads: 8 MiB. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    /** The smallest part size S3 accepts: 5 MiB. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** The largest part size this store accepts: 1 GiB (parts are held in memory). */
    public static final int MAX_PART_SIZE = 1024 * 1024 * 1024;
    /** The default number of parts of one upload sent at once: 4 (32 MiB at 8 MiB parts). */
    public static final int DEFAULT_UPLOAD_CONCURRENCY = 4;
    /** The largest number of parts of one upload sent at once: 64. */
    public static final int MAX_UPLOAD_CONCURRENCY = 64;
    /** The largest multipart threshold: 1 GiB (content under it is held in memory). */
    public static final long MAX_MULTIPART_THRESHOLD = 1024L * 1024 * 1024;
    /** The default TCP connect timeout: 5 seconds. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** The default longest wait for data on an open connection: 60 seconds. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);
    /** The default number of attempts per request, retries included: 5. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** The default base delay of the exponential backoff with jitter: 100 ms. */
    public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(100);
    /** The default longest wait between two attempts: 20 seconds. */
    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(20);
    /** The default size of the HTTP connection pool: 64. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** The default age after which an unfinished upload counts as abandoned: 24 hours. */
    public static final Duration DEFAULT_ABANDONED_UPLOAD_AGE = Duration.ofHours(24);
    /** The longest store prefix: S3 keys are at most 1,024 bytes, store keys at most 768. */
    public static final int MAX_PREFIX_LENGTH = 255;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final Map<String, Object> values = new HashMap<>();

    private Builder() {}

    private Builder set(String name, Object value) {
      if (values.containsKey(name)) {
        throw new IllegalStateException(name + " was already set to " + values.get(name));
      }
      values.put(name, value);
      return this;
    }

    /**
     * Sets the bucket (required). It must exist; the store does not create it.
     *
     * @param bucket an S3 bucket name: 3-63 characters of a-z, 0-9, '.', '-'
     * @return this builder
     * @throws IllegalArgumentException if the name is not a valid bucket name
     * @throws IllegalStateException if already set
     */
    public Builder bucket(String bucket) {
      requireNonNull(bucket, "bucket");
      if (!BUCKET.matcher(bucket).matches()) {
        throw new IllegalArgumentException("bucket must be 3-63 characters of a-z, 0-9, '.' and"
            + " '-', starting and ending with a letter or digit, got '" + bucket + "'");
      }
      return set("bucket", bucket);
    }

    /**
     * Sets the prefix of the store's objects in the bucket, so that several stores can share one
     * bucket. Default: none (the whole bucket). A trailing {@code /} is added if missing.
     *
     * @param prefix segments that follow the key rule, such as {@code teams/vision}
     * @return this builder
     * @throws IllegalArgumentException if the prefix breaks the key rule or is longer than
     *     {@value #MAX_PREFIX_LENGTH} characters
     * @throws IllegalStateException if already set
     */
    public Builder prefix(String prefix) {
      requireNonNull(prefix, "prefix");
      String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      if (!trimmed.isEmpty() && !ObjectKeys.isValidKey(trimmed)) {
        throw new IllegalArgumentException("prefix must follow the key rule (segments of"
            + " A-Z a-z 0-9 _ - . = separated by '/'), got '" + prefix + "'");
      }
      if (trimmed.length() > MAX_PREFIX_LENGTH) {
        throw new IllegalArgumentException("prefix must be at most " + MAX_PREFIX_LENGTH
            + " characters, got " + trimmed.length());
      }
      return set("prefix", trimmed.isEmpty() ? "" : trimmed + "/");
    }

    /**
     * Sets the region, such as {@code eu-west-1}. Default: the AWS SDK's region chain
     * ({@code AWS_REGION}, the profile), or {@code us-east-1} with an endpoint override.
     *
     * @param region the region's id
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder region(String region) {
      requireNonNull(region, "region");
      if (region.isBlank()) {
        throw new IllegalArgumentException("region must not be blank");
      }
      return set("region", region);
    }

    /**
     * Sets the endpoint of an S3-compatible service (MinIO, Ceph, R2, S3Proxy), such as {@code
     * http://127.0.0.1:9000}. Default: AWS's endpoint of the region.
     *
     * @param endpoint an http or https URI
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URI
     * @throws IllegalStateException if already set
     */
    public Builder endpointOverride(URI endpoint) {
      requireNonNull(endpoint, "endpoint");
      if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
          || endpoint.getHost() == null) {
        throw new IllegalArgumentException("endpoint must be an http or https URI with a host,"
            + " got '" + endpoint + "'");
      }
      return set("endpoint", endpoint);
    }

    /**
     * Sets whether requests name the bucket in the path ({@code http://host/bucket/key}) rather
     * than in the host name; most S3-compatible services need {@code true}. Default {@code false}.
     *
     * @param pathStyle whether to use path-style requests
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder pathStyle(boolean pathStyle) {
      return set("pathStyle", pathStyle);
    }

    /**
     * Sets where credentials come from. Default: the AWS SDK default chain (environment, system
     * properties, profiles, container and instance roles).
     *
     * @param credentials the provider
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder credentialsProvider(AwsCredentialsProvider credentials) {
      return set("credentials", requireNonNull(credentials, "credentials"));
    }

    /**
     * Encrypts new objects with S3-managed keys (SSE-S3, {@code AES256}). Default: the bucket's
     * default encryption.
     *
     * @return this builder
     * @throws IllegalStateException if an encryption was already set
     */
    public Builder sseS3() {
      return set("sse", ServerSideEncryption.AES256.toString());
    }

    /**
     * Encrypts new objects with a KMS key (SSE-KMS, {@code aws:kms}). Default: the bucket's
     * default encryption.
     *
     * @param kmsKeyId the key's id or ARN; empty for the AWS managed key {@code aws/s3}
     * @return this builder
     * @throws IllegalStateException if an encryption was already set
     */
    public Builder sseKms(String kmsKeyId) {
      requireNonNull(kmsKeyId, "kmsKeyId");
      set("sse", ServerSideEncryption.AWS_KMS.toString());
      if (!kmsKeyId.isEmpty()) {
        values.put("kmsKeyId", kmsKeyId);
      }
      return this;
    }

    /**
     * Sets the storage class of new objects, such as {@code STANDARD_IA}. Default: the bucket's
     * default ({@code STANDARD}).
     *
     * @param storageClass an S3 storage class
     * @return this builder
     * @throws IllegalArgumentException if the SDK does not know the class
     * @throws IllegalStateException if already set
     */
    public Builder storageClass(String storageClass) {
      requireNonNull(storageClass, "storageClass");
      if (StorageClass.fromValue(storageClass) == StorageClass.UNKNOWN_TO_SDK_VERSION) {
        throw new IllegalArgumentException("unknown storage class '" + storageClass + "'; use one"
            + " of " + StorageClass.knownValues());
      }
      return set("storageClass", storageClass);
    }

    /**
     * Sets the part size of multipart uploads: content up to {@link #multipartThreshold} (by
     * default this size) goes up in one {@code PutObject}, larger content in parts of this size,
     * {@link #uploadConcurrency} parts in memory at a time per upload. Objects may have at most 10,000 parts. Default {@link
     * #DEFAULT_PART_SIZE} (8 MiB).
     *
     * @param bytes between {@link #MIN_PART_SIZE} and {@link #MAX_PART_SIZE}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder partSize(long bytes) {
      if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
        throw new IllegalArgumentException("partSize must be between " + MIN_PART_SIZE + " and "
            + MAX_PART_SIZE + " bytes, got " + bytes);
      }
      return set("partSize", (int) bytes);
    }

    /**
     * Sets how many parts of one multipart upload are sent at once, each from its own buffer of
     * {@link #partSize} bytes: memory per upload is {@code uploadConcurrency × partSize}. The
     * parts go up on threads of the store ({@code mlops-s3-part-<bucket>-<n>}, daemon threads,
     * ended after a minute idle and all ended by {@link S3ObjectStore#close()}); with 1 they go up
     * one after the other in the caller's thread. Parts in flight of all uploads
     * together share the {@link #maxConnections} connections. Default {@link
     * #DEFAULT_UPLOAD_CONCURRENCY} (4).
     *
     * @param parts between 1 and {@link #MAX_UPLOAD_CONCURRENCY}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder uploadConcurrency(int parts) {
      if (parts < 1 || parts > MAX_UPLOAD_CONCURRENCY) {
        throw new IllegalArgumentException("uploadConcurrency must be between 1 and "
            + MAX_UPLOAD_CONCURRENCY + ", got " + parts);
      }
      return set("uploadConcurrency", parts);
    }

    /**
     * Sets the size up to which content goes up in one {@code PutObject} instead of a multipart
     * upload; it is held in memory until the store knows which. Rounded up to a whole number of
     * parts. A single request costs fewer round trips and, on servers that assemble multipart
     * objects by copying (S3Proxy, some MinIO and Ceph setups), less work; on Amazon S3 parts
     * sent at once are usually faster for large objects. Default: {@link #partSize} (8 MiB), as
     * in the AWS SDK's transfer manager.
     *
     * @param bytes between {@link #partSize} (checked in {@link #build()}) and {@link
     *     #MAX_MULTIPART_THRESHOLD}
     * @return this builder
     * @throws IllegalArgumentException if above {@link #MAX_MULTIPART_THRESHOLD} or not positive
     * @throws IllegalStateException if already set
     */
    public Builder multipartThreshold(long bytes) {
      if (bytes < 1 || bytes > MAX_MULTIPART_THRESHOLD) {
        throw new IllegalArgumentException("multipartThreshold must be between partSize and "
            + MAX_MULTIPART_THRESHOLD + " bytes, got " + bytes);
      }
      return set("multipartThreshold", bytes);
    }

    /**
     * Sets the TCP connect timeout. Default {@link #DEFAULT_CONNECTION_TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder connectionTimeout(Duration timeout) {
      return set("connectionTimeout", positive("connectionTimeout", timeout));
    }

    /**
     * Sets the longest wait for data on an open connection. Default {@link
     * #DEFAULT_SOCKET_TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder socketTimeout(Duration timeout) {
      return set("socketTimeout", positive("socketTimeout", timeout));
    }

    /**
     * Bounds one request with all its retries. Default: no bound beyond the other timeouts (a
     * part upload of a slow link must not be cut short).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder apiCallTimeout(Duration timeout) {
      return set("apiCallTimeout", positive("apiCallTimeout", timeout));
    }

    /**
     * Sets the retry policy: attempts per request (retries included) on throttling, 5xx answers
     * and connection faults, with exponential backoff and full jitter between {@code baseDelay}
     * and {@code maxBackoff}. Failed conditions (412, 409) are never retried. Default {@link
     * #DEFAULT_MAX_ATTEMPTS}, {@link #DEFAULT_RETRY_BASE_DELAY}, {@link
     * #DEFAULT_RETRY_MAX_BACKOFF}.
     *
     * @param maxAttempts at least 1 (1 means no retry)
     * @param baseDelay a positive duration
     * @param maxBackoff a duration not less than {@code baseDelay}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder retries(int maxAttempts, Duration baseDelay, Duration maxBackoff) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
      }
      positive("baseDelay", baseDelay);
      if (maxBackoff.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException("maxBackoff must not be less than baseDelay ("
            + baseDelay + "), got " + maxBackoff);
      }
      return set("retries", new Object[] {maxAttempts, baseDelay, maxBackoff});
    }

    /**
     * Sets the size of the HTTP connection pool. Default {@link #DEFAULT_MAX_CONNECTIONS}.
     *
     * @param maxConnections at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     * @throws IllegalStateException if already set
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1, got "
            + maxConnections);
      }
      return set("maxConnections", maxConnections);
    }

    /**
     * Sets whether {@link #build()} checks that the bucket can be reached ({@code HeadBucket}), so
     * that a wrong bucket, credentials or endpoint fails at once. Default {@code true}.
     *
     * @param verify whether to check
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder verifyBucket(boolean verify) {
      return set("verifyBucket", verify);
    }

    /**
     * Opens the store read-only: every write ({@code putIfAbsent}, {@code compareAndSet}, {@code
     * delete}, {@code removeAbandonedWrites}) is refused with a {@link
     * StorageUnavailableException} that says so, and the service is never probed. Meant for
     * reading a store on a service that fails the write probe (one that ignores {@code
     * If-None-Match} or {@code If-Match}), and for readers that must never write. Default {@code
     * false}: the store probes the service once, before its first write, and refuses to write to
     * a service that ignores the conditions (see docs/operations-s3.md).
     *
     * @param readOnly whether to refuse every write
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder readOnly(boolean readOnly) {
      return set("readOnly", readOnly);
    }

    /**
     * Sets the age after which {@link S3ObjectStore#removeAbandonedWrites()} takes an unfinished
     * multipart upload under the store's prefix (or a write-probe object) for one a dead writer
     * left, and removes it. Ages are read on the service's clock. It must exceed the longest
     * upload any writer of the store makes: an upload aborted while it runs fails with nothing
     * stored. Default {@link #DEFAULT_ABANDONED_UPLOAD_AGE} (24 hours: 5 TiB, S3's largest
     * object, goes up in about 15 hours at 100 MB/s). Zero takes every unfinished upload for
     * abandoned: only when no writer is running.
     *
     * @param age zero or a positive duration
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder abandonedUploadAge(Duration age) {
      requireNonNull(age, "abandonedUploadAge");
      if (age.isNegative()) {
        throw new IllegalArgumentException("abandonedUploadAge must not be negative, got " + age);
      }
      return set("abandonedUploadAge", age);
    }

    /**
     * Sets whether uploads carry the AWS SDK's additional checksums (a CRC32 of the content sent
     * as a trailer after the body). Amazon S3 checks them; Ceph's radosgw 16 and other
     * S3-compatible services refuse them with {@code 400 XAmzContentSHA256Mismatch}, so the
     * default is {@code false} with an {@link #endpointOverride} and the SDK's own default
     * ({@code true}, or what {@code AWS_REQUEST_CHECKSUM_CALCULATION} says) without one. Content
     * stays verified either way: requests are signed, and readers check every content object's
     * SHA-256.
     *
     * @param checksums whether to send the additional checksums
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder uploadChecksums(boolean checksums) {
      return set("uploadChecksums", checksums);
    }

    /**
     * Opens the store.
     *
     * @return the open store; close it when done
     * @throws IllegalStateException if no bucket was set
     * @throws IllegalArgumentException if the multipart threshold is below the part size
     * @throws StorageUnavailableException if the bucket cannot be reached (with {@link
     *     #verifyBucket} on), with a one-line message that says what to check
     */
    public S3ObjectStore build() {
      if (!values.containsKey("bucket")) {
        throw new IllegalStateException("bucket is required: call bucket(String) before build()");
      }
      Object[] retries = (Object[]) values.getOrDefault("retries",
          new Object[] {DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BASE_DELAY, DEFAULT_RETRY_MAX_BACKOFF});
      AwsCredentialsProvider credentials = (AwsCredentialsProvider) values.get("credentials");
      int partSize = (Integer) values.getOrDefault("partSize", DEFAULT_PART_SIZE);
      long threshold = (Long) values.getOrDefault("multipartThreshold", (long) partSize);
      if (threshold < partSize) {
        throw new IllegalArgumentException("multipartThreshold (" + threshold + " bytes) must not"
            + " be less than partSize (" + partSize + " bytes)");
      }
      return open(new S3Settings(
          (String) values.get("bucket"),
          (String) values.getOrDefault("prefix", ""),
          (String) values.get("region"),
          (URI) values.get("endpoint"),
          (Boolean) values.getOrDefault("pathStyle", false),
          credentials != null ? credentials : DefaultCredentialsProvider.builder().build(),
          (String) values.get("sse"),
          (String) values.get("kmsKeyId"),
          (String) values.get("storageClass"),
          partSize,
          (Integer) values.getOrDefault("uploadConcurrency", DEFAULT_UPLOAD_CONCURRENCY),
          threshold,
          (Duration) values.getOrDefault("connectionTimeout", DEFAULT_CONNECTION_TIMEOUT),
          (Duration) values.getOrDefault("socketTimeout", DEFAULT_SOCKET_TIMEOUT),
          (Duration) values.get("apiCallTimeout"),
          (Integer) retries[0],
          (Duration) retries[1],
          (Duration) retries[2],
          (Integer) values.getOrDefault("maxConnections", DEFAULT_MAX_CONNECTIONS),
          (Boolean) values.getOrDefault("verifyBucket", true),
          (Boolean) values.getOrDefault("readOnly", false),
          (Duration) values.getOrDefault("abandonedUploadAge", DEFAULT_ABANDONED_UPLOAD_AGE),
          (Boolean) values.getOrDefault("uploadChecksums",
              values.containsKey("endpoint") ? Boolean.FALSE : null)));
    }

    private static Duration positive(String name, Duration value) {
      requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}

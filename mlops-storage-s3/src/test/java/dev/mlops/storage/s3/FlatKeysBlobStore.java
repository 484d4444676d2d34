package dev.mlops.storage.s3;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.SdkResponses;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Test-only: gives S3Proxy's file-backed stores S3's flat namespace. They keep object {@code a/b}
 * as the file {@code a/b}, so {@code a} and {@code a/b} cannot both exist, while on S3 (and in the
 * SPI) they can. This wrapper stores key {@code a/b} as {@code a+/b} ('+' is outside the key rule,
 * so the mapping is one-to-one and keeps prefixes), and lists by the real keys: it reads the whole
 * listing of a prefix from the store, decodes and sorts it, then pages through it.
 */
final class FlatKeysBlobStore extends ForwardingBlobStore {
  /**
   * S3Proxy's file stores write a blob to {@code <name>-<random UUID>} and then move it into place;
   * a listing in between shows that file, which S3 never would (the GC race's checks, listing while
   * writers put, met one as a dataset version named {@code <id>-<uuid>}). The SDK's own keys never
   * end in a dash and a UUID.
   */
  private static final Pattern IN_FLIGHT_PUT =
      Pattern.compile(".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** Changes when a write starts and when it ends, so a cached listing knows it is stale. */
  private final AtomicLong generation = new AtomicLong();
  private final AtomicInteger writesInFlight = new AtomicInteger();
  private volatile Listing cached = new Listing("", "", -1, List.of());

  private record Listing(String bucket, String prefix, long generation, List<S3Object> objects) {}

  private void beginWrite() {
    writesInFlight.incrementAndGet();
    generation.incrementAndGet();
  }

  private void endWrite() {
    generation.incrementAndGet();
    writesInFlight.decrementAndGet();
  }

  FlatKeysBlobStore(BlobStore delegate) {
    super(delegate);
  }

  static String encode(String key) {
    return key.replace("/", "+/");
  }

  static String decode(String key) {
    return key.replace("+/", "/");
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
    beginWrite();
    try {
      return super.putBlob(request.toBuilder().key(encode(request.key())).build(), payload);
    } finally {
      endWrite();
    }
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    return super.getBlob(request.toBuilder().key(encode(request.key())).build());
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    return super.blobMetadata(request.toBuilder().key(encode(request.key())).build());
  }

  @Override
  public boolean blobExists(String container, String name) {
    return super.blobExists(container, encode(name));
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    beginWrite();
    try {
      return super.removeBlob(request.toBuilder().key(encode(request.key())).build());
    } finally {
      endWrite();
    }
  }

  @Override
  public ObjectCannedACL getBlobAccess(String container, String name) {
    return super.getBlobAccess(container, encode(name));
  }

  @Override
  public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
    MultipartUpload upload = super.initiateMultipartUpload(
        request.toBuilder().key(encode(request.key())).build());
    return new MultipartUpload(upload.id(), request, upload.response() == null ? null
        : upload.response().toBuilder().key(request.key()).build());
  }

  private static MultipartUpload encode(MultipartUpload upload) {
    return new MultipartUpload(upload.id(),
        upload.request().toBuilder().key(encode(upload.blobName())).build(),
        upload.response() == null ? null
            : upload.response().toBuilder().key(encode(upload.blobName())).build());
  }

  @Override
  public void abortMultipartUpload(MultipartUpload upload) {
    super.abortMultipartUpload(encode(upload));
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
      CompleteMultipartUploadRequest request) {
    beginWrite();
    try {
      CompleteMultipartUploadResponse response = super.completeMultipartUpload(encode(upload),
          request.toBuilder().key(encode(request.key())).build());
      return response.key() == null ? response
          : response.toBuilder().key(decode(response.key())).build();
    } finally {
      endWrite();
    }
  }

  @Override
  public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
      InputStream payload) {
    return super.uploadMultipartPart(encode(upload),
        request.toBuilder().key(encode(request.key())).build(), payload);
  }

  @Override
  public List<Part> listMultipartUpload(MultipartUpload upload) {
    return super.listMultipartUpload(encode(upload));
  }

  @Override
  public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(
      String container) {
    return super.listMultipartUploads(container).stream()
        .map(u -> u.toBuilder().key(decode(u.key())).build())
        .toList();
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    if (request.delimiter() != null && !request.delimiter().isEmpty()) {
      throw new UnsupportedOperationException("the test server lists without delimiters only");
    }
    String prefix = request.prefix() == null ? "" : request.prefix();
    List<S3Object> all = sortedListing(request.bucket(), prefix);
    String marker = request.continuationToken() != null ? request.continuationToken()
        : request.startAfter();
    int from = 0;
    if (marker != null) {
      while (from < all.size() && all.get(from).key().compareTo(marker) <= 0) {
        from++;
      }
    }
    int max = request.maxKeys() == null ? 1000 : request.maxKeys();
    int to = Math.min(all.size(), from + max);
    String next = to < all.size() && to > from ? all.get(to - 1).key() : null;
    return SdkResponses.objectsPage(all.subList(from, to), List.of(), next);
  }

  /** The decoded, sorted listing of a prefix, read again only after a write. */
  private List<S3Object> sortedListing(String bucket, String prefix) {
    long before = generation.get();
    boolean quiet = writesInFlight.get() == 0;
    Listing last = cached;
    if (quiet && last.generation() == before && last.bucket().equals(bucket)
        && last.prefix().equals(prefix)) {
      return last.objects();
    }
    ListObjectsV2Response everything = super.list(ListObjectsV2Request.builder()
        .bucket(bucket).prefix(encode(prefix)).build());
    List<S3Object> objects = new ArrayList<>();
    for (S3Object object : everything.contents()) {
      if (!IN_FLIGHT_PUT.matcher(object.key()).matches()) {
        objects.add(object.toBuilder().key(decode(object.key())).build());
      }
    }
    objects.sort(Comparator.comparing(S3Object::key));
    List<S3Object> sorted = List.copyOf(objects);
    if (quiet && writesInFlight.get() == 0 && generation.get() == before) {
      cached = new Listing(bucket, prefix, before, sorted);
    }
    return sorted;
  }
}
